import ArgumentParser
import Foundation
import RegistreFormats
import RegistreSupport
import RegistreWorkflows

/// `registre convertir`: folder ⇄ canonical XML.
struct ConvertCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "convertir",
    abstract: Typography.french("Convertit un registre : dossier YAML vers XML canonique (--sortie registre.xml), ou XML vers dossier (--sortie DOSSIER), ou tableur dans la disposition de la CNIL (--format cnil-ods ou csv)."),
    discussion: Typography.french("""
      --format cnil-ods écrit un classeur OpenDocument qui suit le modèle de registre de la CNIL       (registre-traitement-simplifie.ods, 2019) : liste des traitements, une feuille par fiche dans l'ordre des blocs       du modèle, puis des feuilles Établissement, Sous-traitants et Violations. --format csv : une ligne par traitement,       colonnes dans le même ordre. Le format se déduit aussi de l'extension de --sortie (.xml, .ods, .csv).       Un fichier existant n'est jamais écrasé. `registre importer` relit le classeur.
      """))

  @Argument(help: ArgumentHelp(Typography.french("Dossier du registre ou fichier XML canonique.")))
  var chemin: String

  @Option(name: .customLong("sortie"), help: ArgumentHelp(Typography.french("Fichier .xml, .ods ou .csv à écrire, ou dossier à créer.")))
  var sortie: String

  @Option(name: .customLong("format"), help: ArgumentHelp(Typography.french("xml, dossier, cnil-ods ou csv (sinon d'après l'extension de --sortie).")))
  var format: String?

  func validate() throws {
    if let format, !["xml", "dossier"].contains(format), SpreadsheetExportWorkflow.Kind(rawValue: format) == nil {
      throw ValidationError("--format attend xml, dossier, cnil-ods ou csv (reçu : \(format)).")
    }
  }

  func run() throws {
    let charge = try CLILoader.load(chemin)
    let destination = URL(fileURLWithPath: sortie)
    let extensionFormat = ["xml": "xml", "ods": "cnil-ods", "csv": "csv"][destination.pathExtension.lowercased()]
    let chosen = format ?? extensionFormat ?? "dossier"
    if let kind = SpreadsheetExportWorkflow.Kind(rawValue: chosen) {
      let donnees = try WorkflowExit.run { () throws(WorkflowError) in try SpreadsheetExportWorkflow.data(charge.registre, kind: kind) }
      do {
        try AtomicFile.write(donnees, to: destination, permissions: 0o640, existing: .refuse)
      } catch AtomicFileError.destinationExists {
        Console.printError("\(sortie) existe déjà : il n'est jamais écrasé.")
        throw ExitStatus.usage
      } catch {
        Console.printError("\(sortie) : écriture impossible (\(error)).")
        throw ExitStatus.usage
      }
    } else if chosen == "xml" {
      do {
        let donnees = try RegisterXML.xmlData(charge.registre)
        try AtomicFile.write(donnees, to: destination, permissions: 0o640, existing: .refuse)
      } catch AtomicFileError.destinationExists {
        Console.printError("\(sortie) existe déjà : il n'est jamais écrasé.")
        throw ExitStatus.usage
      } catch {
        Console.printError("\(sortie) : écriture impossible (\(error)).")
        throw ExitStatus.usage
      }
    } else {
      do {
        try RegisterWriter.writeFolder(charge.registre, dans: destination)
      } catch .fichierExistant(let fichier) {
        Console.printError("\(sortie)/\(fichier) existe déjà : rien n'a été écrit.")
        throw ExitStatus.usage
      } catch {
        Console.printError("\(sortie) : écriture impossible (\(error)).")
        throw ExitStatus.usage
      }
    }
    Console.printOutput("Écrit : \(sortie)")
  }
}

/// `registre developpeur generer`: rewrites the files derived from the format descriptor;
/// `manuel` and `completions` write the man page and the shell completions of the Debian package.
struct DeveloperCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "developpeur", abstract: Typography.french("Outils des développeurs de Registre."),
    shouldDisplay: false, subcommands: [GenerateCommand.self, ManualCommand.self, CompletionsCommand.self])

  struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "generer", abstract: Typography.french("Réécrit Schemas/registre.xsd, Schemas/registre-yaml.schema.json et docs/format.md."))

    @Option(name: .customLong("racine"), help: ArgumentHelp(Typography.french("Racine du dépôt.")))
    var racine: String = "."

    func run() throws {
      for (chemin, contenu) in DocumentationFormat.generatedFiles() {
        let url = URL(fileURLWithPath: racine).appendingPathComponent(chemin)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try AtomicFile.write(Data(contenu.utf8), to: url)
        Console.printOutput("Écrit : \(chemin)")
      }
    }
  }
}

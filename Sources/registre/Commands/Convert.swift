import ArgumentParser
import Foundation
import RegistreFormats
import RegistreSupport

/// `registre convertir`: folder ⇄ canonical XML.
struct ConvertCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "convertir",
    abstract: Typography.french("Convertit un registre : dossier YAML vers XML canonique (--sortie registre.xml), ou XML vers dossier (--sortie DOSSIER)."))

  @Argument(help: ArgumentHelp(Typography.french("Dossier du registre ou fichier XML canonique.")))
  var chemin: String

  @Option(name: .customLong("sortie"), help: ArgumentHelp(Typography.french("Fichier .xml à écrire, ou dossier à créer.")))
  var sortie: String

  func run() throws {
    let charge = try CLILoader.load(chemin)
    let destination = URL(fileURLWithPath: sortie)
    if destination.pathExtension.lowercased() == "xml" {
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

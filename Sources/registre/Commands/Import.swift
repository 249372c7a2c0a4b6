import ArgumentParser
import Foundation
import RegistreImport
import RegistreWorkflows

/// `registre importer FICHIER --sortie DOSSIER [--format …] [--correspondance MAPPING.yaml]`.
struct ImportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "importer",
    abstract: Typography.french("Importe un registre existant (modèle de la CNIL, export CSV de MADIS, tout tableur) dans un nouveau dossier."),
    discussion: Typography.french("""
      Formats : cnil-ods (le modèle « registre-traitement-simplifie.ods » de la CNIL, juillet 2019, et les exports \
      de Registre), madis-csv (l'export CSV des traitements de MADIS), tableur (.ods, .xlsx ou .csv, une ligne par \
      traitement, avec --correspondance). Sans --format, le format est reconnu au contenu.
      Rien n'est inventé : une valeur absente ou que l'import ne sait pas traduire devient « À COMPLÉTER », avec le \
      texte d'origine à côté. Le rapport liste, par fiche, les champs remplis, à compléter et non compris, avec leurs \
      cellules. Les fiches importées sont des brouillons ; `registre valider DOSSIER` dit ce qui reste à compléter.
      DOSSIER ne doit pas exister : il est écrit d'un coup, jamais par-dessus un registre.
      Codes de sortie : 0 import écrit ; 2 fichier illisible, refusé (archive dangereuse, XML avec DOCTYPE, feuille \
      démesurée) ou dossier existant.
      """))

  @Argument(help: ArgumentHelp(Typography.french("Fichier à importer (.ods, .xlsx, .csv)."), valueName: "fichier"))
  var fichier: String?

  @Option(name: .customLong("sortie"), help: ArgumentHelp(Typography.french("Dossier du registre à créer (ne doit pas exister)."), valueName: "dossier"))
  var sortie: String?

  @Option(name: .customLong("format"), help: ArgumentHelp(Typography.french("cnil-ods, madis-csv ou tableur (reconnu au contenu sinon).")))
  var format: String?

  @Option(name: .customLong("correspondance"), help: ArgumentHelp(Typography.french("Correspondance colonnes → champs, pour un tableur quelconque."), valueName: "fichier.yaml"))
  var correspondance: String?

  @Option(name: .customLong("structure"), help: ArgumentHelp(Typography.french("Pour un export MADIS de plusieurs structures : celle à importer.")))
  var structure: String?

  @Flag(name: .customLong("modele-correspondance"), help: ArgumentHelp(Typography.french("Affiche une correspondance commentée à adapter, puis s'arrête.")))
  var modeleCorrespondance = false

  func validate() throws {
    if modeleCorrespondance { return }
    guard fichier != nil else { throw ValidationError("indiquez le fichier à importer.") }
    guard sortie != nil else { throw ValidationError("--sortie DOSSIER est obligatoire (un nouveau dossier).") }
    if let format, ImportFormat(rawValue: format) == nil {
      throw ValidationError("--format attend cnil-ods, madis-csv ou tableur (reçu : \(format)).")
    }
  }

  func run() throws {
    if modeleCorrespondance {
      Console.printOutput(ColumnMapping.template)
      return
    }
    guard let fichier, let sortie else { throw ExitStatus.usage }
    let outcome = try WorkflowExit.run { () throws(WorkflowError) in
      try ImportWorkflow.run(
        input: URL(fileURLWithPath: fichier), output: URL(fileURLWithPath: sortie),
        format: format.flatMap(ImportFormat.init(rawValue:)), mapping: correspondance.map { URL(fileURLWithPath: $0) },
        structure: structure, progress: TerminalProgress.report)
    }
    Console.printOutput(outcome.report.text)
    Console.printOutput("")
    Console.printOutput("Écrit : \(sortie) (\(outcome.files.count) fichier(s)). Suite : registre valider \(sortie)")
  }
}

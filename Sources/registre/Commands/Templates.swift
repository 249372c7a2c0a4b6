import ArgumentParser
import Foundation
import RegistreWorkflows
import RegistreDocuments

/// `registre modeles exporter DOSSIER`: a copy of the built-in templates for a
/// school to adapt (logo, wording), then used with `--modeles DOSSIER`.
struct TemplatesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "modeles",
    abstract: Typography.french("Modèles XSLT des documents (registre, notices, rapport d'audit)."),
    subcommands: [ExportCommand.self],
    aliases: ["modèles"])

  struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "exporter",
      abstract: Typography.french("Copie les modèles intégrés dans DOSSIER (nouveau ou vide), pour les adapter puis les utiliser avec --modeles DOSSIER."))

    @Argument(help: ArgumentHelp(Typography.french("Dossier à créer (ou dossier vide).")))
    var dossier: String

    func run() throws {
      let integres = try WorkflowExit.run { () throws(WorkflowError) in try DocumentWorkflow.templates(nil) }
      do {
        let fichiers = try integres.export(to: URL(fileURLWithPath: dossier, isDirectory: true))
        Console.printOutput("\(fichiers.count) fichiers copiés dans \(dossier).")
      } catch {
        Console.printError(error.message)
        throw ExitStatus.usage
      }
    }
  }
}

import ArgumentParser
import Foundation
import RegistreFormats

/// `registre valider CHEMIN`: checks a register folder or XML file.
struct ValidateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "valider",
    abstract: "Vérifie un registre (dossier YAML ou fichier XML) : schéma, types, références, valeurs à compléter.",
    discussion: """
      Chaque problème est signalé avec son fichier, sa ligne, sa colonne, le champ et ce qui était attendu.
      Codes de sortie : 0 registre valide ; 1 registre invalide ; 2 usage incorrect ou chemin illisible.
      """
  )

  @Argument(help: "Dossier du registre ou fichier XML canonique.")
  var chemin: String

  func run() throws {
    let url = URL(fileURLWithPath: chemin)
    guard FileManager.default.fileExists(atPath: url.path) else {
      Console.printError("\(chemin) : chemin introuvable (attendu : un dossier de registre ou un fichier XML).")
      throw ExitStatus.usage
    }
    do {
      let charge = try RegisterLoading.load(url)
      let r = charge.registre
      Console.printOutput(
        "Registre valide : \(r.etablissement.nom) (\(r.etablissement.uai)), \(r.traitements.count) traitement(s), "
          + "\(r.sousTraitants.count) sous-traitant(s), \(r.violations.count) violation(s).")
    } catch {
      CLILoader.printDiagnostics(error.diagnostics, racine: chemin)
      Console.printError("Registre invalide : \(error.diagnostics.count) problème(s).")
      throw ExitStatus.problemes
    }
  }
}

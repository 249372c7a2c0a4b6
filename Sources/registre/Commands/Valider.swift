import ArgumentParser
import Foundation
import RegistreFormats

/// `registre valider CHEMIN`: checks a register folder or XML file.
struct Valider: ParsableCommand {
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
      Console.erreur("\(chemin) : chemin introuvable (attendu : un dossier de registre ou un fichier XML).")
      throw CodeSortie.usage
    }
    do {
      let charge = try ChargementRegistre.charger(url)
      let r = charge.registre
      Console.sortie(
        "Registre valide : \(r.etablissement.nom) (\(r.etablissement.uai)), \(r.traitements.count) traitement(s), "
          + "\(r.sousTraitants.count) sous-traitant(s), \(r.violations.count) violation(s).")
    } catch {
      ChargeurCLI.afficher(error.diagnostics, racine: chemin)
      Console.erreur("Registre invalide : \(error.diagnostics.count) problème(s).")
      throw CodeSortie.problemes
    }
  }
}

import ArgumentParser
import Foundation
import RegistreFormats
import RegistreWorkflows

/// `registre valider CHEMIN`: checks a register folder or XML file.
struct ValidateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "valider",
    abstract: Typography.french("Vérifie un registre (dossier YAML ou fichier XML) : schéma, types, références, valeurs à compléter."),
    discussion: Typography.french("""
      Chaque problème est signalé avec son fichier, sa ligne, sa colonne, le champ et ce qui était attendu.
      Un registre valide peut encore donner des notices qui diraient « non précisé au registre » : chaque fiche
      incomplète pour les notices (finalité, base légale, destinataires, durées, origine des données…) est listée
      après la ligne « Registre valide », comme le fait `registre audit` (règle notice-incomplete).
      La lettre clé du code UAI est vérifiée (avertissement si elle ne correspond pas à ses chiffres). Un registre
      invalide se termine par ce qui reste « À COMPLÉTER », compté par fichier.
      Codes de sortie : 0 registre valide ; 1 registre invalide ; 2 usage incorrect ou chemin illisible.
      """)
  )

  @Argument(help: ArgumentHelp(Typography.french("Dossier du registre ou fichier XML canonique.")))
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
      if let warning = ValidationWorkflow.uaiWarning(r) { Console.printOutput(warning) }
      let gaps = ValidationWorkflow.noticeGaps(charge)
      if !gaps.isEmpty {
        Console.printOutput(
          "Notices : \(gaps.count) fiche(s) incomplète(s) pour les notices (art. 13 et 14 RGPD) ; "
            + "`registre audit` les signale aussi.")
        for gap in gaps { Console.printOutput(gap.line) }
      }
    } catch {
      CLILoader.printDiagnostics(error.diagnostics, racine: chemin)
      let remaining = ValidationWorkflow.remainingToComplete(error.diagnostics)
      if !remaining.isEmpty {
        Console.printError(
          "Reste à compléter : " + remaining.map { "\($0.file) (\($0.count))" }.joined(separator: ", ") + ".")
      }
      Console.printError("Registre invalide : \(error.diagnostics.count) problème(s).")
      throw ExitStatus.problemes
    }
  }
}

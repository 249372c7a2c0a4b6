import ArgumentParser
import Foundation
import RegistreWorkflows

/// `registre demo`: the main job on the bundled demo register.
struct Demo: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "demo",
    abstract: Typography.french("Copie le registre de démonstration (un lycée fictif) et lui applique le travail principal."),
    discussion: Typography.french("""
      Le registre est copié dans DOSSIER/registre/ ; à côté sont écrits le rapport d'audit (texte, JSON, SARIF), \
      le registre, les notices et le rapport d'audit en PDF/A, signés PAdES avec un certificat de démonstration \
      jetable (créé en mémoire, sa clé n'est jamais écrite), et le certificat de l'autorité de démonstration \
      (ac-demonstration.pem) pour vérifier les signatures avec « registre verifier --ac ». \
      Un dossier produit par une démonstration précédente est remplacé ; tout autre dossier existant est refusé.
      """))

  @Option(name: .customLong("sortie"), help: ArgumentHelp(Typography.french("Dossier de sortie (par défaut : ./demo).")))
  var sortie: String = "demo"

  @Option(name: .customLong("date"), help: ArgumentHelp(Typography.french("Date de l'audit, AAAA-MM-JJ (par défaut : aujourd'hui).")))
  var date: String?

  func run() async throws {
    let destination = URL(fileURLWithPath: sortie).standardizedFileURL
    let demo = try await WorkflowExit.run { () async throws(WorkflowError) in
      try await DemoWorkflow.run(into: destination, date: try RegisterInput.day(date))
    }
    let r = demo.audit.registre
    let rapport = demo.audit.report
    Console.printOutput("1. Validation du registre")
    Console.printOutput(
      "   \(r.etablissement.nom) (\(r.etablissement.uai)) : \(r.traitements.count) traitements, "
        + "\(r.sousTraitants.count) sous-traitants, \(r.violations.count) violations — registre valide.")
    Console.printOutput("2. Audit")
    Console.printOutput(
      "   \(rapport.count(.erreur)) erreur(s), \(rapport.count(.avertissement)) avertissement(s), "
        + "\(rapport.count(.note)) note(s) — voir \(demo.reportFiles.joined(separator: ", ")).")
    Console.printOutput("3. Documents PDF/A, signés PAdES (certificat de DÉMONSTRATION)")
    Console.printOutput("4. Vérification des signatures")
    for nom in demo.documents {
      Console.printOutput("   \(nom) : signature valide et de confiance, document intact")
    }
    Console.printOutput("Terminé : \(sortie)/")
    Console.printOutput("")
    Console.printOutput("À ouvrir : \(sortie)/registre.pdf (le registre), \(sortie)/rapport-audit.pdf (l'audit), "
      + "\(sortie)/notice-familles.pdf (la notice aux familles) ; le registre lui-même est dans \(sortie)/registre/.")
    Console.printOutput("Dans un navigateur : registre serveur \(sortie)/registre   (le même registre, en application web locale)")
    Console.printOutput("Ensuite, pour votre établissement :")
    Console.printOutput("  registre init MON-REGISTRE --nom \"Collège …\" --uai <UAI>       (crée le registre depuis le catalogue)")
    Console.printOutput("  registre valider MON-REGISTRE                                (dit ce qui reste à compléter)")
    Console.printOutput("  registre audit MON-REGISTRE                                  (l'avis d'un DPD sur le registre)")
  }
}

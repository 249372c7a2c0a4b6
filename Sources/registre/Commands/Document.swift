import ArgumentParser
import Foundation
import RegistreWorkflows

/// `registre document CHEMIN --sortie FICHIER.pdf`: the register as PDF/A-3b.
struct Document: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "document",
    abstract: Typography.french("Produit le registre en PDF/A-3 (avec son XML canonique en pièce jointe)."),
    discussion: Typography.french("""
      Le PDF contient : page de garde, synthèse, une fiche par traitement, annexe des sous-traitants,
      registre des violations et bloc de signature. Il faut Apache FOP (paquet Debian « fop »).
      Avec SOURCE_DATE_EPOCH, la date du document est fixée et le PDF est reproductible.
      """))

  @Argument(help: ArgumentHelp(Typography.french("Dossier du registre ou fichier XML canonique.")))
  var chemin: String

  @Option(name: .customLong("sortie"), help: ArgumentHelp(Typography.french("Fichier PDF à écrire (refusé s'il existe, sauf avec --remplacer).")))
  var sortie: String

  @Flag(name: .customLong("remplacer"), help: ArgumentHelp(Typography.french("Remplace le fichier de --sortie s'il existe déjà.")))
  var replace = false

  @Option(name: [.customLong("modeles"), .customLong("modèles")], help: ArgumentHelp(Typography.french("Dossier de modèles de l'établissement (voir « registre modeles exporter »).")))
  var modeles: String?

  @OptionGroup(title: "Signature (facultative)") var signature: CLISigningOptions

  func run() async throws {
    // Checked first: nothing is loaded or rendered for an output that would be refused.
    try ExistingOutput.check(sortie, replace: replace)
    let identite = try signature.documentIdentity()
    let resultat = try await WorkflowExit.run(modeles: modeles) { () async throws(WorkflowError) in
      try await DocumentWorkflow.register(
        at: chemin, output: URL(fileURLWithPath: sortie),
        settings: DocumentsCLI.settings(modeles: modeles, signature: identite, replace: replace))
    }
    try DocumentsCLI.report(resultat)
  }
}

import ArgumentParser
import Foundation
import RegistreDocuments

/// `registre document CHEMIN --sortie FICHIER.pdf`: the register as PDF/A-3b.
struct Document: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "document",
    abstract: "Produit le registre en PDF/A-3 (avec son XML canonique en pièce jointe).",
    discussion: """
      Le PDF contient : page de garde, synthèse, une fiche par traitement, annexe des sous-traitants,
      registre des violations et bloc de signature. Il faut Apache FOP (paquet Debian « fop »).
      Avec SOURCE_DATE_EPOCH, la date du document est fixée et le PDF est reproductible.
      """)

  @Argument(help: "Dossier du registre ou fichier XML canonique.")
  var chemin: String

  @Option(name: .customLong("sortie"), help: "Fichier PDF à écrire (refusé s'il existe, sauf avec --remplacer).")
  var sortie: String

  @Flag(name: .customLong("remplacer"), help: "Remplace le fichier de --sortie s'il existe déjà.")
  var remplacer = false

  @Option(name: [.customLong("modeles"), .customLong("modèles")], help: "Dossier de modèles de l'établissement (voir « registre modeles exporter »).")
  var modeles: String?

  @OptionGroup(title: "Signature (facultative)") var signature: OptionsSignature

  func run() throws {
    // Checked first: nothing is loaded or rendered for an output that would be refused.
    try SortieExistante.verifier(sortie, remplacer: remplacer)
    let (charge, incompletes) = try ChargeurCLI.chargerPourDocument(chemin)
    let bibliotheque = try DocumentsCLI.modeles(modeles)
    let xml = try DocumentsCLI.xmlCanonique(charge)
    try DocumentsCLI.produire(
      [DocumentJob(kind: .register, output: URL(fileURLWithPath: sortie), replacesExisting: remplacer)], entree: xml,
      pipeline: DocumentsCLI.pipeline(bibliotheque, signature: DocumentsCLI.Signature.depuis(signature)))
    if !incompletes.isEmpty { throw CodeSortie.problemes }
  }
}

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

  @Option(name: .customLong("sortie"), help: "Fichier PDF à écrire (remplacé s'il existe).")
  var sortie: String

  @Option(name: [.customLong("modeles"), .customLong("modèles")], help: "Dossier de modèles de l'établissement (voir « registre modeles exporter »).")
  var modeles: String?

  @OptionGroup(title: "Signature (facultative)") var signature: CLISigningOptions

  func run() throws {
    let charge = try CLILoader.load(chemin)
    let bibliotheque = try DocumentsCLI.templateLibrary(modeles)
    let xml = try DocumentsCLI.xmlCanonique(charge)
    try DocumentsCLI.produce(
      [DocumentJob(kind: .register, output: URL(fileURLWithPath: sortie))], entree: xml,
      pipeline: DocumentsCLI.pipeline(bibliotheque, signature: DocumentsCLI.Signature.from(signature)))
  }
}

import Foundation
import RegistreEvaluation
import RegistreModel
import Testing

/// The five shipped sheets get the verdict a DPD would give, for the right reasons.
@Suite struct Examples {
  @Test func adoptableGARResource() throws {
    let e = F.evaluate(try F.example("ressource-gar.yaml"))
    #expect(e.verdict == .adoptable)
    #expect(e.reasons.isEmpty && e.conditions.isEmpty)
    #expect(e.notesCodes.isSuperset(of: ["gar-responsable-ministre", "gar-identifiant-pseudonyme", "gar-contrat", "gar-information"]))
    #expect(e.draftEntry.responsable.type == .ministere)
  }

  @Test func appWithVendorAccountsHostedInTheEU() throws {
    let e = F.evaluate(try F.example("appli-comptes-editeur-ue.yaml"))
    #expect(e.verdict == .adoptableSousConditions)
    #expect(e.reasons.isEmpty)
    #expect(
      e.conditionsCodes.isSuperset(of: [
        "contrat-art28-a-signer", "aipd", "informer-personnes", "conseil-administration", "preferer-sso",
        "sans-comptes-eleves",
      ]))
    // Hosted in Germany by an EU company: nothing to say about transfers.
    #expect(!e.codes.contains { $0.contains("transfert") || $0.contains("doctrine") })
    #expect(e.dpia.required)
  }

  @Test func dpfCertifiedAmericanTool() throws {
    let e = F.evaluate(try F.example("outil-americain-dpf.yaml"))
    #expect(e.verdict == .adoptableSousConditions)
    #expect(e.reasons.isEmpty)
    // Lawful under the DPF, against the ministry's doctrine: two separate items.
    let legal = try #require(e.notes.first { $0.code == "transfert-dpf" })
    let doctrine = try #require(e.conditions.first { $0.code == "doctrine-cloud-extra-europeen" })
    #expect(legal.basis == .law && doctrine.basis == .doctrine)
    #expect(legal.reference.contains("2023/1795"))
    #expect(e.conditionsCodes.contains("contrat-art28-a-signer"))
    #expect(e.draftEntry.transferts.first?.garantie == .dpf)
  }

  @Test func freeAppFundedByAdvertising() throws {
    let e = F.evaluate(try F.example("appli-gratuite-publicite.yaml"))
    #expect(e.verdict == .aProscrire)
    #expect(
      e.raisons.isSuperset(of: [
        "publicite-eleves", "profilage-commercial-eleves", "traceurs-publicitaires-eleves",
        "reutilisation-donnees-eleves", "aucun-contrat", "age-minimum-cgu", "flux-non-chiffre",
      ]))
    #expect(e.reasons.allSatisfy { !$0.reference.isEmpty })
  }

  @Test func consumerGenerativeAITool() throws {
    let e = F.evaluate(try F.example("ia-generative.yaml"))
    #expect(e.verdict == .aProscrire)
    #expect(
      e.raisons.isSuperset(of: ["ia-generative-grand-public-comptes-eleves", "reutilisation-donnees-eleves", "aucun-contrat"]))
    let ia = try #require(e.reasons.first { $0.code == "ia-generative-grand-public-comptes-eleves" })
    #expect(ia.reference.contains("cadre d'usage de l'IA"))
    let reutilisation = try #require(e.reasons.first { $0.code == "reutilisation-donnees-eleves" })
    #expect(reutilisation.message.contains("entraînement de modèles d'IA"))
  }

  /// Every shipped sheet reads without diagnostics.
  @Test(arguments: [
    "ressource-gar.yaml", "appli-comptes-editeur-ue.yaml", "outil-americain-dpf.yaml",
    "appli-gratuite-publicite.yaml", "ia-generative.yaml",
  ])
  func everyExampleReads(nom: String) throws {
    let fiche = try F.example(nom)
    #expect(!fiche.nom.isEmpty)
  }
}

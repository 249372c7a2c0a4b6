import Foundation
import RegistreEvaluation
import RegistreModel
import Testing

/// Each blocking reason and condition, shown present when its fact holds and
/// absent when it does not.
@Suite struct EvaluationRules {
  @Test func theCleanSheetKeepsOnlyTheFormalities() {
    let e = F.evaluate(F.clean())
    #expect(e.verdict == .adoptableSousConditions)
    #expect(e.reasons.isEmpty)
    #expect(e.conditionsCodes == ["inscrire-au-registre", "informer-personnes", "conseil-administration", "mfa-administrateurs"])
    #expect(e.conditions.allSatisfy { !$0.reference.isEmpty })
  }

  @Test func advertising() {
    var f = F.clean()
    f.publicite = true
    #expect(F.evaluate(f).raisons.contains("publicite-eleves"))
    #expect(F.evaluate(f).verdict == .aProscrire)
    f.publicite = nil
    #expect(F.evaluate(f).conditionsCodes.contains("publicite-inconnue"))
    #expect(!F.evaluate(f).raisons.contains("publicite-eleves"))
    f.publicite = true
    f.utilisateurs?.eleves = false
    #expect(F.evaluate(f).conditionsCodes.contains("publicite"))
    #expect(F.evaluate(f).reasons.isEmpty)
  }

  @Test func commercialProfiling() {
    var f = F.clean()
    f.profilageCommercial = true
    #expect(F.evaluate(f).raisons.contains("profilage-commercial-eleves"))
    f.profilageCommercial = false
    #expect(F.evaluate(f).reasons.isEmpty)
  }

  @Test func trackers() {
    var f = F.clean()
    f.traceurs = [.publicitaires]
    #expect(F.evaluate(f).raisons.contains("traceurs-publicitaires-eleves"))
    f.traceurs = [.mesureAudience]
    #expect(F.evaluate(f).conditionsCodes.contains("mesure-audience"))
    #expect(F.evaluate(f).reasons.isEmpty)
    f.traceurs = [.mesureAudienceExemptee]
    #expect(!F.evaluate(f).codes.contains { $0.contains("traceur") || $0.contains("audience") })
    f.traceurs = []
    #expect(F.evaluate(f).conditionsCodes.contains("traceurs-inconnus"))
  }

  @Test(arguments: [DataReuse.entrainementIA, .commerciale, .revente, .ameliorationProduit])
  func reuseForTheVendorBlocks(_ r: DataReuse) {
    var f = F.clean()
    f.reutilisationDonnees = [r]
    let e = F.evaluate(f)
    #expect(e.raisons.contains("reutilisation-donnees-eleves"))
    #expect(e.verdict == .aProscrire)
  }

  @Test func anonymousOrUnknownReuse() {
    var f = F.clean()
    f.reutilisationDonnees = [.statistiquesAnonymes]
    #expect(F.evaluate(f).reasons.isEmpty)
    f.reutilisationDonnees = []
    #expect(F.evaluate(f).conditionsCodes.contains("reutilisation-inconnue"))
  }

  @Test func transferOutsideTheEU() {
    var f = F.clean()
    f.hebergement = Hosting(pays: "US")
    f.certificationDPF = false
    f.garantieTransfert = .aucune
    #expect(F.evaluate(f).raisons.contains("transfert-sans-garantie"))
    f.garantieTransfert = .cct
    #expect(F.evaluate(f).reasons.isEmpty)
    #expect(F.evaluate(f).notesCodes.contains("transfert-garantie"))
    f.garantieTransfert = nil
    f.certificationDPF = nil
    #expect(F.evaluate(f).conditionsCodes.contains("garantie-transfert-inconnue"))
    f.certificationDPF = true
    let e = F.evaluate(f)
    #expect(e.notesCodes.contains("transfert-dpf"))
    #expect(e.conditionsCodes.contains("doctrine-cloud-extra-europeen"))
    #expect(e.reasons.isEmpty)
    f.hebergement = Hosting(pays: "CH")
    f.certificationDPF = nil
    #expect(F.evaluate(f).notesCodes.contains("transfert-adequation"))
    #expect(!F.evaluate(f).codes.contains("doctrine-cloud-extra-europeen"))
  }

  @Test func subProcessorOutsideTheEU() {
    var f = F.clean()
    f.sousTraitantsUlterieurs = [SubProcessor(nom: "Envoi Mail Inc.", pays: "US")]
    #expect(F.evaluate(f).conditionsCodes.contains("garantie-sous-traitant-ulterieur"))
    f.garantieTransfert = .aucune
    #expect(F.evaluate(f).raisons.contains("transfert-sans-garantie"))
    f.garantieTransfert = .cct
    #expect(!F.evaluate(f).codes.contains { $0.contains("transfert") || $0.contains("ulterieur") })
  }

  @Test func unknownHostingIsACondition() {
    var f = F.clean()
    f.hebergement = nil
    let e = F.evaluate(f)
    let item = try? #require(e.conditions.first { $0.code == "hebergement-inconnu" })
    #expect(item?.message.hasPrefix("Hébergement inconnu : à obtenir de l'éditeur") == true)
    #expect(e.verdict != .adoptable)
  }

  @Test func foreignLawAndDoctrineAreTwoItems() {
    var f = F.clean()
    f.soumisDroitExtraEuropeen = true
    let e = F.evaluate(f)
    #expect(e.conditions.first { $0.code == "droit-extra-europeen" }?.basis == .law)
    #expect(e.conditions.first { $0.code == "doctrine-cloud-extra-europeen" }?.basis == .doctrine)
    f.soumisDroitExtraEuropeen = nil
    #expect(F.evaluate(f).conditionsCodes.contains("droit-extra-europeen-inconnu"))
    f.soumisDroitExtraEuropeen = false
    #expect(!F.evaluate(f).codes.contains { $0.contains("extra-europeen") })
  }

  @Test func contract() {
    var f = F.clean()
    f.contratArt28 = .aucun
    #expect(F.evaluate(f).raisons.contains("aucun-contrat"))
    f.contratArt28 = .propose
    #expect(F.evaluate(f).conditionsCodes.contains("contrat-art28-a-signer"))
    f.contratArt28 = .inconnu
    #expect(F.evaluate(f).conditionsCodes.contains("contrat-inconnu"))
    f.contratArt28 = nil
    #expect(F.evaluate(f).conditionsCodes.contains("contrat-inconnu"))
    f.contratArt28 = .signe
    #expect(!F.evaluate(f).conditionsCodes.contains { $0.hasPrefix("contrat") })
  }

  @Test func ageMinimum() {
    var f = F.clean()
    f.ageMinimumCGU = 13
    #expect(F.evaluate(f).raisons.contains("age-minimum-cgu"))
    f.utilisateurs?.ageElevesMinimum = 13
    #expect(F.evaluate(f).reasons.isEmpty)
    f.utilisateurs?.ageElevesMinimum = nil
    #expect(F.evaluate(f).conditionsCodes.contains("age-eleves-inconnu"))
    f.ageMinimumCGU = nil
    #expect(F.evaluate(f).conditionsCodes.contains("age-minimum-inconnu"))
  }

  @Test func emotionRecognition() {
    var f = F.clean()
    f.fonctionnalitesIA = [.reconnaissanceEmotions]
    let e = F.evaluate(f)
    #expect(e.raisons.contains("reconnaissance-emotions"))
    #expect(e.reasons.first?.reference.contains("art. 5.1.f") == true)
  }

  @Test func consumerGenerativeAI() {
    var f = F.clean()
    f.fonctionnalitesIA = [.generative]
    f.grandPublic = true
    f.utilisateurs?.comptesEleves = true
    #expect(F.evaluate(f).raisons.contains("ia-generative-grand-public-comptes-eleves"))
    f.utilisateurs?.comptesEleves = false
    let sansCompte = F.evaluate(f)
    #expect(sansCompte.reasons.isEmpty)
    #expect(sansCompte.conditionsCodes.contains("ia-generative-usage"))
    #expect(sansCompte.conditions.first { $0.code == "ia-generative-usage" }?.message.contains("4e") == true)
    f.utilisateurs?.comptesEleves = nil
    #expect(F.evaluate(f).conditionsCodes.contains("comptes-eleves-inconnu"))
  }

  @Test func highRiskAI() {
    var f = F.clean()
    f.fonctionnalitesIA = [.evaluationAcquis]
    let e = F.evaluate(f)
    #expect(e.conditionsCodes.contains("ia-haut-risque"))
    #expect(e.conditionsCodes.contains("aipd"))
    #expect(e.reasons.isEmpty)
  }

  @Test func dpiaByTheAuditScreening() {
    var f = F.clean()
    #expect(!F.evaluate(f).conditionsCodes.contains("aipd"))
    f.fonctionnalitesIA = [.parcoursAdaptatif]
    let e = F.evaluate(f)
    #expect(e.dpia.required)
    #expect(e.conditions.first { $0.code == "aipd" }?.message.contains("critère 7") == true)
    #expect(e.draftEntry.aipd?.statut == .requise)
  }

  @Test func boardOfGovernorsAndInformation() {
    var f = F.clean()
    #expect(F.evaluate(f).conditionsCodes.isSuperset(of: ["conseil-administration", "informer-personnes"]))
    f.utilisateurs?.eleves = false
    #expect(!F.evaluate(f).conditionsCodes.contains("conseil-administration"))
    #expect(F.evaluate(f).conditionsCodes.contains("informer-personnes"))
  }

  @Test func authentication() {
    var f = F.clean()
    f.authentification = [.comptesEditeur]
    #expect(F.evaluate(f).conditionsCodes.contains("preferer-sso"))
    f.authentification = []
    #expect(F.evaluate(f).conditionsCodes.contains("authentification-inconnue"))
    f.authentification = [.ssoENT]
    f.utilisateurs?.comptesEleves = true
    #expect(F.evaluate(f).conditionsCodes.contains("sans-comptes-eleves"))
    f.mfaAdministrateurs = false
    #expect(F.evaluate(f).conditionsCodes.contains("mfa-indisponible"))
    f.mfaAdministrateurs = nil
    #expect(F.evaluate(f).conditionsCodes.contains("mfa-inconnue"))
    f.authentification = [.sansCompte]
    #expect(!F.evaluate(f).conditionsCodes.contains { $0.hasPrefix("mfa") })
  }

  @Test func lifecycle() {
    var f = F.clean()
    f.conservation = nil
    f.exportSuppression = nil
    let e = F.evaluate(f)
    #expect(e.conditionsCodes.isSuperset(of: ["conservation-inconnue", "export-suppression-inconnu"]))
    #expect(e.draftEntry.aConfirmer.contains { $0.contains("Durée de conservation inconnue") })
    f.exportSuppression = false
    #expect(F.evaluate(f).conditionsCodes.contains("export-suppression"))
  }

  @Test func institutionalSolutionAndConsumerTool() {
    var f = F.clean()
    #expect(F.evaluate(f).notes.first { $0.code == "solution-institutionnelle" }?.basis == .doctrine)
    #expect(!F.evaluate(f).conditionsCodes.contains("outil-grand-public"))
    f.grandPublic = true
    #expect(F.evaluate(f).conditionsCodes.contains("outil-grand-public"))
    f.authentification = [.gar]
    #expect(!F.evaluate(f).codes.contains("solution-institutionnelle"))
  }

  @Test func otherConditions() {
    var f = F.clean()
    f.traceurs = [.reseauxSociaux]
    #expect(F.evaluate(f).conditionsCodes.contains("traceurs-reseaux-sociaux"))
    f.traceurs = [.aucun]
    f.authentification = [.ssoENT, .comptesGrandPublic]
    #expect(F.evaluate(f).conditionsCodes.contains("comptes-grand-public-eleves"))
    f.utilisateurs?.eleves = false
    #expect(!F.evaluate(f).conditionsCodes.contains("comptes-grand-public-eleves"))
    f.fonctionnalitesIA = [.generative]
    #expect(F.evaluate(f).conditionsCodes.contains("ia-generative-donnees"))
    f = F.clean()
    f.pointsAcces = ["ftp://lire.example"]
    #expect(F.evaluate(f).conditionsCodes.contains("point-acces-invalide"))
    f.pointsAcces = []
    #expect(F.evaluate(f, probes: []).conditionsCodes.contains("points-acces-inconnus"))
    #expect(!F.evaluate(f).conditionsCodes.contains("points-acces-inconnus"))
  }

  @Test func plainHTTPEndpoint() {
    var f = F.clean()
    f.pointsAcces = ["http://lire.example"]
    #expect(F.evaluate(f).raisons.contains("flux-non-chiffre"))
    f.pointsAcces = ["https://lire.example"]
    #expect(!F.evaluate(f).raisons.contains("flux-non-chiffre"))
  }

  @Test func garResource() {
    var f = F.clean()
    f.authentification = [.gar]
    f.contratArt28 = nil
    f.conservation = nil
    let e = F.evaluate(f)
    #expect(e.verdict == .adoptable)
    #expect(!e.conditionsCodes.contains { $0.hasPrefix("contrat") || $0 == "informer-personnes" })
    // A vendor account beside the GAR: no longer a GAR-only resource.
    f.authentification = [.gar, .comptesEditeur]
    let mixte = F.evaluate(f)
    #expect(!mixte.notesCodes.contains("gar-contrat"))
    #expect(mixte.conditionsCodes.contains("contrat-inconnu"))
  }

  /// An almost empty sheet is never silently fine.
  @Test func aMinimalSheetIsNeverAdoptable() {
    let f = ToolSheet(nom: "Inconnu", editeur: "Éditeur", finalite: "Usage")
    let e = F.evaluate(f)
    #expect(e.verdict == .adoptableSousConditions)
    #expect(
      e.conditionsCodes.isSuperset(of: [
        "hebergement-inconnu", "contrat-inconnu", "reutilisation-inconnue", "traceurs-inconnus",
        "donnees-inconnues", "authentification-inconnue", "droit-extra-europeen-inconnu",
      ]))
  }
}

import Foundation
import RegistreEvaluation
import RegistreModel
import Testing

/// Each blocking reason and condition, shown present when its fact holds and
/// absent when it does not.
@Suite struct ReglesDEvaluation {
  @Test func laFichePropreNeGardeQueLesFormalites() {
    let e = F.evaluer(F.propre())
    #expect(e.verdict == .adoptableSousConditions)
    #expect(e.reasons.isEmpty)
    #expect(e.conditionsCodes == ["inscrire-au-registre", "informer-personnes", "conseil-administration", "mfa-administrateurs"])
    #expect(e.conditions.allSatisfy { !$0.reference.isEmpty })
  }

  @Test func publicite() {
    var f = F.propre()
    f.publicite = true
    #expect(F.evaluer(f).raisons.contains("publicite-eleves"))
    #expect(F.evaluer(f).verdict == .aProscrire)
    f.publicite = nil
    #expect(F.evaluer(f).conditionsCodes.contains("publicite-inconnue"))
    #expect(!F.evaluer(f).raisons.contains("publicite-eleves"))
    f.publicite = true
    f.utilisateurs?.eleves = false
    #expect(F.evaluer(f).conditionsCodes.contains("publicite"))
    #expect(F.evaluer(f).reasons.isEmpty)
  }

  @Test func profilageCommercial() {
    var f = F.propre()
    f.profilageCommercial = true
    #expect(F.evaluer(f).raisons.contains("profilage-commercial-eleves"))
    f.profilageCommercial = false
    #expect(F.evaluer(f).reasons.isEmpty)
  }

  @Test func traceurs() {
    var f = F.propre()
    f.traceurs = [.publicitaires]
    #expect(F.evaluer(f).raisons.contains("traceurs-publicitaires-eleves"))
    f.traceurs = [.mesureAudience]
    #expect(F.evaluer(f).conditionsCodes.contains("mesure-audience"))
    #expect(F.evaluer(f).reasons.isEmpty)
    f.traceurs = [.mesureAudienceExemptee]
    #expect(!F.evaluer(f).codes.contains { $0.contains("traceur") || $0.contains("audience") })
    f.traceurs = []
    #expect(F.evaluer(f).conditionsCodes.contains("traceurs-inconnus"))
  }

  @Test(arguments: [ReutilisationDonnees.entrainementIA, .commerciale, .revente, .ameliorationProduit])
  func reutilisationPourLEditeurBloque(_ r: ReutilisationDonnees) {
    var f = F.propre()
    f.reutilisationDonnees = [r]
    let e = F.evaluer(f)
    #expect(e.raisons.contains("reutilisation-donnees-eleves"))
    #expect(e.verdict == .aProscrire)
  }

  @Test func reutilisationAnonymeOuInconnue() {
    var f = F.propre()
    f.reutilisationDonnees = [.statistiquesAnonymes]
    #expect(F.evaluer(f).reasons.isEmpty)
    f.reutilisationDonnees = []
    #expect(F.evaluer(f).conditionsCodes.contains("reutilisation-inconnue"))
  }

  @Test func transfertHorsUnion() {
    var f = F.propre()
    f.hebergement = Hebergement(pays: "US")
    f.certificationDPF = false
    f.garantieTransfert = .aucune
    #expect(F.evaluer(f).raisons.contains("transfert-sans-garantie"))
    f.garantieTransfert = .cct
    #expect(F.evaluer(f).reasons.isEmpty)
    #expect(F.evaluer(f).notesCodes.contains("transfert-garantie"))
    f.garantieTransfert = nil
    f.certificationDPF = nil
    #expect(F.evaluer(f).conditionsCodes.contains("garantie-transfert-inconnue"))
    f.certificationDPF = true
    let e = F.evaluer(f)
    #expect(e.notesCodes.contains("transfert-dpf"))
    #expect(e.conditionsCodes.contains("doctrine-cloud-extra-europeen"))
    #expect(e.reasons.isEmpty)
    f.hebergement = Hebergement(pays: "CH")
    f.certificationDPF = nil
    #expect(F.evaluer(f).notesCodes.contains("transfert-adequation"))
    #expect(!F.evaluer(f).codes.contains("doctrine-cloud-extra-europeen"))
  }

  @Test func sousTraitantUlterieurHorsUnion() {
    var f = F.propre()
    f.sousTraitantsUlterieurs = [SousTraitantUlterieur(nom: "Envoi Mail Inc.", pays: "US")]
    #expect(F.evaluer(f).conditionsCodes.contains("garantie-sous-traitant-ulterieur"))
    f.garantieTransfert = .aucune
    #expect(F.evaluer(f).raisons.contains("transfert-sans-garantie"))
    f.garantieTransfert = .cct
    #expect(!F.evaluer(f).codes.contains { $0.contains("transfert") || $0.contains("ulterieur") })
  }

  @Test func hebergementInconnuEstUneCondition() {
    var f = F.propre()
    f.hebergement = nil
    let e = F.evaluer(f)
    let item = try? #require(e.conditions.first { $0.code == "hebergement-inconnu" })
    #expect(item?.message.hasPrefix("Hébergement inconnu : à obtenir de l'éditeur") == true)
    #expect(e.verdict != .adoptable)
  }

  @Test func droitExtraEuropeenEtDoctrineSontDeuxElements() {
    var f = F.propre()
    f.soumisDroitExtraEuropeen = true
    let e = F.evaluer(f)
    #expect(e.conditions.first { $0.code == "droit-extra-europeen" }?.basis == .law)
    #expect(e.conditions.first { $0.code == "doctrine-cloud-extra-europeen" }?.basis == .doctrine)
    f.soumisDroitExtraEuropeen = nil
    #expect(F.evaluer(f).conditionsCodes.contains("droit-extra-europeen-inconnu"))
    f.soumisDroitExtraEuropeen = false
    #expect(!F.evaluer(f).codes.contains { $0.contains("extra-europeen") })
  }

  @Test func contrat() {
    var f = F.propre()
    f.contratArt28 = .aucun
    #expect(F.evaluer(f).raisons.contains("aucun-contrat"))
    f.contratArt28 = .propose
    #expect(F.evaluer(f).conditionsCodes.contains("contrat-art28-a-signer"))
    f.contratArt28 = .inconnu
    #expect(F.evaluer(f).conditionsCodes.contains("contrat-inconnu"))
    f.contratArt28 = nil
    #expect(F.evaluer(f).conditionsCodes.contains("contrat-inconnu"))
    f.contratArt28 = .signe
    #expect(!F.evaluer(f).conditionsCodes.contains { $0.hasPrefix("contrat") })
  }

  @Test func ageMinimum() {
    var f = F.propre()
    f.ageMinimumCGU = 13
    #expect(F.evaluer(f).raisons.contains("age-minimum-cgu"))
    f.utilisateurs?.ageElevesMinimum = 13
    #expect(F.evaluer(f).reasons.isEmpty)
    f.utilisateurs?.ageElevesMinimum = nil
    #expect(F.evaluer(f).conditionsCodes.contains("age-eleves-inconnu"))
    f.ageMinimumCGU = nil
    #expect(F.evaluer(f).conditionsCodes.contains("age-minimum-inconnu"))
  }

  @Test func reconnaissanceDesEmotions() {
    var f = F.propre()
    f.fonctionnalitesIA = [.reconnaissanceEmotions]
    let e = F.evaluer(f)
    #expect(e.raisons.contains("reconnaissance-emotions"))
    #expect(e.reasons.first?.reference.contains("art. 5.1.f") == true)
  }

  @Test func iaGenerativeGrandPublic() {
    var f = F.propre()
    f.fonctionnalitesIA = [.generative]
    f.grandPublic = true
    f.utilisateurs?.comptesEleves = true
    #expect(F.evaluer(f).raisons.contains("ia-generative-grand-public-comptes-eleves"))
    f.utilisateurs?.comptesEleves = false
    let sansCompte = F.evaluer(f)
    #expect(sansCompte.reasons.isEmpty)
    #expect(sansCompte.conditionsCodes.contains("ia-generative-usage"))
    #expect(sansCompte.conditions.first { $0.code == "ia-generative-usage" }?.message.contains("4e") == true)
    f.utilisateurs?.comptesEleves = nil
    #expect(F.evaluer(f).conditionsCodes.contains("comptes-eleves-inconnu"))
  }

  @Test func iaAHautRisque() {
    var f = F.propre()
    f.fonctionnalitesIA = [.evaluationAcquis]
    let e = F.evaluer(f)
    #expect(e.conditionsCodes.contains("ia-haut-risque"))
    #expect(e.conditionsCodes.contains("aipd"))
    #expect(e.reasons.isEmpty)
  }

  @Test func aipdParLeDepistageDeLAudit() {
    var f = F.propre()
    #expect(!F.evaluer(f).conditionsCodes.contains("aipd"))
    f.fonctionnalitesIA = [.parcoursAdaptatif]
    let e = F.evaluer(f)
    #expect(e.dpia.required)
    #expect(e.conditions.first { $0.code == "aipd" }?.message.contains("critère 7") == true)
    #expect(e.draftEntry.aipd?.statut == .requise)
  }

  @Test func conseilDAdministrationEtInformation() {
    var f = F.propre()
    #expect(F.evaluer(f).conditionsCodes.isSuperset(of: ["conseil-administration", "informer-personnes"]))
    f.utilisateurs?.eleves = false
    #expect(!F.evaluer(f).conditionsCodes.contains("conseil-administration"))
    #expect(F.evaluer(f).conditionsCodes.contains("informer-personnes"))
  }

  @Test func authentification() {
    var f = F.propre()
    f.authentification = [.comptesEditeur]
    #expect(F.evaluer(f).conditionsCodes.contains("preferer-sso"))
    f.authentification = []
    #expect(F.evaluer(f).conditionsCodes.contains("authentification-inconnue"))
    f.authentification = [.ssoENT]
    f.utilisateurs?.comptesEleves = true
    #expect(F.evaluer(f).conditionsCodes.contains("sans-comptes-eleves"))
    f.mfaAdministrateurs = false
    #expect(F.evaluer(f).conditionsCodes.contains("mfa-indisponible"))
    f.mfaAdministrateurs = nil
    #expect(F.evaluer(f).conditionsCodes.contains("mfa-inconnue"))
    f.authentification = [.sansCompte]
    #expect(!F.evaluer(f).conditionsCodes.contains { $0.hasPrefix("mfa") })
  }

  @Test func cycleDeVie() {
    var f = F.propre()
    f.conservation = nil
    f.exportSuppression = nil
    let e = F.evaluer(f)
    #expect(e.conditionsCodes.isSuperset(of: ["conservation-inconnue", "export-suppression-inconnu"]))
    #expect(e.draftEntry.aConfirmer.contains { $0.contains("Durée de conservation inconnue") })
    f.exportSuppression = false
    #expect(F.evaluer(f).conditionsCodes.contains("export-suppression"))
  }

  @Test func solutionInstitutionnelleEtOutilGrandPublic() {
    var f = F.propre()
    #expect(F.evaluer(f).notes.first { $0.code == "solution-institutionnelle" }?.basis == .doctrine)
    #expect(!F.evaluer(f).conditionsCodes.contains("outil-grand-public"))
    f.grandPublic = true
    #expect(F.evaluer(f).conditionsCodes.contains("outil-grand-public"))
    f.authentification = [.gar]
    #expect(!F.evaluer(f).codes.contains("solution-institutionnelle"))
  }

  @Test func autresConditions() {
    var f = F.propre()
    f.traceurs = [.reseauxSociaux]
    #expect(F.evaluer(f).conditionsCodes.contains("traceurs-reseaux-sociaux"))
    f.traceurs = [.aucun]
    f.authentification = [.ssoENT, .comptesGrandPublic]
    #expect(F.evaluer(f).conditionsCodes.contains("comptes-grand-public-eleves"))
    f.utilisateurs?.eleves = false
    #expect(!F.evaluer(f).conditionsCodes.contains("comptes-grand-public-eleves"))
    f.fonctionnalitesIA = [.generative]
    #expect(F.evaluer(f).conditionsCodes.contains("ia-generative-donnees"))
    f = F.propre()
    f.pointsAcces = ["ftp://lire.example"]
    #expect(F.evaluer(f).conditionsCodes.contains("point-acces-invalide"))
    f.pointsAcces = []
    #expect(F.evaluer(f, probes: []).conditionsCodes.contains("points-acces-inconnus"))
    #expect(!F.evaluer(f).conditionsCodes.contains("points-acces-inconnus"))
  }

  @Test func pointDAccesEnHTTP() {
    var f = F.propre()
    f.pointsAcces = ["http://lire.example"]
    #expect(F.evaluer(f).raisons.contains("flux-non-chiffre"))
    f.pointsAcces = ["https://lire.example"]
    #expect(!F.evaluer(f).raisons.contains("flux-non-chiffre"))
  }

  @Test func ressourceDuGAR() {
    var f = F.propre()
    f.authentification = [.gar]
    f.contratArt28 = nil
    f.conservation = nil
    let e = F.evaluer(f)
    #expect(e.verdict == .adoptable)
    #expect(!e.conditionsCodes.contains { $0.hasPrefix("contrat") || $0 == "informer-personnes" })
    // A vendor account beside the GAR: no longer a GAR-only resource.
    f.authentification = [.gar, .comptesEditeur]
    let mixte = F.evaluer(f)
    #expect(!mixte.notesCodes.contains("gar-contrat"))
    #expect(mixte.conditionsCodes.contains("contrat-inconnu"))
  }

  /// An almost empty sheet is never silently fine.
  @Test func uneFicheMinimaleNEstJamaisAdoptable() {
    let f = FicheOutil(nom: "Inconnu", editeur: "Éditeur", finalite: "Usage")
    let e = F.evaluer(f)
    #expect(e.verdict == .adoptableSousConditions)
    #expect(
      e.conditionsCodes.isSuperset(of: [
        "hebergement-inconnu", "contrat-inconnu", "reutilisation-inconnue", "traceurs-inconnus",
        "donnees-inconnues", "authentification-inconnue", "droit-extra-europeen-inconnu",
      ]))
  }
}

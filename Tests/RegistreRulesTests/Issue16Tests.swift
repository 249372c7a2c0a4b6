import RegistreModel
import Testing
@testable import RegistreRules

/// Two-way tests for the weakness classes of issue 16: each class fires, and a lawful near
/// neighbour does not.
@Suite struct Issue16Tests {
  // Class 1: one image category does not switch the consent rule off.
  @Test func consentOnCCTVOrVieScolaireFiresEvenWithImages() {
    let cctv = Fixture.register {
      $0.nom = "Vidéosurveillance des accès"
      $0.baseLegale = FondementJuridique(article6: .consentement)
      $0.donnees.append(Donnees(categorie: .image))
    }
    let vieScolaire = Fixture.register {
      $0.baseLegale = FondementJuridique(article6: .consentement)
      $0.donnees.append(Donnees(categorie: .image, description: "photo d'identité"))
    }
    let photos = Fixture.register {
      $0.nom = "Photos de la sortie scolaire"
      $0.finalitePrincipale = "Publication des photos sur le site du collège"
      $0.baseLegale = FondementJuridique(article6: .consentement)
      $0.donnees.append(Donnees(categorie: .image))
    }
    #expect(Fixture.findings("base-legale-consentement-mission", cctv).count == 1)
    #expect(Fixture.findings("base-legale-consentement-mission", vieScolaire).count == 1)
    #expect(Fixture.findings("base-legale-consentement-mission", photos).isEmpty)
  }

  // Class 2: national applications from an explicit list, on the identifying fields.
  @Test func aWordInTheNameIsNotANationalApplication() {
    let export = Fixture.register { $0.nom = "Export des notes vers LSU" }
    let atelier = Fixture.register {
      $0.nom = "Atelier Parcoursup"
      $0.logiciel = nil
    }
    let importSIECLE = Fixture.register { $0.logiciel = "Pronote (import SIECLE)" }
    for r in [export, atelier, importSIECLE] {
      #expect(Fixture.findings("responsable-incorrect", r).isEmpty)
      #expect(WrongController.application(of: r.traitements[0]) == nil)
    }
    let siecle = Fixture.register { $0.logiciel = "SIECLE" }
    #expect(Fixture.findings("responsable-incorrect", siecle).first?.message.contains("arrêté du 22 sept. 1995") == true)
  }

  @Test func ministerControllerOfALocalToolIsFlaggedAndStillScreened() {
    let local = Fixture.register {
      $0.responsable = Responsable(type: .ministere)
      $0.criteresAIPD = [.evaluationNotation]
    }
    #expect(Fixture.findings("responsable-incorrect", local).map(\.severity) == [.avertissement])
    #expect(Fixture.findings("aipd-requise-manquante", local).count == 1)
    let national = Fixture.register {
      $0.responsable = Responsable(type: .ministere)
      $0.logiciel = "SIECLE"
      $0.criteresAIPD = [.evaluationNotation]
    }
    #expect(Fixture.findings("responsable-incorrect", national).isEmpty)
    #expect(Fixture.findings("aipd-requise-manquante", national).isEmpty)
  }

  @Test func everyNationalApplicationWithAnActNamesItsDate() {
    for app in NationalApplications.all {
      if let act = app.act { #expect(act.contains("arrêté"), "\(app.label)") }
    }
  }

  // Class 3: intermediate archiving counts; « - » is no criterion.
  @Test func archivingCountsInTheRetention() {
    let sanctions = Fixture.register {
      $0.donnees.append(Donnees(categorie: .discipline, conservation: Conservation(duree: Fixture.duree("1 an"), archivageIntermediaire: Fixture.duree("5 ans"))))
    }
    let lawful = Fixture.register {
      $0.donnees.append(Donnees(categorie: .discipline, conservation: Conservation(duree: Fixture.duree("1 an"), archivageIntermediaire: Fixture.duree("1 an"))))
    }
    let logs = Fixture.register {
      $0.donnees.append(Donnees(categorie: .connexion, conservation: Conservation(duree: Fixture.duree("6 mois"), archivageIntermediaire: Fixture.duree("3 ans"))))
    }
    #expect(Fixture.findings("conservation-excessive", sanctions).count == 1)
    #expect(Fixture.findings("conservation-excessive", logs).count == 1)
    #expect(Fixture.findings("conservation-excessive", lawful).isEmpty)
  }

  @Test func aDashIsNotACriterion() {
    let dash = Fixture.register { $0.donnees[0].conservation = Conservation(critere: "-") }
    let real = Fixture.register { $0.donnees[0].conservation = Conservation(critere: "jusqu'à la fin de la scolarité") }
    #expect(Fixture.findings("conservation-non-definie", dash).count == 1)
    #expect(Fixture.findings("conservation-non-definie", real).isEmpty)
  }

  /// The model's own test (`Conservation.estDefinie`, read by documents and `evaluer`) agrees:
  /// punctuation alone or a placeholder is no criterion; a real criterion or a duration is.
  @Test(arguments: ["-", " – ", "?", "...", "[à définir]", "<à compléter>", "À COMPLÉTER : durée", "xxx", "à définir", "N.C.", "  "])
  func modelDoesNotCountAPlaceholderCriterion(criterion: String) {
    let c = Conservation(critere: criterion)
    #expect(!c.estDefinie, "« \(criterion) » compté comme critère")
    #expect(!Retention.isDefined(c))
  }

  @Test(arguments: ["jusqu'au départ de l'élève", "fin de la scolarité au collège", "3 mois", "Année N+1"])
  func modelCountsARealCriterion(criterion: String) {
    let c = Conservation(critere: criterion)
    #expect(c.estDefinie, "« \(criterion) » refusé comme critère")
    #expect(Retention.isDefined(c))
    #expect(Conservation(duree: Fixture.duree("1 an"), critere: "-").estDefinie, "une durée suffit")
    #expect(!Conservation().estDefinie)
  }

  // Class 4: a justification does not replace a notification the risk requires.
  @Test func riskyBreachNotNotifiedFiresWhateverTheJustification() {
    var r = Fixture.clean
    r.violations[0].notificationCNIL = Notification(faite: false, justification: "Incident mineur.")
    #expect(Fixture.findings("violation-non-notifiee", r).count == 1)
    r.violations[0].risque = .aucun
    #expect(Fixture.findings("violation-non-notifiee", r).isEmpty)
  }

  @Test func highRiskNotCommunicatedFiresUnlessArticle34_3Applies() {
    var r = Fixture.clean
    r.violations[0].risque = .risqueEleve
    r.violations[0].informationPersonnes = Notification(faite: false, justification: "Pour ne pas inquiéter.")
    #expect(Fixture.findings("violation-non-notifiee", r).count == 1)
    r.violations[0].donneesChiffrees = true
    #expect(Fixture.findings("violation-non-notifiee", r).isEmpty)
  }

  // Class 5: CCTV in the screening; the legal cap cannot be accepted away.
  @Test func cctvOfPupilsNeedsADPIA() {
    let cctv = Fixture.register {
      $0.nom = "Caméras du hall"
      $0.donnees = [Donnees(categorie: .image, conservation: Conservation(duree: Fixture.duree("7 jours")))]
    }
    #expect(Fixture.findings("aipd-requise-manquante", cctv).count == 1)
    let lesson = Fixture.register {
      $0.nom = "Vidéos des séances d'EPS"
      $0.donnees = [Donnees(categorie: .image, conservation: Conservation(duree: Fixture.duree("1 an")))]
    }
    #expect(Fixture.findings("aipd-requise-manquante", lesson).isEmpty)
    #expect(Fixture.findings("conservation-excessive", lesson).isEmpty)
  }

  @Test func anAcceptanceDoesNotAcceptALegalCap() {
    let r = Fixture.register {
      $0.nom = "Vidéoprotection"
      $0.donnees.append(Donnees(categorie: .image, conservation: Conservation(duree: Fixture.duree("3 mois"))))
      $0.aipd = AIPD(statut: .realisee, date: Fixture.day("2026-09-01"))
    }
    let acceptance = Acceptance(
      regle: "conservation-excessive", traitement: "vie-scolaire", justification: "Demande du CA.", par: "Principal",
      date: Fixture.day("2026-10-01"))
    let report = Audit.run(r, context: Fixture.context, acceptances: Acceptances([acceptance]))
    let capped = report.findings.filter { $0.rule == "conservation-excessive" }
    #expect(capped.count == 1 && capped.allSatisfy { !$0.isAccepted })
    #expect(report.scores.school.percent <= Score.capWithOpenErrors)
    // A warning of another rule is still accepted.
    let logs = Fixture.register {
      $0.donnees.append(Donnees(categorie: .connexion, conservation: Conservation(duree: Fixture.duree("2 ans"))))
    }
    let accepted = Audit.run(logs, context: Fixture.context, acceptances: Acceptances([acceptance]))
    #expect(accepted.findings.filter { $0.rule == "conservation-excessive" }.allSatisfy { $0.isAccepted })
  }

  // Class 6: incomplete fiches reported by the loader become findings.
  @Test func incompleteFichesAreFindings() {
    let context = AuditContext(
      auditDate: Fixture.auditDate,
      incompleteFiches: [IncompleteFiche(subject: .traitement("vie-scolaire"), problems: ["champ « finalite_principale » : champ obligatoire manquant"], field: "finalite_principale", audited: true)])
    var r = Fixture.clean
    r.traitements[0].finalitePrincipale = ""
    let report = Audit.run(r, context: context)
    let incomplete = report.findings.filter { $0.rule == "registre-incomplet" }
    #expect(incomplete.count == 2)
    #expect(incomplete.contains { $0.message.contains("finalite_principale") })
    #expect(Audit.run(Fixture.clean, context: Fixture.context).findings.isEmpty)
  }

  // Class 7: bracketed placeholders are not values.
  @Test func placeholdersAreFlagged() {
    var r = Fixture.clean
    r.sousTraitants[0].nom = "[Nom hébergeur]"
    r.etablissement.nom = "[Nom de l'établissement]"
    let findings = Fixture.findings("valeur-fictive", r)
    #expect(findings.count == 2)
    #expect(findings.contains { $0.message.contains("déclaré signé") })
    var real = Fixture.clean
    real.sousTraitants[0].nom = "Hébergeur (région)"
    #expect(Fixture.findings("valeur-fictive", real).isEmpty)
    #expect(Placeholder.isPlaceholder("XXX") && !Placeholder.isPlaceholder("Xavier"))
  }

  // Class 8: Art. 6(1)(b) for the public service.
  @Test func contractBasisForPupilsIsQuestioned() {
    let pupils = Fixture.register { $0.baseLegale = FondementJuridique(article6: .contrat) }
    let suppliers = Fixture.register {
      $0.baseLegale = FondementJuridique(article6: .contrat)
      $0.personnesConcernees = [PersonnesConcernees(categorie: .personnels)]
    }
    #expect(Fixture.findings("base-legale-contrat-mission", pupils).count == 1)
    #expect(Fixture.findings("base-legale-contrat-mission", suppliers).isEmpty)
  }

  // Class 9: http:// under https; a partner school abroad is not a cloud suite.
  @Test func httpAddressUnderAnHTTPSFlowIsClearText() {
    let clear = Fixture.register { $0.flux[0].adresse = "http://pronote.exemple.fr" }
    let secure = Fixture.register { $0.flux[0].adresse = "https://pronote.exemple.fr" }
    #expect(Fixture.findings("flux-non-chiffre", clear).first?.field == "flux[0].adresse")
    #expect(Fixture.findings("flux-non-chiffre", secure).isEmpty)
  }

  @Test func partnerSchoolAbroadIsNotTheCloudDoctrine() {
    let partner = Fixture.register {
      $0.transferts = [Transfert(destinataire: "Lycée partenaire de Boston", pays: "US", garantie: .derogationArticle49)]
    }
    let suite = Fixture.register {
      $0.transferts = [Transfert(destinataire: "Google", pays: "US", garantie: .dpf)]
    }
    #expect(Fixture.findings("doctrine-cloud-ministere", partner).isEmpty)
    #expect(Fixture.findings("doctrine-cloud-ministere", suite).count == 1)
  }

  // Class 11: current breach guidelines.
  @Test func breachRulesCiteTheCurrentGuidelines() {
    for id in ["violation-non-documentee", "violation-non-notifiee"] {
      let reference = Rules.rule(id)?.reference ?? ""
      #expect(reference.contains("9/2022") && reference.contains("28 mars 2023"))
      #expect(!reference.contains("WP250"))
    }
  }

  // Class 13: scores never hide open errors.
  @Test func scoreIsHighOnlyWithoutOpenErrors() {
    let broken = Fixture.register { $0.baseLegale = nil }
    let report = Audit.run(broken, context: Fixture.context)
    #expect(report.scores.school.percent <= Score.capWithOpenErrors)
    #expect(report.summaryLine.hasPrefix("1 constat bloquant ouvert"))
    let clean = Audit.run(Fixture.clean, context: Fixture.context)
    #expect(clean.scores.school.percent == 100)
    #expect(clean.summaryLine.hasPrefix("aucun constat bloquant ouvert"))
  }
}

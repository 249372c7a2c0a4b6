import RegistreModel
import Testing
@testable import RegistreRules

@Suite struct DPIAScreeningTests {
  @Test func pupilsAloneDoNotRequireADPIA() {
    let s = DPIAScreening.screen(Fixture.treatment())
    #expect(!s.required)
    #expect(s.criteria == [.vulnerablePersons])
  }

  @Test func pupilsPlusHealthDataRequireADPIA() {
    var t = Fixture.treatment()
    t.donnees.append(PersonalData(categorie: .sante))
    let s = DPIAScreening.screen(t)
    #expect(s.required)
    #expect(s.criteria == [.sensitiveData, .vulnerablePersons])
    #expect(s.listItems.isEmpty)
  }

  @Test func pupilsPlusFinancialDataRequireADPIA() {
    // A grant application: the family's income is highly personal (WP248 rev.01, criterion 4).
    var t = Fixture.treatment()
    t.nom = "Demandes de bourse"
    t.donnees.append(PersonalData(categorie: .economiqueFinancier))
    let s = DPIAScreening.screen(t)
    #expect(s.required)
    #expect(s.criteria == [.sensitiveData, .vulnerablePersons])
    let finding = Fixture.findings("aipd-requise-manquante", Fixture.register { $0 = t })
    #expect(finding.count == 1)
  }

  @Test func financialDataOfStaffAloneMeetOneCriterionOnly() {
    var t = Fixture.treatment()
    t.personnesConcernees = [DataSubjects(categorie: .personnels)]
    t.donnees = [PersonalData(categorie: .economiqueFinancier)]
    let s = DPIAScreening.screen(t)
    #expect(s.criteria == [.sensitiveData])
    #expect(!s.required)
  }

  @Test func suppliersBankDetailsKeepTheSupplierExemption() {
    var t = Fixture.treatment()
    t.personnesConcernees = [DataSubjects(categorie: .autres)]
    t.donnees = [PersonalData(categorie: .economiqueFinancier)]
    t.criteresAIPD = [.grandeEchelle]
    t.exemptionAIPD = .relationFournisseurs
    let s = DPIAScreening.screen(t)
    #expect(s.criteria.count == 2)
    #expect(s.exemption?.applied == true)
    #expect(!s.required)
  }

  @Test func pupilBiometricsIsOnTheCNILList() {
    var t = Fixture.treatment()
    t.donnees = [PersonalData(categorie: .biometrie)]
    let s = DPIAScreening.screen(t)
    #expect(s.required)
    #expect(s.listItems.contains(.biometricsVulnerable))
  }

  @Test func socialAlertsAreOnTheCNILListEvenForOneCriterion() {
    var t = Fixture.treatment()
    t.personnesConcernees = [DataSubjects(categorie: .personnels)]
    t.criteresAIPD = [.alertesSocialesSanitaires]
    let s = DPIAScreening.screen(t)
    #expect(s.required)
    #expect(s.listItems == [.socialHealthAlerts])
  }

  @Test func cateringExemptionAppliesWithItsCaveat() {
    var t = Fixture.treatment()
    t.nom = "Demi-pension"
    t.finalitePrincipale = "Gestion de la restauration scolaire"
    t.criteresAIPD = [.grandeEchelle]
    t.exemptionAIPD = .affairesScolaires
    let s = DPIAScreening.screen(t)
    #expect(s.criteria.count == 2)
    #expect(!s.required)
    #expect(s.exemption?.applied == true)
    #expect(s.exemption?.explanation.contains("à valider avec le DPD") == true)
  }

  @Test func schoolAffairsExemptionDoesNotCoverPupilMonitoring() {
    var t = Fixture.treatment()
    t.criteresAIPD = [.evaluationNotation]
    t.exemptionAIPD = .affairesScolaires
    let s = DPIAScreening.screen(t)
    #expect(s.required)
    #expect(s.exemption?.applied == false)
    #expect(s.explanation.last?.contains("écartée") == true)
    let finding = Fixture.findings("aipd-requise-manquante", Fixture.register { $0 = t })
    #expect(finding.first?.message.contains("Exemption invoquée écartée") == true)
  }

  @Test func exemptionNeverLiftsTheCNILList() {
    var t = Fixture.treatment()
    t.nom = "Cantine"
    t.finalitePrincipale = "Accès au restaurant scolaire"
    t.donnees.append(PersonalData(categorie: .biometrie))
    t.exemptionAIPD = .affairesScolaires
    let s = DPIAScreening.screen(t)
    #expect(s.required)
    #expect(s.exemption?.applied == false)
  }
}

@Suite struct MissingRequiredDPIATests {
  let id = "aipd-requise-manquante"

  @Test func videoOfPupilsWithoutDPIAIsAnErrorListingTheCriteria() throws {
    let r = Fixture.register {
      $0.criteresAIPD = [.surveillanceSystematique]
      $0.donnees.append(
        PersonalData(categorie: .image, conservation: Retention(duree: Fixture.timeSpan("7 jours"))))
    }
    let findings = Fixture.findings(id, r)
    let f = try #require(findings.first)
    #expect(findings.count == 1)
    #expect(f.severity == .erreur)
    #expect(f.treatment == "vie-scolaire")
    #expect(
      f.criteria == [WP248Criterion.systematicMonitoring.libelle, WP248Criterion.vulnerablePersons.libelle])
  }

  @Test func declaredNotRequiredIsStillAnError() {
    let r = Fixture.register {
      $0.criteresAIPD = [.evaluationNotation]
      $0.aipd = DPIA(statut: .nonRequise, motif: "outil pédagogique")
    }
    let findings = Fixture.findings(id, r)
    #expect(findings.map(\.severity) == [.erreur])
    #expect(findings.first?.field == "aipd.statut")
  }

  @Test func realisedDPIAPasses() {
    let r = Fixture.register {
      $0.criteresAIPD = [.evaluationNotation]
      $0.aipd = DPIA(statut: .realisee, date: Fixture.day("2026-09-01"))
    }
    #expect(Fixture.findings(id, r).isEmpty)
  }

  @Test func oneCriterionPasses() {
    #expect(Fixture.findings(id, Fixture.clean).isEmpty)
  }
}

@Suite struct DPIAToReviewTests {
  let id = "aipd-a-revoir"

  @Test func dpiaOlderThanThreeYearsIsAWarning() {
    let r = Fixture.register {
      $0.aipd = DPIA(statut: .realisee, date: Fixture.day("2023-11-28"))
      $0.derniereMiseAJour = Fixture.day("2023-01-01")
    }
    let findings = Fixture.findings(id, r)
    #expect(findings.map(\.severity) == [.avertissement])
    #expect(findings.first?.field == "aipd.date")
  }

  @Test func dpiaBeforeTheLastChangeIsAWarning() {
    let r = Fixture.register { $0.aipd = DPIA(statut: .realisee, date: Fixture.day("2026-01-01")) }
    #expect(Fixture.findings(id, r).map(\.severity) == [.avertissement])
  }

  @Test func recentDPIAPasses() {
    let r = Fixture.register { $0.aipd = DPIA(statut: .realisee, date: Fixture.day("2026-09-01")) }
    #expect(Fixture.findings(id, r).isEmpty)
  }
}

extension MissingRequiredDPIATests {
  @Test func nationalApplicationsAreTheMinistersToAssess() {
    let ministry = Fixture.register {
      $0.criteresAIPD = [.evaluationNotation]
      $0.logiciel = "LSU"
      $0.responsable = Controller(type: .ministere)
    }
    let misdeclared = Fixture.register {
      $0.criteresAIPD = [.evaluationNotation]
      $0.nom = "Livret scolaire unique (LSU)"
      $0.logiciel = nil
    }
    #expect(Fixture.findings(id, ministry).isEmpty)
    #expect(Fixture.findings(id, misdeclared).isEmpty)
  }

  @Test func evaluatedPupilsWithTeachersAsUsersAreNotHRProfiling() {
    let r = Fixture.register {
      $0.criteresAIPD = [.evaluationNotation]
      $0.personnesConcernees.append(DataSubjects(categorie: .personnels))
    }
    let findings = Fixture.findings(id, r)
    #expect(findings.count == 1)
    #expect(findings.first?.criteria.allSatisfy { $0.hasPrefix("critère") } == true)
  }
}

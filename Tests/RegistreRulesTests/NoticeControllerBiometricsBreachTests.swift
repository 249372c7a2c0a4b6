import RegistreModel
import Testing
@testable import RegistreRules

@Suite struct MissingNoticeTests {
  let id = "information-manquante"

  @Test func noNoticeIsAnError() {
    let findings = Fixture.findings(id, Fixture.register { $0.information = nil })
    #expect(findings.map(\.severity) == [.erreur])
    #expect(findings.first?.field == "information")
    #expect(findings.first?.treatment == "vie-scolaire")
  }

  @Test func noticeOlderThanTheLastChangeIsAWarning() {
    let r = Fixture.register { $0.information?.date = Fixture.day("2025-09-01") }
    let findings = Fixture.findings(id, r)
    #expect(findings.map(\.severity) == [.avertissement])
    #expect(findings.first?.field == "information.date")
  }

  @Test func nationalApplicationPointingAtTheMinistryNoticePasses() {
    let r = Fixture.register {
      $0.information = nil
      $0.responsable = Controller(type: .ministere, noticeOfficielle: "https://www.education.gouv.fr/")
    }
    #expect(Fixture.findings(id, r).isEmpty)
  }

  @Test func upToDateNoticePasses() {
    #expect(Fixture.findings(id, Fixture.clean).isEmpty)
  }
}

@Suite struct WrongControllerTests {
  let id = "responsable-incorrect"

  @Test func schoolDeclaredControllerOfSIECLEIsAWarning() {
    let r = Fixture.register {
      $0.nom = "Base élèves"
      $0.logiciel = "SIECLE (BEE)"
    }
    let findings = Fixture.findings(id, r)
    #expect(findings.map(\.severity) == [.avertissement])
    #expect(findings.first?.message.contains("SIECLE") == true)
    #expect(findings.first?.field == "responsable.type")
  }

  @Test func softwareThatIsOnlyNationalApplicationsIsRecognised() {
    let r = Fixture.register {
      $0.nom = "Livrets"
      $0.logiciel = "LSU / LSL"
    }
    #expect(Fixture.findings(id, r).first?.message.contains("LSU") == true)
  }

  @Test func educonnectIsRecognisedWithOrWithoutAccent() {
    let r = Fixture.register {
      $0.nom = "Comptes"
      $0.logiciel = "ÉduConnect"
    }
    let unaccented = Fixture.register {
      $0.nom = "Comptes"
      $0.logiciel = "EduConnect"
    }
    #expect(Fixture.findings(id, unaccented).count == 1)
    #expect(Fixture.findings(id, r).count == 1)
  }

  @Test func ministryControllerOrLocalSoftwarePasses() {
    let ministry = Fixture.register {
      $0.logiciel = "SIECLE"
      $0.responsable = Controller(type: .ministere)
    }
    // "garage" contains "gar" but is not the word GAR.
    let local = Fixture.register { $0.nom = "Garage à vélos" }
    let outsideGAR = Fixture.register { $0.nom = "Application pédagogique hors GAR" }
    let usesSIECLE = Fixture.register {
      $0.nom = "Bourses nationales"
      $0.logiciel = "SIECLE (module bourses) et téléservice Scolarité Services"
    }
    #expect(Fixture.findings(id, ministry).isEmpty)
    #expect(Fixture.findings(id, local).isEmpty)
    #expect(Fixture.findings(id, outsideGAR).isEmpty)
    #expect(Fixture.findings(id, usesSIECLE).isEmpty)
    #expect(Fixture.findings(id, Fixture.clean).isEmpty)
  }
}

@Suite struct BiometricsWithoutAlternativeTests {
  let id = "biometrie-sans-alternative"

  @Test func deviceWithoutAlternativeIsAnError() {
    let r = Fixture.register {
      $0.donnees.append(PersonalData(categorie: .biometrie))
      $0.dispositifBiometrique = BiometricDevice(
        technique: "contour de la main", consentementExplicite: true)
    }
    let findings = Fixture.findings(id, r)
    #expect(findings.map(\.severity) == [.erreur])
    #expect(findings.first?.field == "dispositif_biometrique")
    #expect(findings.first?.treatment == "vie-scolaire")
  }

  @Test func biometricDataWithoutDeviceDescriptionIsAnError() {
    let r = Fixture.register { $0.donnees.append(PersonalData(categorie: .biometrie)) }
    #expect(Fixture.findings(id, r).count == 1)
  }

  @Test func consentAndAlternativePass() {
    let r = Fixture.register {
      $0.donnees.append(PersonalData(categorie: .biometrie))
      $0.dispositifBiometrique = BiometricDevice(
        technique: "contour de la main", consentementExplicite: true, alternative: "badge")
    }
    #expect(Fixture.findings(id, r).isEmpty)
  }
}

@Suite struct UndocumentedBreachTests {
  let id = "violation-non-documentee"

  @Test func missingEffectsAndRemediesAreErrors() {
    var r = Fixture.clean
    r.violations[0].consequences = nil
    r.violations[0].mesures = " "
    let findings = Fixture.findings(id, r)
    #expect(findings.count == 2)
    #expect(findings.allSatisfy { $0.severity == .erreur && $0.subject == .violation("2026-01") })
    #expect(Set(findings.compactMap(\.field)) == ["consequences", "mesures"])
  }

  @Test func nonNotifiedBreachWithoutReasonIsAnError() {
    var r = Fixture.clean
    r.violations[0].notificationCNIL = Notification(faite: false)
    let findings = Fixture.findings(id, r)
    #expect(findings.map(\.field) == ["notification_cnil.justification"])
  }

  @Test func documentedNonNotifiedBreachPasses() {
    var r = Fixture.clean
    r.violations[0].notificationCNIL = Notification(
      faite: false, justification: "Clé USB chiffrée perdue : pas de risque.")
    #expect(Fixture.findings(id, r).isEmpty)
    #expect(Fixture.findings(id, Fixture.clean).isEmpty)
  }
}

@Suite struct DisproportionateBiometricsTests {
  let id = "biometrie-disproportionnee"

  private func device(_ technique: String) -> Register {
    Fixture.register {
      $0.donnees.append(PersonalData(categorie: .biometrie))
      $0.dispositifBiometrique = BiometricDevice(
        technique: technique, consentementExplicite: true, alternative: "badge")
    }
  }

  @Test func facialRecognitionOfPupilsIsAnError() {
    let findings = Fixture.findings(id, device("reconnaissance faciale"))
    #expect(findings.map(\.severity) == [.erreur])
    #expect(findings.first?.field == "dispositif_biometrique.technique")
    #expect(findings.first?.treatment == "vie-scolaire")
  }

  @Test func fingerprintIsAWarning() {
    #expect(Fixture.findings(id, device("empreinte digitale")).map(\.severity) == [.avertissement])
  }

  @Test func handGeometryPasses() {
    #expect(Fixture.findings(id, device("contour de la main")).isEmpty)
  }
}

@Suite struct LateBreachNotificationTests {
  let id = "violation-notification-tardive"

  @Test func notificationFourDaysLaterWithoutReasonIsAWarning() {
    var r = Fixture.clean
    r.violations[0].notificationCNIL = Notification(faite: true, date: Fixture.day("2026-03-06"))
    let findings = Fixture.findings(id, r)
    #expect(findings.map(\.severity) == [.avertissement])
    #expect(findings.first?.subject == .violation("2026-01"))
  }

  @Test func timelyOrExplainedNotificationPasses() {
    var r = Fixture.clean
    #expect(Fixture.findings(id, r).isEmpty)
    r.violations[0].notificationCNIL = Notification(
      faite: true, date: Fixture.day("2026-03-10"), justification: "Prestataire informé tardivement.")
    #expect(Fixture.findings(id, r).isEmpty)
  }
}

/// Notices marked as issued (`notices-diffusees.yaml`): current ones count as a notice,
/// outdated ones are « notice périmée ».
@Suite struct IssuedNoticeTests {
  let id = "information-manquante"

  static func context(_ state: IssuedNoticeState) -> AuditContext {
    AuditContext(auditDate: Fixture.auditDate, issuedNotices: ["vie-scolaire": state])
  }

  @Test func aCurrentIssuedNoticeClearsTheMissingNotice() throws {
    let r = Fixture.register { $0.information = nil }
    #expect(Fixture.findings(id, r).map(\.severity) == [.erreur])
    let rule = try #require(Rules.rule(id))
    #expect(rule.evaluate(r, context: Self.context(.current(Fixture.day("2026-09-02")))).isEmpty)
  }

  @Test func anOutdatedIssuedNoticeIsANoticePerimee() throws {
    let rule = try #require(Rules.rule(id))
    let findings = rule.evaluate(Fixture.clean, context: Self.context(.outdated(Fixture.day("2026-09-02"))))
    #expect(findings.map(\.severity) == [.avertissement])
    #expect(findings.first?.message.hasPrefix("Notice périmée : la notice remise le 2026-09-02") == true)
    #expect(findings.first?.field == "information")
    #expect(findings.first?.remediation.contains("--marquer") == true)
  }
}

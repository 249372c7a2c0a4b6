import RegistreModel
import Testing
@testable import RegistreRules

@Suite struct IncompleteRecordTests {
  let id = "registre-incomplet"

  @Test func missingPurposeRecipientsAndSubjectsAreErrors() throws {
    let r = Fixture.register {
      $0.finalitePrincipale = "  "
      $0.destinataires = []
      $0.personnesConcernees = []
    }
    let findings = Fixture.findings(id, r)
    #expect(findings.count == 3)
    #expect(findings.allSatisfy { $0.severity == .erreur && $0.treatment == "vie-scolaire" })
    #expect(
      Set(findings.compactMap(\.field)) == ["finalite_principale", "destinataires", "personnes_concernees"])
  }

  @Test func missingSecurityAndRetentionAreWarnings() {
    let r = Fixture.register {
      $0.mesuresSecurite = []
      $0.donnees = [PersonalData(categorie: .etatCivil)]
    }
    let findings = Fixture.findings(id, r)
    #expect(findings.count == 2)
    #expect(findings.allSatisfy { $0.severity == .avertissement })
  }

  @Test func missingDPOIsAnErrorOnTheSchool() {
    var r = Fixture.clean
    r.etablissement.dpd = nil
    let findings = Fixture.findings(id, r)
    #expect(findings.count == 1)
    #expect(findings.first?.subject == .etablissement)
    #expect(findings.first?.severity == .erreur)
  }

  @Test func completeRecordPasses() {
    #expect(Fixture.findings(id, Fixture.clean).isEmpty)
  }
}

@Suite struct LegalBasisTests {
  @Test func missingBasisIsAnError() {
    let findings = Fixture.findings("base-legale-absente", Fixture.register { $0.baseLegale = nil })
    #expect(findings.count == 1)
    #expect(findings.first?.severity == .erreur)
    #expect(findings.first?.treatment == "vie-scolaire")
    #expect(findings.first?.field == "base_legale")
  }

  @Test func missingBasisOfANationalApplicationIsANote() {
    let r = Fixture.register {
      $0.baseLegale = nil
      $0.responsable = Controller(type: .ministere)
    }
    #expect(Fixture.findings("base-legale-absente", r).map(\.severity) == [.note])
  }

  @Test func recordedBasisPasses() {
    #expect(Fixture.findings("base-legale-absente", Fixture.clean).isEmpty)
  }

  @Test func legitimateInterestIsAnError() {
    let r = Fixture.register { $0.baseLegale = LegalGround(article6: .interetLegitime) }
    let findings = Fixture.findings("base-legale-interet-legitime-autorite", r)
    #expect(findings.map(\.severity) == [.erreur])
    #expect(findings.first?.field == "base_legale.article_6")
  }

  @Test func publicTaskIsNotLegitimateInterest() {
    #expect(Fixture.findings("base-legale-interet-legitime-autorite", Fixture.clean).isEmpty)
  }

  @Test func consentForAPublicTaskIsAWarning() {
    let r = Fixture.register { $0.baseLegale = LegalGround(article6: .consentement) }
    let findings = Fixture.findings("base-legale-consentement-mission", r)
    #expect(findings.map(\.severity) == [.avertissement])
    #expect(findings.first?.treatment == "vie-scolaire")
  }

  @Test func consentIsRightForImagesOptionalServicesAndBiometrics() {
    let images = Fixture.register {
      $0.nom = "Photos de classe"
      $0.finalitePrincipale = "Prise et diffusion des photos de classe"
      $0.baseLegale = LegalGround(article6: .consentement)
      $0.donnees.append(PersonalData(categorie: .image))
    }
    let optional = Fixture.register {
      $0.baseLegale = LegalGround(article6: .consentement)
      $0.serviceFacultatif = true
    }
    let biometrics = Fixture.register {
      $0.baseLegale = LegalGround(article6: .consentement, article9: .consentementExplicite)
      $0.donnees.append(PersonalData(categorie: .biometrie))
    }
    for r in [images, optional, biometrics] {
      #expect(Fixture.findings("base-legale-consentement-mission", r).isEmpty)
    }
  }

  @Test func healthDataWithoutArticle9ConditionIsAnError() {
    let r = Fixture.register { $0.donnees.append(PersonalData(categorie: .sante)) }
    let findings = Fixture.findings("donnees-sensibles-sans-condition", r)
    #expect(findings.map(\.severity) == [.erreur])
    #expect(findings.first?.treatment == "vie-scolaire")
    #expect(findings.first?.field == "base_legale.article_9")
  }

  @Test func healthDataWithAConditionPasses() {
    let r = Fixture.register {
      $0.donnees.append(PersonalData(categorie: .sante))
      $0.baseLegale?.article9 = .interetPublicImportant
    }
    #expect(Fixture.findings("donnees-sensibles-sans-condition", r).isEmpty)
  }
}

extension IncompleteRecordTests {
  @Test func nationalApplicationsNeedNoSecurityOrRetentionInTheSchoolsRecord() {
    let r = Fixture.register {
      $0.responsable = Controller(type: .ministere)
      $0.mesuresSecurite = []
      $0.donnees = [PersonalData(categorie: .etatCivil)]
    }
    #expect(Fixture.findings(id, r).isEmpty)
  }
}

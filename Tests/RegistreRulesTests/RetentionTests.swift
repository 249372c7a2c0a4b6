import RegistreModel
import Testing
@testable import RegistreRules

@Suite struct UndefinedRetentionTests {
  let id = "conservation-non-definie"

  @Test func categoryWithoutRetentionIsAWarningAtItsPath() {
    let r = Fixture.register { $0.donnees.append(PersonalData(categorie: .connexion)) }
    let findings = Fixture.findings(id, r)
    #expect(findings.map(\.severity) == [.avertissement])
    #expect(findings.first?.field == "donnees[2].conservation")
    #expect(findings.first?.treatment == "vie-scolaire")
  }

  @Test func nationalApplicationWithoutRetentionIsANote() {
    let r = Fixture.register {
      $0.responsable = Controller(type: .ministere)
      $0.donnees.append(PersonalData(categorie: .connexion))
    }
    #expect(Fixture.findings(id, r).map(\.severity) == [.note])
  }

  @Test func durationOrCriterionPasses() {
    #expect(Fixture.findings(id, Fixture.clean).isEmpty)
  }
}

@Suite struct ExcessiveRetentionTests {
  let id = "conservation-excessive"

  private func video(_ duration: String) -> Register {
    Fixture.register {
      $0.nom = "Vidéoprotection des accès"
      $0.donnees.append(
        PersonalData(categorie: .image, conservation: Retention(duree: Fixture.timeSpan(duration))))
    }
  }

  @Test func videoBeyondOneMonthIsAnErrorThatCannotBeAccepted() {
    let findings = Fixture.findings(id, video("3 mois"))
    #expect(findings.map(\.severity) == [.erreur])
    #expect(findings.first?.acceptable == false)
    #expect(findings.first?.field == "donnees[2].conservation.duree")
    #expect(findings.first?.reference.contains("L.252-5") == true)
  }

  @Test func videoWithinOneMonthPasses() {
    #expect(Fixture.findings(id, video("1 mois")).isEmpty)
    #expect(Fixture.findings(id, video("15 jours")).isEmpty)
  }

  @Test func imagesOutsideAVideoTreatmentAreNotJudged() {
    let r = Fixture.register {
      $0.donnees.append(PersonalData(categorie: .image, conservation: Retention(duree: Fixture.timeSpan("1 an"))))
    }
    #expect(Fixture.findings(id, r).isEmpty)
  }

  @Test func logsBeyondOneYearAreAWarning() {
    let long = Fixture.register {
      $0.donnees.append(
        PersonalData(categorie: .connexion, conservation: Retention(duree: Fixture.timeSpan("2 ans"))))
    }
    let short = Fixture.register {
      $0.donnees.append(
        PersonalData(categorie: .connexion, conservation: Retention(duree: Fixture.timeSpan("6 mois"))))
    }
    #expect(Fixture.findings(id, long).map(\.severity) == [.avertissement])
    #expect(Fixture.findings(id, short).isEmpty)
  }

  @Test func disciplineBeyondTheCodeIsAWarning() {
    let long = Fixture.register {
      $0.donnees.append(
        PersonalData(categorie: .discipline, conservation: Retention(duree: Fixture.timeSpan("5 ans"))))
    }
    let short = Fixture.register {
      $0.donnees.append(
        PersonalData(categorie: .discipline, conservation: Retention(duree: Fixture.timeSpan("2 ans"))))
    }
    #expect(Fixture.findings(id, long).first?.reference.contains("R.511-13") == true)
    #expect(Fixture.findings(id, short).isEmpty)
  }

  @Test func entAccountsKeptMoreThanThreeMonthsAfterLeavingAreAWarning() {
    func ent(_ duration: String) -> Register {
      Fixture.register {
        $0.nom = "ENT"
        $0.donnees[0].conservation = Retention(
          duree: Fixture.timeSpan(duration), pointDeDepart: "départ de l'élève")
      }
    }
    #expect(Fixture.findings(id, ent("1 an")).count == 1)
    #expect(Fixture.findings(id, ent("3 mois")).isEmpty)
  }
}

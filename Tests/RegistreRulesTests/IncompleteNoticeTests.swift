import RegistreModel
import Testing
@testable import RegistreRules

/// `notice-incomplete`: each mention the notice would print as « non précisé » is reported,
/// and a fiche that gives them all passes.
@Suite struct IncompleteNoticeTests {
  let id = "notice-incomplete"

  /// The clean fiche, with an origin and the mandatory character of each category stated.
  static func complete(_ t: inout Treatment) {
    t.collecteAupresDesPersonnes = true
    t.donnees = t.donnees.map { d in
      var d = d
      d.isMandatory = true
      return d
    }
  }

  @Test func completeFichePasses() {
    #expect(Fixture.findings(id, Fixture.register(Self.complete)).isEmpty)
  }

  @Test func originGivenPerCategoryPasses() {
    let r = Fixture.register {
      $0.donnees = $0.donnees.map { d in
        var d = d
        d.origin = "SIECLE (base élèves)"
        return d
      }
    }
    #expect(Fixture.findings(id, r).isEmpty)
  }

  @Test func treatmentOfNobodyNotifiedIsNotChecked() {
    let r = Fixture.register {
      $0.personnesConcernees = [DataSubjects(categorie: .autres)]
      $0.baseLegale = nil
    }
    #expect(Fixture.findings(id, r).isEmpty)
  }

  @Test func missingLegalBasisIsReported() {
    let r = Fixture.register {
      Self.complete(&$0)
      $0.baseLegale = nil
    }
    let findings = Fixture.findings(id, r)
    #expect(findings.map(\.severity) == [.avertissement])
    #expect(findings.first?.field == "base_legale")
    #expect(findings.first?.message.contains("la base légale (art. 13.1.c)") == true)
    #expect(findings.first?.reference.contains("2016/679 du 27 avril 2016") == true)
  }

  @Test func placeholderPurposeAndNoRecipientsAreListedInOneFinding() {
    let r = Fixture.register {
      Self.complete(&$0)
      $0.finalitePrincipale = "À COMPLÉTER"
      $0.destinataires = []
      $0.sousTraitants = []
    }
    let findings = Fixture.findings(id, r)
    #expect(findings.count == 1)
    #expect(findings.first?.field == "finalite_principale")
    #expect(findings.first?.message.contains("la finalité (art. 13.1.c)") == true)
    #expect(findings.first?.message.contains("les destinataires (art. 13.1.e)") == true)
  }

  @Test func categoryWithoutRetentionIsNamed() {
    let r = Fixture.register {
      Self.complete(&$0)
      $0.donnees[1].conservation = Retention(critere: "-")
    }
    let message = Fixture.findings(id, r).first?.message ?? ""
    #expect(message.contains("la durée de conservation de « \(DataCategory.scolarite.libelle) » (art. 13.2.a)"))
    #expect(!message.contains(DataCategory.etatCivil.libelle))
  }

  @Test func dataNotCollectedFromThePersonWithoutOriginIsAWarning() {
    let r = Fixture.register {
      Self.complete(&$0)
      $0.collecteAupresDesPersonnes = false
      $0.donnees[0].origin = "Caméras du hall"
    }
    let findings = Fixture.findings(id, r)
    #expect(findings.map(\.severity) == [.avertissement])
    #expect(findings.first?.field == "sources_des_donnees")
    #expect(findings.first?.message.contains("l'origine de « \(DataCategory.scolarite.libelle) » (art. 14.2.f)") == true)
  }

  @Test func unstatedMandatoryProvisionIsReported() {
    let r = Fixture.register {
      Self.complete(&$0)
      $0.donnees[0].isMandatory = nil
    }
    let findings = Fixture.findings(id, r)
    #expect(findings.map(\.severity) == [.avertissement])
    #expect(findings.first?.message.contains("art. 13.2.e") == true)
  }

  @Test func aCategoryWithItsOwnOriginIsNotAskedWhetherItIsMandatory() {
    // A collected treatment whose connection logs come from the server: only the collected category counts.
    let withOrigin = Fixture.register {
      Self.complete(&$0)
      $0.donnees[0].isMandatory = nil
      $0.donnees[0].origin = "journaux du serveur de l'ENT"
    }
    #expect(Fixture.findings(id, withOrigin).isEmpty)
    let without = Fixture.register {
      Self.complete(&$0)
      $0.donnees[0].isMandatory = nil
      $0.donnees[0].origin = nil
    }
    #expect(Fixture.findings(id, without).count == 1)
  }

  @Test func consentMakesProvisionOptionalWithoutAField() {
    let r = Fixture.register {
      Self.complete(&$0)
      $0.baseLegale = LegalGround(article6: .consentement)
      $0.donnees = $0.donnees.map { d in
        var d = d
        d.isMandatory = nil
        return d
      }
    }
    #expect(Fixture.findings(id, r).isEmpty)
  }

  @Test func nationalApplicationWithoutItsDPDIsReported() {
    let r = Fixture.register {
      Self.complete(&$0)
      $0.responsable = Controller(type: .ministere, noticeOfficielle: "https://www.education.gouv.fr/")
    }
    let findings = Fixture.findings(id, r)
    #expect(findings.map(\.severity) == [.avertissement])
    #expect(findings.first?.field == "responsable.contact_dpd")
    let withDPD = Fixture.register {
      Self.complete(&$0)
      $0.responsable = Controller(
        type: .ministere, noticeOfficielle: "https://www.education.gouv.fr/", dpoContact: "dpd@education.gouv.fr")
    }
    #expect(Fixture.findings(id, withDPD).isEmpty)
  }
}

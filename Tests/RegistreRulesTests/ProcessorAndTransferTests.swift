import RegistreModel
import Testing
@testable import RegistreRules

@Suite struct ProcessorWithoutContractTests {
  let id = "sous-traitant-sans-contrat"

  @Test func unsignedContractIsAnErrorOnTheProcessor() {
    var r = Fixture.clean
    r.sousTraitants[0].contrat = Article28Contract(signe: false)
    let findings = Fixture.findings(id, r)
    #expect(findings.map(\.severity) == [.erreur])
    #expect(findings.first?.subject == .sousTraitant("editeur"))
    #expect(findings.first?.message.contains("vie-scolaire") == true)
  }

  @Test func missingContractIsAnError() {
    var r = Fixture.clean
    r.sousTraitants[0].contrat = nil
    #expect(Fixture.findings(id, r).count == 1)
  }

  @Test func signedContractPasses() {
    #expect(Fixture.findings(id, Fixture.clean).isEmpty)
  }
}

@Suite struct UnsafeTransferTests {
  let id = "transfert-hors-ue-sans-garantie"

  @Test func declaredTransferWithoutSafeguardIsAnError() {
    let r = Fixture.register {
      $0.transferts = [Transfer(destinataire: "Support", pays: "IN", garantie: .aucune)]
    }
    let findings = Fixture.findings(id, r)
    #expect(findings.map(\.severity) == [.erreur])
    #expect(findings.first?.treatment == "vie-scolaire")
    #expect(findings.first?.field == "transferts[0].garantie")
  }

  @Test func adequacyClaimedForTheUnitedStatesIsAnError() {
    let r = Fixture.register {
      $0.transferts = [Transfer(destinataire: "Hébergeur", pays: "US", garantie: .adequation)]
    }
    #expect(Fixture.findings(id, r).count == 1)
  }

  @Test func article49DerogationIsAWarning() {
    let r = Fixture.register {
      $0.transferts = [Transfer(destinataire: "Voyage", pays: "MA", garantie: .derogationArticle49)]
    }
    #expect(Fixture.findings(id, r).map(\.severity) == [.avertissement])
  }

  @Test func processorHostingOutsideTheEEAWithoutSafeguardIsAnError() {
    var r = Fixture.clean
    r.sousTraitants[0].hebergement = Hosting(pays: "US")
    let findings = Fixture.findings(id, r)
    #expect(findings.map(\.severity) == [.erreur])
    #expect(findings.first?.treatment == "vie-scolaire")
    #expect(findings.first?.field == "sous_traitants[0]")
  }

  @Test func subProcessorOutsideTheEEAIsAnError() {
    var r = Fixture.clean
    r.sousTraitants[0].sousTraitantsUlterieurs = [SubProcessor(nom: "Support Co", pays: "IN")]
    #expect(Fixture.findings(id, r).map(\.severity) == [.erreur])
  }

  @Test func safeguardedTransfersPass() {
    var r = Fixture.register {
      $0.transferts = [
        Transfer(destinataire: "Éditeur Exemple", pays: "US", garantie: .cct),
        Transfer(destinataire: "Support Co", pays: "IN", garantie: .cct),
        Transfer(destinataire: "Filiale", pays: "CH", garantie: .aucune),
      ]
    }
    r.sousTraitants[0].hebergement = Hosting(pays: "US")
    r.sousTraitants[0].sousTraitantsUlterieurs = [SubProcessor(nom: "Support Co", pays: "IN")]
    #expect(Fixture.findings(id, r).isEmpty)
  }

  @Test func dpfCertifiedUSProcessorIsLawful() {
    var r = Fixture.clean
    r.sousTraitants[0].pays = "US"
    r.sousTraitants[0].hebergement = Hosting(pays: "US")
    r.sousTraitants[0].certificationDPF = true
    #expect(Fixture.findings(id, r).isEmpty)
  }
}

@Suite struct MinistryCloudDoctrineTests {
  let id = "doctrine-cloud-ministere"

  @Test func usProviderForPupilDataIsAWarningEvenWhenLawful() {
    var r = Fixture.clean
    r.sousTraitants[0].pays = "US"
    r.sousTraitants[0].hebergement = Hosting(pays: "IE")
    r.sousTraitants[0].certificationDPF = true
    let doctrine = Fixture.findings(id, r)
    #expect(doctrine.map(\.severity) == [.avertissement])
    #expect(doctrine.first?.treatment == "vie-scolaire")
    // Legality is a separate question: hosting in Ireland is no transfer.
    #expect(Fixture.findings("transfert-hors-ue-sans-garantie", r).isEmpty)
  }

  @Test func providerSubjectToForeignLawIsFlagged() {
    var r = Fixture.clean
    r.sousTraitants[0].soumisDroitExtraEuropeen = true
    #expect(Fixture.findings(id, r).count == 1)
  }

  @Test func usProviderForStaffOnlyIsNotFlagged() {
    var r = Fixture.register { $0.personnesConcernees = [DataSubjects(categorie: .personnels)] }
    r.sousTraitants[0].pays = "US"
    #expect(Fixture.findings(id, r).isEmpty)
  }

  @Test func europeanProviderPasses() {
    #expect(Fixture.findings(id, Fixture.clean).isEmpty)
  }
}

extension MinistryCloudDoctrineTests {
  @Test func nationalApplicationsAreNotTheSchoolsChoice() {
    var r = Fixture.register { $0.responsable = Controller(type: .ministere) }
    r.sousTraitants[0].pays = "US"
    #expect(Fixture.findings(id, r).isEmpty)
  }
}

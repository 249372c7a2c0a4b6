import RegistreModel
import Testing
@testable import RegistreRules

@Suite struct UnencryptedFlowTests {
  let id = "flux-non-chiffre"

  @Test func plainHTTPIsAWarningForOrdinaryData() {
    let r = Fixture.register { $0.flux = [Flow(de: "Poste", vers: "Serveur", canal: .http)] }
    let findings = Fixture.findings(id, r)
    #expect(findings.map(\.severity) == [.avertissement])
    #expect(findings.first?.field == "flux[0].canal")
  }

  @Test func healthDataByPlainEmailIsAnError() {
    let r = Fixture.register {
      $0.flux = [Flow(de: "Infirmerie", vers: "Famille", canal: .courriel, donnees: [.sante])]
    }
    let findings = Fixture.findings(id, r)
    #expect(findings.map(\.severity) == [.erreur])
    #expect(findings.first?.treatment == "vie-scolaire")
  }

  @Test func disciplineOnAnUnencryptedUSBKeyIsAnError() {
    let r = Fixture.register {
      $0.flux = [Flow(de: "CPE", vers: "Rectorat", canal: .supportAmovible, donnees: [.discipline])]
    }
    #expect(Fixture.findings(id, r).map(\.severity) == [.erreur])
  }

  @Test func encryptedChannelsPass() {
    let r = Fixture.register {
      $0.flux = [
        Flow(de: "A", vers: "B", canal: .https, donnees: [.sante]),
        Flow(de: "A", vers: "C", canal: .courriel, chiffrementTransit: true, donnees: [.sante]),
        Flow(de: "A", vers: "D", canal: .supportAmovible, chiffrementRepos: true),
        Flow(de: "A", vers: "E", canal: .sftp),
      ]
    }
    #expect(Fixture.findings(id, r).isEmpty)
  }
}

@Suite struct ObsoleteTLSTests {
  let id = "flux-tls-obsolete"

  @Test func tls10IsAnError() {
    let r = Fixture.register {
      $0.flux = [Flow(de: "A", vers: "B", canal: .https, versionsTLS: [.tls10, .tls12, .tls13])]
    }
    let findings = Fixture.findings(id, r)
    #expect(findings.map(\.severity) == [.erreur])
    #expect(findings.first?.field == "flux[0].versions_tls")
    #expect(findings.first?.message.contains("TLS 1.0") == true)
  }

  @Test func tls12WithoutTls13IsANote() {
    let r = Fixture.register { $0.flux = [Flow(de: "A", vers: "B", canal: .https, versionsTLS: [.tls12])] }
    #expect(Fixture.findings(id, r).map(\.severity) == [.note])
  }

  @Test func tls12And13Pass() {
    #expect(Fixture.findings(id, Fixture.clean).isEmpty)
  }
}

@Suite struct AccessWithoutMFATests {
  let id = "acces-sans-mfa"

  @Test func adminAccessWithoutMFAIsAWarning() {
    let r = Fixture.register { $0.flux[0].mfa = false }
    let findings = Fixture.findings(id, r)
    #expect(findings.map(\.severity) == [.avertissement])
    #expect(findings.first?.field == "flux[0].mfa")
    #expect(findings.first?.treatment == "vie-scolaire")
  }

  @Test func remoteAccessToHealthDataWithoutMFAIsAWarning() {
    let r = Fixture.register {
      $0.flux = [Flow(de: "Domicile", vers: "Serveur", canal: .https, accesDistant: true, donnees: [.sante])]
    }
    #expect(Fixture.findings(id, r).first?.message.hasPrefix("Accès distant à des données sensibles") == true)
  }

  @Test func remoteAccessToOrdinaryDataAndMFAProtectedAccessPass() {
    let r = Fixture.register {
      $0.flux.append(Flow(de: "Domicile", vers: "Serveur", canal: .https, accesDistant: true))
    }
    #expect(Fixture.findings(id, r).isEmpty)
  }
}

import Foundation
import RegistreTestSupport
import Testing

@testable import RegistreProbe

/// The probe against real servers on loopback: `openssl s_server` in several configurations and
/// a Python HTTPS server that sends HSTS. Nothing leaves the machine.
@Suite("Sonde TLS contre des serveurs locaux")
struct TLSProbeServerTests {
  let pki: TestPKI
  let anchors: TrustAnchors
  let timeout = Duration.seconds(3)

  init() throws {
    pki = try TestPKI.get()
    anchors = .pemFiles([pki.authority])
  }

  private func probe(_ url: String, now: Date = Date()) throws -> TLSProbeReport {
    let endpoint = try #require(URL(string: url))
    return try TLSProbe.probe(endpoint: endpoint, timeout: timeout, trustAnchors: anchors, now: now)
  }

  private func codes(_ report: TLSProbeReport) -> Set<String> {
    Set(report.verdict.findings.map(\.code))
  }

  @Test("Un serveur TLS 1.0 seul est non conforme (R4)")
  func tls10Only() throws {
    let report = try LocalServers.withOpenSSLServer(pki.good, options: ["-tls1", "-cipher", "DEFAULT:@SECLEVEL=0"]) {
      try probe("https://localhost:\($0)/")
    }
    #expect(report.status == .probed)
    #expect(report.attempt(.tls1_0)?.status == .accepted)
    #expect(report.attempt(.tls1_1)?.status == .refused)
    #expect(report.attempt(.tls1_2)?.status == .refused)
    #expect(report.attempt(.tls1_3)?.status == .refused)
    #expect(report.bestVersion == .tls1_0)
    #expect(report.verdict.level == .nonConforme)
    let obsolete = report.verdict.findings.first { $0.code == "tls.version-obsolete" }
    #expect(obsolete?.severity == .error)
    #expect(obsolete?.reference == "ANSSI SDE-NT-35 v1.2, R4")
    #expect(codes(report).contains("tls.aucune-version-recommandee"))
  }

  @Test("TLS 1.2 avec une suite CBC : avertissement, sans TLS 1.3 : remarque")
  func tls12CBC() throws {
    let report = try LocalServers.withOpenSSLServer(
      pki.good, options: ["-tls1_2", "-cipher", "ECDHE-RSA-AES128-SHA256"]
    ) { try probe("https://localhost:\($0)/") }
    #expect(report.acceptedVersions == [.tls1_2])
    #expect(report.bestVersion == .tls1_2)
    let cipher = try #require(report.cipher)
    #expect(cipher.name == "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256")
    #expect(cipher.openSSLName == "ECDHE-RSA-AES128-SHA256")
    #expect(cipher.forwardSecrecy)
    #expect(!cipher.aead)
    #expect(!cipher.broken)
    #expect(report.certificate?.trusted == true)
    #expect(report.verdict.level == .acceptable)
    let found = codes(report)
    #expect(found.contains("tls.chiffrement-non-aead"))
    #expect(found.contains("tls.sans-tls13"))
    #expect(!found.contains("tls.sans-confidentialite-persistante"))
    #expect(report.verdict.findings.first { $0.code == "tls.sans-tls13" }?.severity == .note)
  }

  @Test("TLS 1.3 seul, certificat de l'AC de test : conforme, HSTS absent noté")
  func tls13WithGoodCertificate() throws {
    let now = Date()
    let report = try LocalServers.withOpenSSLServer(pki.good, options: ["-tls1_3"]) {
      try probe("https://localhost:\($0)/", now: now)
    }
    #expect(report.acceptedVersions == [.tls1_3])
    #expect(report.attempt(.tls1_2)?.status == .refused)
    let cipher = try #require(report.cipher)
    #expect(cipher.aead)
    #expect(cipher.forwardSecrecy)
    #expect(cipher.name.hasPrefix("TLS_"))
    let certificate = try #require(report.certificate)
    #expect(certificate.trusted)
    #expect(certificate.verifyCode == 0)
    #expect(certificate.hostnameMatches)
    #expect(!certificate.selfSigned)
    #expect(!certificate.expired)
    #expect(certificate.keyType == "RSA")
    #expect(certificate.keyBits == 2048)
    #expect(certificate.subject == "CN=localhost")
    #expect(certificate.issuer == "CN=Registre Test CA")
    #expect(certificate.chain.first?.subject == "CN=localhost")
    let notAfter = try #require(certificate.notAfter)
    #expect(notAfter > now.addingTimeInterval(89 * 24 * 3600))
    #expect(notAfter < now.addingTimeInterval(91 * 24 * 3600))
    let hsts = try #require(report.hsts)
    #expect(hsts.checked)
    #expect(!hsts.sent)
    #expect(hsts.httpStatus == 200)
    #expect(report.verdict.level == .conforme)
    #expect(codes(report) == ["tls.sans-hsts"])
    #expect(report.verdict.findings.first?.reference.contains("RFC 6797") == true)
  }

  @Test("Un certificat expiré est une erreur")
  func expiredCertificate() throws {
    let report = try LocalServers.withOpenSSLServer(pki.expired, options: []) {
      try probe("https://localhost:\($0)/")
    }
    let certificate = try #require(report.certificate)
    #expect(certificate.expired)
    #expect(!certificate.trusted)
    #expect(certificate.verifyCode == 10)
    #expect(report.verdict.level == .nonConforme)
    #expect(codes(report).contains("tls.certificat-expire"))
    #expect(!codes(report).contains("tls.certificat-non-reconnu"))
  }

  @Test("Un certificat pour un autre nom est une erreur")
  func wrongHostname() throws {
    let report = try LocalServers.withOpenSSLServer(pki.wrongHost, options: []) {
      try probe("https://localhost:\($0)/")
    }
    let certificate = try #require(report.certificate)
    #expect(!certificate.hostnameMatches)
    #expect(certificate.trusted)
    #expect(certificate.subject == "CN=autre.example")
    #expect(report.verdict.level == .nonConforme)
    #expect(codes(report).contains("tls.nom-hote-incorrect"))
  }

  @Test("Un certificat auto-signé est une erreur")
  func selfSignedCertificate() throws {
    let report = try LocalServers.withOpenSSLServer(pki.selfSigned, options: []) {
      try probe("https://localhost:\($0)/")
    }
    let certificate = try #require(report.certificate)
    #expect(certificate.selfSigned)
    #expect(!certificate.trusted)
    #expect(certificate.verifyCode == 18)
    #expect(certificate.hostnameMatches)
    #expect(report.verdict.level == .nonConforme)
    #expect(codes(report).contains("tls.certificat-auto-signe"))
  }

  @Test("Un certificat auto-signé reconnu avec --ac n'est pas bloqué")
  func trustedSelfSignedCertificate() throws {
    let trusted = TrustAnchors.pemFiles([pki.selfSigned.certificate])
    let report = try LocalServers.withOpenSSLServer(pki.selfSigned, options: []) { port in
      let endpoint = try #require(URL(string: "https://localhost:\(port)/"))
      return try TLSProbe.probe(endpoint: endpoint, timeout: timeout, trustAnchors: trusted)
    }
    let certificate = try #require(report.certificate)
    #expect(certificate.selfSigned)
    #expect(certificate.trusted)
    #expect(!codes(report).contains("tls.certificat-auto-signe"))
    #expect(codes(report).contains("tls.certificat-auto-signe-reconnu"))
  }

  @Test("Le magasin du système ne reconnaît pas l'AC de test")
  func systemStoreRejectsTestAuthority() throws {
    let report = try LocalServers.withOpenSSLServer(pki.good, options: ["-tls1_3"]) { port in
      let endpoint = try #require(URL(string: "https://localhost:\(port)/"))
      return try TLSProbe.probe(endpoint: endpoint, timeout: timeout, trustAnchors: .system)
    }
    let certificate = try #require(report.certificate)
    #expect(!certificate.trusted)
    #expect(certificate.verifyCode == 20)
    #expect(codes(report).contains("tls.certificat-non-reconnu"))
  }

  @Test("Une clé RSA de 1024 bits est une erreur")
  func weakKey() throws {
    let report = try LocalServers.withOpenSSLServer(pki.weakKey, options: ["-cipher", "DEFAULT:@SECLEVEL=0"]) {
      try probe("https://localhost:\($0)/")
    }
    let certificate = try #require(report.certificate)
    #expect(certificate.keyType == "RSA")
    #expect(certificate.keyBits == 1024)
    #expect(report.verdict.level == .nonConforme)
    let finding = report.verdict.findings.first { $0.code == "tls.cle-trop-courte" }
    #expect(finding?.severity == .error)
  }

  @Test("L'en-tête HSTS envoyé par le serveur est lu")
  func hstsSent() throws {
    let report = try LocalServers.withHSTSServer(pki.good) { try probe("https://localhost:\($0)/") }
    #expect(report.bestVersion == .tls1_3)
    let hsts = try #require(report.hsts)
    #expect(hsts.checked)
    #expect(hsts.sent)
    #expect(hsts.maxAge == 31_536_000)
    #expect(hsts.includeSubDomains)
    #expect(report.verdict.level == .conforme)
    #expect(report.verdict.findings.isEmpty)
  }

  @Test("IPv6 : boucle locale [::1], nom vérifié sur l'adresse IP")
  func ipv6Loopback() throws {
    let report = try LocalServers.withOpenSSLServer(pki.good, options: ["-tls1_3"], host: "::1") {
      try probe("https://[::1]:\($0)/")
    }
    #expect(report.host == "::1")
    #expect(report.bestVersion == .tls1_3)
    #expect(report.certificate?.hostnameMatches == true)
    #expect(report.certificate?.trusted == true)
  }

  @Test("Le nom du serveur (SNI) est envoyé : le serveur choisit le bon certificat")
  func serverNameIndication() throws {
    // Without SNI s_server presents the wrong-host certificate; with « localhost » the good one.
    let options = [
      "-servername", "localhost", "-cert2", pki.good.certificate.path, "-key2", pki.good.key.path,
    ]
    let report = try LocalServers.withOpenSSLServer(pki.wrongHost, options: options) {
      try probe("https://localhost:\($0)/")
    }
    #expect(report.certificate?.subject == "CN=localhost")
    #expect(report.certificate?.hostnameMatches == true)
  }

  @Test("Plusieurs adresses sondées ensemble, résultats dans l'ordre")
  func severalEndpointsAtOnce() async throws {
    let closed = try LocalServers.closedPort()
    let (server, port) = try LocalServers.startOpenSSLServer(pki.good, options: ["-tls1_3"])
    defer { server.kill() }
    let urls = try [
      "https://localhost:\(port)/", "http://exemple.fr/", "https://127.0.0.1:\(closed)/",
    ].map { try #require(URL(string: $0)) }
    let results = await TLSProbe.probe(endpoints: urls, timeout: timeout, trustAnchors: anchors)
    #expect(results.count == 3)
    #expect(try results[0].get().bestVersion == .tls1_3)
    #expect(try results[1].get().status == .plainHTTP)
    #expect(try results[2].get().status == .unreachable)
  }

  @Test("Un port sans service : injoignable, sans attendre")
  func connectionRefused() throws {
    let port = try LocalServers.closedPort()
    let report = try probe("https://127.0.0.1:\(port)/")
    #expect(report.status == .unreachable)
    #expect(report.attempt(.tls1_3)?.status == .error)
    #expect(report.attempts.dropFirst().allSatisfy { $0.status == .notAttempted })
    #expect(report.detail?.contains("connexion refusée") == true)
    #expect(report.verdict.level == .indetermine)
  }

  @Test("Un serveur muet : délai dépassé dans la borne, jamais bloqué")
  func silentServer() throws {
    let clock = ContinuousClock()
    var report: TLSProbeReport?
    let elapsed = try clock.measure {
      report = try LocalServers.withSilentListener { port in
        let endpoint = try #require(URL(string: "https://127.0.0.1:\(port)/"))
        return try TLSProbe.probe(endpoint: endpoint, timeout: .seconds(1), trustAnchors: anchors)
      }
    }
    let result = try #require(report)
    #expect(result.status == .timeout)
    #expect(result.attempt(.tls1_3)?.status == .timeout)
    #expect(result.attempts.dropFirst().allSatisfy { $0.status == .notAttempted })
    #expect(result.verdict.level == .indetermine)
    // Generous upper bound: one step of 1 s is the design; a hang would blow far past this.
    #expect(elapsed < .seconds(10))
  }
}

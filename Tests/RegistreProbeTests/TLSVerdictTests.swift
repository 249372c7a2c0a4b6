import Foundation
import Testing

@testable import RegistreProbe

/// The judgement on made-up reports, and the parts that need no server.
@Suite("Jugement ANSSI et entrées invalides")
struct TLSVerdictTests {
  private static func date(_ text: String) -> Date {
    ISO8601DateFormatter().date(from: text) ?? Date(timeIntervalSince1970: 0)
  }

  private static let modernCipher = CipherInfo(
    name: "TLS_AES_128_GCM_SHA256", openSSLName: "TLS_AES_128_GCM_SHA256", keyExchange: "TLS 1.3 (éphémère)",
    forwardSecrecy: true, aead: true, encryption: "AESGCM(128)", broken: false)

  private static func certificate(keyType: String = "RSA", bits: Int = 2048) -> CertificateInfo {
    CertificateInfo(
      subject: "CN=exemple.fr", issuer: "CN=AC", notBefore: date("2026-01-01T00:00:00Z"),
      notAfter: date("2032-06-01T00:00:00Z"), expired: false, notYetValid: false, trusted: true,
      verifyCode: 0, verifyMessage: "chaîne vérifiée", hostnameMatches: true, selfSigned: false,
      keyType: keyType, keyBits: bits, curve: nil, signatureAlgorithm: "sha256WithRSAEncryption", chain: [])
  }

  private static func report(
    accepted: [TLSVersion], cipher: CipherInfo = modernCipher, certificate: CertificateInfo = certificate(),
    hsts: HSTSInfo = HSTSInfo(checked: true, sent: true, httpStatus: 200, value: "max-age=63072000", maxAge: 63_072_000)
  ) -> TLSProbeReport {
    let attempts = TLSVersion.probeOrder.map {
      ProtocolAttempt(version: $0, status: accepted.contains($0) ? .accepted : .refused)
    }
    return TLSProbeReport(
      endpoint: "https://exemple.fr/", host: "exemple.fr", port: 443, probedAt: date("2026-11-29T00:00:00Z"),
      status: .probed, attempts: attempts, bestVersion: accepted.max(), cipher: cipher,
      certificate: certificate, hsts: hsts)
  }

  @Test("TLS 1.3 et 1.2, HSTS, RSA 2048 en 2026 : conforme sans constat")
  func modernServerIsConforme() {
    let verdict = TLSJudge.judge(Self.report(accepted: [.tls1_3, .tls1_2]), now: Self.date("2026-11-29T00:00:00Z"))
    #expect(verdict.level == .conforme)
    #expect(verdict.findings.isEmpty)
  }

  @Test("RSA 2048 : correct jusqu'au 31/12/2030, à renouveler ensuite")
  func rsa2048Limit() {
    let report = Self.report(accepted: [.tls1_3])
    let before = TLSJudge.judge(report, now: Self.date("2030-12-31T23:59:59Z"))
    let after = TLSJudge.judge(report, now: Self.date("2031-01-01T00:00:00Z"))
    #expect(before.level == .conforme)
    #expect(after.level == .acceptable)
    #expect(after.findings.map(\.code) == ["tls.cle-a-renouveler"])
    let strong = Self.report(accepted: [.tls1_3], certificate: Self.certificate(bits: 3072))
    #expect(TLSJudge.judge(strong, now: Self.date("2031-01-01T00:00:00Z")).level == .conforme)
  }

  @Test("Une suite sans confidentialité persistante est un avertissement")
  func noForwardSecrecy() {
    let cipher = CipherInfo(
      name: "TLS_RSA_WITH_AES_128_GCM_SHA256", openSSLName: "AES128-GCM-SHA256", keyExchange: "RSA",
      forwardSecrecy: false, aead: true, encryption: "AESGCM(128)", broken: false)
    let verdict = TLSJudge.judge(Self.report(accepted: [.tls1_2], cipher: cipher), now: Self.date("2026-11-29T00:00:00Z"))
    #expect(verdict.level == .acceptable)
    let finding = verdict.findings.first { $0.code == "tls.sans-confidentialite-persistante" }
    #expect(finding?.severity == .warning)
    #expect(verdict.findings.contains { $0.code == "tls.sans-tls13" && $0.severity == .note })
  }

  @Test("TLS 1.1 accepté à côté de TLS 1.3 : non conforme")
  func tls11AlongsideModern() {
    let verdict = TLSJudge.judge(Self.report(accepted: [.tls1_3, .tls1_1]), now: Self.date("2026-11-29T00:00:00Z"))
    #expect(verdict.level == .nonConforme)
    #expect(verdict.findings.filter { $0.code == "tls.version-obsolete" }.count == 1)
    #expect(verdict.findings.first?.message.contains("TLS 1.1") == true)
  }

  @Test("Sans HSTS : remarque qui cite la RFC 6797, pas l'ANSSI")
  func missingHSTSCitesRFC() {
    let report = Self.report(accepted: [.tls1_3], hsts: HSTSInfo(checked: true, sent: false, httpStatus: 200))
    let verdict = TLSJudge.judge(report, now: Self.date("2026-11-29T00:00:00Z"))
    #expect(verdict.level == .conforme)
    let finding = verdict.findings.first
    #expect(finding?.code == "tls.sans-hsts")
    #expect(finding?.severity == .note)
    #expect(finding?.reference.contains("RFC 6797") == true)
    #expect(finding?.reference.contains("ANSSI") == false)
  }

  @Test("Une adresse http:// est signalée sans sonde")
  func plainHTTP() throws {
    let url = try #require(URL(string: "http://exemple.fr/api"))
    let report = try TLSProbe.probe(endpoint: url, timeout: .seconds(1))
    #expect(report.status == .plainHTTP)
    #expect(report.attempts.isEmpty)
    #expect(report.port == 80)
    #expect(report.verdict.level == .nonConforme)
    #expect(report.verdict.findings.first?.code == "tls.flux-non-chiffre")
    #expect(report.verdict.findings.first?.message.contains("Flux non chiffré") == true)
  }

  @Test("Adresses invalides et autorités illisibles : erreurs claires")
  func badInput() throws {
    let ftp = try #require(URL(string: "ftp://exemple.fr/"))
    #expect(throws: TLSProbeError.unsupportedScheme("ftp://exemple.fr/")) { try TLSProbe.validate(endpoint: ftp) }
    let noHost = try #require(URL(string: "https:///chemin"))
    #expect(throws: TLSProbeError.missingHost("https:///chemin")) { try TLSProbe.validate(endpoint: noHost) }
    let missing = URL(fileURLWithPath: "/nonexistent/ac.pem")
    #expect(throws: TLSProbeError.unreadableTrustAnchors("/nonexistent/ac.pem")) {
      try TLSProbe.validate(trustAnchors: .pemFiles([missing]))
    }
    let https = try #require(URL(string: "https://exemple.fr/"))
    #expect(throws: TLSProbeError.unreadableTrustAnchors("/nonexistent/ac.pem")) {
      _ = try TLSProbe.probe(endpoint: https, timeout: .seconds(1), trustAnchors: .pemFiles([missing]))
    }
    #expect(TLSProbeError.unsupportedScheme("ftp://x").message.contains("https://"))
  }

  @Test("Un fichier PEM sans certificat est refusé")
  func pemWithoutCertificate() throws {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("vide-\(UUID().uuidString).pem")
    try Data("pas un certificat\n".utf8).write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    #expect(throws: TLSProbeError.unreadableTrustAnchors(file.path)) {
      try TLSProbe.validate(trustAnchors: .pemFiles([file]))
    }
  }

  @Test("Le rapport se code en JSON avec des clés anglaises et se relit à l'identique")
  func codableRoundTrip() throws {
    var report = Self.report(accepted: [.tls1_2, .tls1_0])
    report.verdict = TLSJudge.judge(report, now: Self.date("2026-11-29T00:00:00Z"))
    let encoder = JSONEncoder()
    encoder.dateEncodingStrategy = .iso8601
    encoder.outputFormatting = [.sortedKeys]
    let data = try encoder.encode(report)
    let text = String(decoding: data, as: UTF8.self)
    #expect(text.contains("\"bestVersion\":\"TLS1.2\""))
    #expect(text.contains("\"level\":\"non-conforme\""))
    #expect(text.contains("\"forwardSecrecy\":true"))
    #expect(report.acceptedRegisterValues == ["1.0", "1.2"])
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .iso8601
    #expect(try decoder.decode(TLSProbeReport.self, from: data) == report)
  }

  @Test("Lecture de l'en-tête HSTS : insensible à la casse, premier en-tête seulement")
  func hstsHeaderParsing() throws {
    let response = Array(
      "HTTP/1.1 301 Moved\r\nSTRICT-transport-security: max-age=\"600\"; includeSubDomains; preload\r\nStrict-Transport-Security: max-age=0\r\n\r\nbody"
        .utf8)
    let hsts = try #require(HTTPHead.hsts(from: response))
    #expect(hsts.sent)
    #expect(hsts.httpStatus == 301)
    #expect(hsts.maxAge == 600)
    #expect(hsts.includeSubDomains)
    #expect(HTTPHead.hsts(from: Array("garbage".utf8)) == nil)
    let none = try #require(HTTPHead.hsts(from: Array("HTTP/1.0 200 ok\r\nContent-type: text/html\r\n\r\n".utf8)))
    #expect(none.checked && !none.sent)
  }
}

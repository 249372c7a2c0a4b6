import Foundation
import RegistreCrypto
import RegistreTestSupport
import Testing

/// The X.509 reading and the trust store, checked on the test PKI that the openssl CLI makes.
@Suite("Certificats et magasin de confiance")
struct CertificateTests {
  static func certificate(_ url: URL) throws -> Certificate {
    try Certificate(pemOrDER: [UInt8](Data(contentsOf: url)))
  }

  @Test("Lecture d'un certificat de test : noms, numéro de série, dates, clé, algorithme, noms d'hôte")
  func readsTheTestCertificate() throws {
    let pki = try TestPKI.get()
    let good = try Self.certificate(pki.good.certificate)
    #expect(good.subject == "CN=localhost")
    #expect(good.issuer == "CN=Registre Test CA")
    #expect(good.commonName == "localhost")
    #expect(good.serialHex == "02")
    let notBefore = try #require(good.notBefore)
    let notAfter = try #require(good.notAfter)
    // Issued for 90 days (TestPKI): the dates the openssl CLI wrote, whatever the day the tests run.
    #expect(notAfter.timeIntervalSince(notBefore) == 90 * 86_400)
    #expect(good.publicKey == PublicKeySummary(type: "RSA", bits: 2048, curve: nil))
    #expect(good.signatureAlgorithm == "sha256WithRSAEncryption")
    #expect(!good.isSelfSigned)
    #expect(good.matches(hostName: "localhost"))
    #expect(!good.matches(hostName: "autre.example"))
    #expect(good.matches(ipAddress: "127.0.0.1"))
    #expect(good.matches(ipAddress: "::1"))
    #expect(!good.matches(ipAddress: "10.0.0.1"))

    let weak = try Self.certificate(pki.weakKey.certificate)
    #expect(weak.publicKey?.bits == 1024)
    #expect(weak.serialHex == "05")
    #expect(try Self.certificate(pki.selfSigned.certificate).isSelfSigned)
    #expect(try Self.certificate(pki.authority).isSelfSigned)
  }

  @Test("PEM et DER : même certificat relu ; plusieurs certificats d'un PEM ; octets sans certificat refusés")
  func pemAndDER() throws {
    let pki = try TestPKI.get()
    let good = try Self.certificate(pki.good.certificate)
    let fromDER = try Certificate(pemOrDER: good.der)
    #expect(fromDER.der == good.der)
    #expect(fromDER.subject == good.subject)
    #expect(try Certificate(pemOrDER: Array(good.pem.utf8)).der == good.der)
    let bundle = try Data(contentsOf: pki.good.certificate) + Data(contentsOf: pki.authority)
    #expect(try Certificate.all(fromPEMOrDER: [UInt8](bundle)).map(\.subject) == ["CN=localhost", "CN=Registre Test CA"])
    #expect(try Certificate.all(fromPEMOrDER: Array("pas un certificat".utf8)).isEmpty)
    #expect(throws: CryptoError.unreadableCertificate) { try Certificate(pemOrDER: Array("pas un certificat".utf8)) }
  }

  @Test("Magasin de confiance : accepte ce que l'autorité a émis, refuse l'inconnu, l'expiré et l'auto-signé")
  func trustStoreAcceptsAndRefuses() throws {
    let pki = try TestPKI.get()
    let now = Date()
    let authority = try Self.certificate(pki.authority)
    let byAnchor = try TrustStore(anchors: [authority], useSystemStore: false)
    let byFile = try TrustStore(pemFiles: [pki.authority], useSystemStore: false)
    let good = try Self.certificate(pki.good.certificate)
    for store in [byAnchor, byFile] {
      let accepted = store.verify(good, at: now)
      #expect(accepted.trusted)
      #expect(accepted.code == 0)
      #expect(accepted.reason == nil)
      let expired = store.verify(try Self.certificate(pki.expired.certificate), at: now)
      #expect(!expired.trusted)
      #expect(expired.reason == "certificat expiré")
      let selfSigned = store.verify(try Self.certificate(pki.selfSigned.certificate), at: now)
      #expect(!selfSigned.trusted)
      #expect(selfSigned.reason == "certificat auto-signé non approuvé")
    }
    // A good certificate, judged at a date before it was issued.
    let early = byAnchor.verify(good, at: try #require(good.notBefore).addingTimeInterval(-86_400))
    #expect(!early.trusted)
    #expect(early.reason == "certificat pas encore valide")
    // An empty store knows no authority.
    let empty = try TrustStore(useSystemStore: false).verify(good, at: now)
    #expect(!empty.trusted)
    #expect(empty.reason == "émetteur inconnu (aucune autorité de confiance ne le reconnaît)")
  }

  @Test("Magasin de confiance : fichier absent ou sans certificat refusé, avec son chemin")
  func unreadableAnchors() throws {
    let missing = URL(fileURLWithPath: "/nonexistent/ac.pem")
    #expect(throws: CryptoError.unreadableTrustAnchors(missing.path)) {
      try TrustStore(pemFiles: [missing], useSystemStore: false)
    }
    let empty = try TemporaryFolder.file(Data("rien\n".utf8), suffix: ".pem")
    defer { try? FileManager.default.removeItem(at: empty) }
    #expect(throws: CryptoError.unreadableTrustAnchors(empty.path)) {
      try TrustStore(pemFiles: [empty], useSystemStore: false)
    }
  }
}

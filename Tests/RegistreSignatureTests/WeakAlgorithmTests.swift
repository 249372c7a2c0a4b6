import Foundation
import Testing

@testable import RegistreSignature

/// Signs `pdf` like Registre's signer lays the signature out, but with a CMS made by the `openssl cms`
/// command: `digest` chooses its digest, `patch` may rewrite the DER before it is written in `/Contents`.
func signWithOpenSSL(
  _ pdf: [UInt8], _ fixtures: Fixtures, key: String = "signer.key", certificate: String = "signer.pem",
  digest: String, patch: (([UInt8]) -> [UInt8])? = nil
) throws -> [UInt8] {
  let document = try PDFDocument(bytes: pdf)
  var prepared = try PDFSigner.prepare(document, options: SignatureOptions(), contentsBytes: 8192)
  let lower = prepared.contents.lowerBound - pdf.count
  let upper = prepared.contents.upperBound - pdf.count
  let covered = pdf + prepared.tail[..<lower] + prepared.tail[upper...]
  let input = try fixtures.write(Data(covered), "couvert.bin")
  let output = fixtures.url("\(UUID().uuidString)-cms.der")
  let result = try runTool("openssl", ["cms", "-sign", "-binary", "-cades", "-nosmimecap", "-md", digest,
    "-signer", fixtures.url(certificate).path, "-inkey", fixtures.url(key).path,
    "-certfile", fixtures.url("inter.pem").path, "-in", input.path, "-outform", "DER", "-out", output.path])
  try #require(result.status == 0, "openssl cms: \(result.output)")
  var cms = [UInt8](try Data(contentsOf: output))
  if let patch { cms = patch(cms) }
  PDFSigner.writeHex(cms, into: &prepared.tail, at: lower + 1)
  return pdf + prepared.tail
}

/// The DER of the OID 1.2.840.113549.1.1.n (PKCS #1 algorithms).
func pkcs1OID(_ n: UInt8) -> [UInt8] { [0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, n] }

/// Replaces the last occurrence of `old` (the SignerInfo comes after the certificates) with `new`.
func replaceLast(_ old: [UInt8], with new: [UInt8], in bytes: [UInt8]) -> [UInt8] {
  var result = bytes
  guard let index = PDFDocument.findLast(old, in: bytes, range: 0..<bytes.count) else { return bytes }
  result.replaceSubrange(index..<(index + old.count), with: new)
  return result
}

@Suite("Algorithmes faibles refusés (ETSI TS 119 312)")
struct WeakAlgorithmTests {
  func algorithmProblems(_ bytes: [UInt8], _ fixtures: Fixtures) throws -> (DocumentVerification, [String]) {
    let report = try verify(Data(bytes), fixtures)
    let problems = report.signatures.first?.problems.filter { $0.contains("refusé") } ?? []
    return (report, problems)
  }

  @Test("Témoin : le même CMS fait par openssl avec SHA-256 n'a aucun algorithme refusé")
  func sha256Control() throws {
    let fixtures = try Fixtures.get()
    let bytes = try signWithOpenSSL([UInt8](fixtures.classicPDF), fixtures, digest: "sha256")
    let (report, problems) = try algorithmProblems(bytes, fixtures)
    #expect(report.signatures.first?.intact == true)
    #expect(report.signatures.first?.signatureValid == true)
    #expect(problems.isEmpty, "\(problems)")
  }

  @Test("Empreintes SHA-1 et MD5 : signature refusée, avec la raison et la référence", arguments: ["sha1", "md5"])
  func weakDigest(_ digest: String) throws {
    let fixtures = try Fixtures.get()
    let bytes = try signWithOpenSSL([UInt8](fixtures.classicPDF), fixtures, digest: digest)
    let (report, problems) = try algorithmProblems(bytes, fixtures)
    let signature = try #require(report.signatures.first)
    #expect(signature.intact, "the digest is correct, only weak")
    #expect(!signature.valid)
    #expect(!report.valid)
    let name = digest == "sha1" ? "SHA-1" : "MD5"
    #expect(problems.contains { $0.contains("algorithme d'empreinte \(name) refusé") && $0.contains("ETSI TS 119 312 V1.4.2 (2022-02)") },
      "\(signature.problems)")
    let pyhanko = try pyhankoOpinion(bytes, "\(digest).pdf", fixtures)
    #expect(!pyhanko.accepted, "\(pyhanko.output)")
  }

  @Test("Algorithme de signature RSA-SHA1 ou RSA-MD5 annoncé : refusé", arguments: [UInt8(5), UInt8(4)])
  func weakSignatureAlgorithm(_ oid: UInt8) throws {
    let fixtures = try Fixtures.get()
    // openssl writes rsaEncryption (…1.1.1) as the signature algorithm; the forger announces sha1WithRSA (…1.1.5)
    // or md5WithRSA (…1.1.4), same length.
    let bytes = try signWithOpenSSL([UInt8](fixtures.classicPDF), fixtures, digest: "sha256") {
      replaceLast(pkcs1OID(1), with: pkcs1OID(oid), in: $0)
    }
    let (report, problems) = try algorithmProblems(bytes, fixtures)
    let name = oid == 5 ? "SHA-1" : "MD5"
    #expect(problems.contains { $0.contains("algorithme de signature") && $0.contains("\(name) refusé") }, "\(report.signatures.first?.problems ?? [])")
    #expect(!report.valid)
    let pyhanko = try pyhankoOpinion(bytes, "rsa-\(oid).pdf", fixtures)
    #expect(!pyhanko.accepted, "\(pyhanko.output)")
  }

  @Test("Clé RSA de 1024 bits : refusée par le vérificateur, et par le signataire de Registre")
  func shortRSAKey() throws {
    let fixtures = try Fixtures.get()
    let folder = fixtures.folder
    let make = try runTool("sh", ["-c", """
      openssl req -new -newkey rsa:1024 -nodes -keyout weak.key -out weak.csr -config ext.cnf \
        -subj "/C=FR/O=Lycée de test/CN=Clé courte" -utf8 2>/dev/null &&
      openssl x509 -req -in weak.csr -CA inter.pem -CAkey inter.key -set_serial 77 -days 30 \
        -extfile ext.cnf -extensions signer_ext -out weak.pem 2>/dev/null
      """], in: folder)
    try #require(make.status == 0, "\(make.output)")
    let bytes = try signWithOpenSSL([UInt8](fixtures.classicPDF), fixtures, key: "weak.key", certificate: "weak.pem",
      digest: "sha256")
    let (report, problems) = try algorithmProblems(bytes, fixtures)
    #expect(report.signatures.first?.intact == true && report.signatures.first?.trusted == true)
    #expect(problems.contains { $0.contains("clé RSA de 1024 bits refusée") }, "\(report.signatures.first?.problems ?? [])")
    #expect(!report.valid)
    let credentials = try SigningCredentials.pem(key: fixtures.data("weak.key"), certificate: fixtures.data("weak.pem"),
      chain: fixtures.data("inter.pem"))
    let error = caughtError { try PDFSigner.sign(fixtures.classicPDF, credentials: credentials) }
    #expect("\(error.map { "\($0)" } ?? "aucune erreur")".contains("1024 bits"), "\(String(describing: error))")
    let pyhanko = try pyhankoOpinion(bytes, "rsa1024.pdf", fixtures)
    #expect(!pyhanko.accepted, "\(pyhanko.output)")
  }
}

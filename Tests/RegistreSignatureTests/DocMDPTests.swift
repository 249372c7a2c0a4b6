import Foundation
import RegistreTestSupport
import Testing

@testable import RegistreSignature

/// A PDF signed by pyHanko (`Fixtures/certify.py`): a certification signature of level `docmdp1…3`, or an
/// approval signature locking every field (`fieldmdp`).
func pyhankoSigned(_ pdf: Data, mode: String, _ fixtures: Fixtures) throws -> [UInt8] {
  let python = try Checkers.require("python3", package: "python3")
  let script = try #require(Bundle.module.url(forResource: "Fixtures/certify.py", withExtension: nil))
  let input = try fixtures.write(pdf, "a-certifier.pdf")
  let output = fixtures.url("\(UUID().uuidString)-\(mode).pdf")
  let result = try runTool(python, [script.path, mode, input.path, output.path, fixtures.url("other.key").path,
    fixtures.url("other.pem").path, fixtures.url("inter.pem").path])
  try #require(result.status == 0, "pyHanko (\(mode)) : \(result.output)")
  return [UInt8](try Data(contentsOf: output))
}

@Suite("Signatures de certification (DocMDP) et verrous de champs (FieldMDP)")
struct DocMDPTests {
  @Test("Certification P = 1 par pyHanko, sans rien après : valide, niveau de permission rapporté", arguments: [1, 2, 3])
  func certificationAlone(_ level: Int) throws {
    let fixtures = try Fixtures.get()
    let certified = try pyhankoSigned(fixtures.classicPDF, mode: "docmdp\(level)", fixtures)
    let report = try verify(Data(certified), fixtures)
    #expect(report.valid, "\(report.signatures.map(\.problems))")
    #expect(report.signatures.first?.certificationPermissions == level)
  }

  @Test("Certification P = 1, puis une signature ajoutée par un autre outil : la certification est invalide ; pyHanko refuse aussi")
  func signatureAfterNoChanges() throws {
    let fixtures = try Fixtures.get()
    let certified = try pyhankoSigned(fixtures.classicPDF, mode: "docmdp1", fixtures)
    // Registre's own signer refuses to break the certification.
    #expect(throws: SignatureError.certifiedWithoutChanges) {
      try PDFSigner.sign(Data(certified), credentials: try fixtures.signer())
    }
    // Another tool signs anyway (the CMS by the openssl command, laid out like Registre's).
    let countersigned = try signWithOpenSSL(certified, fixtures, digest: "sha256")
    let report = try verify(Data(countersigned), fixtures)
    try #require(report.signatures.count == 2)
    let certification = report.signatures[0]
    #expect(certification.certificationPermissions == 1)
    #expect(certification.intact && certification.signatureValid)
    #expect(!certification.valid)
    #expect(certification.problems.contains { $0.contains("modifié après certification") && $0.contains("P = 1") },
      "\(certification.problems)")
    // The later signature holds on its own (openssl's CMS carries signing-time, which PAdES forbids: not the point).
    #expect(report.signatures[1].intact && report.signatures[1].signatureValid, "\(report.signatures[1].problems)")
    #expect(report.signatures[1].problems.allSatisfy { !$0.contains("certification") })
    #expect(!report.valid)
    let pyhanko = try pyhankoOpinion(countersigned, "certification-p1-contresignee.pdf", fixtures)
    #expect(!pyhanko.accepted, "\(pyhanko.output)")
  }

  @Test("Certification P = 1, puis un champ de signature vide et invisible : refusé (admis sans certification)")
  func emptyFieldAfterNoChanges() throws {
    let fixtures = try Fixtures.get()
    let certified = try pyhankoSigned(fixtures.classicPDF, mode: "docmdp1", fixtures)
    let (prepared, field) = try RevisionAttackTests().emptySignatureField(certified, rect: [0, 0, 0, 0])
    let report = try verify(Data(prepared), fixtures)
    let certification = try #require(report.signatures.first)
    #expect(!certification.valid)
    #expect(certification.problems.contains { $0.contains("champ de signature vide ajouté (objet \(field) 0)") },
      "\(certification.problems)")
    #expect(!report.valid)
    let pyhanko = try pyhankoOpinion(prepared, "certification-p1-champ.pdf", fixtures)
    #expect(!pyhanko.accepted, "\(pyhanko.output)")
  }

  @Test("Certification P = 1, puis un horodatage de document (pyHanko) : admis, comme le veut PAdES")
  func documentTimestampAfterNoChanges() throws {
    let fixtures = try Fixtures.get()
    let tsa = try LocalTSA(fixtures: fixtures)
    let certified = try fixtures.write(Data(try pyhankoSigned(fixtures.classicPDF, mode: "docmdp1", fixtures)), "p1.pdf")
    let stamped = fixtures.url("\(UUID().uuidString)-p1-horodate.pdf")
    let result = try runTool("pyhanko", ["sign", "timestamp", "--timestamp-url", tsa.url.absoluteString,
      "--trust", fixtures.url("root.pem").path, "--trust-replace", certified.path, stamped.path])
    try #require(result.status == 0, "\(result.output)")
    let report = try verify(try Data(contentsOf: stamped), fixtures)
    #expect(report.valid, "\(report.signatures.map(\.problems))")
    #expect(report.signatures.first?.certificationPermissions == 1)
  }

  @Test("Certification P = 2, puis une signature de Registre : les deux valides (pyHanko aussi)")
  func fillFormsAndAnnotate() throws {
    let fixtures = try Fixtures.get()
    let certified = try pyhankoSigned(fixtures.classicPDF, mode: "docmdp2", fixtures)
    let countersigned = try PDFSigner.sign(Data(certified), credentials: try fixtures.signer())
    let report = try verify(countersigned, fixtures)
    #expect(report.signatures.count == 2)
    #expect(report.valid, "\(report.signatures.map(\.problems))")
    let pyhanko = try pyhankoOpinion([UInt8](countersigned), "certification-p2-contresignee.pdf", fixtures)
    #expect(pyhanko.accepted, "\(pyhanko.output)")
  }

  @Test("Signature qui verrouille les champs (FieldMDP), puis une autre signature : signalée non entièrement vérifiée")
  func fieldLockNotChecked() throws {
    let fixtures = try Fixtures.get()
    let locked = try pyhankoSigned(fixtures.classicPDF, mode: "fieldmdp", fixtures)
    // Alone, nothing to check: valid.
    let alone = try verify(Data(locked), fixtures)
    #expect(alone.valid, "\(alone.signatures.map(\.problems))")
    let countersigned = try PDFSigner.sign(Data(locked), credentials: try fixtures.signer())
    let report = try verify(countersigned, fixtures)
    let first = try #require(report.signatures.first)
    #expect(!first.valid)
    #expect(first.problems.contains { $0.contains("FieldMDP") && $0.contains("non entièrement vérifiée") }, "\(first.problems)")
    #expect(!report.valid)
  }
}

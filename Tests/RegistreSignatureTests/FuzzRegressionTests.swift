import Foundation
import RegistreSignature
import Testing

/// Replays PDFs kept from fuzzing (docs/fuzzing.md) through the verifier and the signer, as the
/// harness does: an answer or a `PDFError`/`SignatureError`, never a crash or a hang.
@Suite("Fuzzing : PDF conservés, rejoués")
struct PDFFuzzRegression {
  @Test func keptInputsAreVerifiedOrRefused() throws {
    let dossier = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
      .appendingPathComponent("fuzz")
    let noms = try FileManager.default.contentsOfDirectory(atPath: dossier.path).sorted()
    #expect(noms.count >= 10)
    let demo = try SigningCredentials.demonstration()
    var lus = 0
    for nom in noms {
      let pdf = try Data(contentsOf: dossier.appendingPathComponent(nom))
      guard (try? PDFVerifier.verify(pdf)) != nil else { continue }
      lus += 1
      do {
        let signe = try PDFSigner.sign(
          pdf, credentials: demo.credentials, options: SignatureOptions(allowInvalidCertificate: true))
        // What the signer accepts, it must be able to read back.
        #expect(try PDFVerifier.verify(signe).signatures.count >= 1, "\(nom)")
      } catch {
        #expect(!"\(error)".isEmpty, "\(nom)")
      }
    }
    #expect(lus > 0)
  }
}

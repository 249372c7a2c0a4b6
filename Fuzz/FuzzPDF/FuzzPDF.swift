// libFuzzer harness: the PDF reader behind `registre verifier` and `registre signer`.
// Every input is verified (parse, xref tables/streams, object streams, signature checks);
// inputs that parse are also signed, which walks the catalog/page tree and the writer.
import Foundation
import RegistreSignature

private let demo = try? SigningCredentials.demonstration(now: Date(timeIntervalSince1970: 1_780_000_000))
private let options = SignatureOptions(
  signingTime: Date(timeIntervalSince1970: 1_780_000_000), allowInvalidCertificate: true)

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzPDF(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
  guard let start else { return 0 }
  let data = Data(bytes: start, count: count)
  guard (try? PDFVerifier.verify(data, now: Date(timeIntervalSince1970: 1_780_000_000))) != nil else { return 0 }
  if let demo {
    _ = try? PDFSigner.sign(data, credentials: demo.credentials, options: options)
  }
  return 0
}

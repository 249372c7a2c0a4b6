import Foundation
import Testing

@testable import RegistreSignature

@Suite("Signer des PDF")
struct SigningTests {
  @Test("PDF à flux xref (FOP PDF/A) : signé, validé par pyHanko et pdfsig")
  func signXrefStreamPDF() throws {
    let fixtures = try Fixtures.get()
    let signed = try PDFSigner.sign(
      fixtures.xrefStreamPDF, credentials: try fixtures.signer(),
      options: SignatureOptions(name: "Chef d'établissement", reason: "Registre des activités de traitement 2026"))
    #expect(signed.prefix(fixtures.xrefStreamPDF.count) == fixtures.xrefStreamPDF)
    let file = try fixtures.write(signed, "xrefstream-signed.pdf")
    let pyhanko = try fixtures.pyhankoValidate(file)
    #expect(pyhanko.status == 0, "\(pyhanko.output)")
    #expect(pyhanko.output.contains("INTACT:TRUSTED"), "\(pyhanko.output)")
    let pdfsig = try fixtures.pdfsig(file)
    #expect(pdfsig.output.contains("Signature is Valid"), "\(pdfsig.output)")
    #expect(pdfsig.output.contains("Total document signed"), "\(pdfsig.output)")
  }
}

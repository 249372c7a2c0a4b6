import Foundation
import RegistreTestSupport
import Testing

@testable import RegistreSignature

/// Signs `pdf` with the RSA test signer.
func signed(_ pdf: Data, _ fixtures: Fixtures, options: SignatureOptions = SignatureOptions()) throws -> Data {
  try PDFSigner.sign(pdf, credentials: try fixtures.signer(), options: options)
}

func verify(_ pdf: Data, _ fixtures: Fixtures) throws -> DocumentVerification {
  try PDFVerifier.verify(pdf, trustAnchors: [try fixtures.data("root.pem")])
}

@Suite("Signer des PDF et vérifier avec pyHanko, pdfsig et notre vérificateur")
struct SigningTests {
  @Test("PDF à flux xref et flux d'objets (FOP PDF/A) : B-B valide pour les trois vérificateurs")
  func signXrefStreamPDF() throws {
    let fixtures = try Fixtures.get()
    let original = fixtures.xrefStreamPDF
    #expect(try PDFDocument(data: original).sections.first?.isStream == true)
    let output = try signed(
      original, fixtures,
      options: SignatureOptions(name: "Chef d'établissement", reason: "Registre des activités de traitement 2026",
        location: "Lyon", contactInfo: "ce.0690000x@ac-lyon.fr"))
    #expect(output.prefix(original.count) == original)
    // The update is an xref stream too, and the first /ID is kept.
    let reread = try PDFDocument(data: output)
    #expect(reread.sections.first?.isStream == true)
    #expect(reread.trailer["ID"]?.arrayValue?.first == (try PDFDocument(data: original)).trailer["ID"]?.arrayValue?.first)

    let report = try verify(output, fixtures)
    let signature = try #require(report.signatures.first)
    #expect(report.valid, "\(report)")
    #expect(signature.intact && signature.signatureValid && signature.trusted && signature.coversWholeFile)
    #expect(signature.level == "PAdES-B-B")
    #expect(signature.reason == "Registre des activités de traitement 2026")
    #expect(signature.name == "Chef d'établissement")
    #expect(signature.signer?.commonName == "Chef d'établissement de test")
    #expect(signature.signer?.serialNumber == "03")
    #expect(signature.claimedSigningTime != nil)

    let file = try fixtures.write(output, "xrefstream-signed.pdf")
    let pyhanko = try fixtures.pyhankoValidate(file)
    #expect(pyhanko.status == 0, "\(pyhanko.output)")
    #expect(pyhanko.output.contains("INTACT:TRUSTED,UNTOUCHED"), "\(pyhanko.output)")
    let pdfsig = try fixtures.pdfsig(file)
    #expect(pdfsig.output.contains("Signature is Valid"), "\(pdfsig.output)")
    #expect(pdfsig.output.contains("Total document signed"), "\(pdfsig.output)")
    #expect(pdfsig.output.contains("ETSI.CAdES.detached"), "\(pdfsig.output)")
    let qpdf = try runTool("qpdf", ["--check", file.path])
    #expect(qpdf.status == 0, "\(qpdf.output)")
    // Still PDF/A-2b as far as pikepdf can tell: metadata, syntax, a printable zero-size widget, no NeedAppearances.
    let script = """
      import pikepdf, sys
      pdf = pikepdf.open(sys.argv[1])
      problems = pdf.check_pdf_syntax() if hasattr(pdf, "check_pdf_syntax") else pdf.check()
      widget = pdf.pages[0].Annots[-1]
      print(pdf.open_metadata().pdfa_status, len(problems), int(widget.F), list(widget.Rect),
        "/NeedAppearances" in pdf.Root.AcroForm, int(pdf.Root.AcroForm.SigFlags))
      """
    let pikepdf = try runTool("python3", ["-c", script, file.path])
    #expect(pikepdf.output.trimmingCharacters(in: .whitespacesAndNewlines) == "2B 0 132 [0, 0, 0, 0] False 3", "\(pikepdf.output)")
  }

  @Test("PDF à table xref classique : mise à jour en table classique, valide pour les trois vérificateurs")
  func signClassicPDF() throws {
    let fixtures = try Fixtures.get()
    let original = fixtures.classicPDF
    #expect(try PDFDocument(data: original).sections.first?.isStream == false)
    let output = try signed(original, fixtures)
    let appended = [UInt8](output.suffix(from: original.count))
    #expect(PDFDocument.find(Array("\nxref\n".utf8), in: appended, range: 0..<appended.count) != nil)
    #expect(try PDFDocument(data: output).sections.first?.isStream == false)
    let report = try verify(output, fixtures)
    #expect(report.valid, "\(report.signatures.map(\.problems))")

    let file = try fixtures.write(output, "classic-signed.pdf")
    let pyhanko = try fixtures.pyhankoValidate(file)
    #expect(pyhanko.output.contains("INTACT:TRUSTED,UNTOUCHED"), "\(pyhanko.output)")
    let pdfsig = try fixtures.pdfsig(file)
    #expect(pdfsig.output.contains("Signature is Valid"), "\(pdfsig.output)")
    #expect(pdfsig.output.contains("Total document signed"), "\(pdfsig.output)")
  }

  @Test("Deux signatures successives (chef d'établissement puis DPD) : toutes deux valides")
  func twoSignatures() throws {
    let fixtures = try Fixtures.get()
    let once = try signed(fixtures.xrefStreamPDF, fixtures)
    let twice = try PDFSigner.sign(once, credentials: try fixtures.otherSigner(),
      options: SignatureOptions(name: "DPD"))
    let report = try verify(twice, fixtures)
    #expect(report.signatures.count == 2)
    #expect(report.valid, "\(report)")
    #expect(report.signatures.map(\.fieldName) == ["Signature1", "Signature2"])
    #expect(report.signatures.first?.coversWholeFile == false)
    #expect(report.signatures.last?.coversWholeFile == true)
    #expect(report.signatures.allSatisfy { $0.coversRevision && $0.intact && $0.trusted })
    #expect(report.signatures.first?.laterChangesOnlySignatures == true)
    #expect(report.signatures.first?.laterChanges?.contains { $0.contains("(Sig) ajouté") } == true)
    #expect(report.signatures.last?.laterChanges == nil)

    let file = try fixtures.write(twice, "twice-signed.pdf")
    let pyhanko = try fixtures.pyhankoValidate(file)
    #expect(pyhanko.status == 0, "\(pyhanko.output)")
    #expect(pyhanko.output.components(separatedBy: "INTACT:TRUSTED").count == 3, "\(pyhanko.output)")
    let pdfsig = try fixtures.pdfsig(file)
    #expect(pdfsig.output.components(separatedBy: "Signature is Valid").count == 3, "\(pdfsig.output)")
  }

  @Test("Signé par Registre puis par pyHanko : les deux signatures valides pour notre vérificateur")
  func pyhankoCountersignature() throws {
    let fixtures = try Fixtures.get()
    let ours = try fixtures.write(try signed(fixtures.xrefStreamPDF, fixtures), "ours.pdf")
    let both = fixtures.url("\(UUID().uuidString)-pyhanko.pdf")
    let pyhanko = try runTool("pyhanko", ["sign", "addsig", "--use-pades", "--field", "DPD", "pemder",
      "--key", fixtures.url("other.key").path, "--cert", fixtures.url("other.pem").path,
      "--chain", fixtures.url("inter.pem").path, "--no-pass", ours.path, both.path])
    try #require(pyhanko.status == 0, "\(pyhanko.output)")
    let report = try verify(try Data(contentsOf: both), fixtures)
    #expect(report.signatures.count == 2)
    #expect(report.valid, "\(report)")
    #expect(report.signatures.first?.laterChangesOnlySignatures == true)
  }

  @Test("B-T : horodatage RFC 3161 par une autorité locale, vérifié")
  func timestamped() throws {
    let fixtures = try Fixtures.get()
    let tsa = try LocalTSA(fixtures: fixtures)
    let output = try signed(fixtures.classicPDF, fixtures, options: SignatureOptions(timestampURL: tsa.url))
    let report = try verify(output, fixtures)
    let signature = try #require(report.signatures.first)
    #expect(report.valid, "\(report)")
    #expect(signature.level == "PAdES-B-T")
    let timestamp = try #require(signature.timestamp)
    #expect(timestamp.valid, "\(timestamp)")
    #expect(timestamp.authority?.contains("Horodatage de test") == true)
    let time = try #require(timestamp.time)
    #expect(abs(time.timeIntervalSinceNow) < 600)
    #expect(signature.chainCheckedAt == time)

    let file = try fixtures.write(output, "timestamped.pdf")
    let pyhanko = try fixtures.pyhankoValidate(file)
    #expect(pyhanko.output.contains("INTACT:TRUSTED,TIMESTAMP_TOKEN<INTACT:TRUSTED>,UNTOUCHED"), "\(pyhanko.output)")
    let ades = try runTool("pyhanko", ["sign", "adesverify", "--trust", fixtures.url("root.pem").path,
      "--trust-replace", "--no-revocation-check", "--pretty-print", file.path])
    #expect(ades.output.contains("The TSA certificate is trusted"), "\(ades.output)")
    #expect(ades.output.contains("judged VALID"), "\(ades.output)")
    let pdfsig = try fixtures.pdfsig(file)
    #expect(pdfsig.output.contains("Signature is Valid"), "\(pdfsig.output)")
  }

  @Test("B-T par HTTPS : certificat TLS de l'autorité vérifié")
  func timestampedOverHTTPS() throws {
    let fixtures = try Fixtures.get()
    let tsa = try LocalTSA(fixtures: fixtures, https: true)
    // Without the test root, the TLS certificate is refused and nothing is produced.
    let refused = caughtError {
      try signed(fixtures.classicPDF, fixtures, options: SignatureOptions(timestampURL: tsa.url))
    }
    guard case .timestamp(let reason)? = refused as? SignatureError else {
      Issue.record("expected a timestamp error, got \(String(describing: refused))")
      return
    }
    #expect(reason.contains("TLS"), "\(reason)")
    var options = SignatureOptions(timestampURL: tsa.url)
    options.timestampTLSAnchors = [try fixtures.data("root.pem")]
    let report = try verify(try signed(fixtures.classicPDF, fixtures, options: options), fixtures)
    #expect(report.valid, "\(report)")
    #expect(report.signatures.first?.level == "PAdES-B-T")
  }

  @Test("Horodatage de document ajouté par pyHanko (B-LTA) : vérifié, la signature reste valide")
  func documentTimestamp() throws {
    let fixtures = try Fixtures.get()
    let tsa = try LocalTSA(fixtures: fixtures)
    let ours = try fixtures.write(try signed(fixtures.classicPDF, fixtures), "ours.pdf")
    let stamped = fixtures.url("\(UUID().uuidString)-stamped.pdf")
    let pyhanko = try runTool("pyhanko", ["sign", "timestamp", "--timestamp-url", tsa.url.absoluteString,
      "--trust", fixtures.url("root.pem").path, "--trust-replace", ours.path, stamped.path])
    try #require(pyhanko.status == 0, "\(pyhanko.output)")
    let report = try verify(try Data(contentsOf: stamped), fixtures)
    #expect(report.signatures.count == 2)
    #expect(report.valid, "\(report)")
    let stamp = try #require(report.signatures.last)
    #expect(stamp.level == "horodatage de document")
    #expect(stamp.timestamp?.valid == true)
    #expect(stamp.signer?.commonName == "Horodatage de test")
    #expect(report.signatures.first?.laterChangesOnlySignatures == true)
    // pyHanko adds validation data (DSS) after the timestamp: reported, harmless.
    #expect(report.appendedAfterLastSignature?.onlyValidationData == true)
    // A changed byte in the timestamped range is caught.
    var bytes = [UInt8](try Data(contentsOf: stamped))
    bytes[40] ^= 0x01
    #expect(try verify(Data(bytes), fixtures).signatures.last?.valid == false)
  }

  @Test("Jeu de certificats de démonstration : le nom dit DÉMONSTRATION, la signature se vérifie avec son AC")
  func demonstrationCertificate() throws {
    let fixtures = try Fixtures.get()
    let demo = try SigningCredentials.demonstration()
    #expect(demo.credentials.certificate.info.commonName?.contains("DÉMONSTRATION") == true)
    #expect(demo.authorityPEM.hasPrefix("-----BEGIN CERTIFICATE-----"))
    let output = try PDFSigner.sign(fixtures.classicPDF, credentials: demo.credentials)
    let report = try PDFVerifier.verify(output, trustAnchors: [Data(demo.authorityPEM.utf8)])
    #expect(report.valid, "\(report)")
    // Not trusted by the test root.
    #expect(try verify(output, fixtures).valid == false)
    let authority = try fixtures.write(Data(demo.authorityPEM.utf8), "demo-ac.pem")
    let file = try fixtures.write(output, "demo-signed.pdf")
    let pyhanko = try runTool("pyhanko", ["sign", "validate", "--trust", authority.path, "--trust-replace",
      "--no-revocation-check", file.path])
    #expect(pyhanko.output.contains("INTACT:TRUSTED,UNTOUCHED"), "\(pyhanko.output)")
  }
}

@Suite("PDF d'autres producteurs")
struct ForeignProducerTests {
  enum Producer: String, CaseIterable, Sendable {
    case cairo, qpdfObjectStreams, qpdfLinearized

    func make(from source: URL, to target: URL) throws -> ToolResult {
      switch self {
      case .cairo: return try runTool("pdftocairo", ["-pdf", source.path, target.path])
      case .qpdfObjectStreams: return try runTool("qpdf", ["--object-streams=generate", source.path, target.path])
      case .qpdfLinearized: return try runTool("qpdf", ["--linearize", source.path, target.path])
      }
    }
  }

  @Test("Signé puis validé par pyHanko et pdfsig", arguments: Producer.allCases)
  func foreign(_ producer: Producer) throws {
    let fixtures = try Fixtures.get()
    let source = try fixtures.write(fixtures.classicPDF, "source.pdf")
    let made = fixtures.url("\(UUID().uuidString)-\(producer.rawValue).pdf")
    let result = try producer.make(from: source, to: made)
    try #require(result.status == 0, "\(result.output)")
    let output = try signed(try Data(contentsOf: made), fixtures)
    #expect(try verify(output, fixtures).valid)
    let file = try fixtures.write(output, "\(producer.rawValue)-signed.pdf")
    let pyhanko = try fixtures.pyhankoValidate(file)
    #expect(pyhanko.output.contains("INTACT:TRUSTED,UNTOUCHED"), "\(pyhanko.output)")
    let pdfsig = try fixtures.pdfsig(file)
    #expect(pdfsig.output.contains("Signature is Valid"), "\(pdfsig.output)")
    #expect(pdfsig.output.contains("Total document signed"), "\(pdfsig.output)")
  }
}

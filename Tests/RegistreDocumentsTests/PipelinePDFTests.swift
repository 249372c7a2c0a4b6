import Foundation
import Testing

@testable import RegistreDocuments

/// The whole pipeline with FOP: four documents rendered in parallel, then
/// checked with the PDF tools (pdftotext, pdffonts, qpdf, pikepdf).
@Suite("Documents PDF/A avec FOP")
struct PipelinePDFTests {
  struct Produced {
    let folder: URL
    let register: URL
    let families: URL
    let pupils: URL
    let audit: URL
    let registerXML: Data
    let registerAgain: URL
  }

  static func produce() async throws -> Produced {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "registre-pdf-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let pipeline = try TemplateTests.pipeline()
    let registerXML = try Tools.fixture("registre-mini.xml")
    let files = [
      "registre.pdf", "notice-familles.pdf", "notice-eleves.pdf", "rapport.pdf", "registre-bis.pdf",
    ].map {
      folder.appendingPathComponent($0)
    }
    let fromRegister = await pipeline.produce(
      [
        DocumentJob(kind: .register, output: files[0]),
        DocumentJob(kind: .noticeFamilies, output: files[1]),
        DocumentJob(kind: .noticePupils, output: files[2]),
        DocumentJob(kind: .register, output: files[4]),
      ], input: registerXML)
    let fromFindings = await pipeline.produce(
      [DocumentJob(kind: .auditReport, output: files[3])], input: try Tools.fixture("constats-mini.xml"))
    for result in fromRegister + fromFindings {
      _ = try result.get()
    }
    return Produced(
      folder: folder, register: files[0], families: files[1], pupils: files[2], audit: files[3],
      registerXML: registerXML, registerAgain: files[4])
  }

  static func text(of pdf: URL) throws -> String {
    let raw = try Tools.run("pdftotext", [pdf.path, "-"]).output
    let spaced = raw.replacingOccurrences(of: "\u{A0}", with: " ")
      .replacingOccurrences(of: "\u{202F}", with: " ")
    return spaced.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
  }

  @Test func documentsPassThePDFChecks() async throws {
    let produced = try await Self.produce()
    // REGISTRE_GARDER_PDF=1 keeps the PDFs for a look with pdftoppm.
    let keep = ProcessInfo.processInfo.environment["REGISTRE_GARDER_PDF"] == "1"
    defer { if !keep { try? FileManager.default.removeItem(at: produced.folder) } }
    if keep { print("PDF gardés dans \(produced.folder.path)") }

    for (file, status) in [
      (produced.register, "3B"), (produced.families, "2B"), (produced.pupils, "2B"),
      (produced.audit, "2B"),
    ] {
      #expect(try Tools.pdfaStatus(of: file) == status, "\(file.lastPathComponent)")
      #expect(try Tools.run("qpdf", ["--check", file.path]).status == 0, "\(file.lastPathComponent)")
      let violations = try Tools.pdfaRuleViolations(of: file)
      #expect(violations == "", "\(file.lastPathComponent) : \(violations)")
      let fonts = try Tools.fonts(of: file)
      #expect(!fonts.isEmpty)
      for row in fonts {
        #expect(row.count >= 5 && row[row.count - 5] == "yes", "police non incorporée : \(row)")
      }
      let info = try Tools.run("pdfinfo", [file.path]).output
      #expect(info.contains("Tagged:          yes"))
      let catalog = try Tools.run(
        "python3", ["-c", "import pikepdf,sys; p = pikepdf.open(sys.argv[1]); print(p.Root.get('/Lang'))", file.path]
      ).output
      #expect(catalog.trimmingCharacters(in: .whitespacesAndNewlines) == "fr")
    }

    // Same input, same date: the same bytes.
    #expect(try Data(contentsOf: produced.register) == Data(contentsOf: produced.registerAgain))

    // The register: every fiche field, page n sur N, and its XML inside.
    let register = try Self.text(of: produced.register)
    for item in [
      "Registre des activités de traitement", "Synthèse des traitements", "Finalité principale",
      "Base légale", "Personnes concernées", "Destinataires", "Sous-traitants",
      "Transferts hors de l’Union européenne", "Mesures de sécurité", "Analyse d’impact (AIPD)",
      "Catégories de données et durées de conservation", "Flux de données",
      "Annexe : sous-traitants", "Registre des violations de données",
      "Signature du responsable de traitement", "page 1 sur", "28 novembre 2026",
      "« Lycée Marie-Curie (fictif) »", "Affelnet",
    ] {
      #expect(Bool(register.contains(item)), "registre : absent « \(item) »")
    }
    let script = """
      import pikepdf, sys
      pdf = pikepdf.open(sys.argv[1])
      sys.stdout.buffer.write(pdf.attachments['registre.xml'].get_file().read_bytes())
      """
    let extracted = try Tools.run("python3", ["-c", script, produced.register.path]).output
    #expect(Data(extracted.utf8) == produced.registerXML)

    // The notices: Art. 13 items in the extracted text.
    for file in [produced.families, produced.pupils] {
      let text = try Self.text(of: file)
      for item in [
        "dpd@ac-lyon.fr", "CNIL", "www.cnil.fr/plaintes", "Vie scolaire", "SIECLE",
        "Index Éducation", "1 an", "page 1 sur",
      ] {
        #expect(Bool(text.contains(item)), "\(file.lastPathComponent) : absent « \(item) »")
      }
      // Sources and countries are in the families' annex; the pupils' short notice says data leave Europe.
      let detail = file == produced.families ? ["Affelnet", "États-Unis"] : ["Europe"]
      for item in detail {
        #expect(Bool(text.contains(item)), "\(file.lastPathComponent) : absent « \(item) »")
      }
    }
    let audit = try Self.text(of: produced.audit)
    #expect(audit.contains("aipd-requise-manquante"))
  }

  @Test func noFileIsLeftWhenRenderingFails() async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "registre-pdf-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    var pipeline = try TemplateTests.pipeline()
    var renderer = try Tools.builtInTemplates.fopRenderer()
    renderer.executable = URL(fileURLWithPath: "/nonexistent/fop")
    pipeline.renderer = renderer
    let output = folder.appendingPathComponent("registre.pdf")
    let results = await pipeline.produce(
      [DocumentJob(kind: .register, output: output)], input: try Tools.fixture("registre-mini.xml"))
    guard case .failure(let error) = results[0] else {
      Issue.record("aurait dû échouer")
      return
    }
    #expect(error.message.contains("apt-get install fop"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
  }
}

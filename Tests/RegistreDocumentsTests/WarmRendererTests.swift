import Foundation
import RegistreTestSupport
import Testing

@testable import RegistreDocuments

#if canImport(Glibc)
  import Glibc
#endif

/// The warm renderer (one JVM for many documents, issue 22) against the `fop` command it
/// replaces: the same documents, a service that dies is replaced, FOP's messages and the
/// sandbox are kept. Serialized: the tests kill and count the service's JVMs.
@Suite("Rendu FOP chaud (service)", .serialized)
struct WarmRendererTests {
  /// The input fixture of each kind of document.
  static func input(for kind: DocumentKind) -> String {
    switch kind {
    case .register, .noticeFamilies, .noticePupils: return "registre-mini.xml"
    case .noticeStaff, .noticeVisitors: return "notices-pieges.xml"
    case .auditReport: return "constats-mini.xml"
    case .batchAudit: return "audit-lot-mini.xml"
    case .yearlyReview: return "bilan-mini.xml"
    case .opinion: return "avis-mini.xml"
    case .toolFamilyNote: return "note-familles-outil-mini.xml"
    }
  }

  static func request(_ kind: DocumentKind) throws -> RenderRequest {
    try TemplateTests.pipeline().renderRequest(for: kind, input: try Tools.fixture(input(for: kind)))
  }

  /// What the PDF tools read of a PDF: text, pages, fonts (name, type, embedded, subset,
  /// unicode), PDF/A identification.
  struct Reading: Equatable {
    var text: String
    var pages: String
    var fonts: [String]
    var pdfa: String
  }

  static func read(_ pdf: Data) throws -> Reading {
    let file = try Tools.temporaryFile(pdf, suffix: ".pdf")
    defer { try? FileManager.default.removeItem(at: file) }
    let info = try Tools.run("pdfinfo", [file.path]).output
    let pages = info.split(separator: "\n").first { $0.hasPrefix("Pages:") }.map(String.init) ?? ""
    // Object numbers aside (the last two columns), every column of pdffonts.
    let fonts = try Tools.fonts(of: file).map { $0.dropLast(2).joined(separator: " ") }
    return Reading(
      text: try Tools.run("pdftotext", [file.path, "-"]).output, pages: pages, fonts: fonts,
      pdfa: try Tools.pdfaStatus(of: file))
  }

  /// Every kind of document, rendered by the `fop` command and by the service with the same
  /// date: the PDF tools read the same text, pages, fonts and PDF/A marker (and, FOP being
  /// deterministic under SOURCE_DATE_EPOCH, the files are the same bytes).
  @Test func warmAndColdRenderingsAgreeForEveryKind() async throws {
    _ = try Checkers.require("pdftotext", package: "poppler-utils")
    _ = try Checkers.require("pdffonts", package: "poppler-utils")
    let library = try Tools.builtInTemplates
    let cold = library.fopRenderer()
    let warm = library.warmFOPRenderer()
    let kinds = DocumentKind.allCases
    let requests = try kinds.map(Self.request)
    let coldPDFs = await cold.renderAll(requests, maxConcurrent: 2)
    let warmPDFs = await warm.renderAll(requests, maxConcurrent: 2)
    for (index, kind) in kinds.enumerated() {
      let coldPDF = try coldPDFs[index].get()
      let warmPDF = try warmPDFs[index].get()
      let coldReading = try Self.read(coldPDF)
      let warmReading = try Self.read(warmPDF)
      #expect(!coldReading.text.isEmpty && !coldReading.fonts.isEmpty, "\(kind)")
      #expect(warmReading == coldReading, "\(kind) : le rendu chaud diffère")
      #expect(warmReading.pdfa == (kind == .register ? "3B" : "2B"), "\(kind)")
      #expect(warmPDF == coldPDF, "\(kind) : octets différents")
    }
    // The register carries its XML as a PDF/A-3 associated file, warm too.
    let register = try Tools.temporaryFile(try warmPDFs[0].get(), suffix: ".pdf")
    defer { try? FileManager.default.removeItem(at: register) }
    _ = try Checkers.require("pdfdetach", package: "poppler-utils")
    #expect(try Tools.run("pdfdetach", ["-list", register.path]).output.contains(DocumentKind.embeddedRegisterName))
  }

  /// One JVM for many documents: the second rendering reuses the first one's service.
  @Test func oneServiceServesManyDocuments() async throws {
    let warm = try Tools.builtInTemplates.warmFOPRenderer()
    let request = RenderRequest(fo: try Tools.fixture("petit.fo"), creationDate: Date(timeIntervalSince1970: 1_795_824_000))
    _ = try await warm.render(request)
    let first = Set(WarmFOPRenderer.runningProcessIDs)
    #expect(!first.isEmpty)
    let results = await warm.renderAll([request, request, request], maxConcurrent: 2)
    #expect(results.allSatisfy { (try? $0.get())?.starts(with: Array("%PDF-".utf8)) == true })
    #expect(first.isSubset(of: Set(WarmFOPRenderer.runningProcessIDs)), "le service a été relancé sans raison")
  }

  /// A broken FO fails with FOP's own message, warm as cold, and the service lives on.
  @Test func fopMessagesReachTheUser() async throws {
    let warm = try Tools.builtInTemplates.warmFOPRenderer()
    let broken = Data(
      """
      <fo:root xmlns:fo="http://www.w3.org/1999/XSL/Format"><fo:pas-un-element/></fo:root>
      """.utf8)
    do {
      _ = try await warm.render(RenderRequest(fo: broken))
      Issue.record("le rendu aurait dû échouer")
    } catch {
      guard case .rendererFailed(_, let output) = error else {
        Issue.record("erreur inattendue : \(error)")
        return
      }
      #expect(output.contains("pas-un-element"))
      #expect(!output.contains("\tat org.apache"), "pile Java recopiée")
      #expect(error.message.hasPrefix("Apache FOP a échoué"))
    }
    let after = try await warm.render(RenderRequest(fo: try Tools.fixture("petit.fo")))
    #expect(after.starts(with: Array("%PDF-".utf8)))
  }

  /// SIGKILL to the JVM while it renders: the document is rendered again on a new service,
  /// which later documents use.
  @Test func killedServiceIsRestartedAndTheDocumentRetried() async throws {
    let warm = try Tools.builtInTemplates.warmFOPRenderer()
    let request = try Self.request(.register)
    _ = try await warm.render(request)
    let services = FOPServicePool.shared.running.filter { $0.processID > 0 }
    try #require(!services.isEmpty)
    let rendering = Task { try await warm.render(request) }
    // Wait (bounded) until the document is in flight, then kill its JVM.
    var victim: pid_t = 0
    for _ in 0..<2000 {
      if let busy = FOPServicePool.shared.running.first(where: { $0.inFlight > 0 }) {
        victim = busy.processID
        break
      }
      try await Task.sleep(for: .milliseconds(5))
    }
    try #require(victim > 0, "le document n'a jamais été en cours")
    kill(victim, SIGKILL)
    let pdf = try await rendering.value
    #expect(pdf.starts(with: Array("%PDF-".utf8)))
    #expect(try Self.read(pdf).pdfa == "3B")
    let now = WarmFOPRenderer.runningProcessIDs
    #expect(!now.isEmpty && !now.contains(victim))
  }

  /// A service killed each time it renders: the document is refused with a French message
  /// after one retry, nothing is written, and the next document gets a working service.
  @Test func serviceKilledTwiceRefusesTheDocumentCleanly() async throws {
    let library = try Tools.builtInTemplates
    let folder = try TemporaryFolder.make()
    defer { try? FileManager.default.removeItem(at: folder) }
    let output = folder.appendingPathComponent("registre.pdf")
    var pipeline = try TemplateTests.pipeline()
    pipeline.renderer = library.warmFOPRenderer()
    let killer = Task {
      var killed: Set<pid_t> = []
      while !Task.isCancelled && killed.count < 2 {
        for service in FOPServicePool.shared.running where service.inFlight > 0 && service.processID > 0 {
          if killed.insert(service.processID).inserted { kill(service.processID, SIGKILL) }
        }
        try? await Task.sleep(for: .milliseconds(5))
      }
      return killed.count
    }
    let results = await pipeline.produce(
      [DocumentJob(kind: .register, output: output)], input: try Tools.fixture("registre-mini.xml"))
    killer.cancel()
    let killedCount = await killer.value
    if killedCount < 2 {
      // The rendering finished before the second kill: then it must have succeeded.
      #expect(throws: Never.self) { try results[0].get() }
      return
    }
    guard case .failure(.rendering(.serviceStopped(let detail))) = results[0] else {
      Issue.record("refus attendu : \(results[0])")
      return
    }
    #expect(!detail.isEmpty)
    #expect(RenderError.serviceStopped(detail).message.contains("REGISTRE_RENDU=fop"))
    #expect(!FileManager.default.fileExists(atPath: output.path), "un fichier à moitié écrit est resté")
    let again = await pipeline.produce(
      [DocumentJob(kind: .register, output: output)], input: try Tools.fixture("registre-mini.xml"))
    #expect(throws: Never.self) { try again[0].get() }
  }

  /// The per-document time limit stops the service and says so.
  @Test func slowDocumentIsStopped() async throws {
    let warm = try Tools.builtInTemplates.warmFOPRenderer(timeout: .milliseconds(150))
    await #expect(throws: RenderError.timedOut(seconds: 0)) {
      try await warm.render(try Self.request(.register))
    }
  }

  /// The JVM's policy (second layer) refuses a file outside the templates, warm too, with
  /// the URI check of the first layer turned off.
  @Test func policyRefusesAFileOutsideTheTemplates() async throws {
    var warm = try Tools.builtInTemplates.warmFOPRenderer()
    warm.checksURIs = false
    let fo = Data(
      """
      <fo:root xmlns:fo="http://www.w3.org/1999/XSL/Format" xmlns:pdf="http://xmlgraphics.apache.org/fop/extensions/pdf" \
      xml:lang="fr"><fo:layout-master-set>\
      <fo:simple-page-master master-name="p"><fo:region-body/></fo:simple-page-master></fo:layout-master-set>\
      <fo:declarations><pdf:embedded-file filename="vol.txt" src="file:///etc/passwd"/></fo:declarations>\
      <fo:page-sequence master-reference="p"><fo:flow flow-name="xsl-region-body">\
      <fo:block font-family="DejaVu Sans">Registre</fo:block></fo:flow></fo:page-sequence></fo:root>
      """.utf8)
    await #expect(throws: RenderError.resourceRefused("/etc/passwd")) {
      try await warm.render(RenderRequest(fo: fo, profile: .pdfA3b))
    }
  }

  @Test func renderingModeFollowsTheEnvironment() throws {
    #expect(RenderingMode(environment: [:]) == .service)
    #expect(RenderingMode(environment: ["REGISTRE_RENDU": "fop"]) == .command)
    let library = try Tools.builtInTemplates
    #expect(library.renderer(environment: ["REGISTRE_RENDU": "fop"]) is FOPRenderer)
    #expect(library.renderer(environment: [:]) is WarmFOPRenderer)
  }
}

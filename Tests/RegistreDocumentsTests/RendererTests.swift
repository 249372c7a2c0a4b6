import Foundation
import RegistreSupport
import Testing

@testable import RegistreDocuments

@Suite("Rendu FOP")
struct RendererTests {
  @Test func missingFopNamesThePackage() async throws {
    let library = try Tools.builtInTemplates
    var renderer = library.fopRenderer()
    renderer.executable = URL(fileURLWithPath: "/nonexistent/fop")
    let request = RenderRequest(fo: try Tools.fixture("petit.fo"))
    do {
      _ = try await renderer.render(request)
      Issue.record("le rendu aurait dû échouer")
    } catch {
      #expect(error == .rendererMissing(program: "/nonexistent/fop", package: "fop"))
      #expect(error.message.contains("apt-get install fop"))
    }
  }

  @Test func missingFontIsReportedBeforeFopStarts() async throws {
    var renderer = try Tools.builtInTemplates.fopRenderer()
    renderer.requiredFiles = [("/nonexistent/DejaVuSans.ttf", "fonts-dejavu-core")]
    let request = RenderRequest(fo: try Tools.fixture("petit.fo"))
    do {
      _ = try await renderer.render(request)
      Issue.record("le rendu aurait dû échouer")
    } catch {
      #expect(error.message.contains("fonts-dejavu-core"))
    }
  }

  @Test func attachmentNamesCannotEscape() async throws {
    let renderer = try Tools.builtInTemplates.fopRenderer()
    let request = RenderRequest(
      fo: try Tools.fixture("petit.fo"), attachments: [Attachment(name: "../x.xml", data: Data())])
    await #expect(throws: RenderError.invalidAttachmentName("../x.xml")) {
      try await renderer.render(request)
    }
  }

  @Test func fontsOfTheConfigurationAreListed() throws {
    let files = try Tools.builtInTemplates.fontFiles()
    #expect(files.contains { $0.path.hasSuffix("DejaVuSans.ttf") && $0.package == "fonts-dejavu-core" })
  }

  /// One FOP run: a broken FO fails with FOP's own message. The time limit is long: under the parallel suite
  /// on 2 cores a cold `fop` has been seen to need more than the default 180 s; the test is about the message.
  @Test func fopFailurePassesItsMessageOn() async throws {
    let renderer = try Tools.builtInTemplates.fopRenderer(timeout: .seconds(900))
    let broken = Data(
      """
      <fo:root xmlns:fo="http://www.w3.org/1999/XSL/Format"><fo:pas-un-element/></fo:root>
      """.utf8)
    do {
      _ = try await renderer.render(RenderRequest(fo: broken))
      Issue.record("le rendu aurait dû échouer")
    } catch {
      guard case .rendererFailed(_, let output) = error else {
        Issue.record("erreur inattendue : \(error)")
        return
      }
      #expect(output.contains("pas-un-element"))
      #expect(!output.contains("/usr/bin/fop: Unable to locate"))
      #expect(!output.contains("\tat org.apache"), "pile Java recopiée")
    }
  }

  @Test func slowRenderingIsStopped() async throws {
    let renderer = try Tools.builtInTemplates.fopRenderer(timeout: .milliseconds(150))
    let request = RenderRequest(fo: try Tools.fixture("petit.fo"))
    await #expect(throws: RenderError.timedOut(seconds: 0)) {
      try await renderer.render(request)
    }
  }

  /// Two FOP runs in parallel: same input and date give the same bytes, a
  /// PDF/A-2b file with every font embedded that qpdf accepts.
  @Test func parallelRenderingIsReproducibleAndConforming() async throws {
    let renderer = try Tools.builtInTemplates.fopRenderer()
    let date = Date(timeIntervalSince1970: 1_795_824_000)
    let request = RenderRequest(fo: try Tools.fixture("petit.fo"), creationDate: date)
    let results = await renderer.renderAll([request, request], maxConcurrent: 2)
    let first = try results[0].get()
    let second = try results[1].get()
    #expect(first == second)

    let file = try Tools.temporaryFile(first, suffix: ".pdf")
    defer { try? FileManager.default.removeItem(at: file) }
    let fonts = try Tools.fonts(of: file)
    #expect(!fonts.isEmpty)
    for row in fonts {
      // name type… emb sub uni objectID generation: the yes/no columns sit before the last two.
      #expect(row.count >= 5 && row[row.count - 5] == "yes", "police non incorporée : \(row)")
    }
    #expect(try Tools.run("qpdf", ["--check", file.path]).status == 0)
    #expect(try Tools.pdfaStatus(of: file) == "2B")
    let text = try Tools.run("pdftotext", [file.path, "-"]).output
    #expect(text.contains("« œuvre »"))
  }
}

/// A renderer that returns its input, to test the batching alone (no FOP).
private struct EchoRenderer: Renderer {
  func render(_ request: RenderRequest) async throws(RenderError) -> Data { request.fo }
}

/// `renderAll` reports 0 of N, then each document, up to N of N, in order.
@Test func renderAllReportsItsProgress() async {
  final class Steps: @unchecked Sendable {
    let lock = NSLock()
    var all: [ProgressStep] = []
  }
  let steps = Steps()
  let requests = (0..<5).map { RenderRequest(fo: Data("\($0)".utf8)) }
  _ = await EchoRenderer().renderAll(requests, maxConcurrent: 2) { step in
    steps.lock.lock()
    steps.all.append(step)
    steps.lock.unlock()
  }
  #expect(steps.all.map(\.done) == [0, 1, 2, 3, 4, 5])
  #expect(steps.all.allSatisfy { $0.total == 5 && $0.activity == "Rendu des PDF" })
  #expect(steps.all.last?.isFinished == true && steps.all.first?.isFinished == false)
}

@Test func renderAllKeepsTheOrderAndAcceptsNoRequest() async {
  #expect(await EchoRenderer().renderAll([]).isEmpty)
  let requests = (0..<5).map { RenderRequest(fo: Data("\($0)".utf8)) }
  let results = await EchoRenderer().renderAll(requests, maxConcurrent: 2)
  #expect(results.compactMap { try? $0.get() } == requests.map(\.fo))
}

import Foundation
import RegistreTestSupport
import Testing

@testable import RegistreSignature

/// Result of running an external tool.
struct ToolResult {
  var status: Int32
  var output: String
}

/// Runs a tool and waits for it (shared runner); standard output and error are merged.
@discardableResult
func runTool(_ executable: String, _ arguments: [String], in folder: URL? = nil) throws -> ToolResult {
  let result = try ProcessRunner.run([executable] + arguments, in: folder)
  return ToolResult(status: result.status, output: result.output)
}

/// Starts a tool with its output discarded.
func startTool(_ executable: String, _ arguments: [String]) throws -> ChildProcess {
  try ChildProcess([executable] + arguments)
}

enum FixtureError: Error {
  case missing(String)
  case tool(String)
}

/// The test PKI and the two unsigned PDFs, made once per test run in a temporary folder.
final class Fixtures: Sendable {
  let folder: URL
  /// FOP PDF/A-2b, tagged: object streams and an xref stream.
  let xrefStreamPDF: Data
  /// FOP without PDF/A: a classic xref table.
  let classicPDF: Data
  /// FOP without PDF/A, with `registre.xml` embedded (as `registre document` does): a classic xref table.
  let embeddedXMLPDF: Data
  /// The XML embedded in `embeddedXMLPDF`.
  static let embeddedXML = Data("<registre><traitement id=\"vie-scolaire\"/></registre>\n".utf8)

  static let shared: Result<Fixtures, any Error> = Result {
    let fixtures = try Fixtures()
    // The folder holds the test PKI's private keys: remove it when the test process ends.
    atexit {
      if case .success(let fixtures) = Fixtures.shared { try? FileManager.default.removeItem(at: fixtures.folder) }
    }
    return fixtures
  }

  static func get() throws -> Fixtures { try shared.get() }

  private init() throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent("registre-signature-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    guard let resources = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
      throw FixtureError.missing("Fixtures")
    }
    try SigningPKI.make(in: folder)
    let fo = resources.appendingPathComponent("document.fo").path
    let configuration = resources.appendingPathComponent("fop.xconf").path
    let tagged = folder.appendingPathComponent("fop-pdfa.pdf")
    let classic = folder.appendingPathComponent("fop-classic.pdf")
    // Both FOP runs at once: the JVM start dominates.
    // PDF 1.5 makes FOP's tagged output use object streams and an xref stream.
    let objectStreams = resources.appendingPathComponent("fop-objstm.xconf").path
    let first = try startTool("fop", ["-q", "-c", objectStreams, "-a", "-pdfprofile", "PDF/A-2b", "-fo", fo, "-pdf", tagged.path])
    let second = try startTool("fop", ["-q", "-c", configuration, "-fo", fo, "-pdf", classic.path])
    // The same document with an embedded registre.xml (FOP's pdf:embedded-file extension).
    let xml = folder.appendingPathComponent("registre.xml")
    try Fixtures.embeddedXML.write(to: xml)
    let withFile = try String(contentsOfFile: fo, encoding: .utf8).replacingOccurrences(
      of: "<fo:declarations>",
      with: "<fo:declarations><pdf:embedded-file xmlns:pdf=\"http://xmlgraphics.apache.org/fop/extensions/pdf\" "
        + "filename=\"registre.xml\" src=\"\(xml.absoluteString)\" description=\"Registre (XML)\"/>")
    let embeddingFO = folder.appendingPathComponent("document-xml.fo")
    try Data(withFile.utf8).write(to: embeddingFO)
    let embedding = folder.appendingPathComponent("fop-xml.pdf")
    let third = try startTool("fop", ["-q", "-c", configuration, "-fo", embeddingFO.path, "-pdf", embedding.path])
    let firstStatus = first.wait()
    let secondStatus = second.wait()
    let thirdStatus = third.wait()
    guard firstStatus == 0, secondStatus == 0, thirdStatus == 0 else { throw FixtureError.tool("fop failed") }
    xrefStreamPDF = try Data(contentsOf: tagged)
    classicPDF = try Data(contentsOf: classic)
    embeddedXMLPDF = try Data(contentsOf: embedding)
  }

  func url(_ name: String) -> URL { folder.appendingPathComponent(name) }

  func data(_ name: String) throws -> Data { try Data(contentsOf: url(name)) }

  /// The RSA signer issued by the intermediate, with the intermediate as chain.
  func signer() throws -> SigningCredentials {
    try SigningCredentials.pem(key: data("signer.key"), certificate: data("signer.pem"), chain: data("inter.pem"))
  }

  /// A second (EC) signer, for documents signed twice.
  func otherSigner() throws -> SigningCredentials {
    try SigningCredentials.pem(key: data("other.key"), certificate: data("other.pem"), chain: data("inter.pem"))
  }

  /// Writes `data` under a fresh name and returns its path.
  func write(_ data: Data, _ name: String) throws -> URL {
    let target = url("\(UUID().uuidString)-\(name)")
    try data.write(to: target)
    return target
  }

  /// pyHanko's verdict with the test root as the only trust anchor.
  func pyhankoValidate(_ file: URL) throws -> ToolResult {
    try runTool("pyhanko", ["sign", "validate", "--trust", url("root.pem").path, "--trust-replace",
      "--no-revocation-check", file.path])
  }

  func pdfsig(_ file: URL) throws -> ToolResult {
    try runTool("pdfsig", [file.path])
  }
}

extension LocalTSA {
  /// The time-stamping authority of the fixtures' PKI, over HTTP or HTTPS.
  convenience init(fixtures: Fixtures, https: Bool = false) throws {
    try self.init(
      configuration: fixtures.url("tsa.cnf"),
      tls: https ? (certificate: fixtures.url("server.pem"), key: fixtures.url("server.key")) : nil)
  }
}

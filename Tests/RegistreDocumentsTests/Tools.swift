import Foundation
import RegistreDocuments

/// Helpers shared by the tests: fixtures, external checkers.
enum Tools {
  static func fixture(_ name: String) throws -> Data {
    guard let url = Bundle.module.url(forResource: "Fixtures/" + name, withExtension: nil) else {
      throw ToolError.missing(name)
    }
    return try Data(contentsOf: url)
  }

  static var builtInTemplates: TemplateLibrary {
    get throws {
      guard let library = TemplateLibrary.builtIn else { throw ToolError.missing("Templates") }
      return library
    }
  }

  /// Runs a program to completion, returning its exit status and standard output.
  @discardableResult
  static func run(_ program: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [program] + arguments
    let folder = FileManager.default.temporaryDirectory
    let outputFile = folder.appendingPathComponent("registre-test-\(UUID().uuidString).out")
    _ = FileManager.default.createFile(atPath: outputFile.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: outputFile) }
    let handle = try FileHandle(forWritingTo: outputFile)
    process.standardOutput = handle
    process.standardError = handle
    try process.run()
    process.waitUntilExit()
    try handle.close()
    let output = String(decoding: try Data(contentsOf: outputFile), as: UTF8.self)
    return (process.terminationStatus, output)
  }

  /// Writes `data` to a fresh temporary file and returns its URL.
  static func temporaryFile(_ data: Data, suffix: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "registre-test-\(UUID().uuidString)\(suffix)")
    try data.write(to: url)
    return url
  }

  /// Rows of `pdffonts`, each as (name, emb, sub, uni).
  static func fonts(of pdf: URL) throws -> [[String]] {
    let (_, output) = try run("pdffonts", [pdf.path])
    return output.split(separator: "\n").dropFirst(2).map { line in
      line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
    }
  }

  /// `pikepdf`'s reading of the PDF/A identification, e.g. "2B".
  static func pdfaStatus(of pdf: URL) throws -> String {
    let script = "import pikepdf,sys; print(pikepdf.open(sys.argv[1]).open_metadata().pdfa_status)"
    return try run("python3", ["-c", script, pdf.path]).output
      .trimmingCharacters(in: .whitespacesAndNewlines)
  }
}

enum ToolError: Error {
  case missing(String)
}

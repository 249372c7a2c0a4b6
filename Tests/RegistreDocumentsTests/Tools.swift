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

  /// A few PDF/A rules that veraPDF would check, with pikepdf: trailer /ID,
  /// an OutputIntent, no encryption, annotations printable and visible
  /// (6.3.2), only GoTo/URI actions (6.5.1). Returns the violations found.
  static func pdfaRuleViolations(of pdf: URL) throws -> String {
    let script = """
      import pikepdf, sys
      pdf = pikepdf.open(sys.argv[1])
      problems = []
      if '/ID' not in pdf.trailer: problems.append('no /ID')
      if '/OutputIntents' not in pdf.Root: problems.append('no OutputIntent')
      if pdf.is_encrypted: problems.append('encrypted')
      for number, page in enumerate(pdf.pages, 1):
          for annot in page.obj.get('/Annots', []):
              flags = int(annot.get('/F', 0))
              if not flags & 4 or flags & (1 | 2 | 32):
                  problems.append(f'page {number}: annotation flags {flags}')
              action = annot.get('/A')
              if action is not None and str(action.get('/S')) not in ('/GoTo', '/URI'):
                  problems.append(f'page {number}: action {action.get("/S")}')
      print(chr(10).join(problems))
      """
    return try run("python3", ["-c", script, pdf.path]).output
      .trimmingCharacters(in: .whitespacesAndNewlines)
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

import Foundation
import RegistreDocuments
import RegistreTestSupport

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

  /// Runs a program to completion (shared runner), returning its exit status and output (standard error too).
  @discardableResult
  static func run(_ program: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
    let result = try ProcessRunner.run([program] + arguments)
    return (result.status, result.output)
  }

  /// Writes `data` to a fresh temporary file and returns its URL.
  static func temporaryFile(_ data: Data, suffix: String) throws -> URL {
    try TemporaryFolder.file(data, suffix: suffix)
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

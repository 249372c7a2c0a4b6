import Foundation
public import Testing

/// The policy for external checkers (LibreOffice, pdfsig, pyHanko, qpdf…): a test whose checker is missing never
/// passes silently. It is reported as skipped with the reason (`Test.cancel`), or fails when the environment sets
/// `REGISTRE_REQUIRE_CHECKERS=1` (as `make test` does, where every checker of `scripts/dependances.sh` is
/// installed).
public enum Checkers {
  /// Whether a missing checker fails the test instead of skipping it.
  public static var required: Bool {
    ProcessInfo.processInfo.environment["REGISTRE_REQUIRE_CHECKERS"] == "1"
  }

  /// The path of the first of `names` found on the PATH; otherwise skips or fails the calling test.
  /// - Parameter package: the Debian package that provides the checker, for the message.
  public static func require(
    _ names: String..., package: String, sourceLocation: SourceLocation = #_sourceLocation
  ) throws -> String {
    if let path = names.lazy.compactMap(ProcessRunner.find).first { return path }
    let reason = "vérificateur absent : \(names.joined(separator: " ou ")) (paquet \(package))"
    if required {
      throw FixtureError(description: "\(reason) ; REGISTRE_REQUIRE_CHECKERS=1 l'exige")
    }
    try Test.cancel(Comment(rawValue: reason), sourceLocation: sourceLocation)
  }
}

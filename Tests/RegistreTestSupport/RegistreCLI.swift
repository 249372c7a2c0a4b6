public import Foundation

/// The one runner of the built `registre` executable, as a user runs it, for every test target.
public enum RegistreCLI {
  /// The repository's root folder.
  public static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// The `registre` binary that `swift build --build-tests` puts next to the test bundle.
  public static let executable: URL = {
    let bundle = Bundle.main.bundleURL
    let candidates = [bundle.deletingLastPathComponent(), bundle, bundle.deletingLastPathComponent().deletingLastPathComponent()]
      .map { $0.appendingPathComponent("registre") }
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
      ?? repository.appendingPathComponent(".build/debug/registre")
  }()

  /// Runs `registre arguments`. The test process's `REGISTRE_MOT_DE_PASSE` is never passed on: a password reaches
  /// the command only when a test gives it in `environment`.
  /// - Parameter mergeErrors: standard error goes with standard output instead of `errors`.
  /// - Parameter input: the command's standard input (e.g. a password for `--mot-de-passe-stdin`).
  @discardableResult
  public static func run(
    _ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:], mergeErrors: Bool = false,
    input: String? = nil
  ) throws -> ProcessResult {
    guard FileManager.default.isExecutableFile(atPath: executable.path) else {
      throw FixtureError(description: "registre n'est pas construit : \(executable.path)")
    }
    var variables: [String: String?] = ["REGISTRE_MOT_DE_PASSE": nil]
    for (name, value) in environment { variables[name] = value }
    return try ProcessRunner.run(
      [executable.path] + arguments, in: directory, environment: variables, mergeErrors: mergeErrors, input: input)
  }
}

public import Foundation

/// What a program run to its end printed, and how it ended.
public struct ProcessResult: Sendable {
  /// Exit code; -1 when a signal ended the program.
  public var status: Int32
  /// Standard output (with standard error too when they were merged).
  public var output: String
  /// Standard error; empty when merged into `output`.
  public var errors: String
}

/// The one process runner of the tests: runs a program to its end through `ChildProcess`, its outputs going to
/// temporary files (a large output never blocks the child, as a full pipe would).
public enum ProcessRunner {
  /// Runs `arguments` (`arguments[0]` looked up in PATH). Throws when the program cannot be started.
  @discardableResult
  public static func run(
    _ arguments: [String], in directory: URL? = nil, environment: [String: String?] = [:],
    mergeErrors: Bool = true, input: String? = nil
  ) throws -> ProcessResult {
    let folder = try TemporaryFolder.make("registre-process")
    defer { try? FileManager.default.removeItem(at: folder) }
    let inputFile = folder.appendingPathComponent("stdin")
    if let input { try Data(input.utf8).write(to: inputFile) }
    let outputFile = folder.appendingPathComponent("stdout")
    let errorFile = folder.appendingPathComponent("stderr")
    let child = try ChildProcess(
      arguments, output: .file(outputFile), errors: mergeErrors ? .standardOutput : .file(errorFile),
      directory: directory, environment: environment, input: input == nil ? nil : inputFile)
    let status = child.wait()
    let output = (try? Data(contentsOf: outputFile)).map { String(decoding: $0, as: UTF8.self) } ?? ""
    let errors = mergeErrors ? "" : (try? Data(contentsOf: errorFile)).map { String(decoding: $0, as: UTF8.self) } ?? ""
    return ProcessResult(status: status, output: output, errors: errors)
  }

  /// The path of `name` on the PATH, or nil.
  public static func find(_ name: String) -> String? {
    let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
    return folders.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
  }
}

public import Foundation

/// Fresh folders and files under the system's temporary directory; the caller removes them.
public enum TemporaryFolder {
  /// A new, empty folder named `prefix-<UUID>`.
  public static func make(_ prefix: String = "registre-test") throws -> URL {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("\(prefix)-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// Runs `body` with a new folder, removed afterwards whatever happens.
  public static func with<T>(_ prefix: String = "registre-test", _ body: (URL) throws -> T) throws -> T {
    let folder = try make(prefix)
    defer { try? FileManager.default.removeItem(at: folder) }
    return try body(folder)
  }

  /// Writes `data` to a new file named `prefix-<UUID><suffix>` and returns its URL.
  public static func file(_ data: Data, suffix: String, prefix: String = "registre-test") throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)\(suffix)")
    try data.write(to: url)
    return url
  }
}

import Foundation
import RegistreFormats
import RegistreModel

#if canImport(Glibc)
  import Glibc
#endif

enum Tools {
  static let depot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  static let demo = depot.appendingPathComponent("Sources/RegistreCatalogue/Resources/demo")

  static func registreDemo() throws -> Register {
    try RegisterLoading.load(demo).registre
  }

  static func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("registre-archive-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// Runs a program to its end with posix_spawn (clean signal mask), output to files; returns status and output.
  static func lancer(_ arguments: [String], dossier: URL) throws -> (code: Int32, sortie: String) {
    let log = dossier.appendingPathComponent("sortie-\(UUID().uuidString).log")
    let enfant = try ProcessGroup(arguments, journal: log)
    let resultat = enfant.awaitResult()
    let texte = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
    try? FileManager.default.removeItem(at: log)
    return (resultat, texte)
  }

  static func programme(_ nom: String) -> String? {
    let chemins = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
    return chemins.map { "\($0)/\(nom)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
  }
}

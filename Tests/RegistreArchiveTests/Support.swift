import Foundation
import RegistreFormats
import RegistreModel

#if canImport(Glibc)
  import Glibc
#endif

enum Outils {
  static let depot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  static let demo = depot.appendingPathComponent("Sources/RegistreCatalogue/Resources/demo")

  static func registreDemo() throws -> Registre {
    try ChargementRegistre.charger(demo).registre
  }

  static func dossierTemporaire() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("registre-archive-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// Runs a program to its end with posix_spawn (clean signal mask), output to files; returns status and output.
  static func lancer(_ arguments: [String], dossier: URL) throws -> (code: Int32, sortie: String) {
    let log = dossier.appendingPathComponent("sortie-\(UUID().uuidString).log")
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, log.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var empty = sigset_t()
    sigemptyset(&empty)
    posix_spawnattr_setsigmask(&attributes, &empty)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
    let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid: pid_t = 0
    let status = posix_spawnp(&pid, arguments[0], &actions, &attributes, argv, environ)
    guard status == 0 else { throw CocoaError(.executableNotLoadable) }
    var resultat: Int32 = 0
    while waitpid(pid, &resultat, 0) < 0 && errno == EINTR {}
    let texte = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
    try? FileManager.default.removeItem(at: log)
    return ((resultat & 0x7f) == 0 ? (resultat >> 8) & 0xff : -1, texte)
  }

  static func programme(_ nom: String) -> String? {
    let chemins = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
    return chemins.map { "\($0)/\(nom)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
  }
}

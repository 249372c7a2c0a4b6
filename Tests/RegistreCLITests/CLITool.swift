import Foundation

/// Runs the built `registre` executable, as a user would, and captures its output.
struct CLITool {
  struct RunResult {
    let code: Int32
    let sortie: String
    let erreurs: String
  }

  /// The `registre` binary built next to the test bundle.
  static let executable: URL = {
    let dossier = Bundle.main.bundleURL.deletingLastPathComponent()
    let candidats = [dossier, Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent().deletingLastPathComponent()]
      .map { $0.appendingPathComponent("registre") }
    return candidats.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidats[0]
  }()

  static let depot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  static let registreValide = depot.appendingPathComponent("Tests/RegistreFormatsTests/Fixtures/valide")

  @discardableResult
  static func lancer(_ arguments: [String], dossier: URL? = nil, environnement: [String: String] = [:]) throws -> RunResult {
    let processus = Process()
    processus.executableURL = executable
    processus.arguments = arguments
    if let dossier { processus.currentDirectoryURL = dossier }
    var env = ProcessInfo.processInfo.environment
    env.merge(environnement) { $1 }
    processus.environment = env
    let sortie = Pipe()
    let erreurs = Pipe()
    processus.standardOutput = sortie
    processus.standardError = erreurs
    processus.standardInput = FileHandle.nullDevice
    try processus.run()
    // Read both pipes while the process runs so that a large output never blocks it.
    let groupe = DispatchGroup()
    nonisolated(unsafe) var donneesSortie = Data()
    nonisolated(unsafe) var donneesErreurs = Data()
    groupe.enter()
    DispatchQueue.global().async {
      donneesSortie = sortie.fileHandleForReading.readDataToEndOfFile()
      groupe.leave()
    }
    donneesErreurs = erreurs.fileHandleForReading.readDataToEndOfFile()
    groupe.wait()
    processus.waitUntilExit()
    return RunResult(
      code: processus.terminationStatus, sortie: String(decoding: donneesSortie, as: UTF8.self),
      erreurs: String(decoding: donneesErreurs, as: UTF8.self))
  }

  /// Runs a checker (pdftotext, qpdf, python3…) found on the PATH to completion; its standard
  /// output and error together, as text.
  static func tool(_ arguments: [String]) throws -> (code: Int32, sortie: String) {
    let processus = Process()
    processus.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    processus.arguments = arguments
    let tube = Pipe()
    processus.standardOutput = tube
    processus.standardError = tube
    processus.standardInput = FileHandle.nullDevice
    try processus.run()
    let donnees = tube.fileHandleForReading.readDataToEndOfFile()
    processus.waitUntilExit()
    return (processus.terminationStatus, String(decoding: donnees, as: UTF8.self))
  }

  static func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("registre-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }
}

import Foundation
import RegistreTestSupport

/// Runs the built `registre` executable, as a user would, and captures its output.
struct CLITool {
  struct RunResult {
    let code: Int32
    let sortie: String
    let erreurs: String
  }

  /// The `registre` binary built next to the test bundle.
  static var executable: URL { RegistreCLI.executable }

  static let depot = RegistreCLI.repository

  static let registreValide = depot.appendingPathComponent("Tests/RegistreFormatsTests/Fixtures/valide")

  /// Runs `registre` through the shared CLI runner; standard output and error apart.
  @discardableResult
  static func run(_ arguments: [String], dossier: URL? = nil, environnement: [String: String] = [:]) throws -> RunResult {
    let result = try RegistreCLI.run(arguments, in: dossier, environment: environnement)
    return RunResult(code: result.status, sortie: result.output, erreurs: result.errors)
  }

  /// Runs a checker (pdftotext, qpdf, python3…) found on the PATH to completion; its standard
  /// output and error together, as text.
  static func tool(_ arguments: [String]) throws -> (code: Int32, sortie: String) {
    let result = try ProcessRunner.run(arguments)
    return (result.status, result.output)
  }
}

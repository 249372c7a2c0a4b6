import Foundation
import RegistreTestSupport
import RegistreFormats
import RegistreModel

#if canImport(Glibc)
  import Glibc
#endif

enum Tools {
  static let depot = RegistreCLI.repository

  static let demo = depot.appendingPathComponent("Sources/RegistreCatalogue/Resources/demo")

  static func demoRegister() throws -> Register {
    try RegisterLoading.load(demo).registre
  }

  /// Runs a program to its end (the shared runner of RegistreTestSupport, outputs merged).
  static func run(_ arguments: [String], dossier: URL) throws -> (code: Int32, sortie: String) {
    let result = try ProcessRunner.run(arguments, in: dossier)
    return (result.status, result.output)
  }
}

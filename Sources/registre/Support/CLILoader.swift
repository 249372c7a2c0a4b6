import ArgumentParser
import Foundation
import RegistreFormats

/// Loads a register for a command that needs a valid one: on failure it
/// prints every diagnostic and stops with exit code 2, writing nothing.
enum CLILoader {
  static func load(_ chemin: String) throws -> LoadedRegister {
    do {
      return try RegisterLoading.load(URL(fileURLWithPath: chemin))
    } catch {
      printDiagnostics(error.diagnostics, racine: chemin)
      Console.printError("Registre invalide : \(error.diagnostics.count) problème(s). Rien n'a été écrit.")
      throw ExitStatus.usage
    }
  }

  /// Prints diagnostics, one per line, paths relative to the register.
  static func printDiagnostics(_ diagnostics: [Diagnostic], racine: String) {
    for diagnostic in diagnostics {
      Console.printError(diagnostic.texte)
    }
  }
}


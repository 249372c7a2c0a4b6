import ArgumentParser
import Foundation
import RegistreFormats

/// Loads a register for a command that needs a valid one: on failure it
/// prints every diagnostic and stops with exit code 2, writing nothing.
enum ChargeurCLI {
  static func charger(_ chemin: String) throws -> RegistreCharge {
    do {
      return try ChargementRegistre.charger(URL(fileURLWithPath: chemin))
    } catch {
      afficher(error.diagnostics, racine: chemin)
      Console.erreur("Registre invalide : \(error.diagnostics.count) problème(s). Rien n'a été écrit.")
      throw CodeSortie.usage
    }
  }

  /// Prints diagnostics, one per line, paths relative to the register.
  static func afficher(_ diagnostics: [Diagnostic], racine: String) {
    for diagnostic in diagnostics {
      Console.erreur(diagnostic.texte)
    }
  }
}


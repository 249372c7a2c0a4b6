import ArgumentParser
import Foundation
import RegistreSupport

/// The tool's exit codes, documented in the README: the same for every command.
enum ExitStatus {
  /// Everything went well and nothing was found.
  static let succes = ExitCode(0)
  /// The check ran and found problems (invalid register, findings, bad signature…).
  static let problemes = ExitCode(1)
  /// Usage error or unreadable input; nothing was written.
  static let usage = ExitCode(2)
}

/// Prints to standard error, where every diagnostic goes. Messages quote the
/// input, so control characters are escaped (`TerminalText`): a value holding
/// `\u{1B}[2J` or an OSC sequence is shown, never obeyed by the terminal.
enum Console {
  static func printError(_ message: String) {
    FileHandle.standardError.write(Data((TerminalText.escaped(message) + "\n").utf8))
  }

  static func printOutput(_ message: String) {
    FileHandle.standardOutput.write(Data((TerminalText.escaped(message) + "\n").utf8))
  }
}

/// `--sortie` names a file that must not exist, unless `--remplacer` is given.
enum ExistingOutput {
  static func check(_ sortie: String?, replace: Bool) throws {
    guard let sortie, !replace, sortie != "-", AtomicFile.exists(URL(fileURLWithPath: sortie)) else { return }
    Console.printError("erreur : « \(sortie) » existe déjà ; --remplacer pour le remplacer. Rien n'a été écrit.")
    throw ExitStatus.usage
  }
}

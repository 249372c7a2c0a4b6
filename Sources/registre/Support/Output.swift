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

/// Progress of long work on standard error, only when it is a terminal (issue 22): one line
/// rewritten in place, « Rendu des PDF : 3 / 40 (12 s) », ended by a newline when the activity
/// is done. Nothing at all when standard error is a file or a pipe (scripts, tests, logs).
enum TerminalProgress {
  /// The report to give the library, or nil when standard error is not a terminal.
  static var report: ProgressReport? {
    guard isatty(2) == 1, ProcessInfo.processInfo.environment["TERM"] != "dumb" else { return nil }
    let throttle = Throttle()
    return { step in
      guard throttle.shouldShow(step) else { return }
      let line = "\r\u{1B}[K" + step.summary
      FileHandle.standardError.write(Data((line + (step.isFinished ? "\n" : "")).utf8))
    }
  }

  /// At most ten lines a second, but always the first and the last step.
  private final class Throttle: @unchecked Sendable {
    private let lock = NSLock()
    private var last = ContinuousClock.now - .seconds(1)

    func shouldShow(_ step: ProgressStep) -> Bool {
      lock.lock()
      defer { lock.unlock() }
      let now = ContinuousClock.now
      guard step.done == 0 || step.isFinished || now - last >= .milliseconds(100) else { return false }
      last = now
      return true
    }
  }
}

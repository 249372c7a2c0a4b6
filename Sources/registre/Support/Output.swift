import ArgumentParser
import Foundation

/// The tool's exit codes, documented in the README: the same for every command.
enum ExitStatus {
  /// Everything went well and nothing was found.
  static let succes = ExitCode(0)
  /// The check ran and found problems (invalid register, findings, bad signature…).
  static let problemes = ExitCode(1)
  /// Usage error or unreadable input; nothing was written.
  static let usage = ExitCode(2)
}

/// Prints to standard error, where every diagnostic goes.
enum Console {
  static func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
  }

  static func printOutput(_ message: String) {
    FileHandle.standardOutput.write(Data((message + "\n").utf8))
  }
}

public import RegistreFormats

/// Why an entry point stopped, with its French wording. The library never prints and never exits:
/// a front end (the CLI, the web server) shows `lines` and picks its exit code or HTTP status
/// from `isUsage`.
public struct WorkflowError: Error, Sendable, CustomStringConvertible {
  /// What went wrong, for a front end that words some cases itself (e.g. the CLI adds
  /// the option's name to a templates-folder problem).
  public enum Reason: Sendable, Equatable {
    /// The register (or tool sheet) did not load; `lines` are its diagnostics then a summary.
    case invalidInput
    /// `acceptations.yaml` is unreadable or refers to unknown rules or treatments.
    case invalidAcceptances
    /// The templates folder is missing or unusable; `lines` has the one message without option name.
    case templates
    /// The signing credentials could not be loaded or used.
    case signing
    /// One or more documents could not be rendered or written.
    case documents
    /// A check found problems (e.g. a signature that does not verify): exit code 1, not 2.
    case problemsFound
    /// Anything else that stops the job (bad date, unreadable file, refused destination…).
    case failed
  }

  public var reason: Reason
  /// French lines, in the order a front end shows them.
  public var lines: [String]
  /// For `.invalidInput`: the reader's diagnostics (file, line, field, expected), so that a form
  /// can show each at its field; `lines` holds the same as text. Empty otherwise.
  public var diagnostics: [Diagnostic] = []

  public init(_ reason: Reason, lines: [String]) {
    self.reason = reason
    self.lines = lines
  }

  public init(_ reason: Reason, _ line: String) {
    self.init(reason, lines: [line])
  }

  /// True for bad input or a failure (exit code 2); false when a check found problems (exit code 1).
  public var isUsage: Bool { reason != .problemsFound }

  public var description: String { lines.joined(separator: "\n") }

  /// The diagnostics of an invalid register, then the French summary.
  static func invalidRegister(_ diagnostics: [Diagnostic]) -> WorkflowError {
    var error = WorkflowError(
      .invalidInput,
      lines: diagnostics.map(\.texte)
        + ["Registre invalide : \(diagnostics.count) problème(s). Rien n'a été écrit."])
    error.diagnostics = diagnostics
    return error
  }
}

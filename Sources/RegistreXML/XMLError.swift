import Foundation

/// One message from libxml2 (parser or XSD validator), kept raw: the caller
/// translates and frames it for the user.
public struct XMLDiagnostic: Hashable, Sendable, CustomStringConvertible {
  /// How serious libxml2 considers the message.
  public enum Severity: Int, Sendable, Hashable {
    case warning = 1
    case error = 2
    case fatal = 3
  }

  public var severity: Severity
  /// 1-based line, when libxml2 knows it.
  public var line: Int?
  /// 1-based column, when libxml2 knows it (parser errors; XSD errors seldom carry one).
  public var column: Int?
  /// XPath-like path of the offending node, e.g. `/registre/traitements/traitement[2]/nom`
  /// (local names; positions only where siblings share a name). `@name` ends an attribute path.
  public var path: String?
  /// libxml2's English message, without the trailing newline.
  public var message: String
  /// libxml2's `xmlErrorDomain` and `xmlParserErrors` code, for callers that map messages.
  public var domain: Int
  public var code: Int

  public init(
    severity: Severity, line: Int?, column: Int?, path: String?, message: String, domain: Int = 0,
    code: Int = 0
  ) {
    self.severity = severity
    self.line = line
    self.column = column
    self.path = path
    self.message = message
    self.domain = domain
    self.code = code
  }

  public var description: String {
    var place = ""
    if let line { place += "\(line)" }
    if let column { place += ":\(column)" }
    if let path { place += place.isEmpty ? path : " \(path)" }
    return place.isEmpty ? message : "\(place): \(message)"
  }
}

/// Why an XML document or schema could not be read or built.
public enum XMLError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The input has no bytes at all.
  case emptyInput
  /// The input is larger than `XMLDocument.maximumInputSize`.
  case inputTooLarge(size: Int, limit: Int)
  /// The document declares a `<!DOCTYPE>` (position: where the parser stood when it
  /// met it, just after the name and external id); register documents never do, and DTDs are
  /// the door to entity expansion and external loads.
  case doctypeForbidden(line: Int, column: Int)
  /// Not well-formed XML (also: invalid UTF-8, excessive depth, entity loops…).
  /// The first diagnostic is the one that stopped the parser.
  case malformed([XMLDiagnostic])
  /// A Swift tree cannot be written as XML (invalid name, forbidden character, too deep).
  /// The string says what and where, in English.
  case invalidTree(String)
  /// An XSD that does not compile, or that would load other files.
  case invalidSchema([XMLDiagnostic])
  /// libxml2 failed for a reason unrelated to the input (allocation failure).
  case libraryFailure(String)

  /// The libxml2 diagnostics attached to this error, if any.
  public var diagnostics: [XMLDiagnostic] {
    switch self {
    case .malformed(let list), .invalidSchema(let list): return list
    default: return []
    }
  }

  public var description: String {
    switch self {
    case .emptyInput: return "empty input"
    case .inputTooLarge(let size, let limit): return "input too large: \(size) bytes (limit \(limit))"
    case .doctypeForbidden(let line, let column): return "\(line):\(column): DOCTYPE is not allowed"
    case .malformed(let list):
      return "malformed XML: " + (list.first?.description ?? "unknown error")
    case .invalidTree(let reason): return "cannot write XML: \(reason)"
    case .invalidSchema(let list):
      return "invalid XSD: " + list.map(\.description).joined(separator: "; ")
    case .libraryFailure(let reason): return "libxml2 failure: \(reason)"
    }
  }
}

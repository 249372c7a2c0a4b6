/// How serious a finding is. Raw values are the French words used on the
/// command line (`--echec-si erreur`); `englishKey` is what JSON and SARIF carry.
public enum Severity: String, CaseIterable, Codable, Hashable, Sendable, Comparable {
  case erreur, avertissement, note

  /// French label for reports and documents.
  public var libelle: String {
    switch self {
    case .erreur: return "erreur"
    case .avertissement: return "avertissement"
    case .note: return "note"
    }
  }

  /// `error`, `warning`, `note`: the JSON keys and SARIF levels.
  public var englishKey: String {
    switch self {
    case .erreur: return "error"
    case .avertissement: return "warning"
    case .note: return "note"
    }
  }

  /// Weight in the conformity score (see `ConformityScore`).
  public var weight: Int {
    switch self {
    case .erreur: return 3
    case .avertissement: return 2
    case .note: return 1
    }
  }

  private var rank: Int {
    switch self {
    case .erreur: return 2
    case .avertissement: return 1
    case .note: return 0
    }
  }

  /// `erreur` is the greatest.
  public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

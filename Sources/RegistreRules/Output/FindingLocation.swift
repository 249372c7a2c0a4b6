/// Where a finding points in the register's files; the CLI fills it from the
/// loader's locations (this module does not read files).
public struct FindingLocation: Hashable, Sendable, Codable {
  /// Path relative to the register's root (`traitements/ent.yaml`).
  public var file: String
  /// 1-based line, when known.
  public var line: Int?
  public var column: Int?
  /// Field path inside the file (`donnees[2].conservation`).
  public var field: String?

  public init(file: String, line: Int? = nil, column: Int? = nil, field: String? = nil) {
    self.file = file
    self.line = line
    self.column = column
    self.field = field
  }

  /// `fichier:ligne:colonne`, as editors understand it.
  public var description: String {
    var text = file
    if let line {
      text += ":\(line)"
      if let column { text += ":\(column)" }
    }
    return text
  }

  /// The file a subject is written in, by the register folder's layout.
  public static func defaultFile(for subject: Subject) -> String {
    switch subject {
    case .etablissement: return "etablissement.yaml"
    case .traitement(let id): return "traitements/\(id).yaml"
    case .sousTraitant(let id): return "sous-traitants/\(id).yaml"
    case .violation(let id): return "violations/\(id).yaml"
    case .action(let id): return "actions/\(id).yaml"
    case .demande(let id): return "demandes/\(id).yaml"
    }
  }
}

/// Finds where a finding points; `nil` when unknown.
public typealias FindingLocator = (Finding) -> FindingLocation?

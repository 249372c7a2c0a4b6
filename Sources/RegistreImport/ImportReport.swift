public import Foundation

/// Why an import stopped before writing anything: the file is not of the announced kind, it is hostile
/// (zip bomb, path traversal, DOCTYPE, too many cells), or a mapping file is wrong. French, with the
/// place when there is one.
public struct ImportError: Error, Sendable, Equatable, CustomStringConvertible {
  public var message: String

  public init(_ message: String) {
    self.message = message
  }

  public var description: String { message }
}

/// A value of the source that the import could not put in a field as it is: it is written
/// « À COMPLÉTER » with the original text beside it.
public struct ImportNote: Sendable, Equatable, Codable {
  /// Field path in the fiche (`donnees[1].categorie`).
  public var field: String
  /// Where the value was read: « ligne 3, colonne P (Catégorie de données) », « B25 ».
  public var cell: String
  /// The source text, as it was ("" when the source left it empty).
  public var original: String
  /// What the person completing the fiche has to do, in French.
  public var hint: String

  public init(field: String, cell: String, original: String, hint: String) {
    self.field = field
    self.cell = cell
    self.original = original
    self.hint = hint
  }
}

/// What the import did with one fiche (a treatment, or the school).
public struct FicheReport: Sendable, Equatable, Codable {
  /// File written, relative to the register (`traitements/paie.yaml`).
  public var file: String
  public var name: String
  /// Where the fiche came from (« ligne 3 », « feuille 3_-_Modèle_de_fiche_de_registre »).
  public var origin: String
  /// Fields filled from the source, in the order they were filled.
  public var filled: [String] = []
  /// Mandatory fields the source left empty, written « À COMPLÉTER ».
  public var toComplete: [ImportNote] = []
  /// Values the import did not understand, written « À COMPLÉTER » with their original text.
  public var notUnderstood: [ImportNote] = []
  /// Source values with no field in the register, copied into `remarques`.
  public var keptInRemarks: [String] = []

  public init(file: String, name: String, origin: String) {
    self.file = file
    self.name = name
    self.origin = origin
  }
}

/// The whole import: one report per fiche, plus facts about the file.
public struct ImportReport: Sendable, Equatable, Codable {
  /// The format read (`madis-csv`, `cnil-ods`, `tableur`).
  public var format: String
  public var fiches: [FicheReport] = []
  /// Facts about the file as a whole (column shift corrected, rows skipped…).
  public var notes: [String] = []

  public init(format: String) {
    self.format = format
  }

  /// The report as the CLI prints it, in French.
  public var text: String {
    var lines = ["Import (\(format)) : \(fiches.count) fiche(s)."]
    lines += notes.map { "  \($0)" }
    for fiche in fiches {
      lines.append("")
      lines.append("\(fiche.file) — « \(fiche.name) » (\(fiche.origin))")
      lines.append("  remplis (\(fiche.filled.count)) : \(fiche.filled.isEmpty ? "aucun" : fiche.filled.joined(separator: ", "))")
      lines.append("  à compléter (\(fiche.toComplete.count))\(fiche.toComplete.isEmpty ? "" : " :")")
      for note in fiche.toComplete { lines.append("    - \(note.field) (\(note.cell)) : \(note.hint)") }
      lines.append("  non compris (\(fiche.notUnderstood.count))\(fiche.notUnderstood.isEmpty ? "" : " :")")
      for note in fiche.notUnderstood {
        lines.append("    - \(note.field) (\(note.cell)) : « \(note.original) » — \(note.hint)")
      }
      if !fiche.keptInRemarks.isEmpty {
        lines.append("  recopiés dans remarques : \(fiche.keptInRemarks.joined(separator: ", "))")
      }
    }
    return lines.joined(separator: "\n")
  }
}

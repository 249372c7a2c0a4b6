import Foundation

/// Where something sits in a register's files: file, line and column (1-based),
/// and the field path inside the file (`donnees[2].conservation.duree`).
public struct Location: Hashable, Sendable, Codable {
  /// Path of the file, relative to the register's root when it has one.
  public var fichier: String
  public var ligne: Int?
  public var colonne: Int?
  public var champ: String?

  public init(fichier: String, ligne: Int? = nil, colonne: Int? = nil, champ: String? = nil) {
    self.fichier = fichier
    self.ligne = ligne
    self.colonne = colonne
    self.champ = champ
  }

  /// `fichier:ligne:colonne`, as editors and terminals understand it.
  public var description: String {
    var texte = fichier
    if let ligne {
      texte += ":\(ligne)"
      if let colonne { texte += ":\(colonne)" }
    }
    return texte
  }
}

/// A problem found while reading or validating a register, in French.
public struct Diagnostic: Hashable, Sendable, Codable {
  public enum DiagnosticSeverity: String, Sendable, Codable {
    case erreur, avertissement
  }

  public var emplacement: Location
  public var gravite: DiagnosticSeverity
  /// What is wrong, in French.
  public var message: String
  /// What was expected, in French, when it helps.
  public var attendu: String?

  public init(
    _ emplacement: Location, _ message: String, attendu: String? = nil,
    gravite: DiagnosticSeverity = .erreur
  ) {
    self.emplacement = emplacement
    self.gravite = gravite
    self.message = message
    self.attendu = attendu
  }

  /// One line: `fichier:ligne:colonne: erreur: champ « x » : message (attendu : …)`.
  public var texte: String {
    var ligne = "\(emplacement.description): \(gravite.rawValue): "
    if let champ = emplacement.champ, !champ.isEmpty { ligne += "champ « \(champ) » : " }
    ligne += message
    if let attendu { ligne += " (attendu : \(attendu))" }
    return ligne
  }
}

public import Foundation
public import RegistreModel

/// A register read from disk, with where each of its parts came from.
public struct RegistreCharge: Sendable {
  public var registre: Registre
  /// The folder or XML file it was read from.
  public var source: URL
  /// Where each treatment, processor and breach was written, by id, so that
  /// findings can point at a file and line.
  public var emplacements: EmplacementsDuRegistre

  public init(registre: Registre, source: URL, emplacements: EmplacementsDuRegistre) {
    self.registre = registre
    self.source = source
    self.emplacements = emplacements
  }
}

/// File and line of each record and field of a loaded register.
public struct EmplacementsDuRegistre: Sendable {
  /// Key: `traitements/<id>`, `sous-traitants/<id>`, `violations/<id>` or
  /// `etablissement`, followed by an optional field path (`traitements/ent/donnees[1]`).
  public var table: [String: Emplacement]

  public init(table: [String: Emplacement] = [:]) {
    self.table = table
  }

  /// Location of a treatment's field (or of the treatment itself when `champ` is nil).
  public func traitement(_ id: String, champ: String? = nil) -> Emplacement? {
    cherche("traitements/\(id)", champ)
  }

  public func sousTraitant(_ id: String, champ: String? = nil) -> Emplacement? {
    cherche("sous-traitants/\(id)", champ)
  }

  public func violation(_ id: String, champ: String? = nil) -> Emplacement? {
    cherche("violations/\(id)", champ)
  }

  private func cherche(_ base: String, _ champ: String?) -> Emplacement? {
    guard var chemin = champ else { return table[base] }
    // Fall back on the closest parent field that has a location.
    while true {
      if let trouve = table["\(base)/\(chemin)"] { return trouve }
      guard let coupe = chemin.lastIndex(where: { $0 == "." || $0 == "[" }) else { break }
      chemin = String(chemin[..<coupe])
    }
    return table[base]
  }
}

/// Why a register could not be loaded: every problem found, each with its location.
public struct EchecChargement: Error, Sendable {
  public var diagnostics: [Diagnostic]

  public init(diagnostics: [Diagnostic]) {
    self.diagnostics = diagnostics
  }
}


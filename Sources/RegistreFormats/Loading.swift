public import Foundation
public import RegistreModel

/// A register read from disk, with where each of its parts came from.
public struct LoadedRegister: Sendable {
  public var registre: Register
  /// The folder or XML file it was read from.
  public var source: URL
  /// Where each treatment, processor and breach was written, by id, so that
  /// findings can point at a file and line.
  public var emplacements: RegisterLocations

  public init(registre: Register, source: URL, emplacements: RegisterLocations) {
    self.registre = registre
    self.source = source
    self.emplacements = emplacements
  }
}

/// File and line of each record and field of a loaded register.
public struct RegisterLocations: Sendable {
  /// Key: `traitements/<id>`, `sous-traitants/<id>`, `violations/<id>` or
  /// `etablissement`, followed by an optional field path (`traitements/ent/donnees[1]`).
  public var table: [String: Location]

  public init(table: [String: Location] = [:]) {
    self.table = table
  }

  /// Location of a treatment's field (or of the treatment itself when `champ` is nil).
  public func treatment(_ id: String, champ: String? = nil) -> Location? {
    find("traitements/\(id)", champ)
  }

  public func processor(_ id: String, champ: String? = nil) -> Location? {
    find("sous-traitants/\(id)", champ)
  }

  public func breach(_ id: String, champ: String? = nil) -> Location? {
    find("violations/\(id)", champ)
  }

  private func find(_ base: String, _ champ: String?) -> Location? {
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
public struct LoadFailure: Error, Sendable {
  public var diagnostics: [Diagnostic]

  public init(diagnostics: [Diagnostic]) {
    self.diagnostics = diagnostics
  }
}


public import Foundation
import RegistreModel

/// A register read for an audit even when some fiches are incomplete.
public struct LenientLoad: Sendable {
  /// The register as far as it can be read: incomplete fiches are in it when they could be
  /// read (missing texts empty, placeholders absent), left out otherwise.
  public var loaded: LoadedRegister
  /// Every incomplete fiche, in file order.
  public var incomplete: [IncompleteRecordDiagnostics]

  public init(loaded: LoadedRegister, incomplete: [IncompleteRecordDiagnostics]) {
    self.loaded = loaded
    self.incomplete = incomplete
  }
}

/// What is missing in one fiche: a mandatory mention or a « À COMPLÉTER » placeholder.
public struct IncompleteRecordDiagnostics: Sendable, Hashable {
  public enum Kind: String, Sendable, Hashable {
    case school, treatment, processor, breach
  }

  public var kind: Kind
  /// Id of the treatment, processor or breach (the file name); empty for the school.
  public var id: String
  /// Path of the file, relative to the register.
  public var file: String
  public var diagnostics: [Diagnostic]
  /// Whether the fiche is in `LenientLoad.loaded` (false: a typed mandatory value is missing).
  public var inRegister: Bool
}

extension RegisterLoading {
  /// Loads the register at `url` for an audit or a document: incomplete fiches (a mandatory
  /// mention missing, a « À COMPLÉTER » left) are reported with their diagnostics instead of
  /// refusing the whole register. Any other problem (syntax, unknown field, wrong type, broken
  /// reference) still refuses it, as `charger` does. A canonical XML file is read strictly.
  public static func loadLeniently(_ url: URL) throws(LoadFailure) -> LenientLoad {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue else {
      return LenientLoad(loaded: try load(url), incomplete: [])
    }
    if let strict = try? loadFolder(url) { return LenientLoad(loaded: strict, incomplete: []) }
    return try loadFolderLeniently(url)
  }

  private static func loadFolderLeniently(_ folder: URL) throws(LoadFailure) -> LenientLoad {
    var diagnostics: [Diagnostic] = []
    var incomplete: [IncompleteRecordDiagnostics] = []
    var table: [String: Location] = [:]

    /// Reads one file through the strict load's reader; `missing` gets its incompleteness diagnostics.
    func read(_ url: URL, relative: String, type: RecordType, key: String, missing: inout [Diagnostic]) -> Value? {
      readRecordFile(
        url, relative: relative, folder: folder, type: type, key: key, lenient: true,
        diagnostics: &diagnostics, table: &table, missing: &missing)
    }

    var school: School?
    let schoolURL = folder.appendingPathComponent("etablissement.yaml")
    if FileManager.default.fileExists(atPath: schoolURL.path) {
      var missing: [Diagnostic] = []
      let value = read(schoolURL, relative: "etablissement.yaml", type: Format.etablissement, key: "etablissement", missing: &missing)
      if let value { school = decoder(value, School.self, fichier: "etablissement.yaml", into: &diagnostics) }
      if !missing.isEmpty {
        if school == nil { diagnostics += missing }  // Without the school there is no register to audit.
        else {
          incomplete.append(
            IncompleteRecordDiagnostics(
              kind: .school, id: "", file: "etablissement.yaml", diagnostics: missing, inRegister: true))
        }
      }
    } else {
      diagnostics.append(Diagnostic(
        Location(fichier: "etablissement.yaml"), "fichier manquant",
        attendu: "la description de l'établissement (nom, UAI, responsable de traitement…)"))
    }

    var treatments: [Treatment] = []
    var processors: [Processor] = []
    var breaches: [Breach] = []
    var actions: [PlannedAction] = []
    var requests: [RightsRequest] = []
    var left: Set<String> = []
    for (name, type) in dossiers {
      let subfolder = folder.appendingPathComponent(name)
      if let refusal = subfolderRefusal(subfolder, name: name, folder: folder) {
        diagnostics.append(refusal)
        continue
      }
      for url in yamlFiles(subfolder) {
        let relative = "\(name)/\(url.lastPathComponent)"
        let fileID = url.deletingPathExtension().lastPathComponent
        let key = "\(name)/\(fileID)"
        var missing: [Diagnostic] = []
        let value = read(url, relative: relative, type: type, key: key, missing: &missing)
        if let value, case .objet(let pairs) = value, let id = pairs.first(where: { $0.0 == "id" })?.1,
          id != .texte(fileID)
        {
          diagnostics.append(Diagnostic(
            table["\(key)/id"] ?? Location(fichier: relative, champ: "id"),
            "l'identifiant ne correspond pas au nom du fichier", attendu: "id: \(fileID)"))
        }
        var readInto = false
        if let value {
          switch name {
          case "traitements":
            if let t = decoder(value, Treatment.self, fichier: relative, into: &diagnostics) {
              treatments.append(t)
              readInto = true
            }
          case "sous-traitants":
            if let p = decoder(value, Processor.self, fichier: relative, into: &diagnostics) {
              processors.append(p)
              readInto = true
            }
          case "actions":
            // The action plan and the requests are the school's own follow-up, not fiches the
            // audit reads on what is there: an incomplete one is an error.
            diagnostics += missing
            missing = []
            decoder(value, PlannedAction.self, fichier: relative, into: &diagnostics).map { actions.append($0) }
          case "demandes":
            diagnostics += missing
            missing = []
            decoder(value, RightsRequest.self, fichier: relative, into: &diagnostics).map { requests.append($0) }
          default:
            if let v = decoder(value, Breach.self, fichier: relative, into: &diagnostics) {
              breaches.append(v)
              readInto = true
            }
          }
        }
        guard !missing.isEmpty else { continue }
        if !readInto { left.insert(fileID) }
        let kind: IncompleteRecordDiagnostics.Kind =
          name == "traitements" ? .treatment : name == "sous-traitants" ? .processor : .breach
        incomplete.append(
          IncompleteRecordDiagnostics(kind: kind, id: fileID, file: relative, diagnostics: missing, inRegister: readInto))
      }
    }

    guard let school, diagnostics.isEmpty else { throw LoadFailure(diagnostics: diagnostics) }
    let register = Register(
      etablissement: school, traitements: treatments, sousTraitants: processors, violations: breaches,
      actions: actions, demandes: requests)
    let locations = RegisterLocations(table: table)
    // A reference to a fiche left out for being unreadable is not a broken reference.
    let problems = RegisterCheck.check(register, emplacements: locations).filter { d in
      !left.contains { d.message == "traitement « \($0) » inconnu" || d.message == "sous-traitant « \($0) » inconnu" }
    }
    guard problems.isEmpty else { throw LoadFailure(diagnostics: problems) }
    return LenientLoad(
      loaded: LoadedRegister(registre: register, source: folder, emplacements: locations), incomplete: incomplete)
  }
}

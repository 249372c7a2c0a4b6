public import Foundation
import RegistreSupport
import RegistreModel

/// Reads a register from a folder (`etablissement.yaml`, `traitements/`,
/// `sous-traitants/`, `violations/`) or from a canonical XML file, and checks it.
public enum RegisterLoading {
  /// Sub-folders of a register folder, with their record type.
  static let dossiers: [(nom: String, type: RecordType)] = [
    ("traitements", Format.traitement), ("sous-traitants", Format.sousTraitant),
    ("violations", Format.violation), ("actions", Format.action), ("demandes", Format.demande),
  ]

  /// Loads and validates the register at `url`; every problem comes back at once.
  public static func load(_ url: URL) throws(LoadFailure) -> LoadedRegister {
    var estDossier: ObjCBool = false
    guard FileManager.default.fileExists(atPath: url.path, isDirectory: &estDossier) else {
      throw LoadFailure(diagnostics: [
        Diagnostic(Location(fichier: url.path), "chemin introuvable", attendu: "un dossier de registre ou un fichier XML")
      ])
    }
    if estDossier.boolValue {
      return try loadFolder(url)
    }
    return try loadXML(url)
  }

  /// Loads a register folder.
  public static func loadFolder(_ dossier: URL) throws(LoadFailure) -> LoadedRegister {
    var diagnostics: [Diagnostic] = []
    var table: [String: Location] = [:]

    func readFile(_ url: URL, relatif: String, type: RecordType, cle: String) -> Value? {
      var ignored: [Diagnostic] = []
      return readRecordFile(
        url, relative: relatif, folder: dossier, type: type, key: cle, lenient: false,
        diagnostics: &diagnostics, table: &table, missing: &ignored)
    }

    // Établissement.
    let urlEtablissement = dossier.appendingPathComponent("etablissement.yaml")
    var etablissement: School?
    if FileManager.default.fileExists(atPath: urlEtablissement.path) {
      if let v = readFile(urlEtablissement, relatif: "etablissement.yaml", type: Format.etablissement, cle: "etablissement") {
        etablissement = decoder(v, School.self, fichier: "etablissement.yaml", into: &diagnostics)
      }
    } else {
      diagnostics.append(Diagnostic(
        Location(fichier: "etablissement.yaml"), "fichier manquant",
        attendu: "la description de l'établissement (nom, UAI, responsable de traitement…)"))
    }

    var traitements: [Treatment] = []
    var sousTraitants: [Processor] = []
    var violations: [Breach] = []
    var actions: [PlannedAction] = []
    var demandes: [RightsRequest] = []
    for (nom, type) in dossiers {
      let sousDossier = dossier.appendingPathComponent(nom)
      if let refus = subfolderRefusal(sousDossier, name: nom, folder: dossier) {
        diagnostics.append(refus)
        continue
      }
      for url in yamlFiles(sousDossier) {
        let relatif = "\(nom)/\(url.lastPathComponent)"
        let identifiantFichier = url.deletingPathExtension().lastPathComponent
        let cle = "\(nom)/\(identifiantFichier)"
        guard let v = readFile(url, relatif: relatif, type: type, cle: cle) else { continue }
        if case .objet(let paires) = v, let id = paires.first(where: { $0.0 == "id" })?.1, id != .texte(identifiantFichier) {
          diagnostics.append(Diagnostic(
            table["\(cle)/id"] ?? Location(fichier: relatif, champ: "id"),
            "l'identifiant ne correspond pas au nom du fichier", attendu: "id: \(identifiantFichier)"))
        }
        switch nom {
        case "traitements": decoder(v, Treatment.self, fichier: relatif, into: &diagnostics).map { traitements.append($0) }
        case "sous-traitants": decoder(v, Processor.self, fichier: relatif, into: &diagnostics).map { sousTraitants.append($0) }
        case "actions": decoder(v, PlannedAction.self, fichier: relatif, into: &diagnostics).map { actions.append($0) }
        case "demandes": decoder(v, RightsRequest.self, fichier: relatif, into: &diagnostics).map { demandes.append($0) }
        default: decoder(v, Breach.self, fichier: relatif, into: &diagnostics).map { violations.append($0) }
        }
      }
    }

    guard let etablissement, diagnostics.isEmpty else {
      throw LoadFailure(diagnostics: diagnostics)
    }
    let registre = Register(
      etablissement: etablissement, traitements: traitements, sousTraitants: sousTraitants, violations: violations,
      actions: actions, demandes: demandes)
    let emplacements = RegisterLocations(table: table)
    let problemes = RegisterCheck.check(registre, emplacements: emplacements)
    guard problemes.isEmpty else { throw LoadFailure(diagnostics: problemes) }
    return LoadedRegister(registre: registre, source: dossier, emplacements: emplacements)
  }

  /// French reason for a file that was not read (without its path: the diagnostic names the file).
  /// Reads one file of a register folder, for the strict and the lenient loads alike: a link that leads out
  /// of `folder` is refused, and type and size are checked before any byte is read (no pipe, device or
  /// sparse giant). The reader's diagnostics and locations go to the caller's; with `lenient`, what is only
  /// missing goes to `missing` instead.
  static func readRecordFile(
    _ url: URL, relative: String, folder: URL, type: RecordType, key: String, lenient: Bool,
    diagnostics: inout [Diagnostic], table: inout [String: Location], missing: inout [Diagnostic]
  ) -> Value? {
    // A link may point inside the folder, never out of it: the register is what the folder holds.
    guard BoundedFile.isInside(url, folder: folder) else {
      diagnostics.append(Diagnostic(
        Location(fichier: relative), "lien symbolique vers l'extérieur du dossier du registre : refusé",
        attendu: "un fichier du dossier du registre"))
      return nil
    }
    let data: Data
    do {
      data = try BoundedFile.read(url, limit: YAMLReader.tailleMaximale)
    } catch {
      diagnostics.append(Diagnostic(Location(fichier: relative), explanation(error), attendu: "un fichier YAML lisible"))
      return nil
    }
    // The same bytes give the same reading: the server re-reads only the files that changed.
    let cacheKey = url.path + "\u{0}" + relative
    let entry: ParseCache.Entry
    if let cached = ParseCache.shared.entry(cacheKey, data: data, lenient: lenient) {
      entry = cached
    } else {
      var reader = YAMLReader(fichier: relative)
      reader.lenient = lenient
      let value = reader.read(data, type: type)
      entry = ParseCache.Entry(
        data: data, lenient: lenient, value: value, diagnostics: reader.diagnostics, incomplete: reader.incomplete,
        locations: reader.emplacements)
      ParseCache.shared.store(cacheKey, entry)
    }
    diagnostics += entry.diagnostics
    if lenient { missing = entry.incomplete }
    for (path, here) in entry.locations {
      table[path.isEmpty ? key : "\(key)/\(path)"] = here
    }
    return entry.value
  }

  /// The diagnostic for a sub-folder that is a link leading out of the register folder; nil when it may be read.
  static func subfolderRefusal(_ subfolder: URL, name: String, folder: URL) -> Diagnostic? {
    guard FileManager.default.fileExists(atPath: subfolder.path), !BoundedFile.isInside(subfolder, folder: folder)
    else { return nil }
    return Diagnostic(
      Location(fichier: name), "lien symbolique vers l'extérieur du dossier du registre : refusé",
      attendu: "un sous-dossier du dossier du registre")
  }

  static func explanation(_ erreur: BoundedReadError) -> String {
    switch erreur {
    case .unreadable: return "fichier illisible"
    case .notRegularFile(_, let genre): return "\(genre), pas un fichier ordinaire : refusé"
    case .symbolicLink: return "lien symbolique refusé"
    case .tooLarge(_, let taille, let limite): return "le fichier est trop grand (\(taille) octets, au plus \(limite))"
    }
  }

  /// The `.yaml` / `.yml` files of a folder, sorted by name; none if absent.
  static func yamlFiles(_ dossier: URL) -> [URL] {
    let contenu = (try? FileManager.default.contentsOfDirectory(
      at: dossier, includingPropertiesForKeys: nil, options: [.skipsHiddenFiles])) ?? []
    return contenu
      .filter { ["yaml", "yml"].contains($0.pathExtension) }
      .sorted { $0.lastPathComponent < $1.lastPathComponent }
  }

  static func decoder<T: Decodable>(_ valeur: Value, _ type: T.Type, fichier: String, into diagnostics: inout [Diagnostic]) -> T? {
    do {
      return try valeur.decoder(T.self)
    } catch {
      // The checks above make this unreachable for well-formed values; keep a
      // diagnostic rather than a crash if the model and the format disagree.
      diagnostics.append(Diagnostic(Location(fichier: fichier), "contenu incompatible avec le modèle : \(error)"))
      return nil
    }
  }

  /// Every « À COMPLÉTER » placeholder left in a file.
  static func markers(_ valeur: Value, fichier: String, cle: String, table: [String: Location]) -> [Diagnostic] {
    // Field paths are only spelled out when there is a placeholder to report.
    guard valeur.contientMarqueur else { return [] }
    return valeur.texts().compactMap { chemin, texte in
      guard texte.hasPrefix(Format.marqueurACompleter) else { return nil }
      let ici = table["\(cle)/\(chemin)"] ?? Location(fichier: fichier, champ: chemin)
      return Diagnostic(
        Location(fichier: ici.fichier, ligne: ici.ligne, colonne: ici.colonne, champ: chemin),
        "valeur à compléter : « \(texte) »", attendu: "la valeur propre à l'établissement")
    }
  }
}

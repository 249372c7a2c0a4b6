public import Foundation
import RegistreSupport
import RegistreModel

/// Reads a register from a folder (`etablissement.yaml`, `traitements/`,
/// `sous-traitants/`, `violations/`) or from a canonical XML file, and checks it.
public enum ChargementRegistre {
  /// Sub-folders of a register folder, with their record type.
  static let dossiers: [(nom: String, type: TypeEnregistrement)] = [
    ("traitements", Format.traitement), ("sous-traitants", Format.sousTraitant),
    ("violations", Format.violation),
  ]

  /// Loads and validates the register at `url`; every problem comes back at once.
  public static func charger(_ url: URL) throws(EchecChargement) -> RegistreCharge {
    var estDossier: ObjCBool = false
    guard FileManager.default.fileExists(atPath: url.path, isDirectory: &estDossier) else {
      throw EchecChargement(diagnostics: [
        Diagnostic(Emplacement(fichier: url.path), "chemin introuvable", attendu: "un dossier de registre ou un fichier XML")
      ])
    }
    if estDossier.boolValue {
      return try chargerDossier(url)
    }
    return try chargerXML(url)
  }

  /// Loads a register folder.
  public static func chargerDossier(_ dossier: URL) throws(EchecChargement) -> RegistreCharge {
    var diagnostics: [Diagnostic] = []
    var table: [String: Emplacement] = [:]

    func lireFichier(_ url: URL, relatif: String, type: TypeEnregistrement, cle: String) -> Valeur? {
      var ignored: [Diagnostic] = []
      return readRecordFile(
        url, relative: relatif, folder: dossier, type: type, key: cle, lenient: false,
        diagnostics: &diagnostics, table: &table, missing: &ignored)
    }

    // Établissement.
    let urlEtablissement = dossier.appendingPathComponent("etablissement.yaml")
    var etablissement: Etablissement?
    if FileManager.default.fileExists(atPath: urlEtablissement.path) {
      if let v = lireFichier(urlEtablissement, relatif: "etablissement.yaml", type: Format.etablissement, cle: "etablissement") {
        etablissement = decoder(v, Etablissement.self, fichier: "etablissement.yaml", into: &diagnostics)
      }
    } else {
      diagnostics.append(Diagnostic(
        Emplacement(fichier: "etablissement.yaml"), "fichier manquant",
        attendu: "la description de l'établissement (nom, UAI, responsable de traitement…)"))
    }

    var traitements: [Traitement] = []
    var sousTraitants: [SousTraitant] = []
    var violations: [Violation] = []
    for (nom, type) in dossiers {
      let sousDossier = dossier.appendingPathComponent(nom)
      if let refus = subfolderRefusal(sousDossier, name: nom, folder: dossier) {
        diagnostics.append(refus)
        continue
      }
      for url in fichiersYAML(sousDossier) {
        let relatif = "\(nom)/\(url.lastPathComponent)"
        let identifiantFichier = url.deletingPathExtension().lastPathComponent
        let cle = "\(nom)/\(identifiantFichier)"
        guard let v = lireFichier(url, relatif: relatif, type: type, cle: cle) else { continue }
        if case .objet(let paires) = v, let id = paires.first(where: { $0.0 == "id" })?.1, id != .texte(identifiantFichier) {
          diagnostics.append(Diagnostic(
            table["\(cle)/id"] ?? Emplacement(fichier: relatif, champ: "id"),
            "l'identifiant ne correspond pas au nom du fichier", attendu: "id: \(identifiantFichier)"))
        }
        switch nom {
        case "traitements": decoder(v, Traitement.self, fichier: relatif, into: &diagnostics).map { traitements.append($0) }
        case "sous-traitants": decoder(v, SousTraitant.self, fichier: relatif, into: &diagnostics).map { sousTraitants.append($0) }
        default: decoder(v, Violation.self, fichier: relatif, into: &diagnostics).map { violations.append($0) }
        }
      }
    }

    guard let etablissement, diagnostics.isEmpty else {
      throw EchecChargement(diagnostics: diagnostics)
    }
    let registre = Registre(
      etablissement: etablissement, traitements: traitements, sousTraitants: sousTraitants, violations: violations)
    let emplacements = EmplacementsDuRegistre(table: table)
    let problemes = ControleRegistre.controler(registre, emplacements: emplacements)
    guard problemes.isEmpty else { throw EchecChargement(diagnostics: problemes) }
    return RegistreCharge(registre: registre, source: dossier, emplacements: emplacements)
  }

  /// French reason for a file that was not read (without its path: the diagnostic names the file).
  /// Reads one file of a register folder, for the strict and the lenient loads alike: a link that leads out
  /// of `folder` is refused, and type and size are checked before any byte is read (no pipe, device or
  /// sparse giant). The reader's diagnostics and locations go to the caller's; with `lenient`, what is only
  /// missing goes to `missing` instead.
  static func readRecordFile(
    _ url: URL, relative: String, folder: URL, type: TypeEnregistrement, key: String, lenient: Bool,
    diagnostics: inout [Diagnostic], table: inout [String: Emplacement], missing: inout [Diagnostic]
  ) -> Valeur? {
    // A link may point inside the folder, never out of it: the register is what the folder holds.
    guard BoundedFile.isInside(url, folder: folder) else {
      diagnostics.append(Diagnostic(
        Emplacement(fichier: relative), "lien symbolique vers l'extérieur du dossier du registre : refusé",
        attendu: "un fichier du dossier du registre"))
      return nil
    }
    let data: Data
    do {
      data = try BoundedFile.read(url, limit: LecteurYAML.tailleMaximale)
    } catch {
      diagnostics.append(Diagnostic(Emplacement(fichier: relative), explication(error), attendu: "un fichier YAML lisible"))
      return nil
    }
    var reader = LecteurYAML(fichier: relative)
    reader.lenient = lenient
    let value = reader.lire(data, type: type)
    diagnostics += reader.diagnostics
    if lenient { missing = reader.incomplete }
    for (path, here) in reader.emplacements {
      table[path.isEmpty ? key : "\(key)/\(path)"] = here
    }
    return value
  }

  /// The diagnostic for a sub-folder that is a link leading out of the register folder; nil when it may be read.
  static func subfolderRefusal(_ subfolder: URL, name: String, folder: URL) -> Diagnostic? {
    guard FileManager.default.fileExists(atPath: subfolder.path), !BoundedFile.isInside(subfolder, folder: folder)
    else { return nil }
    return Diagnostic(
      Emplacement(fichier: name), "lien symbolique vers l'extérieur du dossier du registre : refusé",
      attendu: "un sous-dossier du dossier du registre")
  }

  static func explication(_ erreur: BoundedReadError) -> String {
    switch erreur {
    case .unreadable: return "fichier illisible"
    case .notRegularFile(_, let genre): return "\(genre), pas un fichier ordinaire : refusé"
    case .symbolicLink: return "lien symbolique refusé"
    case .tooLarge(_, let taille, let limite): return "le fichier est trop grand (\(taille) octets, au plus \(limite))"
    }
  }

  /// The `.yaml` / `.yml` files of a folder, sorted by name; none if absent.
  static func fichiersYAML(_ dossier: URL) -> [URL] {
    let contenu = (try? FileManager.default.contentsOfDirectory(
      at: dossier, includingPropertiesForKeys: nil, options: [.skipsHiddenFiles])) ?? []
    return contenu
      .filter { ["yaml", "yml"].contains($0.pathExtension) }
      .sorted { $0.lastPathComponent < $1.lastPathComponent }
  }

  static func decoder<T: Decodable>(_ valeur: Valeur, _ type: T.Type, fichier: String, into diagnostics: inout [Diagnostic]) -> T? {
    do {
      return try valeur.decoder(T.self)
    } catch {
      // The checks above make this unreachable for well-formed values; keep a
      // diagnostic rather than a crash if the model and the format disagree.
      diagnostics.append(Diagnostic(Emplacement(fichier: fichier), "contenu incompatible avec le modèle : \(error)"))
      return nil
    }
  }

  /// Every « À COMPLÉTER » placeholder left in a file.
  static func marqueurs(_ valeur: Valeur, fichier: String, cle: String, table: [String: Emplacement]) -> [Diagnostic] {
    // Field paths are only spelled out when there is a placeholder to report.
    guard valeur.contientMarqueur else { return [] }
    return valeur.textes().compactMap { chemin, texte in
      guard texte.hasPrefix(Format.marqueurACompleter) else { return nil }
      let ici = table["\(cle)/\(chemin)"] ?? Emplacement(fichier: fichier, champ: chemin)
      return Diagnostic(
        Emplacement(fichier: ici.fichier, ligne: ici.ligne, colonne: ici.colonne, champ: chemin),
        "valeur à compléter : « \(texte) »", attendu: "la valeur propre à l'établissement")
    }
  }
}

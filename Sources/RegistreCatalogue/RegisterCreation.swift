public import Foundation
import RegistreModel
import RegistreSupport

/// Why `init` refused to create a register folder; nothing was written when this is thrown
/// before the first file, and no existing file is ever replaced.
public enum CreationError: Error, Sendable, Equatable {
  case nomInvalide
  case uaiInvalide(String)
  case entreeInconnue(String)
  case aucuneEntree
  /// A file the register would hold already exists.
  case fichierExistant(String)
  /// The destination exists and is not a folder.
  case pasUnDossier(String)
  case ecriture(chemin: String, detail: String)
  case catalogue(String)

  /// French message for the CLI.
  public var message: String {
    switch self {
    case .nomInvalide:
      return "nom d'établissement vide ou contenant des caractères de contrôle"
    case .uaiInvalide(let uai):
      return "UAI « \(uai) » invalide (attendu : sept chiffres et une lettre majuscule, ex. 0999999F)"
    case .entreeInconnue(let id):
      return "entrée « \(id) » absente du catalogue (voir « registre catalogue »)"
    case .aucuneEntree:
      return "aucune entrée du catalogue choisie"
    case .fichierExistant(let chemin):
      return "le fichier « \(chemin) » existe déjà : init ne remplace jamais un fichier existant"
    case .pasUnDossier(let chemin):
      return "« \(chemin) » existe et n'est pas un dossier"
    case .ecriture(let chemin, let detail):
      return "écriture impossible de « \(chemin) » : \(detail)"
    case .catalogue(let detail):
      return "catalogue illisible : \(detail)"
    }
  }
}

extension Catalogue {
  /// Writes a new register folder for a school from chosen catalogue entries: `etablissement.yaml`
  /// with the given name and UAI and « À COMPLÉTER » placeholders for the rest, one file per
  /// entry in `traitements/`, the processors they reference in `sous-traitants/`, and an empty
  /// `violations/`. Refuses, before writing anything, when any of these files already exists.
  ///
  /// - Returns: the files written, relative to `dossier`.
  @discardableResult
  public static func createRegister(
    dans dossier: URL, nom: String, uai: String, entrees ids: [String] = Catalogue.ensembleCommun
  ) throws(CreationError) -> [String] {
    let nomPropre = nom.trimmingCharacters(in: .whitespaces)
    guard !nomPropre.isEmpty, !nomPropre.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
    else { throw .nomInvalide }
    guard Codes.isUAI(uai) else { throw .uaiInvalide(uai) }
    var choisis: [String] = []
    for id in ids where !choisis.contains(id) { choisis.append(id) }
    guard !choisis.isEmpty else { throw .aucuneEntree }

    let entrees: [CatalogueEntry]
    let modeles: [CatalogueProcessor]
    do {
      entrees = try Catalogue.allEntries()
      modeles = try Catalogue.processors()
    } catch {
      throw .catalogue(error.description)
    }
    var fichiers: [(chemin: String, texte: String)] = [
      ("etablissement.yaml", schoolYAML(nom: nomPropre, uai: uai))
    ]
    var sousTraitants: [String] = []
    for id in choisis {
      guard let entree = entrees.first(where: { $0.id == id }) else { throw .entreeInconnue(id) }
      fichiers.append(("traitements/\(id).yaml", entree.texte))
      for st in entree.traitement.sousTraitants where !sousTraitants.contains(st) {
        sousTraitants.append(st)
      }
    }
    for id in sousTraitants {
      guard let modele = modeles.first(where: { $0.id == id }) else {
        throw .catalogue("sous-traitant « \(id) » absent du catalogue")
      }
      fichiers.append(("sous-traitants/\(id).yaml", modele.texte))
    }

    // Check everything first so that a refusal leaves the folder untouched.
    let gestionnaire = FileManager.default
    var estDossier: ObjCBool = false
    if gestionnaire.fileExists(atPath: dossier.path, isDirectory: &estDossier), !estDossier.boolValue {
      throw .pasUnDossier(dossier.path)
    }
    for fichier in fichiers {
      let url = dossier.appendingPathComponent(fichier.chemin)
      // fileExists follows links: a dangling link needs its own check.
      if gestionnaire.fileExists(atPath: url.path)
        || (try? gestionnaire.destinationOfSymbolicLink(atPath: url.path)) != nil
      {
        throw .fichierExistant(fichier.chemin)
      }
    }
    for sousDossier in ["traitements", "sous-traitants", "violations"] {
      let url = dossier.appendingPathComponent(sousDossier, isDirectory: true)
      do {
        try gestionnaire.createDirectory(at: url, withIntermediateDirectories: true)
      } catch {
        throw .ecriture(chemin: url.path, detail: "création du dossier impossible")
      }
    }
    for fichier in fichiers {
      let url = dossier.appendingPathComponent(fichier.chemin)
      do {
        try AtomicFile.write(Data(fichier.texte.utf8), to: url, permissions: 0o640, existing: .refuse)
      } catch {
        switch error {
        case .destinationExists, .destinationIsSymbolicLink: throw .fichierExistant(fichier.chemin)
        case .systemError(let operation, _, let code):
          throw .ecriture(chemin: fichier.chemin, detail: "\(operation) (errno \(code))")
        }
      }
    }
    return fichiers.map(\.chemin)
  }

  /// `etablissement.yaml` of a new register: name and UAI known, the rest to complete.
  static func schoolYAML(nom: String, uai: String) -> String {
    let a = marqueACompleter
    return """
      # Registre des activités de traitement (art. 30 RGPD) — créé par « registre init ».
      # Remplacer chaque valeur marquée ; « registre valider » signale celles qui restent.
      nom: \(quote(nom))
      uai: \(quote(uai))
      # type : college, lycee, lycee-professionnel, cite-scolaire, erea ou autre
      adresse: "\(a) : adresse postale de l'établissement"
      academie: "\(a) : académie"
      responsable_traitement:
        nom: "\(a) : nom du chef d'établissement"
        fonction: "\(a) : fonction (principal(e), proviseur(e))"
        courriel: "\(a) : courriel de la direction"
      dpd:
        nom: "\(a) : nom du délégué à la protection des données (en pratique le DPD académique)"
        organisme: "\(a) : rectorat ou organisme du DPD"
        courriel: "\(a) : courriel du DPD"

      """
  }

  /// A YAML double-quoted scalar.
  static func quote(_ texte: String) -> String {
    var sortie = "\""
    for caractere in texte.unicodeScalars {
      switch caractere {
      case "\"": sortie += "\\\""
      case "\\": sortie += "\\\\"
      default: sortie.unicodeScalars.append(caractere)
      }
    }
    return sortie + "\""
  }
}

extension Catalogue {
  /// Adds chosen catalogue entries to an existing register folder: one file per entry in
  /// `traitements/`, and the processors they reference that the folder does not hold yet.
  /// Refuses, before writing anything, when a treatment file already exists.
  ///
  /// - Returns: the files written, relative to `folder`.
  @discardableResult
  public static func addEntries(_ ids: [String], to folder: URL) throws(CreationError) -> [String] {
    var chosen: [String] = []
    for id in ids where !chosen.contains(id) { chosen.append(id) }
    guard !chosen.isEmpty else { throw .aucuneEntree }
    let entries: [CatalogueEntry]
    let processors: [CatalogueProcessor]
    do {
      entries = try Catalogue.allEntries()
      processors = try Catalogue.processors()
    } catch {
      throw .catalogue(error.description)
    }
    let manager = FileManager.default
    func exists(_ relative: String) -> Bool {
      let path = folder.appendingPathComponent(relative).path
      return manager.fileExists(atPath: path) || (try? manager.destinationOfSymbolicLink(atPath: path)) != nil
    }
    var files: [(path: String, text: String)] = []
    for id in chosen {
      guard let entry = entries.first(where: { $0.id == id }) else { throw .entreeInconnue(id) }
      let path = "traitements/\(id).yaml"
      if exists(path) { throw .fichierExistant(path) }
      files.append((path, entry.texte))
      for processor in entry.traitement.sousTraitants {
        let processorPath = "sous-traitants/\(processor).yaml"
        guard !exists(processorPath), !files.contains(where: { $0.path == processorPath }) else { continue }
        guard let model = processors.first(where: { $0.id == processor }) else {
          throw .catalogue("sous-traitant « \(processor) » absent du catalogue")
        }
        files.append((processorPath, model.texte))
      }
    }
    for sub in ["traitements", "sous-traitants"] {
      do {
        try manager.createDirectory(at: folder.appendingPathComponent(sub), withIntermediateDirectories: true)
      } catch {
        throw .ecriture(chemin: sub, detail: "création du dossier impossible")
      }
    }
    for file in files {
      do {
        try AtomicFile.write(Data(file.text.utf8), to: folder.appendingPathComponent(file.path), permissions: 0o640, existing: .refuse)
      } catch {
        switch error {
        case .destinationExists, .destinationIsSymbolicLink: throw .fichierExistant(file.path)
        case .systemError(let operation, _, let code):
          throw .ecriture(chemin: file.path, detail: "\(operation) (errno \(code))")
        }
      }
    }
    return files.map(\.path)
  }
}

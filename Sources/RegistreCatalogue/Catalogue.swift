public import Foundation
public import RegistreModel
import RegistreFormats

/// One processing activity of the catalogue, as shipped: the decoded fiche and its
/// file text (comments and « À COMPLÉTER » placeholders included), which `init` copies.
public struct CatalogueEntry: Sendable, Identifiable {
  public let traitement: Treatment
  /// The YAML file as shipped.
  public let texte: String
  public let depistage: DPIAScreeningOutcome

  public var id: String { traitement.id }
  public var nom: String { traitement.nom }
  public var typeResponsable: ControllerKind { traitement.responsable.type }
}

/// A typical processor of the catalogue, referenced by entries' `sous_traitants`.
public struct CatalogueProcessor: Sendable, Identifiable {
  public let sousTraitant: Processor
  /// The YAML file as shipped.
  public let texte: String

  public var id: String { sousTraitant.id }
}

/// Why the bundled catalogue or demo could not be read (a packaging fault, not user input).
public struct CatalogueError: Error, Sendable, CustomStringConvertible {
  public var fichier: String
  public var message: String

  public var description: String { "\(fichier) : \(message)" }
}

/// The bundled catalogue of typical EPLE processing activities and the demo register.
public enum Catalogue {
  /// The literal every value the school must supply starts with (the validator reports it).
  public static let marqueACompleter = Format.marqueurACompleter

  /// Entries `init` uses when none are chosen: what almost every collège and lycée runs.
  public static let ensembleCommun: [String] = [
    "vie-scolaire", "ent", "site-web-reseaux-sociaux", "droit-image", "siecle", "educonnect", "gar",
    "ressources-gar", "livrets-scolaires", "affelnet", "cyclades", "evaluations-nationales",
    "demi-pension", "bourses", "fonds-sociaux", "infirmerie", "service-social", "inclusion-handicap",
    "discipline", "absences-absenteisme", "cdi", "sorties-voyages", "personnels-emplois-du-temps",
    "registre-visiteurs", "apps-education",
  ]

  /// Every entry, sorted by id, screened with `depistage`.
  public static func allEntries(
    depistage: DPIAScreener = Catalogue.depistageAudit
  ) throws(CatalogueError) -> [CatalogueEntry] {
    try lus.get().map { (traitement, texte) in
      CatalogueEntry(traitement: traitement, texte: texte, depistage: depistage(traitement))
    }
  }

  /// Read once: the bundled files never change while the program runs.
  private static let lus: Result<[(Treatment, String)], CatalogueError> = Result {
    () throws(CatalogueError) in
    try files(dans: "traitements").map { (url, texte) throws(CatalogueError) in
      let traitement: Treatment
      do throws(CatalogueReadError) {
        traitement = try CatalogueYAML.treatment(texte)
      } catch {
        throw CatalogueError(fichier: url.lastPathComponent, message: error.message)
      }
      guard traitement.id == url.deletingPathExtension().lastPathComponent else {
        throw CatalogueError(fichier: url.lastPathComponent, message: "id différent du nom du fichier")
      }
      return (traitement, texte)
    }.sorted { $0.0.id < $1.0.id }
  }

  /// The entry with this id, or nil.
  public static func entry(
    _ id: String, depistage: DPIAScreener = Catalogue.depistageAudit
  ) throws(CatalogueError) -> CatalogueEntry? {
    try allEntries(depistage: depistage).first { $0.id == id }
  }

  /// Every typical processor, sorted by id.
  public static func processors() throws(CatalogueError) -> [CatalogueProcessor] {
    try files(dans: "sous-traitants").map { (url, texte) throws(CatalogueError) in
      do throws(CatalogueReadError) {
        return CatalogueProcessor(sousTraitant: try CatalogueYAML.processor(texte), texte: texte)
      } catch {
        throw CatalogueError(fichier: url.lastPathComponent, message: error.message)
      }
    }
  }

  /// The bundled demo register folder (read-only: copy it before changing anything).
  public static func demoFolder() throws(CatalogueError) -> URL {
    guard let url = Bundle.module.url(forResource: "demo", withExtension: nil) else {
      throw CatalogueError(fichier: "demo", message: "registre de démonstration absent du paquet")
    }
    return url
  }

  /// The bundled catalogue folder (`traitements/`, `sous-traitants/`).
  public static func catalogueFolder() throws(CatalogueError) -> URL {
    guard let url = Bundle.module.url(forResource: "catalogue", withExtension: nil) else {
      throw CatalogueError(fichier: "catalogue", message: "catalogue absent du paquet")
    }
    return url
  }

  private static func files(dans sousDossier: String) throws(CatalogueError) -> [(URL, String)] {
    let dossier = try catalogueFolder().appendingPathComponent(sousDossier, isDirectory: true)
    let noms: [String]
    do {
      noms = try FileManager.default.contentsOfDirectory(atPath: dossier.path)
    } catch {
      throw CatalogueError(fichier: sousDossier, message: "dossier illisible")
    }
    return try noms.filter { $0.hasSuffix(".yaml") }.sorted().map { (nom) throws(CatalogueError) in
      let url = dossier.appendingPathComponent(nom)
      guard let donnees = FileManager.default.contents(atPath: url.path),
        let texte = String(data: donnees, encoding: .utf8)
      else {
        throw CatalogueError(fichier: nom, message: "fichier illisible")
      }
      return (url, texte)
    }
  }
}

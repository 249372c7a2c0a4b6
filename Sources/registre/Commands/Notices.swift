import ArgumentParser
import Foundation
import RegistreDocuments
import RegistreModel

/// `registre notices CHEMIN --sortie DOSSIER`: the notices for families and pupils.
struct Notices: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "notices",
    abstract: "Produit les notices d'information (articles 13 et 14) pour les familles, les élèves, les personnels et les visiteurs, en PDF/A.",
    discussion: """
      Par défaut : notice-familles.pdf (responsables légaux : une première partie de deux pages au plus, le
      détail en annexe) et notice-eleves.pdf (en mots simples), couvrant chaque traitement qui concerne les élèves
      ou leurs familles ; notice-personnels.pdf et notice-visiteurs.pdf (avec le texte des panneaux vidéo) quand
      des traitements les concernent.
      --par-traitement ajoute une notice (deux versions) pour chacun de ces traitements ; --traitement ID pour un seul.
      """)

  @Argument(help: "Dossier du registre ou fichier XML canonique.")
  var chemin: String

  @Option(name: .customLong("sortie"), help: "Dossier où écrire les PDF (créé au besoin ; fichiers remplacés).")
  var sortie: String

  @Flag(name: .customLong("par-traitement"), help: "Ajoute une notice par traitement concernant les élèves ou les familles.")
  var parTraitement = false

  @Option(name: .customLong("traitement"), help: "Ajoute la notice de ce seul traitement (identifiant).")
  var traitement: String?

  @Option(name: [.customLong("modeles"), .customLong("modèles")], help: "Dossier de modèles de l'établissement (voir « registre modeles exporter »).")
  var modeles: String?

  @OptionGroup(title: "Signature (facultative)") var signature: OptionsSignature

  func validate() throws {
    if parTraitement && traitement != nil {
      throw ValidationError("--par-traitement et --traitement s'excluent : choisissez l'un des deux.")
    }
  }

  func run() throws {
    let (charge, incompletes) = try ChargeurCLI.chargerPourDocument(chemin)
    let bibliotheque = try DocumentsCLI.modeles(modeles)
    var ids: [String] = []
    if let traitement {
      guard charge.registre.traitements.contains(where: { $0.id == traitement }) else {
        Console.erreur("Aucun traitement d'identifiant « \(traitement) » dans le registre.")
        throw CodeSortie.usage
      }
      ids = [traitement]
    } else if parTraitement {
      ids = charge.registre.traitements.filter { $0.concerneLesFamilles }.map { $0.id }
    }

    let dossier = URL(fileURLWithPath: sortie, isDirectory: true)
    do {
      try FileManager.default.createDirectory(at: dossier, withIntermediateDirectories: true)
    } catch {
      Console.erreur("\(sortie) : impossible de créer le dossier (\(error.localizedDescription)).")
      throw CodeSortie.usage
    }
    var travaux = [
      DocumentJob(kind: .noticeFamilies, output: dossier.appendingPathComponent("notice-familles.pdf")),
      DocumentJob(kind: .noticePupils, output: dossier.appendingPathComponent("notice-eleves.pdf")),
    ]
    for kind in NoticeAudience.otherNotices(for: charge.registre) {
      travaux.append(DocumentJob(kind: kind, output: dossier.appendingPathComponent("\(kind.rawValue).pdf")))
    }
    for id in ids {
      travaux.append(
        DocumentJob(
          kind: .noticeFamilies, treatment: id,
          output: dossier.appendingPathComponent("notice-familles-\(id).pdf")))
      travaux.append(
        DocumentJob(
          kind: .noticePupils, treatment: id,
          output: dossier.appendingPathComponent("notice-eleves-\(id).pdf")))
    }
    try DocumentsCLI.produire(
      travaux, entree: try DocumentsCLI.xmlCanonique(charge),
      pipeline: DocumentsCLI.pipeline(bibliotheque, signature: DocumentsCLI.Signature.depuis(signature)))
    if !incompletes.isEmpty { throw CodeSortie.problemes }
  }
}

extension Traitement {
  /// Pupils or their legal guardians are among the people concerned.
  fileprivate var concerneLesFamilles: Bool {
    personnesConcernees.contains { $0.categorie.estEleve || $0.categorie == .responsablesLegaux }
  }
}

import ArgumentParser
import Foundation
import RegistreDocuments
import RegistreModel

/// `registre notices CHEMIN --sortie DOSSIER`: the notices for families and pupils.
struct Notices: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "notices",
    abstract: "Produit les notices d'information (articles 13 et 14) pour les familles et pour les élèves, en PDF/A.",
    discussion: """
      Par défaut, deux documents : notice-familles.pdf (responsables légaux, complète) et notice-eleves.pdf
      (mêmes informations en mots simples), couvrant chaque traitement qui concerne les élèves ou leurs familles.
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

  @OptionGroup(title: "Signature (facultative)") var signature: CLISigningOptions

  func validate() throws {
    if parTraitement && traitement != nil {
      throw ValidationError("--par-traitement et --traitement s'excluent : choisissez l'un des deux.")
    }
  }

  func run() throws {
    let charge = try CLILoader.load(chemin)
    let bibliotheque = try DocumentsCLI.templateLibrary(modeles)
    var ids: [String] = []
    if let traitement {
      guard charge.registre.traitements.contains(where: { $0.id == traitement }) else {
        Console.printError("Aucun traitement d'identifiant « \(traitement) » dans le registre.")
        throw ExitStatus.usage
      }
      ids = [traitement]
    } else if parTraitement {
      ids = charge.registre.traitements.filter { $0.concerneLesFamilles }.map { $0.id }
    }

    let dossier = URL(fileURLWithPath: sortie, isDirectory: true)
    do {
      try FileManager.default.createDirectory(at: dossier, withIntermediateDirectories: true)
    } catch {
      Console.printError("\(sortie) : impossible de créer le dossier (\(error.localizedDescription)).")
      throw ExitStatus.usage
    }
    var travaux = [
      DocumentJob(kind: .noticeFamilies, output: dossier.appendingPathComponent("notice-familles.pdf")),
      DocumentJob(kind: .noticePupils, output: dossier.appendingPathComponent("notice-eleves.pdf")),
    ]
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
    try DocumentsCLI.produce(
      travaux, entree: try DocumentsCLI.xmlCanonique(charge),
      pipeline: DocumentsCLI.pipeline(bibliotheque, signature: DocumentsCLI.Signature.from(signature)))
  }
}

extension Treatment {
  /// Pupils or their legal guardians are among the people concerned.
  fileprivate var concerneLesFamilles: Bool {
    personnesConcernees.contains { $0.categorie.estEleve || $0.categorie == .responsablesLegaux }
  }
}

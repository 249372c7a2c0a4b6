import ArgumentParser
import Foundation
import RegistreWorkflows

/// `registre notices CHEMIN --sortie DOSSIER`: the notices for families and pupils.
struct Notices: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "notices",
    abstract: Typography.french("Produit les notices d'information (articles 13 et 14) pour les familles, les élèves, les personnels et les visiteurs, en PDF/A."),
    discussion: Typography.french("""
      Par défaut : notice-familles.pdf (responsables légaux : une première partie de deux pages au plus, le
      détail en annexe) et notice-eleves.pdf (en mots simples), couvrant chaque traitement qui concerne les élèves
      ou leurs familles ; notice-personnels.pdf et notice-visiteurs.pdf (avec le texte des panneaux vidéo) quand
      des traitements les concernent.
      --par-traitement ajoute une notice (deux versions) pour chacun de ces traitements ; --traitement ID pour un seul.
      --html écrit aussi notice-familles.html : la même notice des familles, mêmes faits et mêmes mots, en page web
      accessible à publier sur l'ENT ou le site de l'établissement.
      --marquer, une fois toutes les notices écrites, inscrit dans notices-diffusees.yaml (dossier du registre,
      écriture atomique) les traitements qu'elles couvrent, la date et l'empreinte de chaque fiche : l'audit ne
      signale plus d'information manquante pour eux, et signale une « notice périmée » si la fiche change ensuite
      dans ce que la notice dit.
      """))

  @Argument(help: ArgumentHelp(Typography.french("Dossier du registre ou fichier XML canonique.")))
  var chemin: String

  @Option(name: .customLong("sortie"), help: ArgumentHelp(Typography.french("Dossier où écrire les PDF (créé au besoin ; fichiers remplacés).")))
  var sortie: String

  @Flag(name: .customLong("par-traitement"), help: ArgumentHelp(Typography.french("Ajoute une notice par traitement concernant les élèves ou les familles.")))
  var parTraitement = false

  @Option(name: .customLong("traitement"), help: ArgumentHelp(Typography.french("Ajoute la notice de ce seul traitement (identifiant).")))
  var traitement: String?

  @Option(name: [.customLong("modeles"), .customLong("modèles")], help: ArgumentHelp(Typography.french("Dossier de modèles de l'établissement (voir « registre modeles exporter »).")))
  var modeles: String?

  @Flag(name: .customLong("html"), help: ArgumentHelp(Typography.french("Écrit aussi notice-familles.html, la même notice en page web accessible (ENT, site).")))
  var html = false

  @Flag(name: .customLong("marquer"), help: ArgumentHelp(Typography.french("Inscrit les notices produites comme diffusées (notices-diffusees.yaml).")))
  var marquer = false

  @OptionGroup(title: "Signature (facultative)") var signature: CLISigningOptions

  func validate() throws {
    if parTraitement && traitement != nil {
      throw ValidationError("--par-traitement et --traitement s'excluent : choisissez l'un des deux.")
    }
  }

  func run() async throws {
    let identite = try signature.documentIdentity()
    let produce = { () async throws(WorkflowError) in
      try await DocumentWorkflow.notices(
        at: chemin, folder: URL(fileURLWithPath: sortie, isDirectory: true),
        selection: NoticeSelection(perTreatment: parTraitement, treatment: traitement),
        settings: DocumentsCLI.settings(modeles: modeles, signature: identite, replace: true), mark: marquer, html: html)
    }
    let resultat = try await WorkflowExit.run(modeles: modeles) { () async throws(WorkflowError) in
      // Marking writes notices-diffusees.yaml: journaled in a team folder.
      marquer ? try await TeamJournal.journaled(chemin, produce) : try await produce()
    }
    if let fichier = resultat.markFile, let jour = resultat.markDate {
      Console.printOutput(
        "Notices marquées comme diffusées le \(jour) pour \(resultat.markedTreatments.count) traitement(s) : \(fichier.path)")
    } else if marquer {
      Console.printError("Notices non marquées : toutes n'ont pas pu être produites.")
    }
    try DocumentsCLI.report(resultat)
  }
}

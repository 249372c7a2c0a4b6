import ArgumentParser
import Foundation
import RegistreEvaluation
import RegistreFormats
import RegistreModel
import RegistreDocuments
import RegistreProbe
import RegistreSignature
import RegistreSupport
import RegistreWorkflows

/// `registre evaluer FICHE`: the pre-adoption check of a digital tool.
struct Evaluer: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "evaluer",
    abstract: "Évalue un outil numérique avant son adoption : avis, conditions, brouillon de fiche et note aux familles.",
    discussion: """
      FICHE est la fiche de l'outil (YAML) ; `registre evaluer --modele` en imprime une vide, commentée. \
      Verdict : adoptable, adoptable sous conditions ou à proscrire, chaque raison et condition avec sa référence. \
      Voir docs/evaluer.md.
      --format pdf écrit l'avis daté (PDF/A-2b, Apache FOP) dans le dossier --sortie, signé si un certificat \
      est donné (--p12, ou --cle et --certificat).
      Codes de sortie : 0 adoptable ; 1 adoptable sous conditions ou à proscrire (quelque chose est à faire \
      avant l'usage) ; 2 fiche ou registre illisible, option invalide, fichier existant (rien n'a été écrit).
      """,
    aliases: ["évaluer"])

  enum FormatSortie: String, ExpressibleByArgument, CaseIterable {
    case texte, json, pdf
  }

  @Argument(help: ArgumentHelp("Fiche de l'outil (YAML).", valueName: "FICHE"))
  var fiche: String?

  @Flag(name: [.customLong("modele"), .customLong("modèle")], help: "Imprime une fiche vide, commentée, à remplir.")
  var modele = false

  @Option(name: .customLong("format"), help: "Format de l'avis : texte, json ou pdf (pdf demande --sortie).")
  var format: FormatSortie = .texte

  @Option(
    name: .customLong("registre"),
    help: ArgumentHelp("Registre de l'établissement (dossier ou XML) à prendre en compte.", valueName: "CHEMIN"))
  var registre: String?

  @Flag(
    name: .customLong("ajouter"),
    help: "Écrit le brouillon de fiche dans traitements/ du registre (--registre), sans jamais écraser.")
  var ajouter = false

  @Option(
    name: .customLong("sortie"),
    help: ArgumentHelp(
      "Dossier où écrire l'avis, le brouillon de fiche et la note aux familles (fichiers existants refusés).",
      valueName: "DOSSIER"))
  var sortie: String?

  @Flag(name: .customLong("sonder"), help: "Sonde TLS de chaque point d'accès https de la fiche.")
  var sonder = false

  @Option(
    name: .customLong("ac"),
    help: ArgumentHelp("Avec --sonder : fichier PEM d'autorités de confiance (répétable).", valueName: "FICHIER.pem"))
  var autorites: [String] = []

  @Option(
    name: [.customLong("delai"), .customLong("délai")],
    help: ArgumentHelp("Avec --sonder : délai maximal de chaque étape réseau, en secondes.", valueName: "SECONDES"))
  var delai: Double = 5

  @Option(name: .customLong("date"), help: "Date de l'avis, AAAA-MM-JJ (par défaut : aujourd'hui).")
  var date: String?

  @Option(
    name: [.customLong("modeles"), .customLong("modèles")],
    help: "Dossier de modèles de l'établissement pour l'avis PDF (voir « registre modeles exporter »).")
  var modeles: String?

  @OptionGroup(title: "Signature de l'avis PDF (facultative)") var signature: OptionsSignature

  func run() async throws {
    if modele {
      Console.sortie(ModeleFiche.texte())
      return
    }
    guard let fiche else {
      Console.erreur("erreur : indiquez la fiche de l'outil (ou --modele pour en obtenir une vide).")
      throw CodeSortie.usage
    }
    if format == .pdf, sortie == nil {
      Console.erreur("erreur : --format pdf demande --sortie DOSSIER.")
      throw CodeSortie.usage
    }
    if signature.demandee, format != .pdf {
      Console.erreur("erreur : la signature ne s'applique qu'à l'avis PDF (--format pdf).")
      throw CodeSortie.usage
    }
    if modeles != nil, format != .pdf {
      Console.erreur("erreur : --modeles ne sert qu'avec l'avis PDF (--format pdf).")
      throw CodeSortie.usage
    }
    if ajouter, registre == nil {
      Console.erreur("erreur : --ajouter demande --registre CHEMIN.")
      throw CodeSortie.usage
    }
    guard delai.isFinite, delai > 0, delai <= 120 else {
      Console.erreur("erreur : --delai doit être un nombre de secondes entre 0 et 120")
      throw CodeSortie.usage
    }
    let jour = try Self.jour(date)

    let donnees: Data
    do {
      donnees = try BoundedFile.read(URL(fileURLWithPath: fiche), limit: LectureFicheOutil.maximumSize)
    } catch {
      Console.erreur("erreur : fiche illisible : \(error.message)")
      throw CodeSortie.usage
    }
    let outil: FicheOutil
    do {
      outil = try LectureFicheOutil.lire(donnees, fichier: fiche)
    } catch {
      ChargeurCLI.afficher(error.diagnostics, racine: fiche)
      Console.erreur("Fiche invalide : \(error.diagnostics.count) problème(s). Rien n'a été écrit.")
      throw CodeSortie.usage
    }
    let charge = try registre.map { try ChargeurCLI.charger($0) }

    var probes: [TLSProbeReport]?
    if sonder {
      probes = try sonde(outil)
    }

    let evaluation = Evaluateur.evaluer(
      outil, contexte: EvaluationContext(registre: charge?.registre, probes: probes, date: jour))
    let notice = NoticeFamilles.texte(evaluation, registre: charge?.registre)
    let brouillon: String
    let rapport: String
    do {
      brouillon = try BrouillonYAML.texte(evaluation)
      rapport =
        format == .json
        ? try EvaluationJSONReport.render(evaluation, notice: notice) : EvaluationTextReport.render(evaluation)
    } catch {
      Console.erreur("erreur : brouillon impossible à écrire : \(error)")
      throw CodeSortie.usage
    }

    if ajouter, evaluation.verdict == .aProscrire {
      Console.erreur("erreur : outil à proscrire : aucun brouillon n'est ajouté au registre ; rien n'a été écrit.")
      throw CodeSortie.problemes
    }
    if ajouter, let charge {
      let cible = charge.source.appendingPathComponent("traitements/\(evaluation.draftEntry.id).yaml")
      if FileManager.default.fileExists(atPath: cible.path) {
        Console.erreur(
          "erreur : traitements/\(evaluation.draftEntry.id).yaml existe déjà dans le registre ; rien n'a été écrit.")
        throw CodeSortie.usage
      }
    }
    if let sortie {
      let pdf = format == .pdf ? try await avisPDF(evaluation, etablissement: charge?.registre.etablissement.nom) : nil
      try ecrireSortie(
        dans: sortie, id: evaluation.draftEntry.id, rapport: rapport, brouillon: brouillon, notice: notice, pdf: pdf,
        proscrit: evaluation.verdict == .aProscrire)
    }
    if ajouter, let charge {
      try ajouterAuRegistre(charge, id: evaluation.draftEntry.id, brouillon: brouillon)
    }
    Console.sortie(rapport)
    if evaluation.verdict != .adoptable { throw CodeSortie.problemes }
  }

  static func jour(_ date: String?) throws -> Jour {
    if let date {
      guard let lu = Jour(iso: date) else {
        Console.erreur("Erreur : date « \(date) » invalide (attendu : AAAA-MM-JJ).")
        throw CodeSortie.usage
      }
      return lu
    }
    guard let aujourdhui = RegisterInput.today() else {
      Console.erreur("Erreur : date du jour illisible ; indiquer --date AAAA-MM-JJ.")
      throw CodeSortie.usage
    }
    return aujourdhui
  }

  /// Probes every https endpoint of the sheet; http ones are reported without probing.
  func sonde(_ outil: FicheOutil) throws -> [TLSProbeReport] {
    let anchors: TrustAnchors =
      autorites.isEmpty ? .system : .pemFiles(autorites.map { URL(fileURLWithPath: $0) })
    let timeout = Duration.milliseconds(Int64((delai * 1000).rounded()))
    let horsPlafond = SondeFiche.endpoints(of: outil).beyondCap
    if !horsPlafond.isEmpty {
      Console.erreur(
        "Attention : la fiche déclare plus de \(SondeFiche.maximumEndpoints) points d'accès ; la sonde examine "
          + "les \(SondeFiche.maximumEndpoints) premiers. Non sondés (\(horsPlafond.count)) : "
          + horsPlafond.joined(separator: ", "))
    }
    do {
      return try SondeFiche.sonder(outil, timeout: timeout, trustAnchors: anchors)
    } catch {
      Console.erreur("erreur : \(error.message)")
      throw CodeSortie.usage
    }
  }

  /// Writes the opinion, the draft entry and the notice; refuses before writing
  /// anything if one of them already exists.
  func ecrireSortie(
    dans chemin: String, id: String, rapport: String, brouillon: String, notice: String, pdf: Data?,
    proscrit: Bool = false
  ) throws {
    let dossier = URL(fileURLWithPath: chemin)
    func texte(_ t: String) -> Data { Data((t.hasSuffix("\n") ? t : t + "\n").utf8) }
    var fichiers: [(String, Data)] = [(format == .json ? "avis.json" : "avis.txt", texte(rapport))]
    // A tool « à proscrire » gets no draft fiche nor families' note: the opinion says not to adopt it.
    if proscrit == false {
      fichiers += [("traitement-\(id).yaml", texte(brouillon)), ("note-familles.md", texte(notice))]
    }
    if let pdf { fichiers.append(("avis.pdf", pdf)) }
    for (nom, _) in fichiers where FileManager.default.fileExists(atPath: dossier.appendingPathComponent(nom).path) {
      Console.erreur("erreur : \(dossier.appendingPathComponent(nom).path) existe déjà ; rien n'a été écrit.")
      throw CodeSortie.usage
    }
    do {
      try FileManager.default.createDirectory(at: dossier, withIntermediateDirectories: true)
      for (nom, donnees) in fichiers {
        try AtomicFile.write(donnees, to: dossier.appendingPathComponent(nom), permissions: 0o640, existing: .refuse)
      }
    } catch {
      Console.erreur("erreur : écriture impossible dans \(chemin) : \(error)")
      throw CodeSortie.usage
    }
  }

  /// The dated opinion as PDF/A-2b, rendered by the documents module's FOP
  /// renderer and signed when credentials are given. Exit code 2 on failure.
  func avisPDF(_ evaluation: Evaluation, etablissement: String?) async throws -> Data {
    let identite: SigningIdentity?
    do {
      identite = try signature.identite()
    } catch {
      Console.erreur("Signature impossible : \(error)")
      throw CodeSortie.usage
    }
    return try await SortieWorkflow.executer(modeles: modeles) { () async throws(WorkflowError) in
      try await EvaluationWorkflow.opinionPDF(
        evaluation, school: etablissement, settings: DocumentsCLI.reglages(modeles: modeles, signature: identite, remplacer: false))
    }
  }

  /// Adds the draft entry to the register folder, never over an existing file.
  func ajouterAuRegistre(_ charge: RegistreCharge, id: String, brouillon: String) throws {
    var estDossier: ObjCBool = false
    guard FileManager.default.fileExists(atPath: charge.source.path, isDirectory: &estDossier), estDossier.boolValue
    else {
      Console.erreur("erreur : --ajouter demande un registre sous forme de dossier (pas un fichier XML).")
      throw CodeSortie.usage
    }
    let dossier = charge.source.appendingPathComponent("traitements")
    let cible = dossier.appendingPathComponent("\(id).yaml")
    do {
      try FileManager.default.createDirectory(at: dossier, withIntermediateDirectories: true)
      try AtomicFile.write(Data(brouillon.utf8), to: cible, permissions: 0o640, existing: .refuse)
    } catch AtomicFileError.destinationExists {
      Console.erreur("erreur : traitements/\(id).yaml existe déjà dans le registre ; rien n'a été écrit.")
      throw CodeSortie.usage
    } catch {
      Console.erreur("erreur : écriture impossible : \(cible.path) : \(error)")
      throw CodeSortie.usage
    }
    Console.erreur("Brouillon ajouté au registre : traitements/\(id).yaml (statut brouillon, à compléter).")
  }
}

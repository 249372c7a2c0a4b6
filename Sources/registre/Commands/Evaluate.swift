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
struct EvaluateCommand: AsyncParsableCommand {
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

  enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case texte, json, pdf
  }

  @Argument(help: ArgumentHelp("Fiche de l'outil (YAML).", valueName: "FICHE"))
  var fiche: String?

  @Flag(name: [.customLong("modele"), .customLong("modèle")], help: "Imprime une fiche vide, commentée, à remplir.")
  var modele = false

  @Option(name: .customLong("format"), help: "Format de l'avis : texte, json ou pdf (pdf demande --sortie).")
  var format: OutputFormat = .texte

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

  @OptionGroup(title: "Signature de l'avis PDF (facultative)") var signature: CLISigningOptions

  func run() async throws {
    if modele {
      Console.printOutput(ToolSheetTemplate.texte())
      return
    }
    guard let fiche else {
      Console.printError("erreur : indiquez la fiche de l'outil (ou --modele pour en obtenir une vide).")
      throw ExitStatus.usage
    }
    if format == .pdf, sortie == nil {
      Console.printError("erreur : --format pdf demande --sortie DOSSIER.")
      throw ExitStatus.usage
    }
    if signature.demandee, format != .pdf {
      Console.printError("erreur : la signature ne s'applique qu'à l'avis PDF (--format pdf).")
      throw ExitStatus.usage
    }
    if modeles != nil, format != .pdf {
      Console.printError("erreur : --modeles ne sert qu'avec l'avis PDF (--format pdf).")
      throw ExitStatus.usage
    }
    if ajouter, registre == nil {
      Console.printError("erreur : --ajouter demande --registre CHEMIN.")
      throw ExitStatus.usage
    }
    guard delai.isFinite, delai > 0, delai <= 120 else {
      Console.printError("erreur : --delai doit être un nombre de secondes entre 0 et 120")
      throw ExitStatus.usage
    }
    let jour = try Self.parseDay(date)

    let donnees: Data
    do {
      donnees = try BoundedFile.read(URL(fileURLWithPath: fiche), limit: ToolSheetReading.maximumSize)
    } catch {
      Console.printError("erreur : fiche illisible : \(error.message)")
      throw ExitStatus.usage
    }
    let outil: ToolSheet
    do {
      outil = try ToolSheetReading.read(donnees, fichier: fiche)
    } catch {
      CLILoader.printDiagnostics(error.diagnostics, racine: fiche)
      Console.printError("Fiche invalide : \(error.diagnostics.count) problème(s). Rien n'a été écrit.")
      throw ExitStatus.usage
    }
    let charge = try registre.map { try CLILoader.load($0) }

    var probes: [TLSProbeReport]?
    if sonder {
      probes = try probe(outil)
    }

    let evaluation = Evaluator.evaluate(
      outil, contexte: EvaluationContext(registre: charge?.registre, probes: probes, date: jour))
    let notice = FamilyNotice.texte(evaluation, registre: charge?.registre)
    let brouillon: String
    let rapport: String
    do {
      brouillon = try DraftYAML.texte(evaluation)
      rapport =
        format == .json
        ? try EvaluationJSONReport.render(evaluation, notice: notice) : EvaluationTextReport.render(evaluation)
    } catch {
      Console.printError("erreur : brouillon impossible à écrire : \(error)")
      throw ExitStatus.usage
    }

    if ajouter, evaluation.verdict == .aProscrire {
      Console.printError("erreur : outil à proscrire : aucun brouillon n'est ajouté au registre ; rien n'a été écrit.")
      throw ExitStatus.problemes
    }
    if ajouter, let charge {
      let cible = charge.source.appendingPathComponent("traitements/\(evaluation.draftEntry.id).yaml")
      if FileManager.default.fileExists(atPath: cible.path) {
        Console.printError(
          "erreur : traitements/\(evaluation.draftEntry.id).yaml existe déjà dans le registre ; rien n'a été écrit.")
        throw ExitStatus.usage
      }
    }
    if let sortie {
      let pdf = format == .pdf ? try await opinionPDF(evaluation, etablissement: charge?.registre.etablissement.nom) : nil
      try writeOutput(
        dans: sortie, id: evaluation.draftEntry.id, rapport: rapport, brouillon: brouillon, notice: notice, pdf: pdf,
        proscrit: evaluation.verdict == .aProscrire)
    }
    if ajouter, let charge {
      try addToRegister(charge, id: evaluation.draftEntry.id, brouillon: brouillon)
    }
    Console.printOutput(rapport)
    if evaluation.verdict != .adoptable { throw ExitStatus.problemes }
  }

  static func parseDay(_ date: String?) throws -> Day {
    if let date {
      guard let lu = Day(iso: date) else {
        Console.printError("Erreur : date « \(date) » invalide (attendu : AAAA-MM-JJ).")
        throw ExitStatus.usage
      }
      return lu
    }
    guard let aujourdhui = RegisterInput.today() else {
      Console.printError("Erreur : date du jour illisible ; indiquer --date AAAA-MM-JJ.")
      throw ExitStatus.usage
    }
    return aujourdhui
  }

  /// Probes every https endpoint of the sheet; http ones are reported without probing.
  func probe(_ outil: ToolSheet) throws -> [TLSProbeReport] {
    let anchors: TrustAnchors =
      autorites.isEmpty ? .system : .pemFiles(autorites.map { URL(fileURLWithPath: $0) })
    let timeout = Duration.milliseconds(Int64((delai * 1000).rounded()))
    let horsPlafond = ToolSheetProbe.endpoints(of: outil).beyondCap
    if !horsPlafond.isEmpty {
      Console.printError(
        "Attention : la fiche déclare plus de \(ToolSheetProbe.maximumEndpoints) points d'accès ; la sonde examine "
          + "les \(ToolSheetProbe.maximumEndpoints) premiers. Non sondés (\(horsPlafond.count)) : "
          + horsPlafond.joined(separator: ", "))
    }
    do {
      return try ToolSheetProbe.probe(outil, timeout: timeout, trustAnchors: anchors)
    } catch {
      Console.printError("erreur : \(error.message)")
      throw ExitStatus.usage
    }
  }

  /// Writes the opinion, the draft entry and the notice; refuses before writing
  /// anything if one of them already exists.
  func writeOutput(
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
      Console.printError("erreur : \(dossier.appendingPathComponent(nom).path) existe déjà ; rien n'a été écrit.")
      throw ExitStatus.usage
    }
    do {
      try FileManager.default.createDirectory(at: dossier, withIntermediateDirectories: true)
      for (nom, donnees) in fichiers {
        try AtomicFile.write(donnees, to: dossier.appendingPathComponent(nom), permissions: 0o640, existing: .refuse)
      }
    } catch {
      Console.printError("erreur : écriture impossible dans \(chemin) : \(error)")
      throw ExitStatus.usage
    }
  }

  /// The dated opinion as PDF/A-2b, rendered by the documents module's FOP
  /// renderer and signed when credentials are given. Exit code 2 on failure.
  func opinionPDF(_ evaluation: Evaluation, etablissement: String?) async throws -> Data {
    let identite: SigningIdentity?
    do {
      identite = try signature.identite()
    } catch {
      Console.printError("Signature impossible : \(error)")
      throw ExitStatus.usage
    }
    return try await WorkflowExit.run(modeles: modeles) { () async throws(WorkflowError) in
      try await EvaluationWorkflow.opinionPDF(
        evaluation, school: etablissement, settings: DocumentsCLI.settings(modeles: modeles, signature: identite, replace: false))
    }
  }

  /// Adds the draft entry to the register folder, never over an existing file.
  func addToRegister(_ charge: LoadedRegister, id: String, brouillon: String) throws {
    var estDossier: ObjCBool = false
    guard FileManager.default.fileExists(atPath: charge.source.path, isDirectory: &estDossier), estDossier.boolValue
    else {
      Console.printError("erreur : --ajouter demande un registre sous forme de dossier (pas un fichier XML).")
      throw ExitStatus.usage
    }
    let dossier = charge.source.appendingPathComponent("traitements")
    let cible = dossier.appendingPathComponent("\(id).yaml")
    do {
      try FileManager.default.createDirectory(at: dossier, withIntermediateDirectories: true)
      try AtomicFile.write(Data(brouillon.utf8), to: cible, permissions: 0o640, existing: .refuse)
    } catch AtomicFileError.destinationExists {
      Console.printError("erreur : traitements/\(id).yaml existe déjà dans le registre ; rien n'a été écrit.")
      throw ExitStatus.usage
    } catch {
      Console.printError("erreur : écriture impossible : \(cible.path) : \(error)")
      throw ExitStatus.usage
    }
    Console.printError("Brouillon ajouté au registre : traitements/\(id).yaml (statut brouillon, à compléter).")
  }
}

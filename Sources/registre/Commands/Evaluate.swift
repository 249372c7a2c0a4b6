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
    abstract: Typography.french("Évalue un outil numérique avant son adoption : avis, conditions, brouillon de fiche et note aux familles."),
    discussion: Typography.french("""
      FICHE est la fiche de l'outil (YAML) ; `registre evaluer --modele` en imprime une vide, commentée. \
      Verdict : adoptable, adoptable sous conditions ou à proscrire, chaque raison et condition avec sa référence. \
      Voir docs/evaluer.md.
      --format pdf écrit l'avis daté (avis.pdf) et, sauf pour un outil à proscrire, la note aux familles \
      (note-familles.pdf) en PDF/A-2b dans le dossier --sortie, signés si un certificat est donné (--p12, ou \
      --cle et --certificat).
      Codes de sortie : 0 adoptable ; 1 adoptable sous conditions ou à proscrire (quelque chose est à faire \
      avant l'usage) ; 2 fiche ou registre illisible, option invalide, fichier existant (rien n'a été écrit).
      """),
    aliases: ["évaluer"])

  enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case texte, json, pdf
  }

  @Argument(help: ArgumentHelp(Typography.french("Fiche de l'outil (YAML)."), valueName: "FICHE"))
  var fiche: String?

  @Flag(name: [.customLong("modele"), .customLong("modèle")], help: ArgumentHelp(Typography.french("Imprime une fiche vide, commentée, à remplir.")))
  var modele = false

  @Option(name: .customLong("format"), help: ArgumentHelp(Typography.french("Format de l'avis : texte, json ou pdf (pdf demande --sortie).")))
  var format: OutputFormat = .texte

  @Option(
    name: .customLong("registre"),
    help: ArgumentHelp(Typography.french("Registre de l'établissement (dossier ou XML) à prendre en compte."), valueName: "CHEMIN"))
  var registre: String?

  @Flag(
    name: .customLong("ajouter"),
    help: ArgumentHelp(Typography.french("Écrit le brouillon de fiche dans traitements/ du registre (--registre), sans jamais écraser.")))
  var ajouter = false

  @Option(
    name: .customLong("sortie"),
    help: ArgumentHelp(Typography.french("Dossier où écrire l'avis, le brouillon de fiche et la note aux familles (fichiers existants refusés)."),
      valueName: "DOSSIER"))
  var sortie: String?

  @Flag(name: .customLong("sonder"), help: ArgumentHelp(Typography.french("Sonde TLS de chaque point d'accès https de la fiche.")))
  var sonder = false

  @Option(
    name: .customLong("ac"),
    help: ArgumentHelp(Typography.french("Avec --sonder : fichier PEM d'autorités de confiance (répétable)."), valueName: "FICHIER.pem"))
  var autorites: [String] = []

  @Option(
    name: [.customLong("delai"), .customLong("délai")],
    help: ArgumentHelp(Typography.french("Avec --sonder : délai maximal de chaque étape réseau, en secondes."), valueName: "SECONDES"))
  var delai: Double = 5

  @Option(name: .customLong("date"), help: ArgumentHelp(Typography.french("Date de l'avis, AAAA-MM-JJ (par défaut : aujourd'hui).")))
  var date: String?

  @Option(
    name: [.customLong("modeles"), .customLong("modèles")],
    help: ArgumentHelp(Typography.french("Dossier de modèles de l'établissement pour l'avis PDF (voir « registre modeles exporter »).")))
  var modeles: String?

  @OptionGroup(title: "Signature de l'avis PDF (facultative)") var signature: CLISigningOptions

  func run() async throws {
    if modele {
      Console.printOutput(ToolSheetTemplate.text())
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
    let jour = try WorkflowExit.run { () throws(WorkflowError) in try RegisterInput.day(date) }
    let probe =
      sonder
      ? ProbeSettings(
        trustAnchorFiles: autorites.map { URL(fileURLWithPath: $0) },
        timeout: .milliseconds(Int64((delai * 1000).rounded()))) : nil
    let outcome = try WorkflowExit.run { () throws(WorkflowError) in
      try EvaluationWorkflow.evaluate(sheetAt: fiche, registerAt: registre, probe: probe, date: jour)
    }
    if !outcome.notProbed.isEmpty {
      Console.printError(
        "Attention : la fiche déclare plus de \(ToolSheetProbe.maximumEndpoints) points d'accès ; la sonde examine "
          + "les \(ToolSheetProbe.maximumEndpoints) premiers. Non sondés (\(outcome.notProbed.count)) : "
          + outcome.notProbed.joined(separator: ", "))
    }
    let rapport = try WorkflowExit.run { () throws(WorkflowError) in try outcome.report(json: format == .json) }
    if ajouter {
      try WorkflowExit.run { () throws(WorkflowError) in try EvaluationWorkflow.checkDraftCanBeAdded(outcome) }
    }
    if let sortie {
      var pdfs: [(name: String, data: Data)] = []
      if format == .pdf {
        let reglages = try documentSettings()
        let school = outcome.register?.registre.etablissement.nom
        pdfs.append(
          (
            "avis.pdf",
            try await WorkflowExit.run(modeles: modeles) { () async throws(WorkflowError) in
              try await EvaluationWorkflow.opinionPDF(outcome.evaluation, school: school, settings: reglages)
            }
          ))
        if !outcome.isProscribed {
          pdfs.append(
            (
              "note-familles.pdf",
              try await WorkflowExit.run(modeles: modeles) { () async throws(WorkflowError) in
                try await EvaluationWorkflow.familyNotePDF(outcome, settings: reglages)
              }
            ))
        }
      }
      _ = try WorkflowExit.run { () throws(WorkflowError) in
        try EvaluationWorkflow.write(
          outcome, report: rapport, reportName: format == .json ? "avis.json" : "avis.txt", pdfs: pdfs,
          in: URL(fileURLWithPath: sortie))
      }
    }
    if ajouter {
      let ajoute = try WorkflowExit.run { () throws(WorkflowError) in
        // The draft goes into the register folder: journaled in a team folder.
        guard let folder = outcome.register?.source.path else { return try EvaluationWorkflow.addDraft(outcome) }
        return try TeamJournal.journaled(folder) { () throws(WorkflowError) in try EvaluationWorkflow.addDraft(outcome) }
      }
      Console.printError("Brouillon ajouté au registre : \(ajoute) (statut brouillon, à compléter).")
    }
    Console.printOutput(rapport)
    if outcome.evaluation.verdict != .adoptable { throw ExitStatus.problemes }
  }

  /// The settings of the opinion PDF and the families' note: templates folder, signature
  /// (loaded once, so the password is asked once). Exit code 2 when the credentials cannot be loaded.
  func documentSettings() throws -> DocumentSettings {
    let identite: SigningIdentity?
    do {
      identite = try signature.identity()
    } catch {
      Console.printError("Signature impossible : \(error)")
      throw ExitStatus.usage
    }
    return DocumentsCLI.settings(modeles: modeles, signature: identite, replace: false)
  }
}

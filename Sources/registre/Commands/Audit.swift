import ArgumentParser
import Foundation
import RegistreSupport
import RegistreFormats
import RegistreModel
import RegistreRules
import RegistreWorkflows

/// `registre audit CHEMIN`: the DPO-style audit of a register.
struct AuditCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "audit",
    abstract: Typography.french("Audite un registre : AIPD manquantes, bases légales, transferts, durées, flux non sécurisés… (voir docs/rules.md)."),
    discussion: Typography.french("""
      Les constats sont regroupés par traitement, avec un score de conformité par traitement et pour \
      l'établissement. Le fichier acceptations.yaml du registre, s'il existe, accepte un constat sur un \
      traitement avec une justification écrite : le constat reste affiché, comme accepté.
      Codes de sortie : 0 aucun constat au seuil de --echec-si ; 1 au moins un constat ouvert à ce seuil ; \
      2 registre invalide, fichier d'acceptations invalide ou usage incorrect.
      Avec --lot DOSSIER : audite en parallèle chaque registre du dossier (un sous-dossier ou un fichier \
      .xml par établissement) et écrit un rapport consolidé (texte, json, csv, ou pdf avec --sortie : \
      « Audit consolidé des registres » en PDF/A, signé si un certificat est donné) ; un registre illisible \
      est signalé sans arrêter les autres et compte comme un constat au seuil de --echec-si \
      (voir docs/lot-et-mesures.md).
      """))

  enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case texte, json, sarif, csv, pdf
  }

  enum Threshold: String, ExpressibleByArgument, CaseIterable {
    case erreur, avertissement, note, jamais

    var gravite: Severity? {
      switch self {
      case .erreur: return .erreur
      case .avertissement: return .avertissement
      case .note: return .note
      case .jamais: return nil
      }
    }
  }

  @Argument(help: ArgumentHelp(Typography.french("Dossier du registre ou fichier XML canonique (sans --lot).")))
  var chemin: String?

  @Option(
    name: .customLong("format"),
    help: ArgumentHelp(Typography.french("Format du rapport : texte, json, sarif ou pdf (avec --sortie) pour un registre ; texte, json, csv ou pdf (avec --sortie) avec --lot.")))
  var format: OutputFormat = .texte

  @Option(
    name: .customLong("sortie"),
    help: ArgumentHelp(Typography.french("Fichier à écrire : le PDF (format pdf) ou le rapport du lot (--lot ; par défaut la sortie standard) ; refusé s'il existe, sauf avec --remplacer.")))
  var sortie: String?

  @Flag(name: .customLong("remplacer"), help: ArgumentHelp(Typography.french("Remplace le fichier de --sortie s'il existe déjà.")))
  var replace = false

  @Option(name: .customLong("modeles"), help: ArgumentHelp(Typography.french("Dossier de modèles de l'établissement (format pdf).")))
  var modeles: String?

  @OptionGroup(title: "Signature du rapport PDF (facultative)") var signature: CLISigningOptions

  @Flag(
    name: [.customLong("demonstration"), .customLong("démonstration")],
    help: ArgumentHelp(Typography.french("Signer le PDF avec un certificat de démonstration (sans valeur probante ; son autorité est écrite à côté du PDF).")))
  var demonstration = false

  @Option(
    name: .customLong("lot"),
    help: ArgumentHelp(Typography.french("Dossier d'un lot de registres (un sous-dossier ou un fichier .xml par établissement).")))
  var lot: String?

  @Option(
    name: .customLong("echec-si"),
    help: ArgumentHelp(Typography.french("Gravité à partir de laquelle la commande sort avec le code 1 (jamais : toujours 0).")))
  var echecSi: Threshold = .erreur

  @Option(name: .customLong("regle"), help: ArgumentHelp(Typography.french("N'appliquer que cette règle (option répétable).")))
  var regles: [String] = []

  @Option(name: .customLong("sans-regle"), help: ArgumentHelp(Typography.french("Ne pas appliquer cette règle (option répétable).")))
  var sansRegles: [String] = []

  @Option(name: .customLong("date"), help: ArgumentHelp(Typography.french("Date de l'audit, AAAA-MM-JJ (par défaut : aujourd'hui).")))
  var date: String?

  func validate() throws {
    if lot == nil && chemin == nil {
      throw ValidationError("Indiquer le registre à auditer, ou --lot DOSSIER.")
    }
    if lot != nil && chemin != nil {
      throw ValidationError("--lot audite un dossier de registres : ne pas indiquer aussi un registre.")
    }
    if lot == nil && format == .csv {
      throw ValidationError("Le format csv ne sert qu'avec --lot.")
    }
    if lot != nil && format == .sarif {
      throw ValidationError("Le format sarif ne sert que pour un registre (pas avec --lot).")
    }
    if format == .pdf && sortie == nil {
      throw ValidationError("--format pdf demande --sortie FICHIER.pdf.")
    }
    if format == .pdf && (sortie == "-" || sortie == "/dev/stdout") {
      throw ValidationError("Un PDF ne s'écrit pas sur la sortie standard : indiquer --sortie FICHIER.pdf.")
    }
    if (signature.demandee || demonstration) && format != .pdf {
      throw ValidationError("La signature (--p12, --cle, --demonstration) ne sert qu'avec --format pdf.")
    }
    if demonstration && signature.demandee {
      throw ValidationError("--demonstration et --p12/--cle s'excluent.")
    }
    if modeles != nil && format != .pdf {
      throw ValidationError("--modeles ne sert qu'avec --format pdf.")
    }
    if lot == nil && format != .pdf && sortie != nil {
      throw ValidationError("--sortie ne sert qu'avec --format pdf ou --lot.")
    }
  }

  func run() async throws {
    let options = AuditOptions(
      onlyRules: regles, excludedRules: sansRegles,
      date: try WorkflowExit.run { () throws(WorkflowError) in
        _ = try AuditWorkflow.rules(only: regles, excluding: sansRegles)
        return try RegisterInput.day(date)
      }, progress: TerminalProgress.report)
    guard let chemin else {
      try await auditBatch(lot ?? ".", options: options)
      return
    }
    let audit = try WorkflowExit.run { () throws(WorkflowError) in
      try AuditWorkflow.run(registerAt: chemin, options: options)
    }
    let report = audit.report
    if !audit.incompleteFiches.isEmpty {
      Console.printError(
        "Registre incomplet : \(audit.incompleteFiches.count) fiche(s) incomplète(s), auditée(s) sur ce qui peut être lu (constat registre-incomplet).")
    }
    switch format {
    case .texte:
      let couleur = isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
      // The report quotes the register: only the tool's own colour codes reach the terminal.
      let texte = AuditTextReport.render(report, registre: audit.registre, colour: couleur, locate: audit.locator)
      FileHandle.standardOutput.write(Data(TerminalText.escaped(texte, keepingColour: true).utf8))
    case .json:
      let donnees = try AuditJSONReport.render(report, registre: audit.registre, source: chemin, locate: audit.locator)
      FileHandle.standardOutput.write(donnees + Data("\n".utf8))
    case .sarif:
      let donnees = try AuditSARIFReport.render(report, toolVersion: RegistreVersion.current, locate: audit.locator)
      FileHandle.standardOutput.write(donnees + Data("\n".utf8))
    case .csv:
      throw ExitStatus.usage  // Refused by validate().
    case .pdf:
      try ExistingOutput.check(sortie ?? "rapport-audit.pdf", replace: replace)
      let pdf = URL(fileURLWithPath: sortie ?? "rapport-audit.pdf")
      let identite = try signaturePDF(organisation: audit.registre.etablissement.nom)
      let resultat = try await WorkflowExit.run(modeles: modeles) { () async throws(WorkflowError) in
        try await DocumentWorkflow.auditReport(
          audit, output: pdf, settings: DocumentsCLI.settings(modeles: modeles, signature: identite, replace: replace))
      }
      try DocumentsCLI.report(resultat)
      try Self.writeAuthority(identite, pres: pdf)
    }
    if report.fails(at: echecSi.gravite) { throw ExitStatus.problemes }
  }

  /// The PDF's signing identity: the credentials given on the command line, or a throw-away
  /// demonstration certificate; `nil` for an unsigned PDF.
  func signaturePDF(organisation: String) throws -> SigningIdentity? {
    do {
      return try signature.identity(demonstration: demonstration, organisation: organisation)
    } catch {
      Console.printError("Signature impossible : \(error)\(demonstration ? ". Rien n'a été écrit." : "")")
      throw ExitStatus.usage
    }
  }

  /// Writes the demonstration authority beside the PDF (nothing for a real certificate).
  static func writeAuthority(_ identite: SigningIdentity?, pres pdf: URL) throws {
    let fichier = try WorkflowExit.run { () throws(WorkflowError) in
      try identite?.writeDemonstrationAuthority(in: pdf.deletingLastPathComponent())
    }
    guard let fichier else { return }
    Console.printError(
      "Signé avec un certificat de DÉMONSTRATION (sans valeur probante). Vérification : "
        + "registre verifier \(pdf.path) --ac \(fichier.path)")
  }
}

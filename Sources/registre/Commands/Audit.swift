import ArgumentParser
import Foundation
import RegistreFormats
import RegistreModel
import RegistreRules

/// `registre audit CHEMIN`: the DPO-style audit of a register.
struct AuditCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "audit",
    abstract:
      "Audite un registre : AIPD manquantes, bases légales, transferts, durées, flux non sécurisés… (voir docs/rules.md).",
    discussion: """
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
      """)

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

  @Argument(help: "Dossier du registre ou fichier XML canonique (sans --lot).")
  var chemin: String?

  @Option(
    name: .customLong("format"),
    help: "Format du rapport : texte, json, sarif ou pdf (avec --sortie) pour un registre ; texte, json, csv ou pdf (avec --sortie) avec --lot.")
  var format: OutputFormat = .texte

  @Option(
    name: .customLong("sortie"),
    help: "Fichier à écrire : le PDF (format pdf) ou le rapport du lot (--lot ; par défaut la sortie standard).")
  var sortie: String?

  @Option(name: .customLong("modeles"), help: "Dossier de modèles de l'établissement (format pdf).")
  var modeles: String?

  @OptionGroup(title: "Signature du rapport PDF (facultative)") var signature: CLISigningOptions

  @Flag(
    name: [.customLong("demonstration"), .customLong("démonstration")],
    help: "Signer le PDF avec un certificat de démonstration (sans valeur probante ; son autorité est écrite à côté du PDF).")
  var demonstration = false

  @Option(
    name: .customLong("lot"),
    help: "Dossier d'un lot de registres (un sous-dossier ou un fichier .xml par établissement).")
  var lot: String?

  @Option(
    name: .customLong("echec-si"),
    help: "Gravité à partir de laquelle la commande sort avec le code 1 (jamais : toujours 0).")
  var echecSi: Threshold = .erreur

  @Option(name: .customLong("regle"), help: "N'appliquer que cette règle (option répétable).")
  var regles: [String] = []

  @Option(name: .customLong("sans-regle"), help: "Ne pas appliquer cette règle (option répétable).")
  var sansRegles: [String] = []

  @Option(name: .customLong("date"), help: "Date de l'audit, AAAA-MM-JJ (par défaut : aujourd'hui).")
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

  func run() throws {
    let rules: [any Rule]
    do {
      rules = try RegistreRules.Audit.selectRules(only: regles, excluding: sansRegles)
    } catch {
      Console.printError("Erreur : \(error.message).")
      throw ExitStatus.usage
    }
    let jour: Day
    if let date {
      guard let lu = Day(iso: date) else {
        Console.printError("Erreur : date « \(date) » invalide (attendu : AAAA-MM-JJ).")
        throw ExitStatus.usage
      }
      jour = lu
    } else {
      guard let aujourdhui = Self.today() else {
        Console.printError("Erreur : date du jour illisible ; indiquer --date AAAA-MM-JJ.")
        throw ExitStatus.usage
      }
      jour = aujourdhui
    }

    guard let chemin else {
      try auditBatch(lot ?? ".", regles: rules, jour: jour)
      return
    }
    let charge = try CLILoader.load(chemin)
    let acceptations = try Self.loadAcceptances(pour: charge)
    let report = RegistreRules.Audit.run(
      charge.registre, context: AuditContext(auditDate: jour), rules: rules, acceptances: acceptations)
    let locate: FindingLocator = { Self.locationOf($0, dans: charge) }

    switch format {
    case .texte:
      let couleur = isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
      FileHandle.standardOutput.write(
        Data(AuditTextReport.render(report, registre: charge.registre, colour: couleur, locate: locate).utf8))
    case .json:
      let donnees = try AuditJSONReport.render(
        report, registre: charge.registre, source: chemin, locate: locate)
      FileHandle.standardOutput.write(donnees + Data("\n".utf8))
    case .sarif:
      let donnees = try AuditSARIFReport.render(
        report, toolVersion: RegistreCommand.configuration.version, locate: locate)
      FileHandle.standardOutput.write(donnees + Data("\n".utf8))
    case .csv:
      throw ExitStatus.usage  // Refused by validate().
    case .pdf:
      let pdf = URL(fileURLWithPath: sortie ?? "rapport-audit.pdf")
      let (signe, autorite) = try signaturePDF(organisation: charge.registre.etablissement.nom)
      try AuditReportPDF.write(report, registre: charge.registre, sortie: pdf, modeles: modeles, signature: signe)
      try Self.writeAuthority(autorite, pres: pdf)
    }
    if report.fails(at: echecSi.gravite) { throw ExitStatus.problemes }
  }

  /// Today in the machine's time zone: the CLI may read the clock, the rules never do.
  static func today() -> Day? {
    let c = Calendar.current.dateComponents([.year, .month, .day], from: Date())
    guard let annee = c.year, let mois = c.month, let jour = c.day else { return nil }
    return Day(annee: annee, mois: mois, jour: jour)
  }

  /// File and line of a finding, from the loader's locations.
  static func locationOf(_ f: Finding, dans charge: LoadedRegister) -> FindingLocation? {
    let e: Location?
    switch f.subject {
    case .traitement(let id): e = charge.emplacements.traitement(id, champ: f.field)
    case .sousTraitant(let id): e = charge.emplacements.sousTraitant(id, champ: f.field)
    case .violation(let id): e = charge.emplacements.violation(id, champ: f.field)
    case .etablissement:
      e =
        f.field.flatMap { charge.emplacements.table["etablissement/\($0)"] }
        ?? charge.emplacements.table["etablissement"]
    }
    guard let e else { return nil }
    return FindingLocation(file: e.fichier, line: e.ligne, column: e.colonne, field: f.field ?? e.champ)
  }

  /// Reads `acceptations.yaml` beside the register's files, when there is one.
  static func loadAcceptances(pour charge: LoadedRegister) throws -> Acceptances {
    var estDossier: ObjCBool = false
    _ = FileManager.default.fileExists(atPath: charge.source.path, isDirectory: &estDossier)
    let racine = estDossier.boolValue ? charge.source : charge.source.deletingLastPathComponent()
    let url = racine.appendingPathComponent("acceptations.yaml")
    guard FileManager.default.fileExists(atPath: url.path) else { return Acceptances() }
    guard let donnees = try? Data(contentsOf: url) else {
      Console.printError("acceptations.yaml: erreur: fichier illisible")
      throw ExitStatus.usage
    }
    var problemes: [String] = []
    var lues = Acceptances()
    do {
      lues = try YAMLFileReading.read(
        donnees, fichier: "acceptations.yaml", type: Format.acceptations, en: Acceptances.self)
    } catch {
      problemes = error.diagnostics.map(\.texte)
    }
    problemes += lues.problems(knownRules: Set(Rules.ids), registre: charge.registre).map {
      "acceptations.yaml: erreur: \($0)"
    }
    if !problemes.isEmpty {
      problemes.forEach(Console.printError)
      Console.printError("Fichier d'acceptations invalide : \(problemes.count) problème(s).")
      throw ExitStatus.usage
    }
    return lues
  }
}

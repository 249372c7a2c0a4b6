import ArgumentParser
import Foundation
import RegistreSupport
import RegistreFormats
import RegistreModel
import RegistreRules

/// `registre audit CHEMIN`: the DPO-style audit of a register.
struct Auditer: ParsableCommand {
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

  enum FormatSortie: String, ExpressibleByArgument, CaseIterable {
    case texte, json, sarif, csv, pdf
  }

  enum Seuil: String, ExpressibleByArgument, CaseIterable {
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
  var format: FormatSortie = .texte

  @Option(
    name: .customLong("sortie"),
    help: "Fichier à écrire : le PDF (format pdf) ou le rapport du lot (--lot ; par défaut la sortie standard) ; refusé s'il existe, sauf avec --remplacer.")
  var sortie: String?

  @Flag(name: .customLong("remplacer"), help: "Remplace le fichier de --sortie s'il existe déjà.")
  var remplacer = false

  @Option(name: .customLong("modeles"), help: "Dossier de modèles de l'établissement (format pdf).")
  var modeles: String?

  @OptionGroup(title: "Signature du rapport PDF (facultative)") var signature: OptionsSignature

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
  var echecSi: Seuil = .erreur

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
      Console.erreur("Erreur : \(error.message).")
      throw CodeSortie.usage
    }
    let jour: Jour
    if let date {
      guard let lu = Jour(iso: date) else {
        Console.erreur("Erreur : date « \(date) » invalide (attendu : AAAA-MM-JJ).")
        throw CodeSortie.usage
      }
      jour = lu
    } else {
      guard let aujourdhui = Self.aujourdhui() else {
        Console.erreur("Erreur : date du jour illisible ; indiquer --date AAAA-MM-JJ.")
        throw CodeSortie.usage
      }
      jour = aujourdhui
    }

    guard let chemin else {
      try auditerLot(lot ?? ".", regles: rules, jour: jour)
      return
    }
    // An incomplete register is audited on what can be read; each incomplete fiche is a finding.
    let (charge, incompletes) = try ChargeurCLI.chargerPourAudit(chemin)
    let acceptations = try Self.acceptations(pour: charge)
    let report = RegistreRules.Audit.run(
      charge.registre, context: AuditContext(auditDate: jour, incompleteFiches: incompletes), rules: rules,
      acceptances: acceptations)
    let locate: FindingLocator = { Self.emplacement($0, dans: charge) }

    switch format {
    case .texte:
      let couleur = isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
      // The report quotes the register: only the tool's own colour codes reach the terminal.
      let texte = AuditTextReport.render(report, registre: charge.registre, colour: couleur, locate: locate)
      FileHandle.standardOutput.write(Data(TerminalText.escaped(texte, keepingColour: true).utf8))
    case .json:
      let donnees = try AuditJSONReport.render(
        report, registre: charge.registre, source: chemin, locate: locate)
      FileHandle.standardOutput.write(donnees + Data("\n".utf8))
    case .sarif:
      let donnees = try AuditSARIFReport.render(
        report, toolVersion: Registre.configuration.version, locate: locate)
      FileHandle.standardOutput.write(donnees + Data("\n".utf8))
    case .csv:
      throw CodeSortie.usage  // Refused by validate().
    case .pdf:
      try SortieExistante.verifier(sortie ?? "rapport-audit.pdf", remplacer: remplacer)
      let pdf = URL(fileURLWithPath: sortie ?? "rapport-audit.pdf")
      let (signe, autorite) = try signaturePDF(organisation: charge.registre.etablissement.nom)
      try RapportAuditPDF.ecrire(
        report, registre: charge.registre, sortie: pdf, modeles: modeles, signature: signe, remplacer: remplacer)
      try Self.ecrireAutorite(autorite, pres: pdf)
    }
    if report.fails(at: echecSi.gravite) { throw CodeSortie.problemes }
  }

  /// Today in the machine's time zone: the CLI may read the clock, the rules never do.
  static func aujourdhui() -> Jour? {
    let c = Calendar.current.dateComponents([.year, .month, .day], from: Date())
    guard let annee = c.year, let mois = c.month, let jour = c.day else { return nil }
    return Jour(annee: annee, mois: mois, jour: jour)
  }

  /// File and line of a finding, from the loader's locations.
  static func emplacement(_ f: Finding, dans charge: RegistreCharge) -> FindingLocation? {
    let e: Emplacement?
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
  static func acceptations(pour charge: RegistreCharge) throws -> Acceptances {
    var estDossier: ObjCBool = false
    _ = FileManager.default.fileExists(atPath: charge.source.path, isDirectory: &estDossier)
    let racine = estDossier.boolValue ? charge.source : charge.source.deletingLastPathComponent()
    let url = racine.appendingPathComponent("acceptations.yaml")
    guard FileManager.default.fileExists(atPath: url.path) else { return Acceptances() }
    guard let donnees = try? Data(contentsOf: url) else {
      Console.erreur("acceptations.yaml: erreur: fichier illisible")
      throw CodeSortie.usage
    }
    var problemes: [String] = []
    var lues = Acceptances()
    do {
      lues = try LectureFichierYAML.lire(
        donnees, fichier: "acceptations.yaml", type: Format.acceptations, en: Acceptances.self)
    } catch {
      problemes = error.diagnostics.map(\.texte)
    }
    problemes += lues.problems(knownRules: Set(Rules.ids), registre: charge.registre).map {
      "acceptations.yaml: erreur: \($0)"
    }
    if !problemes.isEmpty {
      problemes.forEach(Console.erreur)
      Console.erreur("Fichier d'acceptations invalide : \(problemes.count) problème(s).")
      throw CodeSortie.usage
    }
    return lues
  }
}

import ArgumentParser
import Foundation
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
      """)

  enum FormatSortie: String, ExpressibleByArgument, CaseIterable {
    case texte, json, sarif, pdf
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

  @Argument(help: "Dossier du registre ou fichier XML canonique.")
  var chemin: String

  @Option(name: .customLong("format"), help: "Format du rapport : texte, json, sarif ou pdf (avec --sortie).")
  var format: FormatSortie = .texte

  @Option(name: .customLong("sortie"), help: "Fichier PDF à écrire (format pdf seulement).")
  var sortie: String?

  @Option(name: .customLong("modeles"), help: "Dossier de modèles de l'établissement (format pdf).")
  var modeles: String?

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
    if format == .pdf && sortie == nil {
      throw ValidationError("--format pdf demande --sortie FICHIER.pdf.")
    }
    if format != .pdf && (sortie != nil || modeles != nil) {
      throw ValidationError("--sortie et --modeles ne servent qu'avec --format pdf.")
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

    let charge = try ChargeurCLI.charger(chemin)
    let acceptations = try Self.acceptations(pour: charge)
    let report = RegistreRules.Audit.run(
      charge.registre, context: AuditContext(auditDate: jour), rules: rules, acceptances: acceptations)
    let locate: FindingLocator = { Self.emplacement($0, dans: charge) }

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
        report, toolVersion: Registre.configuration.version, locate: locate)
      FileHandle.standardOutput.write(donnees + Data("\n".utf8))
    case .pdf:
      try RapportAuditPDF.ecrire(
        report, registre: charge.registre, sortie: URL(fileURLWithPath: sortie ?? "rapport-audit.pdf"),
        modeles: modeles)
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
    guard let donnees = try? Data(contentsOf: url), let texte = String(data: donnees, encoding: .utf8) else {
      Console.erreur("acceptations.yaml: erreur: fichier illisible (attendu : un fichier YAML en UTF-8)")
      throw CodeSortie.usage
    }
    let lu = LecteurAcceptations.lire(texte)
    var problemes = lu.diagnostics.map(\.texte)
    problemes += lu.acceptations.problems(knownRules: Set(Rules.ids), registre: charge.registre).map {
      "acceptations.yaml: erreur: \($0)"
    }
    if !problemes.isEmpty {
      problemes.forEach(Console.erreur)
      Console.erreur("Fichier d'acceptations invalide : \(problemes.count) problème(s).")
      throw CodeSortie.usage
    }
    return lu.acceptations
  }
}

/// A reader for the one shape `acceptations.yaml` has — a list of flat entries
/// of scalars — with line-accurate French errors. Anything else (block scalars,
/// anchors, flow collections) is refused rather than guessed at.
enum LecteurAcceptations {
  static let fichier = "acceptations.yaml"
  static let cles = ["regle", "traitement", "sous_traitant", "violation", "justification", "par", "date"]

  static func lire(_ texte: String) -> (acceptations: Acceptances, diagnostics: [Diagnostic]) {
    var diagnostics: [Diagnostic] = []
    var entrees: [(ligne: Int, champs: [String: String])] = []
    var enTete = false
    var indentationTiret = -1

    func erreur(_ ligne: Int, _ message: String, attendu: String? = nil) {
      diagnostics.append(Diagnostic(Emplacement(fichier: fichier, ligne: ligne), message, attendu: attendu))
    }

    for (indice, brute) in texte.components(separatedBy: "\n").enumerated() {
      let numero = indice + 1
      let ligne = sansCommentaire(brute.replacingOccurrences(of: "\r", with: ""))
      let contenu = ligne.trimmingCharacters(in: .whitespaces)
      if contenu.isEmpty || contenu == "---" { continue }
      let indentation = ligne.prefix { $0 == " " }.count
      if !enTete {
        if contenu == "acceptations:" {
          enTete = true
        } else if contenu == "acceptations: []" {
          return (Acceptances(), diagnostics)
        } else {
          erreur(numero, "début de fichier inattendu", attendu: "« acceptations: » puis une liste d'entrées")
          return (Acceptances(), diagnostics)
        }
        continue
      }
      var reste = Substring(contenu)
      if reste.hasPrefix("- ") || reste == "-" {
        indentationTiret = indentation
        entrees.append((numero, [:]))
        reste = reste.dropFirst().drop { $0 == " " }
        if reste.isEmpty { continue }
      } else if entrees.isEmpty || indentation <= indentationTiret {
        erreur(numero, "ligne hors d'une entrée", attendu: "une entrée commençant par « - regle: … »")
        continue
      }
      guard let deuxPoints = reste.firstIndex(of: ":") else {
        erreur(numero, "ligne sans « clé: valeur »")
        continue
      }
      let cle = reste[..<deuxPoints].trimmingCharacters(in: .whitespaces)
      let valeurBrute = reste[reste.index(after: deuxPoints)...].trimmingCharacters(in: .whitespaces)
      guard cles.contains(cle) else {
        erreur(numero, "clé « \(cle) » inconnue", attendu: cles.joined(separator: ", "))
        continue
      }
      guard let valeur = scalaire(valeurBrute) else {
        erreur(
          numero, "valeur de « \(cle) » non prise en charge",
          attendu: "un texte sur une ligne, entre guillemets si besoin")
        continue
      }
      if entrees[entrees.count - 1].champs[cle] != nil {
        erreur(numero, "clé « \(cle) » répétée dans l'entrée")
        continue
      }
      entrees[entrees.count - 1].champs[cle] = valeur
    }
    if !enTete && diagnostics.isEmpty {
      erreur(1, "fichier vide", attendu: "« acceptations: » puis une liste d'entrées")
    }

    var acceptations: [Acceptance] = []
    for entree in entrees {
      let c = entree.champs
      let manquantes = ["regle", "justification", "par", "date"].filter { (c[$0] ?? "").isEmpty }
      if !manquantes.isEmpty {
        erreur(entree.ligne, "entrée incomplète : \(manquantes.joined(separator: ", ")) manquant(s)")
        continue
      }
      guard let date = c["date"].flatMap(Jour.init(iso:)) else {
        erreur(entree.ligne, "date « \(c["date"] ?? "") » invalide", attendu: "AAAA-MM-JJ")
        continue
      }
      acceptations.append(
        Acceptance(
          regle: c["regle"] ?? "", traitement: c["traitement"], sousTraitant: c["sous_traitant"],
          violation: c["violation"], justification: c["justification"] ?? "", par: c["par"] ?? "",
          date: date))
    }
    return (Acceptances(acceptations), diagnostics)
  }

  /// Drops a `# comment` that is outside quotes.
  static func sansCommentaire(_ ligne: String) -> String {
    var guillemet: Character?
    var precedent: Character = " "
    for (i, c) in zip(ligne.indices, ligne) {
      if let g = guillemet {
        if c == g { guillemet = nil }
      } else if c == "\"" || c == "'" {
        guillemet = c
      } else if c == "#" && (precedent == " " || i == ligne.startIndex) {
        return String(ligne[..<i])
      }
      precedent = c
    }
    return ligne
  }

  /// A one-line scalar: plain, 'single' or "double" quoted; nil for other YAML forms.
  static func scalaire(_ texte: String) -> String? {
    guard let premier = texte.first else { return "" }
    if premier == "\"" {
      guard texte.count >= 2, texte.last == "\"" else { return nil }
      var resultat = ""
      var echappe = false
      for c in texte.dropFirst().dropLast() {
        if echappe {
          switch c {
          case "n": resultat.append("\n")
          case "t": resultat.append("\t")
          default: resultat.append(c)
          }
          echappe = false
        } else if c == "\\" {
          echappe = true
        } else if c == "\"" {
          return nil
        } else {
          resultat.append(c)
        }
      }
      return echappe ? nil : resultat
    }
    if premier == "'" {
      guard texte.count >= 2, texte.last == "'" else { return nil }
      let interieur = String(texte.dropFirst().dropLast())
      guard !interieur.replacingOccurrences(of: "''", with: "").contains("'") else { return nil }
      return interieur.replacingOccurrences(of: "''", with: "'")
    }
    if "|>[{&*!%@`".contains(premier) { return nil }
    return texte
  }
}

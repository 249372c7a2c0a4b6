public import Foundation

/// The batch report as French text: totals, rules, schools, unreadable registers.
public enum BatchReportText {
  public static func render(_ r: BatchReport) -> String {
    var s = ""
    s += "Audit du lot « \(r.dossier) » du \(r.dateAudit)\n"
    s += "\(r.etablissements.count) registre(s) : \(r.audites) audité(s), \(r.illisibles) illisible(s) ; "
    s += "\(r.traitements) traitement(s)\n"
    s += "Constats ouverts : \(r.erreurs) erreur(s), \(r.avertissements) avertissement(s), \(r.notes) note(s)"
    s += r.acceptes > 0 ? " ; \(r.acceptes) constat(s) accepté(s)\n" : "\n"
    if let moyenne = r.scoreMoyen { s += "Conformité moyenne des établissements : \(moyenne) %\n" }

    s += "\nPar règle (établissements touchés, traitements touchés, constats ouverts) :\n"
    let largeur = max(5, r.parRegle.map(\.regle.count).max() ?? 0)
    for stat in r.parRegle {
      s += "  \(column(stat.regle, largeur))  \(rightAligned(stat.etablissements, 7))  "
      s += "\(rightAligned(stat.traitements, 9))  \(rightAligned(stat.constats, 9))\n"
    }

    s += "\nPar établissement :\n"
    s += "  \(column("source", 14))  erreurs  avert.  notes  score  nom\n"
    for ligne in r.etablissements where ligne.estLisible {
      s += "  \(column(ligne.source, 14))  \(rightAligned(ligne.erreurs, 7))  \(rightAligned(ligne.avertissements, 6))  "
      s += "\(rightAligned(ligne.notes, 5))  \(rightAligned(ligne.score ?? 0, 3)) %  \(ligne.nom ?? "")\n"
    }
    if r.illisibles > 0 {
      s += "\nRegistres illisibles (non audités) :\n"
      for ligne in r.etablissements where !ligne.estLisible {
        let autres = ligne.nombreProblemes > 1 ? " (et \(ligne.nombreProblemes - 1) autre(s) problème(s))" : ""
        s += "  \(ligne.source) : \(ligne.probleme ?? "")\(autres)\n"
      }
    }
    return s
  }

  private static func column(_ texte: String, _ largeur: Int) -> String {
    texte.count >= largeur ? texte : texte + String(repeating: " ", count: largeur - texte.count)
  }

  private static func rightAligned(_ n: Int, _ largeur: Int) -> String {
    let texte = String(n)
    return texte.count >= largeur ? texte : String(repeating: " ", count: largeur - texte.count) + texte
  }
}

/// The batch report as JSON (English keys).
public enum BatchReportJSON {
  public static func render(_ r: BatchReport) throws -> Data {
    let document = Document(
      batch: .init(folder: r.dossier, auditDate: r.dateAudit.description, rules: r.regles),
      summary: .init(
        registers: r.etablissements.count, audited: r.audites, unreadable: r.illisibles,
        treatments: r.traitements, errors: r.erreurs, warnings: r.avertissements, notes: r.notes,
        accepted: r.acceptes, meanScore: r.scoreMoyen),
      rules: r.parRegle.map {
        .init(rule: $0.regle, schools: $0.etablissements, treatments: $0.traitements, findings: $0.constats)
      },
      schools: r.etablissements.map {
        .init(
          source: $0.source, uai: $0.uai, name: $0.nom, status: $0.estLisible ? "audited" : "unreadable",
          treatments: $0.traitements, errors: $0.erreurs, warnings: $0.avertissements, notes: $0.notes,
          accepted: $0.acceptes, score: $0.score, problem: $0.probleme,
          problemCount: $0.nombreProblemes)
      })
    let encodeur = JSONEncoder()
    encodeur.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return try encodeur.encode(document)
  }

  struct Document: Encodable {
    struct Batch: Encodable {
      var folder: String
      var auditDate: String
      var rules: [String]
    }
    struct Summary: Encodable {
      var registers, audited, unreadable, treatments, errors, warnings, notes, accepted: Int
      var meanScore: Int?

      func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(registers, forKey: .registers)
        try c.encode(audited, forKey: .audited)
        try c.encode(unreadable, forKey: .unreadable)
        try c.encode(treatments, forKey: .treatments)
        try c.encode(errors, forKey: .errors)
        try c.encode(warnings, forKey: .warnings)
        try c.encode(notes, forKey: .notes)
        try c.encode(accepted, forKey: .accepted)
        try c.encode(meanScore, forKey: .meanScore)
      }
      enum CodingKeys: String, CodingKey {
        case registers, audited, unreadable, treatments, errors, warnings, notes, accepted, meanScore
      }
    }
    struct Rule: Encodable {
      var rule: String
      var schools, treatments, findings: Int
    }
    struct School: Encodable {
      var source: String
      var uai: String?
      var name: String?
      var status: String
      var treatments, errors, warnings, notes, accepted: Int
      var score: Int?
      var problem: String?
      var problemCount: Int

      // Optional keys are always present (null when absent) so that consumers see one shape.
      func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(source, forKey: .source)
        try c.encode(uai, forKey: .uai)
        try c.encode(name, forKey: .name)
        try c.encode(status, forKey: .status)
        try c.encode(treatments, forKey: .treatments)
        try c.encode(errors, forKey: .errors)
        try c.encode(warnings, forKey: .warnings)
        try c.encode(notes, forKey: .notes)
        try c.encode(accepted, forKey: .accepted)
        try c.encode(score, forKey: .score)
        try c.encode(problem, forKey: .problem)
        try c.encode(problemCount, forKey: .problemCount)
      }
      enum CodingKeys: String, CodingKey {
        case source, uai, name, status, treatments, errors, warnings, notes, accepted, score, problem
        case problemCount
      }
    }
    var batch: Batch
    var summary: Summary
    var rules: [Rule]
    var schools: [School]
  }
}

/// The batch report as CSV (RFC 4180: commas, CRLF, quoted fields), one row per school.
public enum BatchReportCSV {
  public static let entete = [
    "source", "uai", "nom", "statut", "traitements", "erreurs", "avertissements", "notes", "acceptes",
    "score", "probleme",
  ]

  public static func render(_ r: BatchReport) -> String {
    var s = entete.joined(separator: ",") + "\r\n"
    for l in r.etablissements {
      let champs: [String] = [
        l.source, l.uai ?? "", l.nom ?? "", l.estLisible ? "audite" : "illisible", String(l.traitements),
        String(l.erreurs), String(l.avertissements), String(l.notes), String(l.acceptes),
        l.score.map(String.init) ?? "", l.probleme ?? "",
      ]
      s += champs.map(quote).joined(separator: ",") + "\r\n"
    }
    return s
  }

  /// Quotes a field when it holds a comma, a quote or a line break (quotes doubled). A field
  /// that a spreadsheet would run as a formula (=, +, -, @) is prefixed with an apostrophe.
  static func quote(_ texte: String) -> String {
    var champ = texte
    if let premier = champ.first, "=+-@\t".contains(premier) { champ = "'" + champ }
    guard champ.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return champ }
    return "\"" + champ.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}

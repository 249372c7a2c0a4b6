public import Foundation
public import RegistreRules
public import RegistreXML

/// The batch report as XML, the input of the consolidated PDF's template (`audit-lot.xsl`).
///
/// Namespace `urn:registre:audit-lot:1`, French names like the single audit's XML
/// (`urn:registre:audit:1`), severities as their English keys; described in `docs/documents.md`.
/// Rule titles come from the rules themselves, so the PDF never retypes them.
public enum BatchReportXML {
  public static let espaceDeNoms = "urn:registre:audit-lot:1"

  /// The element tree; `regles` gives each rule's title and severity (default: every known rule).
  public static func tree(_ r: BatchReport, regles: [any Rule] = Rules.all) -> XMLElementNode {
    let connues = Dictionary(regles.map { ($0.id, $0) }, uniquingKeysWith: { firstMatch, _ in firstMatch })
    var synthese: [XMLAttribute] = [
      attribute("registres", r.etablissements.count), attribute("audites", r.audites),
      attribute("illisibles", r.illisibles), attribute("traitements", r.traitements), attribute("erreurs", r.erreurs),
      attribute("avertissements", r.avertissements), attribute("notes", r.notes), attribute("acceptes", r.acceptes),
    ]
    if let moyenne = r.scoreMoyen { synthese.append(attribute("score-moyen", moyenne)) }

    let lignesRegles = r.parRegle.map { stat -> XMLElementNode in
      var attributs = [attribute("id", stat.regle)]
      if let regle = connues[stat.regle] {
        attributs.append(attribute("gravite", regle.severity.englishKey))
      }
      attributs += [
        attribute("etablissements", stat.etablissements), attribute("traitements", stat.traitements),
        attribute("constats", stat.constats),
      ]
      // An unknown rule (none today) keeps its id as its title rather than an empty cell.
      return element("regle", attributs, texte: connues[stat.regle]?.title ?? stat.regle)
    }

    let lignesEtablissements = r.etablissements.map { ligne -> XMLElementNode in
      var attributs = [attribute("source", ligne.source), attribute("statut", ligne.estLisible ? "audite" : "illisible")]
      if let uai = ligne.uai { attributs.append(attribute("uai", uai)) }
      if let nom = ligne.nom { attributs.append(attribute("nom", nom)) }
      guard let probleme = ligne.probleme else {
        attributs += [
          attribute("traitements", ligne.traitements), attribute("erreurs", ligne.erreurs),
          attribute("avertissements", ligne.avertissements), attribute("notes", ligne.notes),
          attribute("acceptes", ligne.acceptes),
        ]
        if let score = ligne.score { attributs.append(attribute("score", score)) }
        return element("etablissement", attributs)
      }
      attributs.append(attribute("problemes", max(1, ligne.nombreProblemes)))
      return element("etablissement", attributs, enfants: [element("probleme", [], texte: probleme)])
    }

    return element(
      "audit-lot",
      [attribute("version", 1), attribute("date", r.dateAudit.description), attribute("dossier", r.dossier)],
      enfants: [
        element("synthese", synthese),
        element("etablissements", [], enfants: lignesEtablissements),
        element("regles", [], enfants: lignesRegles),
      ])
  }

  /// Deterministic UTF-8 XML (same report, same bytes).
  public static func xmlData(_ r: BatchReport, regles: [any Rule] = Rules.all) throws(XMLError) -> Data {
    try XMLWriter.data(for: tree(r, regles: regles))
  }

  private static func element(
    _ nom: String, _ attributs: [XMLAttribute], enfants: [XMLElementNode] = [], texte: String = ""
  ) -> XMLElementNode {
    XMLElementNode(
      name: nom, namespace: espaceDeNoms, attributes: attributs, children: enfants, text: readable(texte))
  }

  private static func attribute(_ nom: String, _ valeur: String) -> XMLAttribute {
    XMLAttribute(name: nom, value: readable(valeur))
  }

  private static func attribute(_ nom: String, _ valeur: Int) -> XMLAttribute {
    XMLAttribute(name: nom, value: String(valeur))
  }

  /// Drops what XML 1.0 cannot carry: a file name or a diagnostic quoting a broken
  /// register may hold control characters, and the writer refuses them.
  static func readable(_ texte: String) -> String {
    guard texte.unicodeScalars.contains(where: isForbidden) else { return texte }
    var propre = String.UnicodeScalarView()
    propre.append(contentsOf: texte.unicodeScalars.filter { !isForbidden($0) })
    return String(propre)
  }

  private static func isForbidden(_ s: Unicode.Scalar) -> Bool {
    switch s.value {
    case 0x9, 0xA, 0xD: return false
    case 0..<0x20, 0xFFFE, 0xFFFF: return true
    default: return false
    }
  }
}

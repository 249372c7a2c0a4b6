public import Foundation
public import RegistreRules
public import RegistreXML

/// The batch report as XML, the input of the consolidated PDF's template (`audit-lot.xsl`).
///
/// Namespace `urn:registre:audit-lot:1`, French names like the single audit's XML
/// (`urn:registre:audit:1`), severities as their English keys; described in `docs/documents.md`.
/// Rule titles come from the rules themselves, so the PDF never retypes them.
public enum RapportLotXML {
  public static let espaceDeNoms = "urn:registre:audit-lot:1"

  /// The element tree; `regles` gives each rule's title and severity (default: every known rule).
  public static func arbre(_ r: RapportLot, regles: [any Rule] = Rules.all) -> XMLElementNode {
    let connues = Dictionary(regles.map { ($0.id, $0) }, uniquingKeysWith: { premiere, _ in premiere })
    var synthese: [XMLAttribute] = [
      attribut("registres", r.etablissements.count), attribut("audites", r.audites),
      attribut("illisibles", r.illisibles), attribut("traitements", r.traitements), attribut("erreurs", r.erreurs),
      attribut("avertissements", r.avertissements), attribut("notes", r.notes), attribut("acceptes", r.acceptes),
    ]
    if let moyenne = r.scoreMoyen { synthese.append(attribut("score-moyen", moyenne)) }

    let lignesRegles = r.parRegle.map { stat -> XMLElementNode in
      var attributs = [attribut("id", stat.regle)]
      if let regle = connues[stat.regle] {
        attributs.append(attribut("gravite", regle.severity.englishKey))
      }
      attributs += [
        attribut("etablissements", stat.etablissements), attribut("traitements", stat.traitements),
        attribut("constats", stat.constats),
      ]
      // An unknown rule (none today) keeps its id as its title rather than an empty cell.
      return element("regle", attributs, texte: connues[stat.regle]?.title ?? stat.regle)
    }

    let lignesEtablissements = r.etablissements.map { ligne -> XMLElementNode in
      var attributs = [attribut("source", ligne.source), attribut("statut", ligne.estLisible ? "audite" : "illisible")]
      if let uai = ligne.uai { attributs.append(attribut("uai", uai)) }
      if let nom = ligne.nom { attributs.append(attribut("nom", nom)) }
      guard let probleme = ligne.probleme else {
        attributs += [
          attribut("traitements", ligne.traitements), attribut("erreurs", ligne.erreurs),
          attribut("avertissements", ligne.avertissements), attribut("notes", ligne.notes),
          attribut("acceptes", ligne.acceptes),
        ]
        if let score = ligne.score { attributs.append(attribut("score", score)) }
        return element("etablissement", attributs)
      }
      attributs.append(attribut("problemes", max(1, ligne.nombreProblemes)))
      return element("etablissement", attributs, enfants: [element("probleme", [], texte: probleme)])
    }

    return element(
      "audit-lot",
      [attribut("version", 1), attribut("date", r.dateAudit.description), attribut("dossier", r.dossier)],
      enfants: [
        element("synthese", synthese),
        element("etablissements", [], enfants: lignesEtablissements),
        element("regles", [], enfants: lignesRegles),
      ])
  }

  /// Deterministic UTF-8 XML (same report, same bytes).
  public static func donnees(_ r: RapportLot, regles: [any Rule] = Rules.all) throws(XMLError) -> Data {
    try XMLWriter.data(for: arbre(r, regles: regles))
  }

  private static func element(
    _ nom: String, _ attributs: [XMLAttribute], enfants: [XMLElementNode] = [], texte: String = ""
  ) -> XMLElementNode {
    XMLElementNode(
      name: nom, namespace: espaceDeNoms, attributes: attributs, children: enfants, text: lisible(texte))
  }

  private static func attribut(_ nom: String, _ valeur: String) -> XMLAttribute {
    XMLAttribute(name: nom, value: lisible(valeur))
  }

  private static func attribut(_ nom: String, _ valeur: Int) -> XMLAttribute {
    XMLAttribute(name: nom, value: String(valeur))
  }

  /// Drops what XML 1.0 cannot carry: a file name or a diagnostic quoting a broken
  /// register may hold control characters, and the writer refuses them.
  static func lisible(_ texte: String) -> String {
    guard texte.unicodeScalars.contains(where: interdit) else { return texte }
    var propre = String.UnicodeScalarView()
    propre.append(contentsOf: texte.unicodeScalars.filter { !interdit($0) })
    return String(propre)
  }

  private static func interdit(_ s: Unicode.Scalar) -> Bool {
    switch s.value {
    case 0x9, 0xA, 0xD: return false
    case 0..<0x20, 0xFFFE, 0xFFFF: return true
    default: return false
    }
  }
}

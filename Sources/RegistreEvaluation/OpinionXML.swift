public import Foundation
import RegistreModel
import RegistreXML

/// The dated opinion (avis) as XML, which `Templates/avis.xsl` lays out (PDF/A-2b through the
/// documents pipeline). Every text is computed here, once; the template only places it.
public enum OpinionXML {
  /// The opinion's XML. `etablissement` names the school when the register is known.
  public static func document(_ e: Evaluation, etablissement: String?) -> Data {
    var s = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    s += "<avis verdict=\"\(x(e.verdict.rawValueForXML))\" couleur=\"\(colour(e.verdict))\" date=\"\(x(e.date.description))\">\n"
    s += element("titre", "Avis sur l'adoption de l'outil « \(e.fiche.nom) »")
    if let etablissement { s += element("etablissement", etablissement) }
    s += element(
      "presentation",
      "Éditeur : \(sentence(e.fiche.editeur)) Usage envisagé : \(sentence(e.fiche.finalite)) Avis établi le \(dateInWords(e.date)).")
    s += element("verdict", "Verdict : \(e.verdict.libelle)")
    s += section("Raisons bloquantes", e.reasons)
    s += section("Conditions à remplir avant l'usage", e.conditions)
    s += section("À savoir", e.notes)
    s += element("aipd", e.dpia.conclusion)
    if let probes = e.probes, !probes.isEmpty {
      s += "<sondes>\n"
      for p in probes {
        let versions = p.acceptedVersions.sorted().map(\.displayName).joined(separator: ", ")
        s += element(
          "sonde", "\(p.endpoint) : \(p.verdict.level.label)\(versions.isEmpty ? "" : " (versions acceptées : \(versions))")")
      }
      s += "</sondes>\n"
    }
    s += element(
      "decision",
      "Brouillon de fiche du registre : traitements/\(e.draftEntry.id).yaml. Le chef d'établissement, responsable des traitements, décide au vu de cet avis.")
    s += "</avis>\n"
    return Data(s.utf8)
  }

  static func section(_ title: String, _ items: [EvaluationItem]) -> String {
    guard !items.isEmpty else { return "" }
    var s = "<section titre=\"\(x(title))\">\n"
    for item in items {
      s += "<point base=\"\(x(item.basis.libelle))\" code=\"\(x(item.code))\" reference=\"\(x(item.reference))\">"
      s += x(item.message) + "</point>\n"
    }
    return s + "</section>\n"
  }

  static func element(_ name: String, _ text: String) -> String {
    "<\(name)>\(x(text))</\(name)>\n"
  }

  /// Ends a sentence with one full stop, never two.
  static func sentence(_ s: String) -> String {
    let t = s.trimmingCharacters(in: .whitespaces)
    return t.hasSuffix(".") || t.hasSuffix("!") || t.hasSuffix("?") ? t : t + "."
  }

  static func colour(_ v: Verdict) -> String {
    switch v {
    case .adoptable: return "#D9EAD3"
    case .adoptableSousConditions: return "#FFF2CC"
    case .aProscrire: return "#F4CCCC"
    }
  }

  /// « 29 novembre 2026 ».
  static func dateInWords(_ j: Day) -> String {
    let mois = [
      "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
      "novembre", "décembre",
    ]
    return "\(j.jour == 1 ? "1er" : String(j.jour)) \(mois[max(0, min(11, j.mois - 1))]) \(j.annee)"
  }

  /// XML text escaping; characters XML 1.0 forbids are dropped.
  static func x(_ s: String) -> String {
    XMLText.escape(s)
  }
}

extension Verdict {
  /// Stable code of the verdict in the opinion's XML.
  fileprivate var rawValueForXML: String {
    switch self {
    case .adoptable: return "adoptable"
    case .adoptableSousConditions: return "adoptable-sous-conditions"
    case .aProscrire: return "a-proscrire"
    }
  }
}

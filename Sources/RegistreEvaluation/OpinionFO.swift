import RegistreXML
public import Foundation
import RegistreModel

/// The dated opinion (avis) as XSL-FO, for the documents module's FOP renderer
/// (PDF/A-2b, fonts of its configuration). Ends with a block the head of
/// school signs by hand or with `registre signer`'s PAdES signature.
public enum OpinionFO {
  /// The FO document. `etablissement` names the school when the register is known;
  /// `horodatage` (ISO 8601) fixes the XMP creation date for reproducible output.
  public static func document(_ e: Evaluation, etablissement: String?, horodatage: String?) -> Data {
    let titre = "Avis sur l'adoption de l'outil « \(e.fiche.nom) »"
    var s = """
      <?xml version="1.0" encoding="UTF-8"?>
      <fo:root xmlns:fo="http://www.w3.org/1999/XSL/Format" xml:lang="fr" font-family="DejaVu Sans" font-size="9.5pt" line-height="1.4">
      <fo:layout-master-set>
      <fo:simple-page-master master-name="page" page-width="210mm" page-height="297mm" margin-top="15mm" margin-bottom="15mm" margin-left="20mm" margin-right="20mm">
      <fo:region-body margin-bottom="12mm"/><fo:region-after extent="10mm"/>
      </fo:simple-page-master>
      </fo:layout-master-set>
      <fo:declarations>
      <x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
      <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
      <dc:title><rdf:Alt><rdf:li xml:lang="x-default">\(x(titre))</rdf:li></rdf:Alt></dc:title>
      <dc:creator><rdf:Seq><rdf:li>\(x(etablissement ?? "registre evaluer"))</rdf:li></rdf:Seq></dc:creator>
      <dc:language><rdf:Bag><rdf:li>fr</rdf:li></rdf:Bag></dc:language>
      </rdf:Description>

      """
    if let horodatage {
      s += """
        <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/"><xmp:CreateDate>\(x(horodatage))</xmp:CreateDate></rdf:Description>

        """
    }
    s += """
      </rdf:RDF></x:xmpmeta>
      </fo:declarations>
      <fo:page-sequence master-reference="page">
      <fo:title>\(x(titre))</fo:title>
      <fo:static-content flow-name="xsl-region-after"><fo:block font-size="7.5pt" color="#555555" text-align="center">\(x(titre)) — \(x(e.date.description)) — page <fo:page-number/></fo:block></fo:static-content>
      <fo:flow flow-name="xsl-region-body">

      """
    if let etablissement { s += block(etablissement, attributs: "font-size=\"9pt\" color=\"#555555\"") }
    s += block(titre, attributs: "font-size=\"15pt\" font-weight=\"bold\" color=\"#1F3864\" space-after=\"2mm\"")
    s += block(
      "Éditeur : \(sentence(e.fiche.editeur)) Usage envisagé : \(sentence(e.fiche.finalite)) Avis établi le \(dateInWords(e.date)).",
      attributs: "space-after=\"4mm\"")
    s += block(
      "Verdict : \(e.verdict.libelle)",
      attributs:
        "font-size=\"12pt\" font-weight=\"bold\" padding=\"2mm\" background-color=\"\(colour(e.verdict))\" space-after=\"4mm\"")
    s += section("Raisons bloquantes", e.reasons)
    s += section("Conditions à remplir avant l'usage", e.conditions)
    s += section("À savoir", e.notes)
    s += sectionTitle("Analyse d'impact (AIPD)")
    s += block(e.dpia.conclusion, attributs: "space-after=\"3mm\"")
    if let probes = e.probes, !probes.isEmpty {
      s += sectionTitle("Sonde TLS des points d'accès")
      for p in probes {
        let versions = p.acceptedVersions.sorted().map(\.displayName).joined(separator: ", ")
        s += block(
          "\(p.endpoint) : \(p.verdict.level.label)\(versions.isEmpty ? "" : " (versions acceptées : \(versions))")",
          attributs: "margin-left=\"4mm\"")
      }
    }
    s += sectionTitle("Décision")
    s += block(
      "Brouillon de fiche du registre : traitements/\(e.draftEntry.id).yaml. Le chef d'établissement, responsable des traitements, décide au vu de cet avis.",
      attributs: "space-after=\"6mm\"")
    s += """
      <fo:block keep-together.within-page="always" border="0.5pt solid #8EA2C0" padding="3mm">
      <fo:block>Décision : ☐ adoption   ☐ adoption sous les conditions ci-dessus   ☐ refus</fo:block>
      <fo:block space-before="3mm">Nom et fonction :</fo:block>
      <fo:block space-before="3mm">Date :</fo:block>
      <fo:block space-before="3mm" space-after="18mm">Signature :</fo:block>
      </fo:block>
      </fo:flow>
      </fo:page-sequence>
      </fo:root>

      """
    return Data(s.utf8)
  }

  static func section(_ titre: String, _ items: [EvaluationItem]) -> String {
    guard !items.isEmpty else { return "" }
    var s = sectionTitle(titre)
    for (i, item) in items.enumerated() {
      s += """
        <fo:block margin-left="4mm" space-after="1.5mm" keep-together.within-page="always">
        <fo:block>\(i + 1). [\(x(item.basis.libelle))] \(x(item.message))</fo:block>
        <fo:block font-size="8pt" color="#444444" margin-left="4mm">Réf. : \(x(item.reference)) (\(x(item.code)))</fo:block>
        </fo:block>

        """
    }
    return s
  }

  static func sectionTitle(_ titre: String) -> String {
    block(titre, attributs: "font-size=\"11pt\" font-weight=\"bold\" color=\"#1F3864\" space-before=\"3mm\" space-after=\"1.5mm\" keep-with-next.within-page=\"always\"")
  }

  static func block(_ texte: String, attributs: String) -> String {
    "<fo:block \(attributs)>\(x(texte))</fo:block>\n"
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

public import Foundation
public import RegistreModel

/// The register as a table: one row per treatment, columns in the order of the CNIL register fiche.
public enum Spreadsheet {
  /// Column headers, in French.
  public static let colonnes = [
    "N° / Réf.", "Nom du traitement", "Date de création de la fiche", "Dernière mise à jour de la fiche",
    "Statut de la fiche", "Logiciel ou application", "Responsable du traitement", "Responsable(s) conjoint(s)",
    "Finalité principale", "Sous-finalités", "Base légale", "Catégories de personnes concernées",
    "Catégories de données", "Données sensibles ?", "Durées de conservation", "Destinataires", "Sous-traitants",
    "Transferts hors UE", "Mesures de sécurité", "AIPD",
  ]

  /// The rows (without the header), treatments in the register's order.
  public static func rows(_ registre: Register) -> [[String]] {
    registre.traitements.map { t in
      let sensibles = t.donnees.filter { $0.categorie.estArticle9 || $0.categorie == .infractions || $0.categorie == .nir }
      return [
        t.id, t.nom, t.dateCreation?.description ?? "", t.derniereMiseAJour?.description ?? "", t.statut.libelle,
        t.logiciel ?? "",
        t.responsable.nom ?? t.responsable.type.libelle,
        t.responsable.coresponsables.joined(separator: "\n"),
        t.finalitePrincipale,
        t.sousFinalites.joined(separator: "\n"),
        t.baseLegale.map { b in
          [b.article6.libelle, b.texte, b.article9?.libelle, b.texteArticle9].compactMap { $0 }.joined(separator: " — ")
        } ?? "",
        t.personnesConcernees.map { p in [p.categorie.libelle, p.precisions].compactMap { $0 }.joined(separator: " : ") }
          .joined(separator: "\n"),
        t.donnees.map { d in [d.categorie.libelle, d.description].compactMap { $0 }.joined(separator: " : ") }
          .joined(separator: "\n"),
        sensibles.isEmpty ? "Non" : "Oui : " + sensibles.map(\.categorie.libelle).joined(separator: ", "),
        t.donnees.map { d in "\(d.categorie.libelle) : \(Facets.retentionText(d.conservation))" }.joined(separator: "\n"),
        t.destinataires.map { d in "\(d.nom) (\(d.type.libelle))" }.joined(separator: "\n"),
        t.sousTraitants.map { id in registre.processor(id)?.nom ?? id }.joined(separator: "\n"),
        t.transferts.isEmpty
          ? "Non"
          : t.transferts.map { x in "\(x.destinataire) — \(x.pays) — \(x.garantie.libelle)" }.joined(separator: "\n"),
        t.mesuresSecurite.map { m in [m.famille.libelle, m.precisions].compactMap { $0 }.joined(separator: " : ") }
          .joined(separator: "\n"),
        t.aipd.map { a in [a.statut.libelle, a.date?.description].compactMap { $0 }.joined(separator: ", ") } ?? "",
      ]
    }
  }

  /// CSV for French spreadsheet software: UTF-8 with a byte-order mark (Excel otherwise reads
  /// Windows-1252), `;` separators (the French list separator), CRLF line ends, RFC 4180 quoting.
  /// A cell starting with `=`, `+`, `-` or `@` is prefixed with `'` so it is never run as a formula.
  public static func csv(_ registre: Register) -> Data {
    var text = "\u{FEFF}"
    for row in [colonnes] + rows(registre) {
      text += row.map(cell).joined(separator: ";") + "\r\n"
    }
    return Data(text.utf8)
  }

  static func cell(_ value: String) -> String {
    var value = value
    if let first = value.first, "=+-@".contains(first) { value = "'" + value }
    guard value.contains(where: { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
    return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  /// An OpenDocument spreadsheet (`.ods`) with one sheet « Registre ».
  public static func ods(_ registre: Register) throws -> Data {
    var zip = ZipWriter()
    // The mimetype comes first and stored, so that tools recognise the file from its first bytes.
    try zip.add("mimetype", Data("application/vnd.oasis.opendocument.spreadsheet".utf8))
    try zip.add("META-INF/manifest.xml", Data(manifest.utf8))
    try zip.add("styles.xml", Data(styles.utf8))
    try zip.add("content.xml", Data(content(registre).utf8))
    return zip.finish()
  }

  static let manifest = """
    <?xml version="1.0" encoding="UTF-8"?>
    <manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
     <manifest:file-entry manifest:full-path="/" manifest:version="1.2" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
     <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
     <manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>
    </manifest:manifest>

    """

  static let styles = """
    <?xml version="1.0" encoding="UTF-8"?>
    <office:document-styles xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.2">
     <office:styles>
      <style:default-style style:family="table-cell">
       <style:paragraph-properties fo:text-align="start"/>
       <style:text-properties fo:font-size="10pt"/>
      </style:default-style>
     </office:styles>
    </office:document-styles>

    """

  static func content(_ registre: Register) -> String {
    var s = """
      <?xml version="1.0" encoding="UTF-8"?>
      <office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
      xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" \
      xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" \
      xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" \
      xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.2">
       <office:automatic-styles>
        <style:style style:name="co1" style:family="table-column"><style:table-column-properties style:column-width="5cm"/></style:style>
        <style:style style:name="ce1" style:family="table-cell"><style:table-cell-properties fo:wrap-option="wrap" style:vertical-align="top"/><style:text-properties fo:font-weight="bold"/></style:style>
        <style:style style:name="ce2" style:family="table-cell"><style:table-cell-properties fo:wrap-option="wrap" style:vertical-align="top"/></style:style>
       </office:automatic-styles>
       <office:body>
        <office:spreadsheet>
         <table:table table:name="Registre">
          <table:table-column table:style-name="co1" table:number-columns-repeated="\(colonnes.count)"/>

      """
    for (index, row) in ([colonnes] + rows(registre)).enumerated() {
      s += "   <table:table-row>"
      for value in row {
        s += "<table:table-cell table:style-name=\"\(index == 0 ? "ce1" : "ce2")\" office:value-type=\"string\">"
        for paragraph in value.split(separator: "\n", omittingEmptySubsequences: false) {
          s += "<text:p>\(YearReview.escape(String(paragraph)))</text:p>"
        }
        s += "</table:table-cell>"
      }
      s += "</table:table-row>\n"
    }
    s += """
         </table:table>
        </office:spreadsheet>
       </office:body>
      </office:document-content>

      """
    return s
  }
}

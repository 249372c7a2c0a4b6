public import Foundation
public import RegistreModel
import RegistreXML

/// The register in the CNIL's layout (`registre-traitement-simplifie.ods`, 25 July 2019): the list of treatments,
/// one fiche sheet per treatment following the model block by block (its labels, its order, its merged B:H and
/// B:D / E:H ranges, its drop-down words), then what the model has no place for: a block « Compléments de
/// Registre » at the end of each fiche, and sheets for the school and its DPD, the processors and the breaches.
/// Actions and requests are not in the register model yet (issue 19), so no sheet has them.
///
/// `parts` are the files of the `.ods` (mimetype first); the zip is written by the caller's writer.
public enum CNILExport {
  static let title = "Fiche de registre"

  /// A cell to write: text (paragraphs split on line breaks), a typed date, or nothing; `span` merges to the right.
  struct OutCell {
    var text: String = ""
    var date: Day?
    var span = 1
    var bold = false

    static func t(_ text: String?, span: Int = 1, bold: Bool = false) -> OutCell { OutCell(text: text ?? "", span: span, bold: bold) }
    static func d(_ day: Day?) -> OutCell { OutCell(date: day) }
  }

  struct Sheet {
    var name: String
    var columns: [Double]
    var rows: [[OutCell]]
    /// Rows frozen at the top (0: none).
    var frozenRows = 0
    /// `(first row, last row, last column)` of the autofilter, 0-based.
    var filter: (Int, Int, Int)?
  }

  // MARK: Fiche sheets

  static func retentionText(_ r: Retention?) -> String {
    guard let r else { return "" }
    var parts: [String] = []
    if let d = r.duree { parts.append(d.description) } else if let c = r.critere { parts.append(c) }
    if r.duree != nil, let c = r.critere { parts.append(c) }
    if let p = r.pointDeDepart { parts.append("à compter de : \(p)") }
    if let s = r.sortFinal { parts.append("sort final : \(s.libelle)") }
    return parts.joined(separator: " ; ")
  }

  /// What the « Description » cell says of a category the register lists without describing it: an empty
  /// row would read as « not concerned ».
  public static let undescribed = "Catégorie concernée (description non renseignée au registre)"

  static func description(_ entry: PersonalData) -> String { entry.description ?? undescribed }

  static func contactRow(_ label: String, _ c: Contact?) -> [OutCell] {
    [.t(label, bold: true), .t(c?.nom), .t(c?.adresse), .t(""), .t(""), .t(""), .t(c?.telephone), .t(c?.courriel)]
  }

  static func valueRow(_ label: String, _ value: String?) -> [OutCell] { [.t(label, bold: true), .t(value, span: 7)] }
  static func pairRow(_ label: String, _ left: String?, _ right: String?) -> [OutCell] {
    [.t(label, bold: true), .t(left, span: 3), .t(right, span: 4)]
  }
  static func header(_ label: String, _ left: String, _ right: String) -> [OutCell] {
    [.t(label, bold: true), .t(left, span: 3, bold: true), .t(right, span: 4, bold: true)]
  }

  static func fiche(_ t: Treatment, in register: Register, name: String) -> Sheet {
    let school = register.etablissement
    var rows: [[OutCell]] = []
    rows.append([.t(title, bold: true)])
    rows.append([.t("Fiche exportée par Registre dans la disposition du modèle de la CNIL (registre-traitement-simplifie.ods, 2019).", span: 8)])
    rows.append([.t("Description du traitement", bold: true)])
    rows.append(valueRow("Nom du traitement", t.nom))
    rows.append(valueRow("N° / RÉF", t.id))
    rows.append([.t("Date de création du traitement", bold: true), OutCell(date: t.dateCreation, span: 7)])
    rows.append([.t("Mise à jour du traitement", bold: true), OutCell(date: t.derniereMiseAJour, span: 7)])
    rows.append([])
    rows.append(["Acteurs", "Nom", "Adresse", "Code Postal", "Ville", "Pays", "Téléphone", "Adresse mél"].map { .t($0, bold: true) })
    rows.append(contactRow("Responsable du traitement", school.responsableTraitement))
    rows.append(contactRow("Délégué à la protection des données", school.dpd))
    rows.append([.t("Société du DPO (si celui-ci est externe)", bold: true), .t(school.dpd?.organisme)])
    rows.append([.t("Représentant", bold: true)])
    let joint = t.responsable.type == .conjoint ? t.responsable.coresponsables : []
    for name in joint.isEmpty ? [""] : joint { rows.append([.t("Responsable(s) conjoint(s)", bold: true), .t(name)]) }
    rows.append([])
    rows.append([.t("Finalité(s) du traitement effectué", bold: true)])
    rows.append(valueRow("Finalité principale", t.finalitePrincipale))
    for i in 0..<max(5, t.sousFinalites.count) { rows.append(valueRow("Sous-finalité \(i + 1)", t.sousFinalites[safe: i])) }
    rows.append([])
    func dataRows(_ model: [(label: String, category: DataCategory)]) {
      for row in model {
        let entries = t.donnees.filter { $0.categorie == row.category }
        for entry in entries.isEmpty ? [nil] : entries.map(Optional.some) {
          rows.append(pairRow(row.label, entry.map(description), retentionText(entry?.conservation)))
        }
      }
    }
    rows.append(header("Catégories de données personnelles concernées", "Description", "Durée de conservation"))
    dataRows(CNILVocabulary.dataRows)
    // Registre's categories the model has no row for, each on a row of its own label.
    let modelled = Set((CNILVocabulary.dataRows + CNILVocabulary.sensitiveRows).map(\.category))
    for entry in t.donnees where !modelled.contains(entry.categorie) {
      rows.append(pairRow(entry.categorie.libelle, description(entry), retentionText(entry.conservation)))
    }
    rows.append([])
    rows.append(header("Données sensibles", "Description", "Durée de conservation"))
    dataRows(CNILVocabulary.sensitiveRows)
    rows.append([])
    rows.append(header("Catégories de personnes concernées", "Description", "Précisions"))
    for i in 0..<max(2, t.personnesConcernees.count) {
      let p = t.personnesConcernees[safe: i]
      rows.append(pairRow("Catégorie de personnes \(i + 1)", p.map { CNILVocabulary.subjectLabel($0.categorie) }, p?.precisions))
    }
    rows.append([])
    rows.append(header("Destinataires", "Type de destinataire", "Précisions"))
    for i in 0..<max(4, t.destinataires.count) {
      let d = t.destinataires[safe: i]
      rows.append(pairRow("Destinataire \(i + 1)", d.map { CNILVocabulary.recipientLabel($0.type) }, d?.nom))
    }
    rows.append([])
    rows.append(header("Mesures de sécurité", "Type de mesure de sécurité", "Précisions"))
    for i in 0..<max(3, t.mesuresSecurite.count) {
      let m = t.mesuresSecurite[safe: i]
      rows.append(pairRow("Mesure de sécurité \(i + 1)", m.map { CNILVocabulary.measureLabel($0.famille) }, m?.precisions))
    }
    rows.append([])
    rows.append([.t("Transferts hors UE", bold: true), .t("Destinataire", bold: true), .t("Pays", bold: true), .t("Type de Garanties", span: 2, bold: true), .t("Liens vers la documentation", span: 3, bold: true)])
    for i in 0..<max(4, t.transferts.count) {
      let x = t.transferts[safe: i]
      rows.append([
        .t("Organisme destinataire \(i + 1)", bold: true), .t(x?.destinataire), .t(x.map { CNILVocabulary.countryName($0.pays) }),
        .t(x.map { CNILVocabulary.safeguardLabel($0.garantie) }, span: 2), .t(x?.documentation, span: 3),
      ])
    }
    rows.append([])
    rows.append([.t("Compléments de Registre (hors modèle de la CNIL)", bold: true)])
    rows.append(valueRow("Statut de la fiche", t.statut.libelle))
    rows.append(valueRow("Logiciel ou application", t.logiciel))
    rows.append(valueRow("Type de responsable", t.responsable.type.libelle))
    rows.append(valueRow("Nom du responsable", t.responsable.nom))
    rows.append(valueRow("Base légale", t.baseLegale?.article6.libelle))
    rows.append(valueRow("Texte de la base légale", t.baseLegale?.texte))
    rows.append(valueRow("Condition de l'article 9", t.baseLegale?.article9?.libelle))
    rows.append(valueRow("Sous-traitants", t.sousTraitants.map { register.processor($0)?.nom ?? $0 }.joined(separator: "\n")))
    rows.append(valueRow("AIPD", t.aipd.map { [$0.statut.libelle, $0.date?.description].compactMap { $0 }.joined(separator: ", ") }))
    rows.append(valueRow("Remarques", t.remarques))
    return Sheet(name: name, columns: [7, 5, 4, 2.5, 3, 3, 3, 4.5], rows: rows)
  }

  // MARK: Other sheets

  static func list(_ register: Register) -> Sheet {
    let r = register.etablissement.responsableTraitement
    let d = register.etablissement.dpd
    var rows: [[OutCell]] = [
      [.t("Coordonnées du responsable de l’organisme\n(responsable de traitement ou son représentant si le responsable est situé en dehors de l’UE)", bold: true),
       .t("Nom :"), .t(r.nom), .t("Prénom :"), .t(""), .t("Adresse :"), .t(r.adresse), .t("Adresse mél :"), .t(r.courriel)],
      [.t(""), .t("Code postal :"), .t(""), .t("Ville :"), .t(""), .t("Téléphone :"), .t(r.telephone)],
      [.t("Coordonnées du représentant\n(responsable de traitement ou son représentant si le responsable est situé en dehors de l’UE)", bold: true),
       .t("Nom :"), .t(""), .t("Prénom :"), .t(""), .t("Adresse :"), .t(""), .t("Adresse mél :"), .t("")],
      [.t(""), .t("Code postal :"), .t(""), .t("Ville :"), .t(""), .t("Téléphone :"), .t("")],
      [.t("Coordonnées du délégué à la protection des données (DPO)", bold: true),
       .t("Nom :"), .t(d?.nom), .t("Prénom :"), .t(""), .t("Société (si DPO externe) :"), .t(d?.organisme), .t("Adresse :"), .t(d?.adresse)],
      [.t(""), .t("Code postal :"), .t(""), .t("Ville :"), .t(""), .t("Téléphone :"), .t(d?.telephone), .t("Adresse mél :"), .t(d?.courriel)],
      [.t("Identification du traitement", span: 4, bold: true), .t("Finalité du traitement", span: 3, bold: true), .t("Données sensibles ?", span: 2, bold: true)],
      [.t("Nom du traitement", bold: true), .t("N° / RÉF", bold: true), .t("Date de création de la fiche", bold: true),
       .t("Dernière mise à jour de la fiche", bold: true), .t("", span: 3, bold: true), .t("Oui/non", span: 2, bold: true)],
    ]
    for t in register.traitements {
      let sensitive = t.donnees.contains { $0.categorie.estArticle9 || $0.categorie == .infractions }
      rows.append([
        .t(t.nom), .t(t.id), .d(t.dateCreation), .d(t.derniereMiseAJour),
        .t(([t.finalitePrincipale] + t.sousFinalites).joined(separator: ", "), span: 3), .t(sensitive ? "Oui" : "Non", span: 2),
      ])
    }
    return Sheet(
      name: CNILVocabulary.listSheet, columns: [6, 3, 3, 3, 4, 4, 4, 2, 2], rows: rows, frozenRows: 8,
      filter: (7, max(7, rows.count - 1), 8))
  }

  static func school(_ s: School) -> Sheet {
    var rows: [[OutCell]] = [[.t("Établissement", bold: true), .t("", bold: true)]]
    rows += [("Nom", s.nom), ("UAI", s.uai), ("Type", s.type?.libelle), ("Adresse", s.adresse), ("Académie", s.academie)].map { [.t($0.0, bold: true), .t($0.1)] }
    for (prefix, contact) in [("Responsable du traitement", Optional(s.responsableTraitement)), ("DPD", s.dpd), ("Référent numérique", s.referentNumerique)] {
      guard let c = contact else { continue }
      for (label, value) in [("Nom", c.nom), ("Fonction", c.fonction), ("Organisme", c.organisme), ("Adresse", c.adresse), ("Courriel", c.courriel), ("Téléphone", c.telephone)] {
        rows.append([.t("\(prefix) - \(label)", bold: true), .t(value)])
      }
    }
    return Sheet(name: "Établissement", columns: [6, 9], rows: rows, frozenRows: 1)
  }

  static let processorColumns = [
    "Identifiant", "Nom", "Pays du siège", "Soumis à un droit extra-européen", "Pays d'hébergement", "Hébergeur",
    "Contrat art. 28 signé", "Date du contrat", "Référence du contrat", "Sous-traitants ultérieurs", "Certifications",
    "Certification DPF", "Contact du DPD", "Services",
  ]

  static func yesNo(_ b: Bool?) -> String { b.map { $0 ? "Oui" : "Non" } ?? "" }

  static func processors(_ register: Register) -> Sheet {
    var rows: [[OutCell]] = [processorColumns.map { .t($0, bold: true) }]
    for p in register.sousTraitants {
      rows.append([
        .t(p.id), .t(p.nom), .t(CNILVocabulary.countryName(p.pays)), .t(yesNo(p.soumisDroitExtraEuropeen)),
        .t(p.hebergement.map { CNILVocabulary.countryName($0.pays) }), .t(p.hebergement?.prestataire), .t(p.contrat.map { yesNo($0.signe) }),
        .d(p.contrat?.date), .t(p.contrat?.reference),
        .t(p.sousTraitantsUlterieurs.map { "\($0.nom) (\(CNILVocabulary.countryName($0.pays)))" }.joined(separator: "\n")),
        .t(p.certifications.map(\.libelle).joined(separator: "\n")), .t(yesNo(p.certificationDPF)), .t(p.contactDPD), .t(p.services),
      ])
    }
    return Sheet(name: "Sous-traitants", columns: Array(repeating: 4, count: processorColumns.count), rows: rows, frozenRows: 1,
      filter: (0, max(0, rows.count - 1), processorColumns.count - 1))
  }

  static let breachColumns = [
    "Identifiant", "Date de découverte", "Date de survenance", "Types", "Description", "Traitements concernés",
    "Personnes concernées", "Catégories de données", "Volume d'enregistrements", "Données chiffrées", "Conséquences",
    "Risque", "Notification à la CNIL", "Date de notification", "Information des personnes", "Mesures prises",
    "DPD informé le", "Sous-traitant",
  ]

  static func breaches(_ register: Register) -> Sheet {
    var rows: [[OutCell]] = [breachColumns.map { .t($0, bold: true) }]
    for v in register.violations {
      rows.append([
        .t(v.id), .d(v.dateDecouverte), .d(v.dateSurvenance), .t(v.types.map(\.libelle).joined(separator: "\n")), .t(v.description),
        .t(v.traitements.map { id in register.traitements.first { $0.id == id }?.nom ?? id }.joined(separator: "\n")),
        .t(v.personnesConcernees.map { [$0.categorie.libelle, $0.precisions].compactMap { $0 }.joined(separator: " : ") }.joined(separator: "\n")),
        .t(v.categoriesDonnees.map(\.libelle).joined(separator: "\n")), .t(v.volumeEnregistrements.map { "\($0)" }),
        .t(yesNo(v.donneesChiffrees)), .t(v.consequences), .t(v.risque?.libelle),
        .t(v.notificationCNIL.map { $0.faite ? "Oui" : "Non : \($0.justification ?? "motif non précisé")" }), .d(v.notificationCNIL?.date),
        .t(v.informationPersonnes.map { $0.faite ? "Oui" : "Non : \($0.justification ?? "motif non précisé")" }),
        .t(v.mesures), .d(v.dpdInformeLe), .t(v.sousTraitant.flatMap { register.processor($0)?.nom ?? $0 }),
      ])
    }
    return Sheet(name: "Violations", columns: Array(repeating: 4, count: breachColumns.count), rows: rows, frozenRows: 1,
      filter: (0, max(0, rows.count - 1), breachColumns.count - 1))
  }

  static let actionColumns = [
    "Identifiant", "Action", "Constats suivis", "Recommandation", "Responsable", "Échéance", "Statut",
    "Motif d'abandon", "Date de réalisation",
  ]

  static func actions(_ register: Register) -> Sheet {
    var rows: [[OutCell]] = [actionColumns.map { .t($0, bold: true) }]
    for a in register.actions {
      rows.append([
        .t(a.id), .t(a.titre), .t(a.constats.map { "\($0.regle) (\($0.fiche))" }.joined(separator: "\n")), .t(a.recommandation),
        .t(a.responsable), .d(a.echeance), .t(a.statut.libelle), .t(a.motifAbandon), .d(a.dateRealisation),
      ])
    }
    return Sheet(name: "Plan d'action", columns: Array(repeating: 4, count: actionColumns.count), rows: rows, frozenRows: 1,
      filter: (0, max(0, rows.count - 1), actionColumns.count - 1))
  }

  static let requestColumns = [
    "Identifiant", "Reçue le", "Demandeur", "Droit exercé", "Traitements concernés", "Identité vérifiée",
    "Délai de réponse", "Prolongation notifiée le", "Motif de la prolongation", "Réponse le", "Décision", "Motif du refus",
  ]

  static func requests(_ register: Register) -> Sheet {
    var rows: [[OutCell]] = [requestColumns.map { .t($0, bold: true) }]
    for d in register.demandes {
      rows.append([
        .t(d.id), .d(d.dateReception), .t(d.demandeur.libelle), .t(d.droit.libelle),
        .t(d.traitements.map { id in register.traitements.first { $0.id == id }?.nom ?? id }.joined(separator: "\n")),
        .t(yesNo(d.identiteVerifiee)), .d(d.deadline), .d(d.prolongation?.dateNotification), .t(d.prolongation?.motif),
        .d(d.reponse?.date), .t(d.reponse?.decision.libelle), .t(d.reponse?.motifRefus),
      ])
    }
    return Sheet(name: "Demandes", columns: Array(repeating: 4, count: requestColumns.count), rows: rows, frozenRows: 1,
      filter: (0, max(0, rows.count - 1), requestColumns.count - 1))
  }

  /// Sheet names: the treatment's id, cut to 31 characters (the most Excel reads), unique.
  static func sheets(_ register: Register) -> [Sheet] {
    var used: Set<String> = [CNILVocabulary.listSheet, "Établissement", "Sous-traitants", "Violations", "Plan d'action", "Demandes"]
    var out = [list(register)]
    for t in register.traitements {
      var name = String(t.id.prefix(31))
      var n = 2
      while used.contains(name) {
        name = String(t.id.prefix(28)) + "-\(n)"
        n += 1
      }
      used.insert(name)
      out.append(fiche(t, in: register, name: name))
    }
    out += [school(register.etablissement), processors(register), breaches(register)]
    if !register.actions.isEmpty { out.append(actions(register)) }
    if !register.demandes.isEmpty { out.append(requests(register)) }
    return out
  }

  // MARK: ODS

  static let mimeType = "application/vnd.oasis.opendocument.spreadsheet"

  /// The files of the `.ods`, in order: `mimetype` (to be stored first, uncompressed), manifest, styles,
  /// settings (frozen rows), content.
  public static func odsParts(_ register: Register) -> [(String, Data)] {
    let sheets = sheets(register)
    return [
      ("mimetype", Data(mimeType.utf8)), ("META-INF/manifest.xml", Data(manifest.utf8)), ("styles.xml", Data(styles.utf8)),
      ("settings.xml", Data(settings(sheets).utf8)), ("content.xml", Data(content(sheets).utf8)),
    ]
  }

  static let manifest = """
    <?xml version="1.0" encoding="UTF-8"?>
    <manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
     <manifest:file-entry manifest:full-path="/" manifest:version="1.2" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
     <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
     <manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>
     <manifest:file-entry manifest:full-path="settings.xml" manifest:media-type="text/xml"/>
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

  static func settings(_ sheets: [Sheet]) -> String {
    var s = """
      <?xml version="1.0" encoding="UTF-8"?>
      <office:document-settings xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:config="urn:oasis:names:tc:opendocument:xmlns:config:1.0" office:version="1.2">
       <office:settings>
        <config:config-item-set config:name="ooo:view-settings">
         <config:config-item-map-indexed config:name="Views">
          <config:config-item-map-entry>
           <config:config-item config:name="ViewId" config:type="string">view1</config:config-item>
           <config:config-item-map-named config:name="Tables">

      """
    for sheet in sheets where sheet.frozenRows > 0 {
      s += "      <config:config-item-map-entry config:name=\"\(XMLText.escape(sheet.name))\">"
      for (name, type, value) in [
        ("HorizontalSplitMode", "short", 0), ("VerticalSplitMode", "short", 2), ("HorizontalSplitPosition", "int", 0),
        ("VerticalSplitPosition", "int", sheet.frozenRows), ("ActiveSplitRange", "short", 2), ("PositionLeft", "int", 0),
        ("PositionRight", "int", 0), ("PositionTop", "int", 0), ("PositionBottom", "int", sheet.frozenRows),
      ] {
        s += "<config:config-item config:name=\"\(name)\" config:type=\"\(type)\">\(value)</config:config-item>"
      }
      s += "</config:config-item-map-entry>\n"
    }
    s += """
           </config:config-item-map-named>
          </config:config-item-map-entry>
         </config:config-item-map-indexed>
        </config:config-item-set>
       </office:settings>
      </office:document-settings>

      """
    return s
  }

  static func quoted(_ sheet: String) -> String { "'" + sheet.replacingOccurrences(of: "'", with: "''") + "'" }

  static func content(_ sheets: [Sheet]) -> String {
    var s = """
      <?xml version="1.0" encoding="UTF-8"?>
      <office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
      xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" \
      xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" \
      xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" \
      xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" \
      xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.2">
       <office:automatic-styles>
        <number:date-style style:name="N1"><number:day number:style="long"/><number:text>/</number:text><number:month number:style="long"/><number:text>/</number:text><number:year number:style="long"/></number:date-style>
        <style:style style:name="ce1" style:family="table-cell"><style:table-cell-properties fo:wrap-option="wrap" style:vertical-align="top"/><style:text-properties fo:font-weight="bold"/></style:style>
        <style:style style:name="ce2" style:family="table-cell"><style:table-cell-properties fo:wrap-option="wrap" style:vertical-align="top"/></style:style>
        <style:style style:name="ce3" style:family="table-cell" style:data-style-name="N1"><style:table-cell-properties style:vertical-align="top"/></style:style>

      """
    var widths: [Double] = []
    for sheet in sheets { for w in sheet.columns where !widths.contains(w) { widths.append(w) } }
    for (i, w) in widths.enumerated() {
      s += "    <style:style style:name=\"co\(i + 1)\" style:family=\"table-column\"><style:table-column-properties style:column-width=\"\(w)cm\"/></style:style>\n"
    }
    s += "   </office:automatic-styles>\n   <office:body>\n    <office:spreadsheet>\n"
    for sheet in sheets {
      s += "     <table:table table:name=\"\(XMLText.escape(sheet.name))\">"
      for w in sheet.columns { s += "<table:table-column table:style-name=\"co\((widths.firstIndex(of: w) ?? 0) + 1)\"/>" }
      s += "\n"
      for row in sheet.rows {
        s += "      <table:table-row>"
        for cell in row {
          let span = cell.span > 1 ? " table:number-columns-spanned=\"\(cell.span)\" table:number-rows-spanned=\"1\"" : ""
          if let day = cell.date {
            s += "<table:table-cell table:style-name=\"ce3\"\(span) office:value-type=\"date\" office:date-value=\"\(day)\"><text:p>\(day.jour < 10 ? "0" : "")\(day.jour)/\(day.mois < 10 ? "0" : "")\(day.mois)/\(day.annee)</text:p></table:table-cell>"
          } else if cell.text.isEmpty {
            s += "<table:table-cell table:style-name=\"\(cell.bold ? "ce1" : "ce2")\"\(span)/>"
          } else {
            s += "<table:table-cell table:style-name=\"\(cell.bold ? "ce1" : "ce2")\"\(span) office:value-type=\"string\">"
            for paragraph in cell.text.split(separator: "\n", omittingEmptySubsequences: false) {
              s += "<text:p>\(XMLText.escape(String(paragraph)))</text:p>"
            }
            s += "</table:table-cell>"
          }
          if cell.span > 1 { s += String(repeating: "<table:covered-table-cell/>", count: cell.span - 1) }
        }
        s += "</table:table-row>\n"
      }
      if sheet.rows.isEmpty { s += "      <table:table-row><table:table-cell/></table:table-row>\n" }
      s += "     </table:table>\n"
    }
    let filtered = sheets.filter { $0.filter != nil }
    if !filtered.isEmpty {
      s += "     <table:database-ranges>\n"
      for (i, sheet) in filtered.enumerated() {
        guard let (first, last, lastColumn) = sheet.filter else { continue }
        let range = "\(quoted(sheet.name)).A\(first + 1):\(quoted(sheet.name)).\(Table.columnLetters(lastColumn))\(last + 1)"
        s += "      <table:database-range table:name=\"__Anonymous_Sheet_DB__\(i)\" table:target-range-address=\"\(XMLText.escape(range))\" table:display-filter-buttons=\"true\"/>\n"
      }
      s += "     </table:database-ranges>\n"
    }
    s += "    </office:spreadsheet>\n   </office:body>\n  </office:document-content>\n"
    return s
  }

  // MARK: CSV

  /// One row per treatment, columns in the order of the CNIL fiche's blocks, then Registre's complements.
  public static let csvColumns = [
    "Nom du traitement", "N° / RÉF", "Date de création du traitement", "Mise à jour du traitement",
    "Responsable du traitement", "Délégué à la protection des données", "Responsable(s) conjoint(s)",
    "Finalité principale", "Sous-finalités", "Catégories de données personnelles concernées", "Données sensibles",
    "Catégories de personnes concernées", "Destinataires", "Mesures de sécurité", "Transferts hors UE",
    "Statut de la fiche", "Logiciel ou application", "Type de responsable", "Base légale", "Sous-traitants", "AIPD", "Remarques",
  ]

  public static func csvRows(_ register: Register) -> [[String]] {
    let school = register.etablissement
    return register.traitements.map { t in
      func data(_ sensitive: Bool) -> String {
        t.donnees.filter { ($0.categorie.estArticle9 || $0.categorie == .infractions) == sensitive }.map { d in
          let label = (CNILVocabulary.dataRows + CNILVocabulary.sensitiveRows).first { $0.category == d.categorie }?.label ?? d.categorie.libelle
          return [label, d.description, retentionText(d.conservation)].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " : ")
        }.joined(separator: "\n")
      }
      return [
        t.nom, t.id, t.dateCreation?.description ?? "", t.derniereMiseAJour?.description ?? "",
        school.responsableTraitement.nom, school.dpd.map { [$0.nom, $0.organisme].compactMap { $0 }.joined(separator: ", ") } ?? "",
        t.responsable.type == .conjoint ? t.responsable.coresponsables.joined(separator: "\n") : "",
        t.finalitePrincipale, t.sousFinalites.joined(separator: "\n"), data(false), data(true),
        t.personnesConcernees.map { [CNILVocabulary.subjectLabel($0.categorie), $0.precisions].compactMap { $0 }.joined(separator: " : ") }.joined(separator: "\n"),
        t.destinataires.map { "\(CNILVocabulary.recipientLabel($0.type)) : \($0.nom)" }.joined(separator: "\n"),
        t.mesuresSecurite.map { [CNILVocabulary.measureLabel($0.famille), $0.precisions].compactMap { $0 }.joined(separator: " : ") }.joined(separator: "\n"),
        t.transferts.map { [$0.destinataire, CNILVocabulary.countryName($0.pays), CNILVocabulary.safeguardLabel($0.garantie), $0.documentation].compactMap { $0 }.joined(separator: " — ") }.joined(separator: "\n"),
        t.statut.libelle, t.logiciel ?? "", t.responsable.type.libelle, t.baseLegale?.article6.libelle ?? "",
        t.sousTraitants.map { register.processor($0)?.nom ?? $0 }.joined(separator: "\n"),
        t.aipd.map { [$0.statut.libelle, $0.date?.description].compactMap { $0 }.joined(separator: ", ") } ?? "", t.remarques ?? "",
      ]
    }
  }
}

import Foundation
import Testing

@testable import RegistreDocuments

/// The XSLT step alone (no Java): golden FO files, French typography, every
/// Art. 13 item in the notices, overrides by a school.
@Suite("Modèles XSLT → XSL-FO")
struct TemplateTests {
  static let date = DocumentDate(date: Date(timeIntervalSince1970: 1_795_824_000), isFixed: true)

  static func pipeline(_ library: TemplateLibrary? = nil) throws -> DocumentPipeline {
    DocumentPipeline(
      templates: try library ?? Tools.builtInTemplates, transformer: LibXSLTTransformer(),
      renderer: try Tools.builtInTemplates.fopRenderer(), date: date, toolVersion: "test")
  }

  static func fo(
    _ kind: DocumentKind, treatment: String? = nil, library: TemplateLibrary? = nil
  ) throws -> String {
    let input = try Tools.fixture(
      kind.readsRegister
        ? "registre-mini.xml"
        : kind == .batchAudit
          ? "audit-lot-mini.xml"
          : kind == .yearlyReview
            ? "bilan-mini.xml"
            : kind == .opinion
              ? "avis-mini.xml" : kind == .toolFamilyNote ? "note-familles-outil-mini.xml" : "constats-mini.xml")
    let data = try pipeline(library).formattingObjects(for: kind, input: input, treatment: treatment)
    return String(decoding: data, as: UTF8.self)
  }

  /// Text content of an FO document, with no-break spaces kept.
  static func text(_ fo: String) -> String {
    var result = ""
    var inTag = false
    for character in fo {
      if character == "<" { inTag = true; result.append(" "); continue }
      if character == ">" { inTag = false; continue }
      if !inTag { result.append(character) }
    }
    return result.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
  }

  @Test("Le FO est identique au fichier de référence", arguments: [
    ("registre", DocumentKind.register, String?.none),
    ("notice-familles", .noticeFamilies, nil),
    ("notice-eleves", .noticePupils, nil),
    ("notice-familles-siecle", .noticeFamilies, "siecle"),
    ("rapport-audit", .auditReport, nil),
    ("audit-lot", .batchAudit, nil),
    ("bilan", .yearlyReview, nil),
    ("avis", .opinion, nil),
    ("note-familles-outil", .toolFamilyNote, nil),
  ])
  func golden(name: String, kind: DocumentKind, treatment: String?) throws {
    let fo = try Self.fo(kind, treatment: treatment)
    let goldenFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("Golden").appendingPathComponent(name + ".fo")
    if ProcessInfo.processInfo.environment["REGISTRE_REGENERER_REFERENCES"] == "1" {
      try FileManager.default.createDirectory(
        at: goldenFile.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(fo.utf8).write(to: goldenFile)
    }
    let expected = try String(contentsOf: goldenFile, encoding: .utf8)
    #expect(fo == expected, "FO différent de \(goldenFile.path) ; REGISTRE_REGENERER_REFERENCES=1 pour le régénérer")
  }

  /// Issue 23: the cover names the académie as French writes it, whatever the fiche holds.
  @Test(arguments: [
    ("Lyon", "Académie de Lyon"), ("Aix-Marseille", "Académie d’Aix-Marseille"),
    ("Orléans-Tours", "Académie d’Orléans-Tours"), ("Académie de Lyon", "Académie de Lyon"),
    ("académie d'Amiens", "académie d’Amiens"),
  ])
  func theCoverNamesTheAcademieOnce(_ field: String, _ expected: String) throws {
    let mini = String(decoding: try Tools.fixture("registre-mini.xml"), as: UTF8.self)
    #expect(mini.contains("<academie>Lyon</academie>"))
    let input = Data(mini.replacingOccurrences(of: "<academie>Lyon</academie>", with: "<academie>\(field)</academie>").utf8)
    let fo = String(decoding: try Self.pipeline().formattingObjects(for: .register, input: input, treatment: nil), as: UTF8.self)
    let text = Self.text(fo)
    #expect(text.contains(expected), "\(field)")
    #expect(!text.contains("Académie de Académie") && !text.contains("Académie de académie"))
    #expect(!text.contains("Académie de A") && !text.contains("Académie de O"))
  }

  @Test func opinionTemplatePlacesEveryTextOfTheOpinion() throws {
    let text = Self.text(try Self.fo(.opinion))
    #expect(text.contains("Verdict : à proscrire"))
    #expect(text.contains("1. [RGPD] Publicité auprès des élèves."))
    #expect(text.contains("2. [RGPD] Informer les familles."))
    #expect(text.contains("Réf. : RGPD, art. 28 (contrat-art-28)"))
    #expect(text.contains("Sonde TLS des points d'accès"))
    #expect(text.contains("Signature :"))
    #expect(text.contains("A&amp;B &lt;test&gt;"))
    #expect(try Self.fo(.opinion).contains("background-color=\"#F4CCCC\""))
  }

  @Test func toolFamilyNoteTemplatePlacesEveryText() throws {
    let text = Self.text(try Self.fo(.toolFamilyNote))
    #expect(text.contains("Information des familles : utilisation de QuizCloud"))
    #expect(text.contains("Brouillon produit par"))
    #expect(text.contains("Qui y a accès ?"))
    #expect(text.contains("• l'éditeur A&amp;B &lt;test&gt;"))
    #expect(text.contains("Les données sont conservées 2 ans. À COMPLÉTER"))
  }

  @Test func yearlyReviewTemplateShowsBothYears() throws {
    let text = Self.text(try Self.fo(.yearlyReview))
    #expect(text.contains("Bilan annuel 2026"))
    #expect(text.contains("Lycée Marie-Curie (fictif)"))
    #expect(text.contains("22"))
    #expect(text.contains("20"))
  }

  @Test func foIsDeterministic() throws {
    #expect(try Self.fo(.register) == Self.fo(.register))
  }

  @Test func frenchTypography() throws {
    let text = Self.text(try Self.fo(.register))
    #expect(text.contains("28\u{A0}novembre\u{A0}2026"))
    #expect(text.contains("1er\u{A0}septembre\u{A0}2025"))
    #expect(text.contains("Vie scolaire\u{A0}: absences"))
    #expect(text.contains("« Lycée Marie-Curie (fictif)\u{A0}»") == false)
    #expect(text.contains("«\u{A0}Lycée Marie-Curie (fictif)\u{A0}»"))
    #expect(text.contains("gestion scolaire\u{202F}; un seul"))
    #expect(text.contains("l’assiduité"))
    #expect(Bool(!text.contains(" :")), "deux-points sans espace insécable")
    #expect(Bool(!text.contains("'")), "apostrophe droite")
    #expect(text.contains("3\u{A0}mois"))
  }

  @Test func registerHasEveryRecordField() throws {
    let fo = try Self.fo(.register)
    let text = Self.text(fo)
    for label in [
      "Référence", "Statut de la fiche", "Responsable du traitement", "Finalité principale",
      "Sous-finalités", "Base légale", "Personnes concernées", "Origine des données",
      "Destinataires", "Sous-traitants", "Transferts hors de l’Union européenne",
      "Mesures de sécurité", "Logiciel ou outil utilisé", "Analyse d’impact (AIPD)",
      "Décision automatisée ou profilage", "Information des personnes",
      "Catégories de données et durées de conservation", "Flux de données",
      "Annexe\u{A0}: sous-traitants", "Registre des violations de données",
      "Signature du responsable de traitement", "Synthèse des traitements",
    ] {
      #expect(Bool(text.contains(label)), "libellé absent : \(label)")
    }
    for value in [
      "Affelnet", "Arrêté du 22 septembre 2010 modifié", "États-Unis", "Data Privacy Framework",
      "CT-2025-014", "Non signé", "Croisement ou combinaison de jeux de données", "Adresses seulement",
      "Journalisation des accès pendant 6 mois", "TLS 1.2, 1.3", "5\u{A0}ans",
    ] {
      #expect(Bool(text.contains(value)), "valeur absente : \(value)")
    }
    #expect(fo.contains("pdf:embedded-file"))
    #expect(fo.contains("filename=\"registre.xml\""))
    #expect(fo.contains("<fo:table-header>"))
    #expect(fo.contains("fo:bookmark-tree"))
    #expect(fo.contains("fo:page-number-citation-last"))
    #expect(fo.contains("xml:lang=\"fr\""))
    #expect(fo.contains("<xmp:CreateDate>2026-11-28T00:00:00Z</xmp:CreateDate>"))
  }

  @Test(arguments: [DocumentKind.noticeFamilies, .noticePupils])
  func noticeCoversArticle13(kind: DocumentKind) throws {
    let text = Self.text(try Self.fo(kind))
    // Every treatment about pupils or families, the DPD, the CNIL, rights.
    for item in [
      "Vie scolaire", "Base élèves établissement (SIECLE)", "Restauration scolaire",
      "dpd@ac-lyon.fr", "ce.0699990a@ac-lyon.fr", "CNIL", "www.cnil.fr/plaintes",
      "Index Éducation", "1\u{A0}an",
    ] {
      #expect(Bool(text.contains(item)), "élément absent de la notice : \(item)")
    }
    // The detail (sources, countries, final fate) is for the families' annex; pupils get the short version.
    if kind == .noticeFamilies {
      for item in ["Affelnet", "États-Unis", "archives"] {
        #expect(Bool(text.contains(item)), "élément absent de la notice : \(item)")
      }
    } else {
      #expect(text.contains("Certaines partent hors d’Europe"))
    }
  }

  @Test func familyNoticeNamesEachRight() throws {
    let text = Self.text(try Self.fo(.noticeFamilies))
    for right in [
      "droit d’accès", "droit de rectification", "droit à l’effacement", "droit à la limitation",
      "droit d’opposition", "droit à la portabilité", "réclamation", "mission d’intérêt public",
      "obligation légale", "RNIE pour l’identifiant national élève (INE)",
      "Décision automatique", "délai d’un mois",
    ] {
      #expect(Bool(text.contains(right)), "absent : \(right)")
    }
  }

  @Test func perTreatmentNoticeCoversOnlyThatTreatment() throws {
    let text = Self.text(try Self.fo(.noticeFamilies, treatment: "siecle"))
    #expect(text.contains("Information des familles – Base élèves établissement (SIECLE)"))
    #expect(!text.contains("Restauration scolaire"))
  }

  @Test func unknownTreatmentIsAClearError() throws {
    do {
      _ = try Self.fo(.noticePupils, treatment: "inconnu")
      Issue.record("aurait dû échouer")
    } catch let error as DocumentError {
      #expect(error.message.contains("traitement inconnu\u{A0}: inconnu") || error.message.contains("traitement inconnu : inconnu"))
    }
  }

  @Test func auditReportGroupsFindings() throws {
    let text = Self.text(try Self.fo(.auditReport))
    for item in [
      "aipd-requise-manquante", "Erreur", "Avertissement", "Accepté", "Correction proposée",
      "71\u{A0}%", "Constats généraux", "personnes vulnérables",
    ] {
      #expect(Bool(text.contains(item)), "absent : \(item)")
    }
    let error = try #require(text.range(of: "aipd-requise-manquante"))
    let warning = try #require(text.range(of: "contrat-sous-traitant-absent"))
    #expect(error.lowerBound < warning.lowerBound)
  }

  @Test func schoolCanOverrideTemplates() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "registre-modeles-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let written = try Tools.builtInTemplates.export(to: folder)
    #expect(written.contains { $0.lastPathComponent == "registre.xsl" })
    #expect(written.contains { $0.path.hasSuffix("fop/fop.xconf") })
    // A second export to the same folder is refused rather than overwriting edits.
    #expect(throws: DocumentError.self) { try Tools.builtInTemplates.export(to: folder) }

    let commun = folder.appendingPathComponent("commun.xsl")
    var text = try String(contentsOf: commun, encoding: .utf8)
    text = text.replacingOccurrences(
      of: "<xsl:text>page </xsl:text>", with: "<xsl:text>Lycée modèle – page </xsl:text>")
    try Data(text.utf8).write(to: commun)
    let custom = try TemplateLibrary.custom(folder)
    #expect(try Self.fo(.noticePupils, library: custom).contains("Lycée modèle – page "))
    #expect(try !Self.fo(.noticePupils).contains("Lycée modèle"))
  }

  @Test func missingTemplateFolderIsReported() {
    #expect(throws: DocumentError.templatesFolderMissing(path: "/nonexistent/modeles")) {
      try TemplateLibrary.custom(URL(fileURLWithPath: "/nonexistent/modeles"))
    }
  }

  @Test func templatesCannotReadOtherFiles() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "registre-modeles-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    _ = try Tools.builtInTemplates.export(to: folder)
    let sneaky = """
      <xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
        <xsl:template match="/"><r><xsl:copy-of select="document('/etc/hostname')"/></r></xsl:template>
      </xsl:stylesheet>
      """
    try Data(sneaky.utf8).write(to: folder.appendingPathComponent("notice-eleves.xsl"))
    #expect(throws: DocumentError.self) {
      try Self.fo(.noticePupils, library: TemplateLibrary.custom(folder))
    }
  }

  @Test func documentDateComesFromSourceDateEpoch() {
    let fixed = DocumentDate.fromEnvironment(["SOURCE_DATE_EPOCH": "1795824000"])
    #expect(fixed.isFixed)
    #expect(fixed.day == "2026-11-28")
    #expect(fixed.timestamp == "2026-11-28T00:00:00Z")
    #expect(!DocumentDate.fromEnvironment(["SOURCE_DATE_EPOCH": "demain"]).isFixed)
  }
}

@Suite("XML des constats d'audit")
struct AuditFindingsDocumentTests {
  @Test func writesEscapedDeterministicXMLThatTheTemplateReads() throws {
    let document = AuditFindingsDocument(
      schoolName: "Collège « A & B »", uai: "0999998E", date: "2026-11-28", schoolScore: 80,
      treatments: [
        .init(
          id: "ent", name: "ENT <test>", score: 50,
          findings: [
            .init(
              rule: "aipd-requise-manquante", severity: "error", message: "AIPD manquante",
              reference: "RGPD art. 35", remediation: "Faire l'AIPD", criteria: ["élèves"]),
            .init(rule: "x", severity: "note", message: "accepté", acceptance: "parce que"),
          ]),
        .init(id: "vide", name: "Sans constat", score: 100, findings: []),
      ],
      general: [.init(rule: "y", severity: "warning", message: "général", subject: "sous-traitant « z »")])
    let xml = document.xml()
    #expect(xml == document.xml())
    let text = String(decoding: xml, as: UTF8.self)
    #expect(text.contains("nom=\"Collège « A &amp; B »\""))
    #expect(text.contains("nom=\"ENT &lt;test&gt;\""))
    #expect(text.contains("statut=\"accepte\""))

    let pipeline = try TemplateTests.pipeline()
    let fo = String(decoding: try pipeline.formattingObjects(for: .auditReport, input: xml), as: UTF8.self)
    let foText = TemplateTests.text(fo)
    #expect(foText.contains("ENT <test>") || foText.contains("ENT &lt;test&gt;"))
    #expect(foText.contains("sous-traitant « z »") || foText.contains("sous-traitant «\u{A0}z\u{A0}»"))
    #expect(foText.contains("80\u{A0}%"))
  }
}

@Suite("Registre presque vide")
struct EmptyRegisterTests {
  /// Only the mandatory fields: no orphan punctuation, no empty table cell
  /// (FOP refuses them), a sentence where a list would be empty.
  @Test(arguments: [DocumentKind.register, .noticeFamilies, .noticePupils])
  func optionalFieldsMayBeMissing(kind: DocumentKind) throws {
    let input = try Tools.fixture("registre-vide.xml")
    let fo = String(
      decoding: try TemplateTests.pipeline().formattingObjects(for: kind, input: input), as: UTF8.self)
    #expect(fo.range(of: "<fo:table-cell[^>]*/>", options: .regularExpression) == nil)
    let text = TemplateTests.text(fo)
    #expect(!text.contains("()"))
    #expect(!text.contains(", ;") && !text.contains(",\u{202F};"))
    #expect(!text.contains("Académie de "))
    #expect(text.contains("Aucun") || text.contains("aucun"))
  }
}

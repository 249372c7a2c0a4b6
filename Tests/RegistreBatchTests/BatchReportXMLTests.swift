import Foundation
import RegistreBatch
import RegistreGenerator
import RegistreModel
import RegistreRules
import RegistreWorkflows
import RegistreXML
import Testing
import RegistreTestSupport

/// The batch report's XML, input of the consolidated PDF (`audit-lot.xsl`).
@Suite struct BatchReportXMLTests {
  static let ns = BatchReportXML.espaceDeNoms

  /// Three schools (one unreadable) and two rules: the same report as the documents
  /// tests' fixture `audit-lot-mini.xml`, which must stay this module's real output.
  static func minimalReport() throws -> BatchReport {
    let jour = try #require(Day(annee: 2026, mois: 1, jour: 15))
    var a = SchoolRow(source: "0980001A.xml", uai: "0980001A", nom: "Collège Jean « Moulin » & fils (fictif)")
    a.traitements = 12
    a.erreurs = 3
    a.avertissements = 5
    a.notes = 1
    a.acceptes = 2
    a.score = 71
    var b = SchoolRow(source: "0980002B.xml", uai: "0980002B", nom: "Lycée Victor Hugo (fictif)")
    b.traitements = 8
    b.score = 100
    var c = SchoolRow(source: "0980003C.xml")
    // A control character, as a diagnostic quoting a broken file may carry: dropped, not fatal.
    c.probleme = "0980003C.xml:4:2: erreur: XML mal formé\u{1}"
    c.nombreProblemes = 3
    var aipd = RuleStatistic(regle: "aipd-requise-manquante")
    aipd.etablissements = 1
    aipd.traitements = 2
    aipd.constats = 2
    let mfa = RuleStatistic(regle: "acces-sans-mfa")
    return BatchReport(
      dossier: "/srv/academie/lot", dateAudit: jour, regles: ["aipd-requise-manquante", "acces-sans-mfa"],
      etablissements: [a, b, c], parRegle: [aipd, mfa])
  }

  @Test func treeFaithfulToTheReport() throws {
    let rapport = try Self.minimalReport()
    let racine = BatchReportXML.tree(rapport)
    #expect(racine.name == "audit-lot")
    #expect(racine.namespace == Self.ns)
    #expect(racine.attribute("date") == "2026-01-15")
    #expect(racine.attribute("dossier") == "/srv/academie/lot")
    #expect(racine.children.map(\.name) == ["synthese", "etablissements", "regles"])
    #expect(racine.children.allSatisfy { $0.namespace == Self.ns })

    let synthese = try #require(racine.child(named: "synthese"))
    #expect(synthese.attribute("registres") == "3")
    #expect(synthese.attribute("audites") == "2")
    #expect(synthese.attribute("illisibles") == "1")
    #expect(synthese.attribute("erreurs") == "3")
    #expect(synthese.attribute("acceptes") == "2")
    #expect(synthese.attribute("score-moyen") == String(try #require(rapport.scoreMoyen)))

    let lignes = try #require(racine.child(named: "etablissements")).children(named: "etablissement")
    #expect(lignes.map { $0.attribute("source") } == rapport.etablissements.map(\.source))
    #expect(lignes[0].attribute("statut") == "audite")
    #expect(lignes[0].attribute("score") == "71")
    #expect(lignes[0].attribute("nom") == "Collège Jean « Moulin » & fils (fictif)")
    #expect(lignes[2].attribute("statut") == "illisible")
    #expect(lignes[2].attribute("problemes") == "3")
    #expect(lignes[2].attribute("score") == nil)
    #expect(lignes[2].child(named: "probleme")?.text == "0980003C.xml:4:2: erreur: XML mal formé")

    // Titles and severities come from the rules, never retyped.
    let regles = try #require(racine.child(named: "regles")).children(named: "regle")
    #expect(regles.map { $0.attribute("id") } == ["aipd-requise-manquante", "acces-sans-mfa"])
    for (element, id) in zip(regles, rapport.regles) {
      let regle = try #require(Rules.all.first { $0.id == id })
      #expect(element.text == regle.title)
      #expect(element.attribute("gravite") == regle.severity.englishKey)
    }
    #expect(regles[0].attribute("etablissements") == "1")
    #expect(regles[0].attribute("traitements") == "2")
    #expect(regles[0].attribute("constats") == "2")
  }

  @Test func deterministicBytesReadBackIdentically() throws {
    let rapport = try Self.minimalReport()
    let donnees = try BatchReportXML.xmlData(rapport)
    #expect(donnees == (try BatchReportXML.xmlData(rapport)))
    let relu = try XMLDocument.parse(data: donnees, name: "audit-lot.xml").rootElement()
    #expect(relu == BatchReportXML.tree(rapport))
  }

  /// The documents module's fixture is this writer's output, byte for byte
  /// (`REGISTRE_REGENERER_REFERENCES=1` rewrites it).
  @Test func documentsFixtureIsUpToDate() throws {
    let donnees = try BatchReportXML.xmlData(try Self.minimalReport())
    let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("RegistreDocumentsTests/Fixtures/audit-lot-mini.xml")
    if ProcessInfo.processInfo.environment["REGISTRE_REGENERER_REFERENCES"] == "1" {
      try donnees.write(to: fixture)
    }
    #expect(donnees == (try Data(contentsOf: fixture)), "REGISTRE_REGENERER_REFERENCES=1 pour régénérer \(fixture.path)")
  }

  @Test func generatedBatchCountsLikeTheReport() throws {
    let dossier = try TemporaryFolder.make()
    defer { try? FileManager.default.removeItem(at: dossier) }
    _ = try RegisterGenerator(
      GenerationParameters(etablissements: 4, traitements: 10, graine: 3, partDefauts: 0.3, illisibles: 1)
    ).write(dans: dossier)
    let rapport = try BatchAudit.run(dossier, dateAudit: try #require(Day(annee: 2026, mois: 1, jour: 15)), acceptances: AcceptancesFile.reader)
    let racine = BatchReportXML.tree(rapport)
    let lignes = try #require(racine.child(named: "etablissements")).children(named: "etablissement")
    #expect(lignes.count == 4)
    #expect(lignes.filter { $0.attribute("statut") == "illisible" }.count == 1)
    #expect(lignes.compactMap { $0.attribute("erreurs").flatMap(Int.init) }.reduce(0, +) == rapport.erreurs)
    #expect(try #require(racine.child(named: "regles")).children.count == Rules.all.count)
    #expect(throws: Never.self) { try BatchReportXML.xmlData(rapport) }
  }
}

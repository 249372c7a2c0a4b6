import Foundation
import RegistreTestSupport
import RegistreModel
import Testing
@testable import RegistreRules

@Suite struct OutputTests {
  static var report: (Register, AuditReport) {
    var r = EngineTests.register
    r.traitements[1].criteresAIPD = [.evaluationNotation]
    r.sousTraitants[0].contrat = nil
    let acceptance = Acceptance(
      regle: "flux-tls-obsolete", traitement: "ent", justification: "TLS 1.3 prévu à la rentrée.",
      par: "Mme Principale", date: Fixture.day("2026-11-20"))
    return (r, Audit.run(r, context: Fixture.context, acceptances: Acceptances([acceptance])))
  }

  static func locate(_ f: Finding) -> FindingLocation? {
    FindingLocation(file: FindingLocation.defaultFile(for: f.subject), line: 7, column: 3, field: f.field)
  }

  static let repository = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  @Test func textGroupsByTreatmentWithScoresAndSummary() {
    let (r, report) = Self.report
    let text = AuditTextReport.render(report, registre: r, locate: Self.locate)
    #expect(text.contains("Traitement « ent » — Espace numérique — conformité"))
    #expect(text.contains("Sous-traitant « editeur »"))
    #expect(text.contains("erreur [aipd-requise-manquante]"))
    #expect(text.contains("critères : critère 1"))
    #expect(text.contains("accepté (note) [flux-tls-obsolete]"))
    #expect(text.contains("à : traitements/ent.yaml:7:3"))
    #expect(text.contains("Traitements sans constat : vie-scolaire."))
    #expect(
      text.contains(
        "Résumé : 3 constats bloquants ouverts (erreurs), 1 avertissement, 0 note, 1 constat accepté — conformité de l'établissement"))
    #expect(!text.contains("\u{1B}["))
  }

  @Test func colourOnlyWhenAsked() {
    let (r, report) = Self.report
    #expect(AuditTextReport.render(report, registre: r, colour: true).contains("\u{1B}[31;1merreur"))
  }

  @Test func jsonHasTheContractKeys() throws {
    let (r, report) = Self.report
    let data = try AuditJSONReport.render(report, registre: r, source: "demo", locate: Self.locate)
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let findings = try #require(object["findings"] as? [[String: Any]])
    let dpia = try #require(findings.first { $0["rule"] as? String == "aipd-requise-manquante" })
    #expect(dpia["severity"] as? String == "error")
    #expect(dpia["treatment"] as? String == "ent")
    #expect((dpia["criteria"] as? [String])?.count == 2)
    let processor = try #require(findings.first { $0["rule"] as? String == "sous-traitant-sans-contrat" })
    #expect(processor["treatment"] is NSNull)
    #expect(processor["processor"] as? String == "editeur")
    let accepted = try #require(findings.first { $0["rule"] as? String == "flux-tls-obsolete" })
    #expect((accepted["accepted"] as? [String: Any])?["by"] as? String == "Mme Principale")
  }

  @Test func jsonValidatesAgainstTheShippedSchema() throws {
    let (r, report) = Self.report
    let data = try AuditJSONReport.render(report, registre: r, source: "demo", locate: Self.locate)
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "registre-rules-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let instance = folder.appendingPathComponent("audit.json")
    try data.write(to: instance)
    let schema = Self.repository.appendingPathComponent("Schemas/audit.schema.json")
    let script = """
      import json, sys, jsonschema
      schema = json.load(open(sys.argv[1]))
      jsonschema.Draft202012Validator.check_schema(schema)
      jsonschema.Draft202012Validator(schema).validate(json.load(open(sys.argv[2])))
      """
    let result = try ProcessRunner.run(["python3", "-c", script, schema.path, instance.path])
    #expect(result.status == 0, "\(result.output)")
  }

  @Test func sarifCarriesLevelsLinesAndSuppressions() throws {
    let (_, report) = Self.report
    let data = try AuditSARIFReport.render(report, toolVersion: "0.1.0", locate: Self.locate)
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(object["version"] as? String == "2.1.0")
    let run = try #require((object["runs"] as? [[String: Any]])?.first)
    let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
    #expect((driver["rules"] as? [[String: Any]])?.count == Rules.all.count)
    let results = try #require(run["results"] as? [[String: Any]])
    #expect(results.count == report.findings.count)
    let first = try #require(results.first { $0["ruleId"] as? String == "aipd-requise-manquante" })
    #expect(first["level"] as? String == "error")
    let location = try #require((first["locations"] as? [[String: Any]])?.first)
    let physical = try #require(location["physicalLocation"] as? [String: Any])
    #expect((physical["artifactLocation"] as? [String: Any])?["uri"] as? String == "traitements/ent.yaml")
    #expect((physical["region"] as? [String: Any])?["startLine"] as? Int == 7)
    let accepted = try #require(results.first { $0["ruleId"] as? String == "flux-tls-obsolete" })
    #expect((accepted["suppressions"] as? [[String: Any]])?.first?["kind"] as? String == "external")
  }
}

import Foundation
import RegistreCatalogue
import RegistreFormats
import RegistreModel
import RegistrePIA
import RegistreRules
import RegistreTestSupport
@testable import RegistreWorkflows
import Testing

/// A copy of the demo register in a scratch folder.
struct DemoRegister {
  let root: URL
  var folder: URL { root.appendingPathComponent("registre") }

  init() throws {
    root = try TemporaryFolder.make("registre-pia")
    try FileManager.default.copyItem(at: try Catalogue.demoFolder(), to: folder)
  }

  func remove() { try? FileManager.default.removeItem(at: root) }

  func file(_ relative: String) throws -> String {
    try String(contentsOf: folder.appendingPathComponent(relative), encoding: .utf8)
  }
}

/// `Schemas/pia.schema.json` checked on `file` by Python's jsonschema (Draft 2020-12).
func validateAgainstPIASchema(_ file: URL) throws -> ProcessResult {
  let python = try Checkers.require("python3", package: "python3")
  let schema = RegistreCLI.repository.appendingPathComponent("Schemas/pia.schema.json")
  let script = """
    import json, sys, jsonschema
    schema = json.load(open(sys.argv[1]))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(json.load(open(sys.argv[2], encoding="utf-8")))
    """
  return try ProcessRunner.run([python, "-c", script, schema.path, file.path])
}

func answerText(_ file: PIAFile, _ question: Int) -> String { file.answer(question)?.data.text ?? "" }

@Suite("AIPD : un PIA prérempli depuis le registre (registre aipd preparer)")
struct PIAPreparationTests {
  static let demo: Register = {
    (try? RegisterInput.load(Catalogue.demoFolder().path).registre) ?? Register(
      etablissement: School(nom: "", uai: "", responsableTraitement: Contact(nom: "")))
  }()

  /// Every demo treatment whose screening requires a DPIA.
  static var needingADPIA: [String] {
    demo.traitements.filter { DPIAScreening.screen($0).required }.map(\.id).sorted()
  }

  @Test func theDemoHasTreatmentsThatNeedADPIA() {
    #expect(Self.needingADPIA.count >= 3)
    #expect(Self.needingADPIA.contains("applications-hors-gar"))
  }

  @Test("chaque PIA préparé suit le schéma", arguments: needingADPIA)
  func everyPreparedFileFollowsTheSchema(id: String) throws {
    let demo = try DemoRegister()
    defer { demo.remove() }
    let output = demo.root.appendingPathComponent("pia-\(id).json")
    let file = try DPIAWorkflow.prepare(registerAt: demo.folder.path, treatment: id, output: output)
    let check = try validateAgainstPIASchema(output)
    #expect(check.status == 0, "\(id) : \(check.output)")
    #expect(file.pia.category == "registre:\(id)")
    // Read back as the import would: the file is a PIA file.
    let reading = try PIAReading.read(try Data(contentsOf: output))
    #expect(reading.treatmentID == id)
    #expect(reading.status == .inProgress)
  }

  @Test func theRegistersFactsAreInTheRightAnswers() throws {
    let t = try #require(Self.demo.traitements.first { $0.id == "applications-hors-gar" })
    let file = PIAPreparation.prepare(t, in: Self.demo, now: Date(timeIntervalSince1970: 1_790_000_000))
    #expect(answerText(file, 111).contains(t.finalitePrincipale.replacingOccurrences(of: "'", with: "'")))
    #expect(answerText(file, 111).contains("critère 7 : personnes vulnérables (élèves)"))
    #expect(answerText(file, 212).contains(try #require(t.baseLegale).article6.libelle))
    for d in t.donnees {
      #expect(answerText(file, 121).contains(d.categorie.libelle))
      #expect(answerText(file, 215).contains(d.categorie.libelle))
    }
    // The processor without a signed contract is said so, in responsibilities and subcontracting.
    #expect(answerText(file, 112).contains("contrat art. 28 NON signé"))
    #expect(answerText(file, 226).contains("NON signé"))
    #expect(file.measures.map(\.title) == t.mesuresSecurite.map(\.famille.libelle))
    #expect(file.comments.count == 3)
    #expect(file.comments.allSatisfy { $0.description.contains("sous-traitant sans contrat art. 28 signé") })
    // The three risk sections are the school's: no gauge and no list is prefilled.
    #expect(file.answers.allSatisfy { $0.referenceTo < 300 && $0.data.gauge == nil })
    #expect(file.pia.dposNames == Self.demo.etablissement.dpd?.nom)
  }

  @Test func whatTheRegisterDoesNotKnowIsAskedNeverInvented() throws {
    var t = try #require(Self.demo.traitements.first { $0.id == "applications-hors-gar" })
    t.references = []
    t.information = nil
    t.transferts = []
    let file = PIAPreparation.prepare(t, in: Self.demo, now: Date())
    for question in [113, 213, 214, 221, 223, 224, 225] {
      #expect(answerText(file, question).contains("À compléter"), "\(question)")
    }
    #expect(answerText(file, 227).contains("Aucun transfert hors de l'Union européenne n'est déclaré"))
    // A register without the answer does not get one: no « oui » for the accuracy question.
    #expect(!answerText(file, 214).contains("sont tenues à jour par"))
  }

  @Test func textIsEscapedHTML() throws {
    var t = try #require(Self.demo.traitements.first { $0.id == "applications-hors-gar" })
    t.finalitePrincipale = "Exercices <script>alert(1)</script> & corrigés"
    let file = PIAPreparation.prepare(t, in: Self.demo, now: Date())
    #expect(answerText(file, 211).contains("Exercices &lt;script&gt;alert(1)&lt;/script&gt; &amp; corrigés"))
    #expect(!answerText(file, 211).contains("<script>"))
  }

  @Test func anExistingFileIsNeverReplacedWithoutAsking() throws {
    let demo = try DemoRegister()
    defer { demo.remove() }
    let output = demo.root.appendingPathComponent("pia.json")
    try Data("ancien".utf8).write(to: output)
    #expect(throws: WorkflowError.self) {
      try DPIAWorkflow.prepare(registerAt: demo.folder.path, treatment: "applications-hors-gar", output: output)
    }
    #expect(try String(contentsOf: output, encoding: .utf8) == "ancien")
    try DPIAWorkflow.prepare(registerAt: demo.folder.path, treatment: "applications-hors-gar", output: output, replace: true)
    #expect(try String(contentsOf: output, encoding: .utf8).contains("\"registre:applications-hors-gar\""))
  }

  @Test func anUnknownTreatmentIsNamedWithTheKnownOnes() throws {
    let demo = try DemoRegister()
    defer { demo.remove() }
    do {
      try DPIAWorkflow.prepare(registerAt: demo.folder.path, treatment: "inconnu", output: demo.root.appendingPathComponent("x.json"))
      Issue.record("un traitement inconnu doit être refusé")
    } catch {
      #expect(error.lines.first?.contains("aucun traitement « inconnu »") == true)
      #expect(error.lines.first?.contains("vie-scolaire") == true)
    }
  }
}

@Suite("AIPD : un PIA terminé relu dans la fiche (registre aipd importer)")
struct PIAImportTests {
  /// The PIA prepared for `id` in `demo`, edited as the PIA software would, written to a file.
  static func finishedPIA(
    _ demo: DemoRegister, _ id: String, status: Int, name: String = "pia.json", edit: (inout [String: Any]) -> Void = { _ in }
  ) throws -> URL {
    let prepared = demo.root.appendingPathComponent("prepare-\(name)")
    try DPIAWorkflow.prepare(registerAt: demo.folder.path, treatment: id, output: prepared, replace: true)
    var json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: prepared)) as? [String: Any])
    var pia = try #require(json["pia"] as? [String: Any])
    pia["status"] = status
    pia["updated_at"] = "2026-11-20T09:30:00.000Z"
    json["pia"] = pia
    edit(&json)
    let url = demo.root.appendingPathComponent(name)
    try JSONSerialization.data(withJSONObject: json).write(to: url)
    return url
  }

  static func validated(_ json: inout [String: Any]) {
    var pia = json["pia"] as? [String: Any] ?? [:]
    pia["dpo_status"] = 1
    pia["dpo_opinion"] = "<p>Avis favorable, sous réserve de la <strong>signature</strong> du contrat.</p>"
    json["pia"] = pia
    var answers = json["answers"] as? [[String: Any]] ?? []
    answers.append(["reference_to": 345, "data": ["text": "<p>Perte des comptes</p>", "gauge": 3, "list": []]])
    answers.append(["reference_to": 346, "data": ["text": "<p>Sauvegardes</p>", "gauge": 1, "list": []]])
    json["answers"] = answers
    json["evaluations"] = [[
      "reference_to": "3.2", "status": 3, "gauges": ["x": 2, "y": 1],
      "action_plan_comment": "<p>Signer le contrat art. 28</p>", "estimated_implementation_date": "2027-01-15T00:00:00.000Z",
      "person_in_charge": "Gestionnaire",
    ]]
  }

  static func findings(_ folder: URL, _ rule: String, _ id: String) throws -> Int {
    let outcome = try AuditWorkflow.run(
      registerAt: folder.path, options: AuditOptions(date: Day(annee: 2026, mois: 11, jour: 29)!))
    return outcome.report.findings.filter { $0.rule == rule && $0.subject == .traitement(id) }.count
  }

  @Test func aValidatedPIAClearsTheMissingDPIAFindingAndKeepsTheRestOfTheFiche() throws {
    let demo = try DemoRegister()
    defer { demo.remove() }
    let id = "applications-hors-gar"
    #expect(try Self.findings(demo.folder, "aipd-requise-manquante", id) == 1)
    let before = try demo.file("traitements/\(id).yaml")
    let pia = try Self.finishedPIA(demo, id, status: 2, edit: Self.validated)
    let outcome = try DPIAWorkflow.importPIA(pia, registerAt: demo.folder.path, treatment: nil)
    #expect(outcome.record.statut == .realisee)
    #expect(outcome.record.date == Day(annee: 2026, mois: 11, jour: 20))
    #expect(outcome.record.avisDPD == "Avis favorable, sous réserve de la signature du contrat.")
    #expect(outcome.record.conclusion == "PIA validé (validation simple) ; avis du DPD : le traitement pourrait être mis en œuvre.")
    #expect(outcome.record.risquesResiduels == [
      ResidualRisk(risque: .accesIllegitime, gravite: .limitee, vraisemblance: .negligeable),
      ResidualRisk(risque: .disparition, gravite: .importante, vraisemblance: .negligeable),
    ])
    #expect(outcome.reading.plannedMeasures.first?.title == "Accès illégitime à des données")
    #expect(outcome.reading.plannedMeasures.first?.dueDate == "2027-01-15")
    // The audit now sees the DPIA as done.
    #expect(try Self.findings(demo.folder, "aipd-requise-manquante", id) == 0)
    #expect(try Self.findings(demo.folder, "aipd-a-revoir", id) == 0)
    // Only the aipd block changed; the PIA is kept, byte for byte, in aipd/.
    let after = try demo.file("traitements/\(id).yaml")
    #expect(!before.contains("\naipd:"))
    #expect(after.hasPrefix(before))
    #expect(after.contains("  fichier_pia: \"aipd/\(id).json\""))
    #expect(try Data(contentsOf: demo.folder.appendingPathComponent("aipd/\(id).json")) == Data(contentsOf: pia))
    let text = DPIAWorkflow.text(outcome)
    #expect(text.contains("Statut du PIA : validé (validation simple) → aipd.statut : realisee"))
    // The PIA's action plan becomes an action of the register's plan, once.
    #expect(outcome.actionsWritten == ["actions/aipd-\(id)-1.yaml"])
    #expect(text.contains("Plan d'action : créé actions/aipd-\(id)-1.yaml"))
    let action = try demo.file("actions/aipd-\(id)-1.yaml")
    #expect(action.contains("responsable: Gestionnaire"))
    #expect(action.contains("echeance: '2027-01-15'") || action.contains("echeance: 2027-01-15"))
    let reimported = try DPIAWorkflow.importPIA(pia, registerAt: demo.folder.path, treatment: nil)
    #expect(reimported.actionsWritten.isEmpty)
    // The register still validates, through the CLI too.
    let valider = try RegistreCLI.run(["valider", demo.folder.path])
    #expect(valider.status == 0, "\(valider.output)\(valider.errors)")
  }

  @Test func theImportedPIAIsSealedWithTheYearAndShownInTheRegisterPDF() throws {
    _ = try Checkers.require("fop", package: "fop")
    let pdftotext = try Checkers.require("pdftotext", package: "poppler-utils")
    let demo = try DemoRegister()
    defer { demo.remove() }
    let id = "applications-hors-gar"
    let pia = try Self.finishedPIA(demo, id, status: 2, edit: Self.validated)
    _ = try DPIAWorkflow.importPIA(pia, registerAt: demo.folder.path, treatment: nil)
    let archive = demo.root.appendingPathComponent("archive")
    let export = try RegistreCLI.run(
      ["exporter", demo.folder.path, "--annee", "2026", "--archive", archive.path, "--demonstration"], mergeErrors: true)
    #expect(export.status == 0, "\(export.output)")
    let year = archive.appendingPathComponent("2026")
    #expect(try Data(contentsOf: year.appendingPathComponent("aipd-\(id).json")) == Data(contentsOf: pia))
    let manifest = try String(contentsOf: year.appendingPathComponent("MANIFEST.sha256"), encoding: .utf8)
    #expect(manifest.contains("aipd-\(id).json"))
    let text = try ProcessRunner.run([pdftotext, year.appendingPathComponent("registre-2026.pdf").path, "-"]).output
    #expect(text.contains("Avis du DPD : Avis favorable, sous réserve de la signature du contrat."))
    #expect(text.contains("Accès illégitime à des données : gravité Limitée, vraisemblance"))
    #expect(text.contains("Fichier de l’AIPD : aipd/\(id).json"))
  }

  @Test("chaque statut du PIA donne son statut d'AIPD", arguments: [(0, "en-cours"), (1, "requise"), (3, "realisee")])
  func eachStatus(status: Int, expected: String) throws {
    let demo = try DemoRegister()
    defer { demo.remove() }
    let pia = try Self.finishedPIA(demo, "applications-hors-gar", status: status) { json in
      var record = json["pia"] as? [String: Any] ?? [:]
      record["rejection_reason"] = "<p>Risques trop élevés</p>"
      json["pia"] = record
    }
    let outcome = try DPIAWorkflow.importPIA(pia, registerAt: demo.folder.path, treatment: nil)
    #expect(outcome.record.statut.rawValue == expected)
    if status == 1 {
      #expect(outcome.record.conclusion == "PIA refusé : Risques trop élevés.")
      #expect(try Self.findings(demo.folder, "aipd-requise-manquante", "applications-hors-gar") == 1)
    }
  }

  @Test func anArchivedPIAIsRefusedAndNothingIsWritten() throws {
    let demo = try DemoRegister()
    defer { demo.remove() }
    let before = try demo.file("traitements/applications-hors-gar.yaml")
    let pia = try Self.finishedPIA(demo, "applications-hors-gar", status: 4)
    #expect(throws: WorkflowError.self) {
      try DPIAWorkflow.importPIA(pia, registerAt: demo.folder.path, treatment: nil)
    }
    #expect(try demo.file("traitements/applications-hors-gar.yaml") == before)
    #expect(!FileManager.default.fileExists(atPath: demo.folder.appendingPathComponent("aipd").path))
  }

  @Test func aDoubleEncodedFileOfAnOlderPIAIsRepaired() throws {
    let demo = try DemoRegister()
    defer { demo.remove() }
    let pia = try Self.finishedPIA(demo, "applications-hors-gar", status: 2, edit: Self.validated)
    // UTF-8 bytes read as Latin-1 and written again as UTF-8, as PIA did before March 2025.
    let text = try String(contentsOf: pia, encoding: .utf8)
    let latin1 = String(data: Data(text.utf8), encoding: .isoLatin1) ?? ""
    #expect(latin1.contains("Ã©"))
    let old = demo.root.appendingPathComponent("ancien.json")
    try Data(latin1.utf8).write(to: old)
    let outcome = try DPIAWorkflow.importPIA(old, registerAt: demo.folder.path, treatment: nil)
    #expect(outcome.reading.repairedEncoding)
    #expect(outcome.record.avisDPD == "Avis favorable, sous réserve de la signature du contrat.")
    #expect(DPIAWorkflow.text(outcome).contains("double encodage des accents réparé"))
  }

  @Test func aPIAForAnotherTreatmentIsRefused() throws {
    let demo = try DemoRegister()
    defer { demo.remove() }
    let pia = try Self.finishedPIA(demo, "applications-hors-gar", status: 2)
    do {
      _ = try DPIAWorkflow.importPIA(pia, registerAt: demo.folder.path, treatment: "vie-scolaire")
      Issue.record("un PIA d'un autre traitement doit être refusé")
    } catch {
      #expect(error.lines.first?.contains("préparé pour le traitement « applications-hors-gar »") == true)
    }
  }

  @Test func aPIANotPreparedByRegistreNeedsItsTreatment() throws {
    let demo = try DemoRegister()
    defer { demo.remove() }
    let pia = try Self.finishedPIA(demo, "applications-hors-gar", status: 2) { json in
      var record = json["pia"] as? [String: Any] ?? [:]
      record["category"] = ""
      json["pia"] = record
    }
    #expect(throws: WorkflowError.self) { try DPIAWorkflow.importPIA(pia, registerAt: demo.folder.path, treatment: nil) }
    let outcome = try DPIAWorkflow.importPIA(pia, registerAt: demo.folder.path, treatment: "applications-hors-gar")
    #expect(outcome.treatmentID == "applications-hors-gar")
  }

  @Test func aDifferentCopyIsNotReplacedWithoutAsking() throws {
    let demo = try DemoRegister()
    defer { demo.remove() }
    let first = try Self.finishedPIA(demo, "applications-hors-gar", status: 0, name: "a.json")
    _ = try DPIAWorkflow.importPIA(first, registerAt: demo.folder.path, treatment: nil)
    let again = try DPIAWorkflow.importPIA(first, registerAt: demo.folder.path, treatment: nil)
    #expect(again.record.statut == .enCours)
    let second = try Self.finishedPIA(demo, "applications-hors-gar", status: 2, name: "b.json", edit: Self.validated)
    #expect(throws: WorkflowError.self) { try DPIAWorkflow.importPIA(second, registerAt: demo.folder.path, treatment: nil) }
    #expect(try demo.file("traitements/applications-hors-gar.yaml").contains("statut: en-cours"))
    let replaced = try DPIAWorkflow.importPIA(second, registerAt: demo.folder.path, treatment: nil, replace: true)
    #expect(replaced.record.statut == .realisee)
  }

  @Test func aFicheWithoutDPIABlockGetsOneAndKeepsItsComments() throws {
    let yaml = "# Commentaire du référent\nid: x\nnom: X # en ligne\n"
    let record = DPIA(statut: .enCours, date: Day(annee: 2026, mois: 1, jour: 2), conclusion: "PIA \"en cours\"\nsuite")
    let out = DPIABlock.replace(in: yaml, with: record)
    #expect(out.hasPrefix(yaml))
    #expect(out.contains("  conclusion: \"PIA \\\"en cours\\\"\\nsuite\""))
    let replaced = DPIABlock.replace(in: out + "# fin\nremarques: r\n", with: DPIA(statut: .realisee))
    #expect(replaced.contains("aipd:\n  statut: realisee\n# fin\nremarques: r\n"))
    #expect(!replaced.contains("en-cours"))
  }
}

@Suite("AIPD : un fichier PIA hostile est refusé proprement")
struct PIAHostileInputTests {
  func refusal(_ data: Data) -> String? {
    do {
      _ = try PIAReading.read(data)
      return nil
    } catch {
      return error.message
    }
  }

  @Test func notJSONMissingPIAOrListsAreRefused() {
    #expect(refusal(Data("pas du json".utf8))?.contains("pas un fichier JSON") == true)
    #expect(refusal(Data("[1,2]".utf8))?.contains("« pia » manque") == true)
    #expect(refusal(Data(#"{"pia":{"name":"x"},"answers":[],"measures":[],"evaluations":{}, "comments":[]}"#.utf8))?
      .contains("« evaluations » doit être une liste") == true)
  }

  @Test func wrongTypesAreNamed() {
    let text = #"{"pia":{"name":"x"},"answers":[{"reference_to":"111","data":{"text":null,"gauge":null,"list":[]}}],"measures":[],"evaluations":[],"comments":[]}"#
    let message = refusal(Data(text.utf8))
    #expect(message?.contains("answers[0].reference_to") == true, "\(message ?? "")")
  }

  @Test func deepNestingIsRefusedBeforeParsing() {
    let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
    #expect(refusal(Data(deep.utf8))?.contains("trop profonde") == true)
    // Brackets inside strings do not count.
    let quoted = #"{"pia":{"name":"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["},"answers":[],"measures":[],"evaluations":[],"comments":[]}"#
    #expect(refusal(Data(quoted.utf8)) == nil)
  }

  @Test func aHugeFileIsRefusedWithoutBeingParsed() {
    let huge = Data(repeating: 0x20, count: PIAReading.maximumSize + 1)
    #expect(refusal(huge)?.contains("trop gros") == true)
  }

  @Test func theCLISaysWhatIsWrongAndExitsWith2() throws {
    let root = try TemporaryFolder.make("registre-pia-cli")
    defer { try? FileManager.default.removeItem(at: root) }
    let bad = root.appendingPathComponent("pia.json")
    try Data(#"{"pia": 3}"#.utf8).write(to: bad)
    let demo = try Catalogue.demoFolder()
    let run = try RegistreCLI.run(["aipd", "importer", bad.path, "--registre", demo.path])
    #expect(run.status == 2)
    #expect(run.errors.contains("pia.json : erreur : ce n'est pas un fichier du logiciel PIA"), "\(run.errors)")
  }
}

import Foundation
import RegistreFormats
import RegistreModel
import RegistreTestSupport
import Testing

/// Issue 19 from the command line: the demo's action plan and requests, `actions creer` twice,
/// and the new files through the canonical XML and back.
@Suite("CLI : plan d'action et demandes d'exercice des droits")
struct FollowUpCLI {
  static func demoCopy() throws -> (URL, URL) {
    let root = try TemporaryFolder.make("registre-suivi")
    let copy = root.appendingPathComponent("registre")
    try FileManager.default.copyItem(at: CLITool.depot.appendingPathComponent("Sources/RegistreCatalogue/Resources/demo"), to: copy)
    return (root, copy)
  }

  @Test func theDemosLateActionAndOverdueRequestAreListedFirst() throws {
    let demo = CLITool.depot.appendingPathComponent("Sources/RegistreCatalogue/Resources/demo").path
    let actions = try CLITool.run(["actions", demo, "--date", "2026-11-29"])
    #expect(actions.code == 1)
    let first = actions.sortie.split(separator: "\n").dropFirst().first.map(String.init) ?? ""
    #expect(first.contains("EN RETARD") && first.contains("signer-contrat-mathsfun"), "\(actions.sortie)")
    #expect(actions.sortie.contains("3 action(s), dont 1 en retard"))
    let requests = try CLITool.run(["demandes", demo, "--date", "2026-11-29"])
    #expect(requests.code == 1)
    #expect(requests.sortie.contains("HORS DÉLAI 2026-10-acces-parent"))
    #expect(requests.sortie.contains("délai : 2026-12-18"))
    // Before its deadline, nothing is overdue.
    let earlier = try CLITool.run(["demandes", demo, "--date", "2026-11-05"])
    #expect(earlier.code == 0, "\(earlier.sortie)")
  }

  @Test func actionsAreCreatedForEveryOpenFindingOnceOnly() throws {
    let (root, copy) = try Self.demoCopy()
    defer { try? FileManager.default.removeItem(at: root) }
    let audit = try CLITool.run(["audit", copy.path, "--date", "2026-11-29", "--format", "json"])
    let object = try #require(try JSONSerialization.jsonObject(with: Data(audit.sortie.utf8)) as? [String: Any])
    let findings = try #require(object["findings"] as? [[String: Any]])
    // Open findings on the register (not on the plan itself) that no action answers yet.
    let unfollowed = Set(findings.filter { $0["action"] == nil && $0["plannedAction"] == nil }.map { f in
      "\(f["rule"] ?? "") \(f["treatment"] as? String ?? f["processor"] as? String ?? f["breach"] as? String ?? f["request"] as? String ?? "etablissement")"
    })
    #expect(!unfollowed.isEmpty)
    let first = try CLITool.run(["actions", "creer", copy.path, "--date", "2026-11-29"])
    #expect(first.code == 0, "\(first.erreurs)")
    let created = first.sortie.split(separator: "\n").filter { $0.hasPrefix("Créé : actions/") }
    #expect(created.count == unfollowed.count, "\(first.sortie)\n\(unfollowed.sorted())")
    let second = try CLITool.run(["actions", "creer", copy.path, "--date", "2026-11-29"])
    #expect(second.code == 0)
    #expect(second.sortie.contains("0 action(s) créée(s)"), "\(second.sortie)")
    // Every finding now names its action; the created files are valid fiches of the register.
    let after = try CLITool.run(["audit", copy.path, "--date", "2026-11-29", "--format", "json"])
    let again = try #require(try JSONSerialization.jsonObject(with: Data(after.sortie.utf8)) as? [String: Any])
    let stillUnfollowed = (again["findings"] as? [[String: Any]] ?? []).filter { $0["action"] == nil && $0["plannedAction"] == nil }
    #expect(stillUnfollowed.isEmpty, "\(stillUnfollowed)")
    #expect(try CLITool.run(["valider", copy.path]).code == 0)
  }

  @Test func actionsAndRequestsSurviveTheCanonicalXML() throws {
    let (root, copy) = try Self.demoCopy()
    defer { try? FileManager.default.removeItem(at: root) }
    let xml = root.appendingPathComponent("registre.xml")
    #expect(try CLITool.run(["convertir", copy.path, "--sortie", xml.path]).code == 0)
    let text = try String(contentsOf: xml, encoding: .utf8)
    #expect(text.contains("<actions>") && text.contains("<demandes>"))
    let back = root.appendingPathComponent("retour")
    #expect(try CLITool.run(["convertir", xml.path, "--sortie", back.path]).code == 0)
    let original = try RegisterLoading.load(copy).registre
    let roundTrip = try RegisterLoading.load(back).registre
    #expect(roundTrip.actions.sorted { $0.id < $1.id } == original.actions.sorted { $0.id < $1.id })
    #expect(roundTrip.demandes.sorted { $0.id < $1.id } == original.demandes.sorted { $0.id < $1.id })
    #expect(original.actions.count == 3 && original.demandes.count == 3)
  }

  @Test func theRegisterPDFHasThePlanAndTheRequests() throws {
    _ = try Checkers.require("fop", package: "fop")
    let pdftotext = try Checkers.require("pdftotext", package: "poppler-utils")
    let (root, copy) = try Self.demoCopy()
    defer { try? FileManager.default.removeItem(at: root) }
    let pdf = root.appendingPathComponent("registre.pdf")
    let made = try CLITool.run(["document", copy.path, "--sortie", pdf.path])
    #expect(made.code == 0, "\(made.erreurs)")
    let text = try CLITool.tool([pdftotext, pdf.path, "-"]).sortie
    #expect(text.contains("Plan d’action et demandes d’exercice des droits"))
    #expect(text.contains("15 novembre 2026"))
    #expect(text.contains("sous-traitant-sans-contrat"))
    #expect(text.contains("Droit à l’effacement"))
    #expect(text.contains("sans réponse"))
  }
}

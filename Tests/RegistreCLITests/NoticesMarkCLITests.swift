import Foundation
import RegistreTestSupport
import Testing

/// `registre notices --marquer` (issue 15): the issued notices are recorded with the state of each
/// fiche; the audit then counts them as notices, and says « notice périmée » once a fiche changes
/// in what its notice prints — not when it changes elsewhere.
@Suite("CLI : notices marquées comme diffusées")
struct NoticesMarkCLI {
  static func audit(_ registre: URL) throws -> String {
    try CLITool.run(["audit", registre.path, "--date", "2026-11-29", "--regle", "information-manquante"]).sortie
  }

  static func edit(_ fiche: URL, _ change: (String) -> String) throws {
    let text = try String(contentsOf: fiche, encoding: .utf8)
    let changed = change(text)
    try #require(changed != text, "modification sans effet")
    try changed.write(to: fiche, atomically: true, encoding: .utf8)
  }

  @Test func markedNoticesClearTheFindingUntilTheFicheChanges() throws {
    let dossier = try TemporaryFolder.make("registre-cli")
    defer { try? FileManager.default.removeItem(at: dossier) }
    let registre = dossier.appendingPathComponent("r")
    try FileManager.default.copyItem(at: CLITool.registreValide, to: registre)
    let fiche = registre.appendingPathComponent("traitements/vie-scolaire.yaml")
    // The fixture's notice (2025-09-01) predates the fiche's last update (2026-09-01).
    #expect(try Self.audit(registre).contains("est antérieure à la dernière mise à jour"))

    // Without --marquer nothing is recorded.
    let sortie = dossier.appendingPathComponent("notices")
    let plain = try CLITool.run(["notices", registre.path, "--sortie", sortie.path])
    #expect(plain.code == 0, "\(plain.erreurs)")
    let marque = registre.appendingPathComponent("notices-diffusees.yaml")
    #expect(!FileManager.default.fileExists(atPath: marque.path))

    let r = try CLITool.run(
      ["notices", registre.path, "--sortie", sortie.path, "--marquer", "--html"], environnement: ["SOURCE_DATE_EPOCH": "1790000000"])
    #expect(r.code == 0, "\(r.erreurs)")
    #expect(r.sortie.contains("Notices marquées comme diffusées le 2026-09-21 pour 1 traitement(s)"))
    let yaml = try String(contentsOf: marque, encoding: .utf8)
    #expect(yaml.contains("traitement: vie-scolaire"))
    #expect(yaml.contains("date: 2026-09-21"))
    #expect(yaml.contains("notice-familles.pdf"))
    #expect(yaml.contains("notice-familles.html"))
    let page = try String(contentsOf: sortie.appendingPathComponent("notice-familles.html"), encoding: .utf8)
    #expect(page.contains("<html lang=\"fr\">"))
    #expect(page.contains("Vie scolaire (Pronote)"))
    #expect(try CLITool.run(["valider", registre.path]).code == 0)
    #expect(!(try Self.audit(registre)).contains("[information-manquante]"))

    // A change no notice prints (a remark, the last update) leaves the notice current.
    try Self.edit(fiche) { $0.replacingOccurrences(of: "logiciel: Pronote", with: "logiciel: Pronote\nremarques: relu en conseil") }
    #expect(!(try Self.audit(registre)).contains("[information-manquante]"))

    // A change of purpose makes it out of date.
    try Self.edit(fiche) {
      $0.replacingOccurrences(of: "finalite_principale: Suivi de la scolarité des élèves", with: "finalite_principale: Suivi de la scolarité et de l'orientation des élèves")
    }
    let perimee = try Self.audit(registre)
    #expect(perimee.contains("avertissement [information-manquante] Notice périmée : la notice remise le 2026-09-21"))
  }

  @Test func anUnreadableMarkFileStopsTheAudit() throws {
    let dossier = try TemporaryFolder.make("registre-cli")
    defer { try? FileManager.default.removeItem(at: dossier) }
    let registre = dossier.appendingPathComponent("r")
    try FileManager.default.copyItem(at: CLITool.registreValide, to: registre)
    try "notices:\n  - traitement: vie-scolaire\n".write(
      to: registre.appendingPathComponent("notices-diffusees.yaml"), atomically: true, encoding: .utf8)
    let r = try CLITool.run(["audit", registre.path, "--date", "2026-11-29"])
    #expect(r.code == 2)
    #expect(r.erreurs.contains("notices-diffusees.yaml"))
  }
}

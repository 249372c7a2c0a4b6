import Foundation
import RegistreTeam
import RegistreTestSupport
import Testing

/// A small register folder: an établissement and one fiche.
func makeRegisterFolder() throws -> URL {
  let folder = try TemporaryFolder.make("registre-journal")
  try FileManager.default.createDirectory(
    at: folder.appendingPathComponent("traitements"), withIntermediateDirectories: true)
  try Data("etablissement:\n  nom: Collège\n".utf8).write(to: folder.appendingPathComponent("etablissement.yaml"))
  try Data("id: ent\nnom: ENT\n".utf8).write(to: folder.appendingPathComponent("traitements/ent.yaml"))
  return folder
}

let editor = JournalActor(account: "marie", role: .contributeur, channel: .web)

@Suite("Journal : ajout et vérification")
struct JournalTests {
  @Test("Le premier enregistrement est un état initial, chaîné depuis 64 zéros")
  func baselineThenChange() throws {
    let folder = try makeRegisterFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let journal = Journal(folder: folder)
    #expect(!journal.exists)
    let baseline = try journal.recordChanges(by: editor)
    #expect(baseline.map(\.event.kind) == [.baseline, .baseline])
    #expect(baseline.map(\.event.file) == ["etablissement.yaml", "traitements/ent.yaml"])
    #expect(baseline.first?.previous == Journal.zeroHash)
    #expect(baseline.last?.previous == baseline.first?.hash)
    #expect(try journal.recordChanges(by: editor).isEmpty)

    try Data("id: ent\nnom: ENT du collège\n".utf8).write(to: folder.appendingPathComponent("traitements/ent.yaml"))
    let changes = try journal.recordChanges(by: editor)
    #expect(changes.count == 1)
    #expect(changes.first?.event.kind == .change)
    #expect(changes.first?.event.before == baseline.last?.event.after)
    #expect(changes.first?.event.after == journal.currentHash(of: "traitements/ent.yaml"))
    #expect(changes.first?.event.content == "id: ent\nnom: ENT du collège\n")
    #expect(changes.first?.sequence == 3)

    let verification = journal.verify()
    #expect(verification.isClean, "\(verification.problems)")
    #expect(verification.entryCount == 3)
    #expect(verification.headHash == changes.first?.hash)
    #expect(try journal.entries() == baseline + changes)
  }

  @Test("Après la seule entrée du premier compte, les fichiers trouvés sont l'état initial, pas des créations")
  func baselineAfterAccountEntry() throws {
    let folder = try makeRegisterFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let journal = Journal(folder: folder)
    try journal.append(JournalEvent(kind: .accountAdded, account: "chef", role: .chef), by: .commandLine())
    let recorded = try journal.recordChanges(by: .outside)
    #expect(recorded.map(\.event.kind) == [.baseline, .baseline])
    #expect(recorded.first?.sequence == 2)
    try Data("id: cantine\n".utf8).write(to: folder.appendingPathComponent("traitements/cantine.yaml"))
    #expect(try journal.recordChanges(by: .outside).map(\.event.kind) == [.change])
  }

  @Test("Une écriture journalisée distingue les modifications extérieures des siennes")
  func performJournaledSeparatesOutside() throws {
    let folder = try makeRegisterFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let journal = Journal(folder: folder)
    try journal.recordChanges(by: editor)
    try Data("id: ent\nnom: modifié à la main\n".utf8).write(to: folder.appendingPathComponent("traitements/ent.yaml"))
    #expect(journal.verify().unjournaledChanges.map(\.file) == ["traitements/ent.yaml"])
    let result = try journal.performJournaled(by: editor) { () -> Int in
      try Data("id: cantine\n".utf8).write(to: folder.appendingPathComponent("traitements/cantine.yaml"))
      // An append from inside the body must not deadlock.
      try journal.append(JournalEvent(kind: .status, file: "traitements/cantine.yaml", to: .aRelire), by: editor)
      return 7
    }
    #expect(result == 7)
    let entries = try journal.entries()
    #expect(entries.suffix(3).map(\.actor) == [.outside, editor, editor])
    #expect(entries.suffix(3).map(\.event.kind) == [.change, .status, .change])
    #expect(entries.last?.event.file == "traitements/cantine.yaml")
    #expect(entries.last?.event.before == nil)
    #expect(journal.verify().isClean)
  }

  @Test("Un fichier remplacé par un lien symbolique n'est ni suivi ni pris pour supprimé ; la vérification le nomme")
  func symbolicLinkIsNotFollowed() throws {
    let folder = try makeRegisterFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let journal = Journal(folder: folder)
    try journal.recordChanges(by: editor)
    let fiche = folder.appendingPathComponent("traitements/ent.yaml")
    let outside = folder.deletingLastPathComponent().appendingPathComponent("secret-\(UUID().uuidString).yaml")
    try Data("id: ent\nnom: lu par le lien\n".utf8).write(to: outside)
    defer { try? FileManager.default.removeItem(at: outside) }
    try FileManager.default.removeItem(at: fiche)
    try FileManager.default.createSymbolicLink(at: fiche, withDestinationURL: outside)
    #expect(try journal.recordChanges(by: editor).isEmpty)
    #expect(journal.currentHash(of: "traitements/ent.yaml") == nil)
    let verification = journal.verify()
    #expect(verification.unjournaledChanges.map(\.file) == ["traitements/ent.yaml"])
    #expect(verification.unjournaledChanges.first?.unreadable == true)
    #expect(!(try String(contentsOf: journal.url, encoding: .utf8)).contains("lu par le lien"))
    // Back to a plain file: recorded as a change again.
    try FileManager.default.removeItem(at: fiche)
    try Data("id: ent\nnom: ENT\n".utf8).write(to: fiche)
    #expect(journal.verify().isClean)
  }

  @Test("Un sous-dossier remplacé par un lien vers l'extérieur n'est jamais lu : ses fichiers ne sont ni suivis ni pris pour supprimés")
  func linkedSubfolderIsNotRead() throws {
    let folder = try makeRegisterFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let journal = Journal(folder: folder)
    try journal.recordChanges(by: editor)
    let elsewhere = try TemporaryFolder.make("registre-journal-ailleurs")
    defer { try? FileManager.default.removeItem(at: elsewhere) }
    try Data("id: ent\nnom: secret d'ailleurs\n".utf8).write(to: elsewhere.appendingPathComponent("ent.yaml"))
    try Data("id: autre\n".utf8).write(to: elsewhere.appendingPathComponent("autre.yaml"))
    let subfolder = folder.appendingPathComponent("traitements")
    try FileManager.default.removeItem(at: subfolder)
    try FileManager.default.createSymbolicLink(at: subfolder, withDestinationURL: elsewhere)
    #expect(try journal.recordChanges(by: editor).isEmpty)
    let text = try String(contentsOf: journal.url, encoding: .utf8)
    #expect(!text.contains("secret d'ailleurs"))
    #expect(!text.contains("autre.yaml"))
    let changes = journal.verify().unjournaledChanges
    #expect(changes.map(\.file) == ["traitements/ent.yaml"])
    #expect(changes.first?.unreadable == true)
  }

  @Test("Un journal qui est un lien symbolique est refusé, jamais suivi")
  func journalLinkRefused() throws {
    let folder = try makeRegisterFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let elsewhere = try TemporaryFolder.make("registre-journal-ailleurs")
    defer { try? FileManager.default.removeItem(at: elsewhere) }
    let target = elsewhere.appendingPathComponent("journal.jsonl")
    try Data().write(to: target)
    let journal = Journal(folder: folder)
    try FileManager.default.createSymbolicLink(at: journal.url, withDestinationURL: target)
    #expect(throws: JournalError.self) { try journal.recordChanges(by: editor) }
    #expect(try Data(contentsOf: target).isEmpty)
    #expect(!journal.verify().chainIntact)
  }
}

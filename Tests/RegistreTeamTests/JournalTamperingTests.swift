import Foundation
import RegistreTeam
import RegistreTestSupport
import Testing

/// A journal of `count` status entries in a fresh folder, and its lines.
private func journalWithEntries(_ count: Int) throws -> (Journal, [String]) {
  let folder = try TemporaryFolder.make("registre-journal")
  let journal = Journal(folder: folder)
  for number in 1...count {
    try journal.append(
      JournalEvent(kind: .recommendation, file: "traitements/ent.yaml", number: number, text: "Recommandation \(number)"),
      by: JournalActor(account: "dpd", role: .dpd, channel: .web))
  }
  let text = try String(contentsOf: journal.url, encoding: .utf8)
  return (journal, text.split(separator: "\n").map(String.init))
}

private func rewrite(_ journal: Journal, _ lines: [String], finalNewline: Bool = true) throws {
  try Data((lines.joined(separator: "\n") + (finalNewline ? "\n" : "")).utf8).write(to: journal.url)
}

@Suite("Journal : chaque altération est trouvée, à sa ligne")
struct JournalTamperingTests {
  @Test("Un journal intact est accepté, avec son nombre d'entrées et son empreinte de tête")
  func intact() throws {
    let (journal, lines) = try journalWithEntries(5)
    defer { try? FileManager.default.removeItem(at: journal.folder) }
    let verification = journal.verify()
    #expect(verification.chainIntact)
    #expect(verification.entryCount == 5)
    #expect(verification.headHash == (try journal.entries()).last?.hash)
    #expect(lines.count == 5)
  }

  @Test("Une entrée modifiée sans recalcul de son empreinte : signalée à sa ligne")
  func alteredEntry() throws {
    let (journal, lines) = try journalWithEntries(5)
    defer { try? FileManager.default.removeItem(at: journal.folder) }
    var altered = lines
    altered[2] = altered[2].replacingOccurrences(of: "Recommandation 3", with: "Recommandation trois")
    #expect(altered[2] != lines[2])
    try rewrite(journal, altered)
    let verification = journal.verify()
    #expect(verification.problems.map(\.line) == [3])
    #expect(verification.problems.first?.message.contains("modifiée") == true)
    #expect(verification.entryCount == 5)
  }

  @Test("Une entrée modifiée puis ré-empreinte : le lien de la suivante est rompu")
  func alteredAndRehashed() throws {
    let (journal, _) = try journalWithEntries(5)
    defer { try? FileManager.default.removeItem(at: journal.folder) }
    var entries = try journal.entries()
    entries[2].event.text = "Recommandation réécrite"
    entries[2].hash = try Journal.expectedHash(of: entries[2])
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    try rewrite(journal, try entries.map { String(decoding: try encoder.encode($0), as: UTF8.self) })
    let verification = journal.verify()
    #expect(verification.problems.map(\.line) == [4])
    #expect(verification.problems.first?.message.contains("previous") == true)
  }

  @Test("Une entrée supprimée au milieu : signalée avec son numéro")
  func removedEntry() throws {
    let (journal, lines) = try journalWithEntries(5)
    defer { try? FileManager.default.removeItem(at: journal.folder) }
    var removed = lines
    removed.remove(at: 1)
    try rewrite(journal, removed)
    let verification = journal.verify()
    #expect(verification.problems.map(\.line) == [2])
    #expect(verification.problems.first?.message.contains("n° 2") == true)
    #expect(verification.problems.first?.message.contains("supprimée") == true)
  }

  @Test("Les dernières entrées supprimées : la chaîne seule ne le voit pas, l'empreinte de tête change")
  func removedTail() throws {
    let (journal, lines) = try journalWithEntries(5)
    defer { try? FileManager.default.removeItem(at: journal.folder) }
    let head = journal.verify().headHash
    try rewrite(journal, Array(lines.prefix(3)))
    let verification = journal.verify()
    #expect(verification.chainIntact)
    #expect(verification.headHash != head)
    #expect(verification.entryCount == 3)
  }

  @Test("Deux entrées interverties : signalées comme dans le désordre")
  func reorderedEntries() throws {
    let (journal, lines) = try journalWithEntries(5)
    defer { try? FileManager.default.removeItem(at: journal.folder) }
    var reordered = lines
    reordered.swapAt(2, 3)
    try rewrite(journal, reordered)
    let verification = journal.verify()
    #expect(verification.problems.map(\.line) == [3, 4])
    #expect(verification.problems.allSatisfy { $0.message.contains("désordre") })
    #expect(!verification.problems.contains { $0.message.contains("supprimée") })
  }

  @Test("Une dernière ligne tronquée : signalée, jamais ignorée, et aucun ajout après elle")
  func tornLastLine() throws {
    let (journal, lines) = try journalWithEntries(3)
    defer { try? FileManager.default.removeItem(at: journal.folder) }
    var torn = lines
    torn[2] = String(torn[2].prefix(40))
    try rewrite(journal, torn, finalNewline: false)
    let verification = journal.verify()
    #expect(verification.problems.map(\.line) == [3])
    #expect(verification.problems.first?.message.contains("tronquée") == true)
    #expect(verification.entryCount == 2)
    #expect(throws: JournalError.self) { try journal.entries() }
    #expect(throws: JournalError.self) {
      try journal.append(JournalEvent(kind: .seal, year: 2026), by: .outside)
    }
    // The refused append did not touch the file.
    #expect(try String(contentsOf: journal.url, encoding: .utf8) == torn.joined(separator: "\n"))
  }

  @Test("Une ligne illisible au milieu : signalée à sa ligne, et entries() la nomme")
  func malformedLine() throws {
    let (journal, lines) = try journalWithEntries(3)
    defer { try? FileManager.default.removeItem(at: journal.folder) }
    var malformed = lines
    malformed.insert("{pas du JSON", at: 1)
    try rewrite(journal, malformed)
    let verification = journal.verify()
    #expect(verification.problems.map(\.line) == [2])
    #expect(verification.problems.first?.message.contains("illisible") == true)
    do {
      _ = try journal.entries()
      Issue.record("entries() aurait dû refuser la ligne 2")
    } catch {
      #expect(error.message.contains("ligne 2"))
    }
  }

  @Test("Une entrée réécrite avec un champ ajouté, même empreinte : signalée")
  func addedField() throws {
    let (journal, lines) = try journalWithEntries(2)
    defer { try? FileManager.default.removeItem(at: journal.folder) }
    var changed = lines
    changed[0] = "{\"ajout\":1," + changed[0].dropFirst()
    try rewrite(journal, changed)
    let verification = journal.verify()
    #expect(verification.problems.map(\.line) == [1])
    #expect(verification.problems.first?.message.contains("réécrite") == true)
  }

  @Test("La forme sur octets (copie scellée) donne le même verdict que le fichier")
  func staticFormMatches() throws {
    let (journal, lines) = try journalWithEntries(4)
    defer { try? FileManager.default.removeItem(at: journal.folder) }
    let fromBytes = Journal.verify(data: try Data(contentsOf: journal.url))
    #expect(fromBytes.chainIntact)
    #expect(fromBytes.headHash == journal.verify().headHash)
    var removed = lines
    removed.remove(at: 2)
    let tampered = Journal.verify(data: Data((removed.joined(separator: "\n") + "\n").utf8))
    #expect(tampered.problems.map(\.line) == [3])
  }
}

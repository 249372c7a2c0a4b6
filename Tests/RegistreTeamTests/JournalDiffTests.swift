import RegistreTeam
import Testing

@Suite("Journal : différences à l'affichage")
struct JournalDiffTests {
  @Test("Une ligne changée : retirée puis ajoutée, avec ses numéros, et le contexte autour")
  func oneChangedLine() {
    let old = (1...10).map { "ligne \($0)" }.joined(separator: "\n") + "\n"
    let new = old.replacingOccurrences(of: "ligne 6\n", with: "ligne six\n")
    let diff = JournalDiff.lines(from: old, to: new)
    #expect(diff.map(\.kind) == [.skipped, .kept, .kept, .kept, .removed, .added, .kept, .kept, .kept, .skipped])
    #expect(diff.first?.count == 2)
    #expect(diff.last?.count == 1)
    let removed = diff.first { $0.kind == .removed }
    #expect(removed?.oldNumber == 6 && removed?.text == "ligne 6" && removed?.newNumber == nil)
    let added = diff.first { $0.kind == .added }
    #expect(added?.newNumber == 6 && added?.text == "ligne six" && added?.oldNumber == nil)
  }

  @Test("Sans changement : tout est replié ; rien n'est inventé")
  func noChange() {
    let text = "a\nb\nc\nd\ne\n"
    let diff = JournalDiff.lines(from: text, to: text)
    #expect(diff == [DiffLine(kind: .skipped, oldNumber: 1, newNumber: 1, text: "", count: 5)])
  }

  @Test("Fichier créé, puis supprimé : tout ajouté, puis tout retiré")
  func createdThenDeleted() {
    let created = JournalDiff.lines(from: nil, to: "id: ent\nnom: ENT\n")
    #expect(created.map(\.kind) == [.added, .added])
    #expect(created.map(\.newNumber) == [1, 2])
    let deleted = JournalDiff.lines(from: "id: ent\nnom: ENT\n", to: nil)
    #expect(deleted.map(\.kind) == [.removed, .removed])
    #expect(JournalDiff.lines(from: nil, to: nil).isEmpty)
  }

  @Test("Deux changements proches partagent leur contexte ; deux lointains sont séparés")
  func hunks() {
    let old = (1...20).map { "l\($0)" }
    var near = old
    near[4] = "x5"
    near[7] = "x8"
    let nearDiff = JournalDiff.lines(from: old.joined(separator: "\n"), to: near.joined(separator: "\n"))
    #expect(nearDiff.filter { $0.kind == .skipped }.count == 2)
    var far = old
    far[1] = "x2"
    far[17] = "x18"
    let farDiff = JournalDiff.lines(from: old.joined(separator: "\n"), to: far.joined(separator: "\n"))
    let skipped = farDiff.filter { $0.kind == .skipped }
    #expect(skipped.count == 1)
    #expect(skipped.first?.oldNumber == 6 && skipped.first?.count == 9)
  }
}

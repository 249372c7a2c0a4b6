import Foundation
import RegistreTeam
import RegistreTestSupport
import Testing

@Suite("Comptes : empreintes bcrypt, refus, limitation des tentatives")
struct AccountsTests {
  static let password = "correct cheval pile agrafe"

  @Test("Aucun mot de passe ne se retrouve dans comptes.yaml, lisible par son seul propriétaire")
  func noPasswordOnDisk() throws {
    try TemporaryFolder.with { folder in
      var book = AccountBook()
      try book.add(identifier: "m.durand", name: "Marie Durand", role: .chef, password: Self.password, today: "2026-12-03")
      try book.save(to: folder)
      let url = AccountBook.url(in: folder)
      let text = try String(contentsOf: url, encoding: .utf8)
      #expect(!text.contains(Self.password))
      #expect(!text.contains("cheval"))
      #expect(text.contains("$2b$12$"))
      let mode = try #require(try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int)
      #expect(mode == 0o600)
      let reloaded = try #require(try AccountBook.load(from: folder))
      #expect(reloaded.authenticate(identifier: "m.durand", password: Self.password)?.role == .chef)
    }
  }

  @Test("Un mauvais mot de passe, un identifiant inconnu sont refusés")
  func wrongPasswordRefused() throws {
    var book = AccountBook()
    try book.add(identifier: "cpe", name: nil, role: .contributeur, password: Self.password, cost: 4, today: "2026-12-03")
    #expect(book.authenticate(identifier: "cpe", password: Self.password) != nil)
    #expect(book.authenticate(identifier: "cpe", password: Self.password + "x") == nil)
    #expect(book.authenticate(identifier: "cpe", password: "") == nil)
    #expect(book.authenticate(identifier: "inconnu", password: Self.password) == nil)
  }

  @Test("Mot de passe trop court, trop long, identifiant invalide ou en double : refusés")
  func badInputsRefused() throws {
    var book = AccountBook()
    #expect(throws: AccountError.self) {
      try book.add(identifier: "a", name: nil, role: .chef, password: "court", cost: 4, today: "2026-12-03")
    }
    #expect(throws: AccountError.self) {
      try book.add(identifier: "a", name: nil, role: .chef, password: String(repeating: "é", count: 40), cost: 4, today: "2026-12-03")
    }
    #expect(throws: AccountError.self) {
      try book.add(identifier: "Marie Durand", name: nil, role: .chef, password: Self.password, cost: 4, today: "2026-12-03")
    }
    try book.add(identifier: "a", name: nil, role: .chef, password: Self.password, cost: 4, today: "2026-12-03")
    #expect(throws: AccountError.self) {
      try book.add(identifier: "a", name: nil, role: .dpd, password: Self.password, cost: 4, today: "2026-12-03")
    }
    #expect(book.accounts.count == 1)
  }

  @Test("Le dernier compte chef ne se retire pas tant que d'autres comptes restent")
  func lastHeadStays() throws {
    var book = AccountBook()
    try book.add(identifier: "chef", name: nil, role: .chef, password: Self.password, cost: 4, today: "2026-12-03")
    try book.add(identifier: "cpe", name: nil, role: .contributeur, password: Self.password, cost: 4, today: "2026-12-03")
    #expect(throws: AccountError.self) { try book.remove(identifier: "chef") }
    try book.remove(identifier: "cpe")
    try book.remove(identifier: "chef")
    #expect(book.accounts.isEmpty)
  }

  @Test("Un comptes.yaml abîmé est refusé avec le fichier et le champ")
  func damagedFileRefused() throws {
    try TemporaryFolder.with { folder in
      try Data("comptes:\n  - identifiant: x\n    role: chef\n    empreinte: motdepasseenclair\n    cree: 2026-12-03\n".utf8)
        .write(to: AccountBook.url(in: folder))
      #expect {
        _ = try AccountBook.load(from: folder)
      } throws: { error in
        (error as? AccountError)?.message.contains("empreinte") == true
      }
      try Data("comptes:\n  - identifiant: x\n    role: directeur\n".utf8).write(to: AccountBook.url(in: folder))
      #expect(throws: AccountError.self) { _ = try AccountBook.load(from: folder) }
      try FileManager.default.removeItem(at: AccountBook.url(in: folder))
      #expect(try AccountBook.load(from: folder) == nil)
    }
  }

  @Test("Après 5 échecs, l'identifiant attend la fin de la fenêtre ; une réussite remet à zéro")
  func throttle() {
    let throttle = SignInThrottle(allowedFailures: 5, globalFailures: 50, window: 900)
    let start = Date(timeIntervalSince1970: 1_000_000)
    for i in 0..<4 { throttle.recordFailure("cpe", now: start.addingTimeInterval(Double(i))) }
    #expect(throttle.blockedUntil("cpe", now: start.addingTimeInterval(5)) == nil)
    throttle.recordFailure("cpe", now: start.addingTimeInterval(5))
    #expect(throttle.blockedUntil("cpe", now: start.addingTimeInterval(6)) != nil)
    #expect(throttle.blockedUntil("autre", now: start.addingTimeInterval(6)) == nil)
    #expect(throttle.blockedUntil("cpe", now: start.addingTimeInterval(906)) == nil)
    throttle.recordFailure("chef", now: start)
    throttle.recordSuccess("chef")
    #expect(throttle.blockedUntil("chef", now: start) == nil)
  }

  @Test("Au-delà du plafond global d'échecs, tout identifiant attend")
  func globalThrottle() {
    let throttle = SignInThrottle(allowedFailures: 5, globalFailures: 10, window: 900)
    let now = Date(timeIntervalSince1970: 2_000_000)
    for i in 0..<10 { throttle.recordFailure("essai\(i)", now: now) }
    #expect(throttle.blockedUntil("quelquun", now: now) != nil)
  }
}

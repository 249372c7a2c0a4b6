import Foundation
import HTTPTypes
import RegistreCatalogue
import RegistreServer
import RegistreTeam
import RegistreTestSupport
import RegistreWorkflows
import Testing

/// A lot of two schools (copies of the demo): the académie's accounts in the lot's `comptes.yaml`;
/// school A names `dpd.academie` its DPD, school B does not.
struct LotFolder {
  let base: URL
  var lot: URL { base.appendingPathComponent("lot") }
  static let password = "mot de passe du lot assez long"
  static let cli = JournalActor(account: nil, role: nil, channel: .commandLine, systemUser: "test")

  init() throws {
    base = try TemporaryFolder.make("registre-lot-serveur")
    for school in ["ecole-a", "ecole-b"] {
      let folder = base.appendingPathComponent("lot/\(school)")
      try FileManager.default.createDirectory(at: folder.deletingLastPathComponent(), withIntermediateDirectories: true)
      try FileManager.default.copyItem(at: Catalogue.demoFolder(), to: folder)
      try add(folder, "chef", .chef)
    }
    try add(lot, "dpd.academie", .dpd)
    try add(lot, "inspection", .lecteur)
    try add(lot.appendingPathComponent("ecole-a"), "dpd.academie", .dpd)
    try add(lot.appendingPathComponent("ecole-a"), "inspection", .dpd)
  }

  func add(_ folder: URL, _ identifier: String, _ role: Role) throws {
    try TeamWorkflow.addAccount(folder, identifier: identifier, name: nil, role: role, password: Self.password, by: Self.cli, cost: 4, today: "2026-12-03")
  }

  func school(_ name: String) -> URL { lot.appendingPathComponent(name) }
  func remove() { try? FileManager.default.removeItem(at: base) }
}

@Suite("registre serveur --lot : la vue de l'académie")
struct LotTests {
  /// A POST with the CSRF token of the page it is sent from (each school's pages have their own).
  func post(_ client: LoopbackClient, _ path: String, _ fields: [(String, String)]) async throws -> LoopbackResponse {
    let school = path.split(separator: "/").prefix(2).joined(separator: "/")
    let page = try await client.execute(uri: "/\(school)/", method: .get)
    let token = try #require(hidden("_csrf", in: page.text))
    return try await client.execute(uri: path, method: .post, headers: formHeaders, body: form([("_csrf", token)] + fields))
  }

  @Test("Le tableau consolidé liste chaque établissement avec ses constats, ses AIPD manquantes et ses fiches à relire")
  func overview() async throws {
    let lot = try LotFolder()
    defer { lot.remove() }
    try TeamWorkflow.move(
      lot.school("ecole-a"), file: "traitements/ent.yaml", to: .aRelire,
      by: JournalActor(account: "chef", role: .chef, channel: .commandLine), reason: nil)
    try await serve(lot.lot, demo: false, lot: true) { client in
      #expect(try await client.execute(uri: "/", method: .get).status == .seeOther)
      let dpd = try await client.signedIn(identifier: "dpd.academie", password: LotFolder.password)
      let page = try await dpd.execute(uri: "/", method: .get)
      #expect(page.status == .ok)
      #expect(page.text.contains("Vue de l'académie"))
      #expect(page.text.contains("href=\"/etablissements/ecole-a/\""))
      #expect(page.text.contains("href=\"/etablissements/ecole-b/\""))
      #expect(page.text.contains("DPD de l'établissement"))
      #expect(page.text.contains("lecture seule"))
      #expect(page.text.contains("1 fiche(s) à relire"))
      // The same figures as `registre audit --lot`.
      let batch = try AuditWorkflow.runBatch(folder: lot.lot.path, options: AuditOptions(date: try RegisterInput.day(nil)))
      let missing = batch.etablissements.reduce(0) { $0 + ($1.constatsParRegle["aipd-requise-manquante"] ?? 0) }
      #expect(page.text.contains("\(missing) AIPD requise(s) manquante(s)"))
      let blocking = batch.etablissements.filter { $0.erreurs > 0 }.count
      #expect(page.text.contains("\(blocking) établissement(s) avec des constats bloquants"))
    }
  }

  @Test("DPD là où l'établissement le nomme, lecture seule ailleurs ; les passages vont au journal de l'établissement")
  func rightsPerSchool() async throws {
    let lot = try LotFolder()
    defer { lot.remove() }
    for school in ["ecole-a", "ecole-b"] {
      try TeamWorkflow.move(
        lot.school(school), file: "traitements/ent.yaml", to: .aRelire,
        by: JournalActor(account: "chef", role: .chef, channel: .commandLine), reason: nil)
    }
    try await serve(lot.lot, demo: false, lot: true) { client in
      let dpd = try await client.signedIn(identifier: "dpd.academie", password: LotFolder.password)
      let a = try await dpd.execute(uri: "/etablissements/ecole-a/traitements/ent", method: .get)
      #expect(a.status == .ok)
      #expect(a.text.contains("action=\"/etablissements/ecole-a/traitements/ent/statut\""))
      #expect(a.text.contains("href=\"/etablissements/ecole-a/traitements\""))
      #expect(a.text.contains("action=\"/deconnexion\""))
      #expect(a.text.contains("retour à la vue de l'académie"))
      let moved = try await post(dpd, "/etablissements/ecole-a/traitements/ent/statut", [("vers", "controle")])
      #expect(moved.status == .seeOther)
      #expect(moved.headers[.location]?.hasPrefix("/etablissements/ecole-a/traitements/ent") == true)
      #expect(try TeamWorkflow.standing(lot.school("ecole-a"), file: "traitements/ent.yaml").state == .controle)
      let entry = try #require(try Journal(folder: lot.school("ecole-a")).entries().last)
      #expect(entry.actor == JournalActor(account: "dpd.academie", role: .dpd, channel: .web))

      let b = try await dpd.execute(uri: "/etablissements/ecole-b/traitements/ent", method: .get)
      #expect(b.status == .ok)
      #expect(!b.text.contains("traitements/ent/statut\""))
      let refused = try await post(dpd, "/etablissements/ecole-b/traitements/ent/statut", [("vers", "controle")])
      #expect(refused.status == .forbidden)
      #expect(try TeamWorkflow.standing(lot.school("ecole-b"), file: "traitements/ent.yaml").state == .aRelire)

      // A lot reader stays a reader, even where the school's file says dpd.
      let reader = try await client.signedIn(identifier: "inspection", password: LotFolder.password)
      let denied = try await post(reader, "/etablissements/ecole-a/traitements/vie-scolaire/statut", [("vers", "brouillon"), ("motif", "x")])
      #expect(denied.status == .forbidden)
      #expect(try await reader.execute(uri: "/etablissements/ecole-z/", method: .get).status == .notFound)
    }
  }
}

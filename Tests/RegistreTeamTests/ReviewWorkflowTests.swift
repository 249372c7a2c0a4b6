import Foundation
import RegistreCatalogue
import RegistreTeam
import RegistreTestSupport
import RegistreWorkflows
import Testing

/// A copy of the demo register with one account per role (bcrypt cost 4: these tests are not about hashing).
struct TeamFixture {
  let folder: URL
  static let password = "un mot de passe assez long"

  init() throws {
    folder = try TemporaryFolder.make("registre-equipe")
    try FileManager.default.removeItem(at: folder)
    try FileManager.default.copyItem(at: Catalogue.demoFolder(), to: folder)
    for role in Role.allCases {
      try TeamWorkflow.addAccount(
        folder, identifier: role.rawValue, name: nil, role: role, password: Self.password,
        by: JournalActor(account: nil, role: nil, channel: .commandLine, systemUser: "test"), cost: 4, today: "2026-12-03")
    }
  }

  func actor(_ role: Role, channel: JournalActor.Channel = .web) -> JournalActor {
    JournalActor(account: role.rawValue, role: role, channel: channel)
  }

  var fiche: String { TeamWorkflow.ficheFiles(in: folder).first ?? "" }

  func standing(_ file: String? = nil) throws -> FicheStanding { try TeamWorkflow.standing(folder, file: file ?? fiche) }

  /// Edits the fiche as a contributor would, through the journal.
  func edit(by actor: JournalActor, appending line: String = "# modifiée\n") throws {
    let url = folder.appendingPathComponent(fiche)
    try TeamWorkflow.journaledWrite(folder, by: actor) {
      let text = try String(contentsOf: url, encoding: .utf8) + line
      try Data(text.utf8).write(to: url)
    }
  }

  func remove() { try? FileManager.default.removeItem(at: folder) }
}

@Suite("Circuit de relecture : brouillon → à relire → contrôlé → validé")
struct ReviewWorkflowTests {
  @Test("Le circuit complet, et le retour en brouillon quand la fiche est modifiée")
  func fullCircuitAndDropBack() throws {
    let f = try TeamFixture()
    defer { f.remove() }
    #expect(try f.standing().state == .brouillon)
    try TeamWorkflow.move(f.folder, file: f.fiche, to: .aRelire, by: f.actor(.contributeur), reason: nil)
    #expect(try f.standing().state == .aRelire)
    try TeamWorkflow.move(f.folder, file: f.fiche, to: .controle, by: f.actor(.dpd), reason: nil)
    #expect(try f.standing().state == .controle)
    try TeamWorkflow.move(f.folder, file: f.fiche, to: .valide, by: f.actor(.chef), reason: nil)
    let validated = try f.standing()
    #expect(validated.state == .valide)
    #expect(validated.movedBy?.account == "chef")
    let text = try String(contentsOf: f.folder.appendingPathComponent(f.fiche), encoding: .utf8)
    #expect(text.contains("\nstatut: valide") || text.hasPrefix("statut: valide"))

    try f.edit(by: f.actor(.contributeur))
    let dropped = try f.standing()
    #expect(dropped.state == .brouillon)
    #expect(dropped.dropBack?.previous == .valide)
    #expect(dropped.dropBack?.actor?.account == "contributeur")
    #expect(dropped.dropBack?.libelle.contains("Retour en brouillon") == true)
    // The drop back is itself an entry of the journal.
    let entries = try Journal(folder: f.folder).entries()
    #expect(entries.contains { $0.event.kind == .status && $0.event.from == .valide && $0.event.to == .brouillon })
  }

  @Test("Une modification faite hors application renvoie aussi la fiche en brouillon")
  func outsideEditDropsBack() throws {
    let f = try TeamFixture()
    defer { f.remove() }
    try TeamWorkflow.move(f.folder, file: f.fiche, to: .aRelire, by: f.actor(.chef), reason: nil)
    try TeamWorkflow.move(f.folder, file: f.fiche, to: .controle, by: f.actor(.dpd), reason: nil)
    let url = f.folder.appendingPathComponent(f.fiche)
    try Data((try String(contentsOf: url, encoding: .utf8) + "# à la main\n").utf8).write(to: url)
    let standing = try f.standing()
    #expect(standing.state == .brouillon)
    #expect(standing.dropBack?.actor == nil)
    #expect(standing.dropBack?.previous == .controle)
  }

  @Test("Chaque passage exige son rôle ; un passage hors circuit est refusé")
  func rolesAndIllegalMoves() throws {
    let f = try TeamFixture()
    defer { f.remove() }
    func refusal(_ target: ReviewState, _ role: Role) -> TeamRefusal.Kind? {
      do {
        try TeamWorkflow.move(f.folder, file: f.fiche, to: target, by: f.actor(role), reason: "motif")
        return nil
      } catch { return error.kind }
    }
    #expect(refusal(.valide, .chef) == .conflict)  // brouillon → validé n'existe pas
    #expect(refusal(.controle, .dpd) == .conflict)
    #expect(refusal(.aRelire, .lecteur) == .forbidden)
    #expect(refusal(.aRelire, .dpd) == .forbidden)
    #expect(refusal(.aRelire, .contributeur) == nil)
    #expect(refusal(.controle, .contributeur) == .forbidden)
    #expect(refusal(.controle, .chef) == .forbidden)
    #expect(refusal(.valide, .chef) == .conflict)  // à relire → validé n'existe pas
    #expect(refusal(.controle, .dpd) == nil)
    #expect(refusal(.valide, .dpd) == .forbidden)
    #expect(refusal(.valide, .contributeur) == .forbidden)
    #expect(refusal(.valide, .chef) == nil)
    #expect(try f.standing().state == .valide)
  }

  @Test("Un renvoi en brouillon demande un motif, que la fiche garde")
  func sendBackNeedsReason() throws {
    let f = try TeamFixture()
    defer { f.remove() }
    try TeamWorkflow.move(f.folder, file: f.fiche, to: .aRelire, by: f.actor(.contributeur), reason: nil)
    #expect(throws: TeamRefusal.self) {
      try TeamWorkflow.move(f.folder, file: f.fiche, to: .brouillon, by: f.actor(.dpd), reason: "  ")
    }
    try TeamWorkflow.move(f.folder, file: f.fiche, to: .brouillon, by: f.actor(.dpd), reason: "Durées de conservation à préciser")
    let standing = try f.standing()
    #expect(standing.state == .brouillon)
    #expect(standing.reason == "Durées de conservation à préciser")
    #expect(TeamWorkflow.waiting(for: .contributeur, in: [standing]).contains { $0.what.contains("Durées de conservation") })
  }

  @Test("Recommandations : le DPD écrit et clôt, l'équipe répond")
  func recommendations() throws {
    let f = try TeamFixture()
    defer { f.remove() }
    #expect(throws: TeamRefusal.self) {
      try TeamWorkflow.recommend(f.folder, file: f.fiche, text: "Préciser la base légale", by: f.actor(.chef))
    }
    let made = try TeamWorkflow.recommend(f.folder, file: f.fiche, text: "Préciser la base légale", by: f.actor(.dpd))
    #expect(made.number == 1)
    #expect(made.status == .ouverte)
    #expect(TeamWorkflow.waiting(for: .chef, in: [try f.standing()]).count == 1)
    #expect(throws: TeamRefusal.self) {
      try TeamWorkflow.answer(f.folder, file: f.fiche, number: 1, text: "Fait", by: f.actor(.lecteur))
    }
    #expect(throws: TeamRefusal.self) {
      try TeamWorkflow.answer(f.folder, file: f.fiche, number: 2, text: "Fait", by: f.actor(.contributeur))
    }
    try TeamWorkflow.answer(f.folder, file: f.fiche, number: 1, text: "Mission d'intérêt public, art. 6.1.e", by: f.actor(.contributeur))
    #expect(try f.standing().recommendations.first?.status == .repondue)
    #expect(TeamWorkflow.waiting(for: .dpd, in: [try f.standing()]).count == 1)
    #expect(throws: TeamRefusal.self) {
      try TeamWorkflow.close(f.folder, file: f.fiche, number: 1, text: nil, by: f.actor(.contributeur))
    }
    try TeamWorkflow.close(f.folder, file: f.fiche, number: 1, text: "Vu", by: f.actor(.dpd))
    #expect(try f.standing().recommendations.first?.status == .close)
    #expect(throws: TeamRefusal.self) {
      try TeamWorkflow.answer(f.folder, file: f.fiche, number: 1, text: "Encore", by: f.actor(.contributeur))
    }
    #expect(TeamWorkflow.waiting(for: .dpd, in: [try f.standing()]).isEmpty)
    let second = try TeamWorkflow.recommend(f.folder, file: f.fiche, text: "Ajouter la durée", by: f.actor(.dpd))
    #expect(second.number == 2)
  }

  @Test("Un faux « contrôlé » écrit dans le fichier ne compte pas : seul le journal fait foi")
  func declaredStatusIsNotReviewState() throws {
    let f = try TeamFixture()
    defer { f.remove() }
    let url = f.folder.appendingPathComponent(f.fiche)
    let text = try String(contentsOf: url, encoding: .utf8)
    try Data((text.replacingOccurrences(of: "statut: brouillon", with: "statut: valide") + "\nstatut: valide\n").utf8).write(to: url)
    #expect(try f.standing().state == .brouillon)
    let entries = try Journal(folder: f.folder).entries()
    #expect(!entries.contains { $0.event.kind == .status })
  }
}

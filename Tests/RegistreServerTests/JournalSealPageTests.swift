import Foundation
import HTTPTypes
@testable import RegistreServer
import RegistreSignature
import RegistreTeam
import RegistreTestSupport
import RegistreWorkflows
import Testing

@Suite("registre serveur : l'export annuel scelle le journal au nom de la personne connectée")
struct JournalSealPageTests {
  @Test("Le scellement d'un dossier avec journal, depuis la page Documents, est écrit au nom du compte connecté")
  func sealFromThePageNamesTheSignedInPerson() async throws {
    _ = try Checkers.require("fop", package: "fop")
    let demo = try DemoCopy()
    defer { demo.remove() }
    let journal = Journal(folder: demo.folder)
    try journal.recordChanges(by: .outside)
    let signing = try SigningIdentity.load(
      .demonstration(organization: "Registre (démonstration)"), options: SignatureOptions()) { nil }
    try await serve(demo.folder, signing: signing) { client in
      let page = try await client.execute(uri: "/documents", method: .get)
      let token = try #require(hidden("_csrf", in: page.text))
      let sealed = try await followJob(
        client,
        try await client.execute(
          uri: "/documents/annee", method: .post, headers: formHeaders, body: form([("_csrf", token), ("annee", "2026")])))
      #expect(sealed.status == .ok, "\(sealed.text)")
    }
    let last = try #require(try journal.entries().last)
    #expect(last.event.kind == .seal)
    #expect(last.event.year == 2026)
    #expect(last.actor.channel == .web)
    #expect(last.actor.role == .chef)
    let copy = demo.folder.appendingPathComponent("archive/2026/\(Journal.fileName)")
    #expect(try Data(contentsOf: copy) == (try Data(contentsOf: journal.url)))
  }
}

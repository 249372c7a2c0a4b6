import Foundation
import HTTPTypes
import RegistreServer
import RegistreTeam
import RegistreTestSupport
import RegistreWorkflows
import Testing

/// The demo register with one account per role, served with accounts (not in demonstration).
struct TeamServerFolder {
  let copy: DemoCopy
  static let password = "mot de passe de test assez long"
  var folder: URL { copy.folder }

  init() throws {
    copy = try DemoCopy()
    for role in Role.allCases {
      try TeamWorkflow.addAccount(
        copy.folder, identifier: role.rawValue, name: "Compte \(role.rawValue)", role: role, password: Self.password,
        by: JournalActor(account: nil, role: nil, channel: .commandLine, systemUser: "test"), cost: 4, today: "2026-12-03")
    }
  }

  /// Every file of the folder and its bytes: what a refused request must leave exactly as it was.
  func contents() throws -> [String: Data] {
    var result: [String: Data] = [:]
    let base = folder.path
    guard let walker = FileManager.default.enumerator(atPath: base) else { return result }
    for case let relative as String in walker {
      var isFolder: ObjCBool = false
      let path = base + "/" + relative
      if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue {
        result[relative] = try Data(contentsOf: URL(fileURLWithPath: path))
      }
    }
    return result
  }

  func remove() { copy.remove() }
}

/// A write route of the application, with a body that its handler accepts or refuses quickly (no FOP run).
struct WriteRoute: Sendable, CustomStringConvertible {
  var path: String
  var fields: [(String, String)]
  var action: RouteNeed
  var description: String { path }

  enum RouteNeed: Sendable {
    case action(TeamAction)
    case anyReviewMove
  }

  func allows(_ role: Role) -> Bool {
    switch action {
    case .action(let a): return role.may(a)
    case .anyReviewMove: return [TeamAction.submitForReview, .sendBack, .markControlled, .validate].contains { role.may($0) }
    }
  }

  static let all: [WriteRoute] = [
    WriteRoute(path: "/modifier/etablissement", fields: [("_version", "périmée")], action: .action(.edit)),
    WriteRoute(path: "/modifier/traitements/ent", fields: [("_version", "périmée")], action: .action(.edit)),
    WriteRoute(path: "/modifier/sous-traitants/scolaris", fields: [("_version", "périmée")], action: .action(.edit)),
    WriteRoute(path: "/nouveau/traitements", fields: [("id", "")], action: .action(.edit)),
    WriteRoute(path: "/nouveau/violations", fields: [("id", "")], action: .action(.edit)),
    WriteRoute(path: "/catalogue", fields: [("entree", "inconnue-du-catalogue")], action: .action(.edit)),
    WriteRoute(path: "/documents", fields: [], action: .action(.produceDocuments)),
    WriteRoute(path: "/documents/annee", fields: [("annee", "pas une année")], action: .action(.sealYear)),
    WriteRoute(path: "/traitements/ent/statut", fields: [("vers", "valide")], action: .anyReviewMove),
    WriteRoute(path: "/traitements/ent/recommandations", fields: [("texte", "")], action: .action(.writeRecommendation)),
    WriteRoute(path: "/traitements/ent/recommandations/9/reponse", fields: [("texte", "x")], action: .action(.answerRecommendation)),
    WriteRoute(path: "/traitements/ent/recommandations/9/cloture", fields: [], action: .action(.closeRecommendation)),
  ]
}

@Suite("registre serveur : comptes, sessions et rôles")
struct AccessTests {
  @Test("Sans comptes, le serveur refuse de démarrer et dit comment créer le premier")
  func noAccountsNoServer() async throws {
    let demo = try DemoCopy()
    defer { demo.remove() }
    await #expect {
      try await serve(demo.folder, demo: false) { _ in () }
    } throws: { error in
      (error as? ServerSetupError)?.message.contains("registre comptes ajouter") == true
    }
  }

  @Test("Sans session, une page renvoie à la connexion et un POST est refusé")
  func anonymousRefused() async throws {
    let team = try TeamServerFolder()
    defer { team.remove() }
    try await serve(team.folder, demo: false) { client in
      let page = try await client.execute(uri: "/traitements", method: .get)
      #expect(page.status == .seeOther)
      #expect(page.headers[.location] == "/connexion?suite=/traitements")
      let signIn = try await client.execute(uri: "/connexion", method: .get)
      let token = try #require(hidden("_csrf", in: signIn.text))
      let before = try team.contents()
      let post = try await client.execute(
        uri: "/modifier/traitements/ent", method: .post, headers: formHeaders, body: form([("_csrf", token)]))
      #expect(post.status == .forbidden)
      #expect(post.text.contains("Connexion nécessaire"))
      #expect(try team.contents() == before)
    }
  }

  @Test("Connexion : un mauvais mot de passe est refusé, le bon ouvre une session au cookie protégé")
  func signIn() async throws {
    let team = try TeamServerFolder()
    defer { team.remove() }
    try await serve(team.folder, demo: false) { client in
      await #expect(throws: LoopbackClient.Failure.self) {
        _ = try await client.signedIn(identifier: "chef", password: "pas le bon mot de passe")
      }
      await #expect(throws: LoopbackClient.Failure.self) {
        _ = try await client.signedIn(identifier: "personne", password: TeamServerFolder.password)
      }
      let page = try await client.execute(uri: "/connexion", method: .get)
      let token = try #require(hidden("_csrf", in: page.text))
      let answer = try await client.execute(
        uri: "/connexion", method: .post, headers: formHeaders,
        body: form([("_csrf", token), ("identifiant", "chef"), ("mot_de_passe", TeamServerFolder.password), ("suite", "//ailleurs.example/")]))
      #expect(answer.status == .seeOther)
      #expect(answer.headers[.location] == "/")
      let cookie = try #require(answer.headers[.setCookie])
      for attribute in ["HttpOnly", "Secure", "SameSite=Strict", "Max-Age=28800", "Path=/"] {
        #expect(cookie.contains(attribute), "attribut \(attribute) absent : \(cookie)")
      }
      let chef = LoopbackClient(port: client.port, cookie: String(cookie.split(separator: ";")[0]))
      let dashboard = try await chef.execute(uri: "/", method: .get)
      #expect(dashboard.status == .ok)
      #expect(dashboard.text.contains("Connecté : Compte chef (chef)"))
      // Signing out ends the session on the server, not only in the browser.
      let out = try await chef.execute(uri: "/deconnexion", method: .post, headers: formHeaders, body: form([("_csrf", token)]))
      #expect(out.status == .seeOther)
      #expect(try await chef.execute(uri: "/", method: .get).status == .seeOther)
    }
  }

  @Test("Après 5 échecs, même le bon mot de passe attend (429)")
  func throttled() async throws {
    let team = try TeamServerFolder()
    defer { team.remove() }
    try await serve(team.folder, demo: false) { client in
      let page = try await client.execute(uri: "/connexion", method: .get)
      let token = try #require(hidden("_csrf", in: page.text))
      func attempt(_ password: String) async throws -> HTTPResponse.Status {
        try await client.execute(
          uri: "/connexion", method: .post, headers: formHeaders,
          body: form([("_csrf", token), ("identifiant", "dpd"), ("mot_de_passe", password)])
        ).status
      }
      for _ in 0..<5 { #expect(try await attempt("mauvais mot de passe") == .unauthorized) }
      #expect(try await attempt(TeamServerFolder.password) == .tooManyRequests)
      // Another account is not locked by these failures.
      _ = try await client.signedIn(identifier: "chef", password: TeamServerFolder.password)
    }
  }

  @Test("Chaque rôle × chaque route d'écriture : permis selon la table des rôles, sinon 403 sans rien changer")
  func everyRoleEveryWriteRoute() async throws {
    let team = try TeamServerFolder()
    defer { team.remove() }
    try await serve(team.folder, demo: false) { client in
      for role in Role.allCases {
        let signed = try await client.signedIn(identifier: role.rawValue, password: TeamServerFolder.password)
        let page = try await signed.execute(uri: "/", method: .get)
        let token = try #require(hidden("_csrf", in: page.text))
        for route in WriteRoute.all {
          let before = try team.contents()
          let answer = try await signed.execute(
            uri: route.path, method: .post, headers: formHeaders, body: form([("_csrf", token)] + route.fields))
          if route.allows(role) {
            #expect(answer.status != .forbidden, "\(role.rawValue) × \(route.path) : refusé à tort")
          } else {
            #expect(answer.status == .forbidden, "\(role.rawValue) × \(route.path) : \(answer.status.code) au lieu de 403")
            #expect(answer.text.contains("ne permet pas"), "\(role.rawValue) × \(route.path)")
            #expect(try team.contents() == before, "\(role.rawValue) × \(route.path) : un fichier a changé")
          }
        }
      }
    }
  }

  @Test("Un lecteur ne change aucun fichier, par aucune route d'écriture, même avec un formulaire valide")
  func readerWritesNothing() async throws {
    let team = try TeamServerFolder()
    defer { team.remove() }
    try await serve(team.folder, demo: false) { client in
      let reader = try await client.signedIn(identifier: "lecteur", password: TeamServerFolder.password)
      let form0 = try await reader.execute(uri: "/modifier/traitements/ent", method: .get)
      #expect(form0.status == .ok)
      let token = try #require(hidden("_csrf", in: form0.text))
      let version = try #require(hidden("_version", in: form0.text))
      let before = try team.contents()
      let valid: [(String, [(String, String)])] = [
        ("/modifier/traitements/ent", [("_version", version), ("nom", "Changé par un lecteur")]),
        ("/catalogue", [("entree", "tchap")]),
        ("/documents", [("document", "registre")]),
        ("/documents/annee", [("annee", "2026")]),
        ("/traitements/ent/statut", [("vers", "a-relire")]),
        ("/traitements/ent/recommandations", [("texte", "Une recommandation")]),
        ("/evaluer", [("_action", "ajouter"), ("nom", "Un outil")]),
        ("/une/route/inconnue", []),
      ]
      for (path, fields) in valid {
        let answer = try await reader.execute(uri: path, method: .post, headers: formHeaders, body: form([("_csrf", token)] + fields))
        #expect(answer.status == .forbidden, "\(path) : \(answer.status.code)")
      }
      let upload = try await reader.execute(
        uri: "/traitements/ent/aipd", method: .post,
        headers: [.contentType: "multipart/form-data; boundary=limite"],
        body: "--limite\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(token)\r\n--limite--\r\n")
      #expect(upload.status == .forbidden)
      #expect(try team.contents() == before)
      // The pages offer a reader no form that writes.
      let treatment = try await reader.execute(uri: "/traitements/ent", method: .get)
      #expect(!treatment.text.contains("action=\"/traitements/ent/statut\""))
      #expect(!treatment.text.contains("Modifier la fiche"))
    }
  }

  @Test("Un compte retiré perd sa session à la requête suivante")
  func removedAccountSignedOut() async throws {
    let team = try TeamServerFolder()
    defer { team.remove() }
    try await serve(team.folder, demo: false) { client in
      let cpe = try await client.signedIn(identifier: "contributeur", password: TeamServerFolder.password)
      #expect(try await cpe.execute(uri: "/", method: .get).status == .ok)
      try TeamWorkflow.removeAccount(team.folder, identifier: "contributeur", by: .outside)
      #expect(try await cpe.execute(uri: "/", method: .get).status == .seeOther)
    }
  }

  @Test("Le circuit de relecture par les pages, écrit au journal")
  func reviewThroughPages() async throws {
    let team = try TeamServerFolder()
    defer { team.remove() }
    try await serve(team.folder, demo: false) { client in
      func post(_ who: LoopbackClient, _ path: String, _ fields: [(String, String)]) async throws -> LoopbackResponse {
        let page = try await who.execute(uri: "/", method: .get)
        let token = try #require(hidden("_csrf", in: page.text))
        return try await who.execute(uri: path, method: .post, headers: formHeaders, body: form([("_csrf", token)] + fields))
      }
      let cpe = try await client.signedIn(identifier: "contributeur", password: TeamServerFolder.password)
      let dpd = try await client.signedIn(identifier: "dpd", password: TeamServerFolder.password)
      let chef = try await client.signedIn(identifier: "chef", password: TeamServerFolder.password)
      #expect(try await post(cpe, "/traitements/ent/statut", [("vers", "a-relire")]).status == .seeOther)
      let waiting = try await dpd.execute(uri: "/", method: .get)
      #expect(waiting.text.contains("Fiche à relire"))
      #expect(try await post(dpd, "/traitements/ent/recommandations", [("texte", "Préciser les destinataires")]).status == .seeOther)
      #expect(try await post(chef, "/traitements/ent/statut", [("vers", "valide")]).status == .conflict)
      #expect(try await post(dpd, "/traitements/ent/statut", [("vers", "controle")]).status == .seeOther)
      #expect(try await post(chef, "/traitements/ent/statut", [("vers", "valide")]).status == .seeOther)
      let page = try await chef.execute(uri: "/traitements/ent", method: .get)
      #expect(page.text.contains("Validé par le chef d'établissement"))
      #expect(page.text.contains("Préciser les destinataires"))
      let entries = try Journal(folder: team.folder).entries()
      let moves = entries.filter { $0.event.kind == .status }.map { $0.actor.account ?? "" }
      #expect(moves == ["contributeur", "dpd", "chef"])
      #expect(entries.allSatisfy { $0.actor.channel != .web || $0.actor.account != nil })
    }
  }
}

import Foundation
import HTTPTypes
import RegistreCatalogue
import RegistreFormats
import RegistreServer
import RegistreTestSupport
import Testing

/// A temporary copy of the demo register, removed at the end of the test.
struct DemoCopy {
  let folder: URL

  /// The copy is `registre/` inside a fresh temporary folder, so that files beside it are outside the register.
  init() throws {
    folder = try TemporaryFolder.make("registre-serveur-tests").appendingPathComponent("registre")
    try FileManager.default.copyItem(at: Catalogue.demoFolder(), to: folder)
  }

  static func empty() throws -> URL {
    try TemporaryFolder.make("registre-serveur-vide")
  }

  func file(_ relative: String) throws -> String {
    try String(contentsOf: folder.appendingPathComponent(relative), encoding: .utf8)
  }

  func remove() { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
}


/// The hidden value of a form field in a page.
func hidden(_ name: String, in html: String) -> String? {
  guard let range = html.range(of: "name=\"\(name)\" value=\"") else { return nil }
  let rest = html[range.upperBound...]
  return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
}

/// `application/x-www-form-urlencoded` body.
func form(_ pairs: [(String, String)]) -> String {
  var allowed = CharacterSet.alphanumerics
  allowed.insert(charactersIn: "-._~")
  let text = pairs.map { key, value in
    "\(key.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")=\(value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
  }.joined(separator: "&")
  return text
}

let formHeaders: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

@Suite("registre serveur : pages et sécurité")
struct ServerTests {
  @Test("chaque page GET répond en français, avec lang=fr et une CSP stricte")
  func everyPage() async throws {
    let demo = try DemoCopy()
    defer { demo.remove() }
    try await serve(demo.folder) { client in
      for (uri, expected) in [
        ("/", "Tableau de bord"), ("/traitements", "Traitements"), ("/traitements/vie-scolaire", "Vie scolaire"),
        ("/modifier/etablissement", "Modifier l'établissement"), ("/modifier/traitements/ent", "Modifier « ent »"),
        ("/modifier/sous-traitants/scolaris", "Modifier « scolaris »"),
        ("/modifier/violations/2026-03-cle-usb", "Modifier « 2026-03-cle-usb »"),
        ("/nouveau/violations", "Nouvel enregistrement"), ("/catalogue", "Ajouter depuis le catalogue"),
        ("/evaluer", "Évaluer un outil"), ("/documents", "Documents"),
        // What each page is for, not just its title: the fiche's values, the breach register,
        // the action plan and the requests (issue 19).
        ("/traitements/vie-scolaire", "Gestion de la vie scolaire et du suivi pédagogique des élèves"),
        ("/", "Registre des violations (art. 33.5 RGPD)"),
        ("/", "hors délai depuis le 2026-11-12"),
        ("/suivi", "signer-contrat-mathsfun"), ("/suivi", "2026-10-acces-parent"),
        ("/modifier/actions/signer-contrat-mathsfun", "Modifier « signer-contrat-mathsfun »"),
        ("/modifier/demandes/2026-10-acces-parent", "Modifier « 2026-10-acces-parent »"),
        ("/nouveau/actions", "Nouvel enregistrement"), ("/nouveau/demandes", "Nouvel enregistrement"),
      ] {
        let response = try await client.execute(uri: uri, method: .get)
        #expect(response.status == .ok, "\(uri)")
        #expect(response.text.contains("<html lang=\"fr\">"), "\(uri)")
        #expect(response.text.contains(expected), "\(uri)")
        // Signed in (the demonstration's role chooser), and told it is the demonstration copy.
        #expect(response.text.contains("Connecté : Démonstration (demo.chef), Chef d'établissement"), "\(uri)")
        #expect(response.text.contains("connexion sans mot de passe, en choisissant un rôle"), "\(uri)")
        #expect(response.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true, "\(uri)")
        #expect(response.headers[.contentSecurityPolicy]?.contains("script-src") == false, "\(uri)")
      }
      let css = try await client.execute(uri: "/static/registre.css", method: .get)
      #expect(css.status == .ok)
      #expect(css.headers[.contentType]?.hasPrefix("text/css") == true)
    }
  }

  @Test("une adresse inconnue donne une page d'erreur française, sans détail interne")
  func notFound() async throws {
    let demo = try DemoCopy()
    defer { demo.remove() }
    try await serve(demo.folder) { client in
      let response = try await client.execute(uri: "/nimporte/quoi", method: .get)
      #expect(response.status == .notFound)
      #expect(response.text.contains("Page introuvable"))
      #expect(response.headers[.contentType]?.hasPrefix("text/html") == true)
      let missing = try await client.execute(uri: "/traitements/inexistant", method: .get)
      #expect(missing.status == .notFound)
      #expect(missing.text.contains("Page introuvable"))
    }
  }

  @Test("la page d'un traitement montre chaque constat avec sa référence et son remède")
  func treatmentFindings() async throws {
    let demo = try DemoCopy()
    defer { demo.remove() }
    try await serve(demo.folder) { client in
      let response = try await client.execute(uri: "/traitements/demi-pension-biometrie", method: .get)
      #expect(response.status == .ok)
      #expect(response.text.contains("Référence :"))
      #expect(response.text.contains("Remède :"))
      #expect(response.text.contains("class=\"ligne-fiche avec-constat\""))
    }
  }

  @Test("les filtres de la liste des traitements")
  func filters() async throws {
    let demo = try DemoCopy()
    defer { demo.remove() }
    try await serve(demo.folder) { client in
      let all = try await client.execute(uri: "/traitements", method: .get)
      let none = try await client.execute(uri: "/traitements?statut=brouillon&constat=aucun&personnes=eleves-mineurs", method: .get)
      let errors = try await client.execute(uri: "/traitements?constat=erreur", method: .get)
      #expect(all.text.contains("/traitements/vie-scolaire\""))
      #expect(errors.text.contains("/traitements/demi-pension-biometrie\""))
      #expect(!errors.text.contains("/traitements/gar\"") || all.text.contains("/traitements/gar\""))
      let count = { (html: String) in html.components(separatedBy: "<tr><td><a href=\"/traitements/").count - 1 }
      #expect(count(all.text) == 23)
      #expect(count(errors.text) < count(all.text))
      #expect(count(none.text) < count(all.text))
    }
  }

  @Test("un POST sans jeton CSRF est refusé (403) et ne change rien")
  func csrf() async throws {
    let demo = try DemoCopy()
    defer { demo.remove() }
    let before = try demo.file("traitements/ent.yaml")
    try await serve(demo.folder) { client in
      let page = try await client.execute(uri: "/modifier/traitements/ent", method: .get)
      let version = try #require(hidden("_version", in: page.text))
      for token in [nil, "faux"] as [String?] {
        var pairs = [("_version", version), ("id", "ent"), ("nom", "Remplacé"), ("statut", "valide")]
        if let token { pairs.append(("_csrf", token)) }
        let response = try await client.execute(
          uri: "/modifier/traitements/ent", method: .post, headers: formHeaders, body: form(pairs))
        #expect(response.status == .forbidden)
        #expect(response.text.contains("jeton de sécurité"))
      }
      let catalogue = try await client.execute(
        uri: "/catalogue", method: .post, headers: formHeaders, body: form([("entree", "tchap")]))
      #expect(catalogue.status == .forbidden)
    }
    #expect(try demo.file("traitements/ent.yaml") == before)
    #expect(!FileManager.default.fileExists(atPath: demo.folder.appendingPathComponent("traitements/tchap.yaml").path))
  }

  @Test("aucun fichier hors du dossier du registre n'est lu ni écrit")
  func pathTraversal() async throws {
    let demo = try DemoCopy()
    defer { demo.remove() }
    let outside = demo.folder.deletingLastPathComponent().appendingPathComponent("secret-\(UUID().uuidString).yaml")
    try Data("id: secret\nnom: SECRET-HORS-DOSSIER\n".utf8).write(to: outside)
    defer { try? FileManager.default.removeItem(at: outside) }
    let name = outside.deletingPathExtension().lastPathComponent
    try await serve(demo.folder) { client in
      let page = try await client.execute(uri: "/modifier/traitements/ent", method: .get)
      let token = try #require(hidden("_csrf", in: page.text))
      for uri in [
        "/modifier/traitements/..%2F..%2F\(name)", "/modifier/traitements/../../\(name)",
        "/traitements/..%2F\(name)", "/modifier/traitements/%2e%2e", "/modifier/..%2Fetc/passwd",
        "/static/..%2F..%2FPackage.swift",
      ] {
        let response = try await client.execute(uri: uri, method: .get)
        #expect(response.status == .notFound, "\(uri)")
        #expect(!response.text.contains("SECRET-HORS-DOSSIER"), "\(uri)")
        let post = try await client.execute(
          uri: uri, method: .post, headers: formHeaders,
          body: form([("_csrf", token), ("_version", "absent"), ("id", "x"), ("nom", "x")]))
        // An unknown POST route is refused before any handler (deny by default): 403, or 404/405 from the router.
        #expect(post.status == .notFound || post.status == .methodNotAllowed || post.status == .forbidden, "\(uri)")
      }
      let created = try await client.execute(
        uri: "/nouveau/violations", method: .post, headers: formHeaders,
        body: form([("_csrf", token), ("_version", "absent"), ("id", "../../\(name)"), ("date_decouverte", "2026-01-01"), ("description", "x")]))
      #expect(created.status == .unprocessableContent)
    }
    #expect(try String(contentsOf: outside, encoding: .utf8).contains("SECRET-HORS-DOSSIER"))
    // A link planted in the folder is refused, never followed.
    try FileManager.default.createSymbolicLink(
      at: demo.folder.appendingPathComponent("traitements/lien.yaml"), withDestinationURL: outside)
    try await serve(demo.folder) { client in
      let dashboard = try await client.execute(uri: "/", method: .get)
      #expect(dashboard.text.contains("lien symbolique refusé"))
      #expect(!dashboard.text.contains("SECRET-HORS-DOSSIER"))
      let direct = try await client.execute(uri: "/modifier/traitements/lien", method: .get)
      #expect(direct.status == .notFound)
    }
  }

  @Test("une requête trop volumineuse est refusée (413) et ne change rien")
  func sizeLimit() async throws {
    let demo = try DemoCopy()
    defer { demo.remove() }
    let before = try demo.file("traitements/ent.yaml")
    try await serve(demo.folder, maxBodySize: 10_000) { client in
      let page = try await client.execute(uri: "/modifier/traitements/ent", method: .get)
      let token = try #require(hidden("_csrf", in: page.text))
      let response = try await client.execute(
        uri: "/modifier/traitements/ent", method: .post, headers: formHeaders,
        body: form([("_csrf", token), ("remarques", String(repeating: "x", count: 20_000))]))
      #expect(response.status == .contentTooLarge)
      #expect(response.text.contains("trop volumineuse"))
    }
    #expect(try demo.file("traitements/ent.yaml") == before)
  }
}

@Suite("registre serveur : une modification ne relit que le fichier modifié")
struct IncrementalReadTests {
  @Test func anEditReparsesOnlyTheChangedFile() async throws {
    let demo = try DemoCopy()
    defer { demo.remove() }
    let edited = demo.folder.appendingPathComponent("traitements/cdi.yaml")
    let other = demo.folder.appendingPathComponent("traitements/vie-scolaire.yaml")
    try await serve(demo.folder) { client in
      let first = try await client.execute(uri: "/", method: .get)
      #expect(first.status == .ok)
      #expect(ParseCache.shared.timesParsed(other) == 1)
      let text = try String(contentsOf: edited, encoding: .utf8)
      try Data((text + "remarques: Modifiée pendant le test.\n").utf8).write(to: edited)
      let second = try await client.execute(uri: "/traitements/cdi", method: .get)
      #expect(second.text.contains("Modifiée pendant le test."))
      #expect(ParseCache.shared.timesParsed(edited) == 2)
      #expect(ParseCache.shared.timesParsed(other) == 1)
    }
  }
}

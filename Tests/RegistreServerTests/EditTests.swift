import Foundation
import HTTPTypes
import RegistreServer
import Testing

/// The form of a page as posted by a browser: every named control with its current value.
func formValues(_ html: String) -> [(String, String)] {
  var pairs: [(String, String)] = []
  func attribute(_ tag: Substring, _ name: String) -> String? {
    guard let r = tag.range(of: " \(name)=\"") else { return nil }
    let rest = tag[r.upperBound...]
    return rest.firstIndex(of: "\"").map { unescape(String(rest[..<$0])) }
  }
  func unescape(_ s: String) -> String {
    s.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
      .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
      .replacingOccurrences(of: "&amp;", with: "&")
  }
  var rest = html[...]
  while let start = rest.range(of: "<") {
    rest = rest[start.upperBound...]
    guard let end = rest.firstIndex(of: ">") else { break }
    let tag = rest[..<end]
    if tag.hasPrefix("input "), let name = attribute(tag, "name") {
      let checkbox = tag.contains("type=\"checkbox\"")
      if !checkbox || tag.contains(" checked") { pairs.append((name, attribute(tag, "value") ?? "")) }
    } else if tag.hasPrefix("textarea "), let name = attribute(tag, "name"),
      let close = rest.range(of: "</textarea>")
    {
      pairs.append((name, unescape(String(rest[rest.index(after: end)..<close.lowerBound]))))
    } else if tag.hasPrefix("select "), let name = attribute(tag, "name"), let close = rest.range(of: "</select>") {
      let options = rest[end..<close.lowerBound]
      var value = ""
      if let selected = options.range(of: " selected>") {
        let before = options[..<selected.lowerBound]
        if let v = before.range(of: "value=\"", options: .backwards) {
          value = unescape(String(before[v.upperBound...].prefix { $0 != "\"" }))
        }
      }
      pairs.append((name, value))
    }
  }
  return pairs
}

func replacing(_ pairs: [(String, String)], _ key: String, with value: String) -> [(String, String)] {
  var found = false
  var result = pairs.map { pair -> (String, String) in
    guard pair.0 == key else { return pair }
    found = true
    return (key, value)
  }
  if !found { result.append((key, value)) }
  return result
}

@Suite("registre serveur : formulaires")
struct EditTests {
  @Test("le formulaire est généré du descripteur : libellés, valeurs permises, aide")
  func generated() async throws {
    let demo = try DemoCopy()
    defer { demo.remove() }
    try await serve(demo.folder) { client in
      let page = try await client.execute(uri: "/modifier/traitements/vie-scolaire", method: .get).text
      #expect(page.contains("<label for=\"champ-finalite_principale\">Finalité principale (art. 30.1.b RGPD)"))
      #expect(page.contains("name=\"base_legale.article_6\""))
      #expect(page.contains("<option value=\"mission-interet-public\" selected>"))
      #expect(page.contains("name=\"donnees[0].conservation.sort_final\""))
      #expect(page.contains("Champ YAML « finalite_principale »"))
      #expect(page.contains("name=\"criteres_aipd\""))
    }
  }

  @Test("un formulaire enregistré réécrit la fiche ; le constat apparaît puis disparaît")
  func findingAppearsThenDisappears() async throws {
    let demo = try DemoCopy()
    defer { demo.remove() }
    try await serve(demo.folder) { client in
      let uri = "/modifier/traitements/vie-scolaire"
      let before = try await client.execute(uri: "/traitements/vie-scolaire", method: .get).text
      #expect(!before.contains("base-legale-consentement-mission"))
      var values = formValues(try await client.execute(uri: uri, method: .get).text)
      values = replacing(values, "base_legale.article_6", with: "consentement")
      let saved = try await client.execute(uri: uri, method: .post, headers: formHeaders, body: form(values))
      #expect(saved.status == .seeOther)
      #expect(try demo.file("traitements/vie-scolaire.yaml").contains("article_6: consentement"))
      let after = try await client.execute(uri: "/traitements/vie-scolaire", method: .get).text
      #expect(after.contains("base-legale-consentement-mission"))

      values = formValues(try await client.execute(uri: uri, method: .get).text)
      values = replacing(values, "base_legale.article_6", with: "mission-interet-public")
      let fixed = try await client.execute(uri: uri, method: .post, headers: formHeaders, body: form(values))
      #expect(fixed.status == .seeOther)
      let again = try await client.execute(uri: "/traitements/vie-scolaire", method: .get).text
      #expect(!again.contains("base-legale-consentement-mission"))
    }
  }

  @Test("un formulaire invalide montre le diagnostic au champ et ne change pas le fichier")
  func malformed() async throws {
    let demo = try DemoCopy()
    defer { demo.remove() }
    let before = try demo.file("traitements/vie-scolaire.yaml")
    try await serve(demo.folder) { client in
      let uri = "/modifier/traitements/vie-scolaire"
      var values = formValues(try await client.execute(uri: uri, method: .get).text)
      values = replacing(values, "personnes_concernees[0].volume", with: "beaucoup")
      values = replacing(values, "date_creation", with: "2026-13-45")
      values = replacing(values, "finalite_principale", with: "")
      let response = try await client.execute(uri: uri, method: .post, headers: formHeaders, body: form(values))
      #expect(response.status == .unprocessableContent)
      let html = response.text
      #expect(html.contains("Rien n'a été enregistré"))
      #expect(html.contains("n'est pas un nombre entier positif"))
      #expect(html.contains("n'est pas une date valide"))
      #expect(html.contains("champ obligatoire manquant"))
      #expect(html.contains("id=\"champ-personnes_concernees-0--volume-erreur\"") || html.contains("champ-personnes_concernees-0--volume-erreur"))
      #expect(html.contains("aria-invalid=\"true\""))
      // The user's typing is kept.
      #expect(html.contains("value=\"beaucoup\""))
    }
    #expect(try demo.file("traitements/vie-scolaire.yaml") == before)
  }

  @Test("une modification concurrente est détectée : les deux versions sont montrées, rien n'est perdu")
  func concurrentEdit() async throws {
    let demo = try DemoCopy()
    defer { demo.remove() }
    try await serve(demo.folder) { client in
      let uri = "/modifier/traitements/cdi"
      var mine = formValues(try await client.execute(uri: uri, method: .get).text)
      // Someone else saves first.
      var theirs = formValues(try await client.execute(uri: uri, method: .get).text)
      theirs = replacing(theirs, "remarques", with: "Modification de la documentaliste")
      let first = try await client.execute(uri: uri, method: .post, headers: formHeaders, body: form(theirs))
      #expect(first.status == .seeOther)
      let afterFirst = try demo.file("traitements/cdi.yaml")
      mine = replacing(mine, "remarques", with: "Modification du référent")
      let second = try await client.execute(uri: uri, method: .post, headers: formHeaders, body: form(mine))
      #expect(second.status == .conflict)
      #expect(second.text.contains("Modification concurrente"))
      #expect(second.text.contains("Modification de la documentaliste"))
      #expect(second.text.contains("Modification du référent"))
      #expect(try demo.file("traitements/cdi.yaml") == afterFirst)
      // Saving again from the conflict page (new version) keeps the user's text.
      let resubmitted = formValues(second.text)
      let third = try await client.execute(uri: uri, method: .post, headers: formHeaders, body: form(resubmitted))
      #expect(third.status == .seeOther)
      #expect(try demo.file("traitements/cdi.yaml").contains("Modification du référent"))
    }
  }

  @Test("une violation se crée par le formulaire ; un identifiant existant est refusé")
  func newBreach() async throws {
    let demo = try DemoCopy()
    defer { demo.remove() }
    try await serve(demo.folder) { client in
      let page = try await client.execute(uri: "/nouveau/violations", method: .get).text
      var values = formValues(page)
      values = replacing(values, "id", with: "2026-11-ordinateur-vole")
      values = replacing(values, "date_decouverte", with: "2026-11-20")
      values = replacing(values, "description", with: "Vol d'un ordinateur portable de la vie scolaire")
      let created = try await client.execute(uri: "/nouveau/violations", method: .post, headers: formHeaders, body: form(values))
      #expect(created.status == .seeOther)
      #expect(try demo.file("violations/2026-11-ordinateur-vole.yaml").contains("Vol d'un ordinateur"))
      let again = try await client.execute(uri: "/nouveau/violations", method: .post, headers: formHeaders, body: form(values))
      #expect(again.status == .conflict || again.status == .unprocessableContent)
    }
  }

  @Test("un collège se crée depuis le catalogue dans un dossier vide, puis s'enrichit")
  func catalogue() async throws {
    let folder = try DemoCopy.empty()
    defer { try? FileManager.default.removeItem(at: folder) }
    try await serve(folder) { client in
      let empty = try await client.execute(uri: "/", method: .get)
      #expect(empty.text.contains("Aucun registre"))
      let page = try await client.execute(uri: "/catalogue", method: .get).text
      let token = try #require(hidden("_csrf", in: page))
      let bad = try await client.execute(
        uri: "/catalogue", method: .post, headers: formHeaders,
        body: form([("_csrf", token), ("nom", "Collège Victor-Hugo"), ("uai", "123"), ("entree", "siecle")]))
      #expect(bad.status == .unprocessableContent)
      #expect(bad.text.contains("UAI"))
      #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("etablissement.yaml").path))
      let created = try await client.execute(
        uri: "/catalogue", method: .post, headers: formHeaders,
        body: form([("_csrf", token), ("nom", "Collège Victor-Hugo"), ("uai", "0999999Z"), ("entree", "siecle")]))
      #expect(created.status == .seeOther)
      #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("traitements/siecle.yaml").path))
      let dashboard = try await client.execute(uri: "/", method: .get).text
      #expect(dashboard.contains("Fiches à compléter"))
      #expect(dashboard.contains("À COMPLÉTER"))
      let added = try await client.execute(
        uri: "/catalogue", method: .post, headers: formHeaders, body: form([("_csrf", token), ("entree", "tchap")]))
      #expect(added.status == .seeOther)
      #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("traitements/tchap.yaml").path))
    }
  }
}

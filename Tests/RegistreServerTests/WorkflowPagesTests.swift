import Foundation
import HTTPTypes
import RegistreFormats
@testable import RegistreServer
import RegistreSignature
import RegistreSupport
import RegistreTestSupport
import RegistreWorkflows
import Testing

/// The text between `<pre id="ID">` and `</pre>`, HTML entities decoded.
func preformatted(_ id: String, in html: String) -> String? {
  guard let open = html.range(of: "<pre id=\"\(id)\""), let start = html[open.upperBound...].firstIndex(of: ">"),
    let end = html[start...].range(of: "</pre>")
  else { return nil }
  return String(html[html.index(after: start)..<end.lowerBound])
    .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
    .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
    .replacingOccurrences(of: "&amp;", with: "&")
}

/// The form pairs of a tool sheet file, as the generated form posts them.
func sheetForm(_ file: URL) throws -> [(String, String)] {
  let values = FormFields.values(fromYAML: try Data(contentsOf: file), type: Format.ficheOutil)
  return values.keys.sorted().flatMap { key in (values[key] ?? []).map { (key, $0) } }
}

/// `registre ARGUMENTS`, off the cooperative pool.
func cli(_ arguments: [String]) async throws -> ProcessResult {
  try await onOwnThread { try RegistreCLI.run(arguments) }
}

let exampleSheets = RegistreCLI.repository.appendingPathComponent("Exemples/fiches-outils")

/// The tag by which a running job's page reloads itself (no script: the pages have none).
let refreshTag = "<meta http-equiv=\"refresh\" content=\"1\">"

/// Follows a document job as a browser does: the POST's 303 to the job's page, then that page
/// reloaded until it stops asking to be (or until `stop` says so); the last page read.
func followJob(
  _ client: LoopbackClient, _ response: LoopbackResponse, stop: (@Sendable (LoopbackResponse) -> Bool)? = nil
) async throws -> LoopbackResponse {
  #expect(response.status == .seeOther, "\(response.status) \(response.text)")
  let location = try #require(response.headers[.location])
  #expect(location.hasPrefix("/documents/travail/"))
  // A bound on the number of reloads (ten minutes of them), not a timing: a job that never ends fails.
  for _ in 0..<3000 {
    let page = try await client.execute(uri: location, method: .get)
    if !page.text.contains(refreshTag) || stop?(page) == true { return page }
    try await Task.sleep(for: .milliseconds(200))
  }
  throw LoopbackClient.Failure(message: "le travail \(location) ne s'est pas terminé")
}

/// Holds a job's outcome until the test opens it: the job's work is done, its page still says
/// it runs, deterministically.
final class Gate: @unchecked Sendable {
  private let lock = NSLock()
  private var isOpen = false
  private var waiters: [CheckedContinuation<Void, Never>] = []

  func wait() async {
    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
      lock.lock()
      if isOpen {
        lock.unlock()
        continuation.resume()
        return
      }
      waiters.append(continuation)
      lock.unlock()
    }
  }

  func open() {
    lock.lock()
    isOpen = true
    let waiting = waiters
    waiters = []
    lock.unlock()
    for waiter in waiting { waiter.resume() }
  }
}

@Suite("registre serveur : Évaluer un outil et Documents, par les mêmes entrées que la CLI")
struct WorkflowPagesTests {
  @Test(
    "la page Évaluer et « registre evaluer --registre » donnent le même avis",
    arguments: ["appli-gratuite-publicite.yaml", "ressource-gar.yaml", "outil-americain-dpf.yaml"])
  func sameOpinionAsCLI(sheet: String) async throws {
    let demo = try DemoCopy()
    defer { demo.remove() }
    let file = exampleSheets.appendingPathComponent(sheet)
    let cli = try await cli(["evaluer", file.path, "--registre", demo.folder.path])
    #expect(cli.status == 0 || cli.status == 1, "\(cli.output)\(cli.errors)")
    let pairs = try sheetForm(file)
    let page = try await serve(demo.folder) { client in
      let empty = try await client.execute(uri: "/evaluer", method: .get)
      let token = try #require(hidden("_csrf", in: empty.text))
      return try await client.execute(
        uri: "/evaluer", method: .post, headers: formHeaders,
        body: form([("_csrf", token), ("_action", "evaluer")] + pairs))
    }
    #expect(page.status == .ok)
    let shown = try #require(preformatted("avis-texte", in: page.text))
    #expect(shown.trimmingCharacters(in: .whitespacesAndNewlines) == cli.output.trimmingCharacters(in: .whitespacesAndNewlines))
    #expect(page.text.contains("id=\"t-avis\""))
  }

  @Test("« Ajouter au registre » écrit le même brouillon que « registre evaluer --ajouter »")
  func addSameDraftAsCLI() async throws {
    let demo = try DemoCopy()
    defer { demo.remove() }
    let other = try DemoCopy()
    defer { other.remove() }
    let file = exampleSheets.appendingPathComponent("ressource-gar.yaml")
    let cli = try await cli(["evaluer", file.path, "--registre", other.folder.path, "--ajouter"])
    #expect(cli.status == 0 || cli.status == 1, "\(cli.output)\(cli.errors)")
    let before = Set(try FileManager.default.contentsOfDirectory(atPath: demo.folder.appendingPathComponent("traitements").path))
    let added = Set(try FileManager.default.contentsOfDirectory(atPath: other.folder.appendingPathComponent("traitements").path))
      .subtracting(before)
    let name = try #require(added.first)
    #expect(added.count == 1)
    let response = try await serve(demo.folder) { client in
      let empty = try await client.execute(uri: "/evaluer", method: .get)
      let token = try #require(hidden("_csrf", in: empty.text))
      return try await client.execute(
        uri: "/evaluer", method: .post, headers: formHeaders,
        body: form([("_csrf", token), ("_action", "ajouter")] + (try sheetForm(file))))
    }
    #expect(response.status == .seeOther)
    #expect(response.headers[.location]?.hasPrefix("/traitements/") == true)
    #expect(try demo.file("traitements/\(name)") == other.file("traitements/\(name)"))
  }

  @Test("une fiche d'outil invalide : diagnostic au champ, rien n'est évalué ni écrit")
  func invalidSheet() async throws {
    let demo = try DemoCopy()
    defer { demo.remove() }
    let before = try FileManager.default.contentsOfDirectory(atPath: demo.folder.appendingPathComponent("traitements").path)
    let page = try await serve(demo.folder) { client in
      let empty = try await client.execute(uri: "/evaluer", method: .get)
      let token = try #require(hidden("_csrf", in: empty.text))
      return try await client.execute(
        uri: "/evaluer", method: .post, headers: formHeaders,
        body: form([("_csrf", token), ("_action", "ajouter"), ("nom", "Outil"), ("age_minimum_cgu", "treize")]))
    }
    #expect(page.status == .unprocessableContent)
    #expect(page.text.contains("Fiche invalide"))
    #expect(page.text.contains("id=\"champ-age_minimum_cgu\" name=\"age_minimum_cgu\" value=\"treize\""))
    #expect(page.text.contains("aria-invalid=\"true\""))
    #expect(!page.text.contains("id=\"t-avis\""))
    #expect(try FileManager.default.contentsOfDirectory(atPath: demo.folder.appendingPathComponent("traitements").path) == before)
  }

  @Test("un POST sans jeton CSRF vers Évaluer ou Documents est refusé (403) et n'écrit rien")
  func csrfOnWorkflowPages() async throws {
    let demo = try DemoCopy()
    defer { demo.remove() }
    try await serve(demo.folder) { client in
      for (uri, body) in [("/evaluer", form([("_action", "ajouter"), ("nom", "X"), ("editeur", "Y"), ("finalite", "Z")])),
                          ("/documents", form([("document", "registre")])),
                          ("/documents/annee", form([("annee", "2026")]))] {
        let response = try await client.execute(uri: uri, method: .post, headers: formHeaders, body: body)
        #expect(response.status == .forbidden, "\(uri)")
      }
    }
    #expect(!FileManager.default.fileExists(atPath: demo.folder.appendingPathComponent("documents").path))
    #expect(!FileManager.default.fileExists(atPath: demo.folder.appendingPathComponent("archive").path))
  }

  @Test("Documents : l'export annuel scelle l'année comme « registre exporter », jamais deux fois sans motif, et se vérifie")
  func yearlyExport() async throws {
    _ = try Checkers.require("fop", package: "fop")
    let demo = try DemoCopy()
    defer { demo.remove() }
    // Without a certificate the server cannot seal a year, and says so.
    try await serve(demo.folder) { client in
      let page = try await client.execute(uri: "/documents", method: .get)
      #expect(page.text.contains("ne peut pas sceller une année"))
      let token = try #require(hidden("_csrf", in: page.text))
      let refused = try await client.execute(
        uri: "/documents/annee", method: .post, headers: formHeaders, body: form([("_csrf", token), ("annee", "2026")]))
      #expect(refused.status == .unprocessableContent)
      #expect(refused.text.contains("toujours signé"))
    }
    #expect(!FileManager.default.fileExists(atPath: demo.folder.appendingPathComponent("archive/2026").path))

    let signing = try SigningIdentity.load(.demonstration(organization: "Registre (démonstration)"), options: SignatureOptions()) { nil }
    try await serve(demo.folder, signing: signing) { client in
      let page = try await client.execute(uri: "/documents", method: .get)
      #expect(page.text.contains("Sceller l'année"))
      let token = try #require(hidden("_csrf", in: page.text))
      func seal(_ pairs: [(String, String)]) async throws -> LoopbackResponse {
        try await client.execute(uri: "/documents/annee", method: .post, headers: formHeaders, body: form([("_csrf", token)] + pairs))
      }
      let bad = try await seal([("annee", "deux mille")])
      #expect(bad.status == .unprocessableContent)
      #expect(bad.text.contains("Année invalide"))
      let first = try await followJob(client, try await seal([("annee", "2026")]))
      #expect(first.status == .ok, "\(first.text)")
      #expect(first.text.contains("Année scellée : archive/2026"))
      // Sealed once: the same year again is refused without a reason, and becomes a revision with one.
      let again = try await seal([("annee", "2026")])
      #expect(again.status == .unprocessableContent)
      #expect(again.text.contains("déjà scellée"))
      let revision = try await followJob(client, try await seal([("annee", "2026"), ("motif", "Ajout d'une fiche oubliée")]))
      #expect(revision.status == .ok, "\(revision.text)")
      #expect(revision.text.contains("Année scellée : archive/2026-r2"))
      let listed = try await client.execute(uri: "/documents", method: .get)
      #expect(listed.text.contains("/documents/archive/2026/registre-2026.xml"))
      #expect(listed.text.contains("registre verifier archive/2026 --ac archive/2026/ac-demonstration.pem"))
      let xml = try await client.execute(uri: "/documents/archive/2026/registre-2026.xml", method: .get)
      #expect(xml.status == .ok)
      #expect(xml.headers[.contentType] == "application/xml")
      #expect(xml.text.contains("<registre"))
      for uri in ["/documents/archive/2026/..%2F..%2Fetablissement.yaml", "/documents/archive/2031/registre-2031.xml",
                  "/documents/archive/2026/inexistant.pdf"] {
        let missing = try await client.execute(uri: uri, method: .get)
        #expect(missing.status == .notFound, "\(uri)")
      }
    }
    // The sealed year verifies with the command a school would run.
    let year = demo.folder.appendingPathComponent("archive/2026")
    let verified = try await cli(["verifier", year.path, "--ac", year.appendingPathComponent("ac-demonstration.pem").path])
    #expect(verified.status == 0, "\(verified.output)\(verified.errors)")
    #expect(verified.output.contains("archive intègre"))
    #expect(FileManager.default.fileExists(atPath: demo.folder.appendingPathComponent("archive/2026-r2/MOTIF.txt").path))
  }

  @Test("Documents : le registre et les notices sont produits, signés, téléchargeables, et la signature se vérifie")
  func documents() async throws {
    _ = try Checkers.require("fop", package: "fop")
    let demo = try DemoCopy()
    defer { demo.remove() }
    let signing = try SigningIdentity.load(.demonstration(organization: "Registre (démonstration)"), options: SignatureOptions()) { nil }
    let downloads = try TemporaryFolder.make("registre-serveur-telechargements")
    defer { try? FileManager.default.removeItem(at: downloads) }
    try await serve(demo.folder, signing: signing) { client in
      let page = try await client.execute(uri: "/documents", method: .get)
      #expect(page.text.contains("certificat de démonstration"))
      let token = try #require(hidden("_csrf", in: page.text))
      for document in ["registre", "notices"] {
        let posted = try await client.execute(
          uri: "/documents", method: .post, headers: formHeaders, body: form([("_csrf", token), ("document", document)]))
        let produced = try await followJob(client, posted)
        #expect(produced.status == .ok, "\(document)")
        #expect(produced.text.contains("Écrit : documents/"), "\(document)")
      }
      // A second production without « remplacer » never replaces a signed document.
      let posted = try await client.execute(
        uri: "/documents", method: .post, headers: formHeaders, body: form([("_csrf", token), ("document", "registre")]))
      let again = try await followJob(client, posted)
      #expect(again.status == .unprocessableContent)
      #expect(again.text.contains("registre.pdf"))
      for name in ["registre.pdf", "notice-familles.pdf", "ac-demonstration.pem"] {
        let file = try await client.execute(uri: "/documents/fichier/\(name)", method: .get)
        #expect(file.status == .ok, "\(name)")
        #expect(file.headers[.contentDisposition]?.contains("attachment") == true, "\(name)")
        if name.hasSuffix(".pdf") {
          #expect(file.headers[.contentType] == "application/pdf")
          #expect(file.text.hasPrefix("%PDF"))
        } else {
          try Data(file.text.utf8).write(to: downloads.appendingPathComponent(name))
        }
      }
      for uri in ["/documents/fichier/..%2Fetablissement.yaml", "/documents/fichier/etablissement.yaml", "/documents/fichier/inexistant.pdf"] {
        let refused = try await client.execute(uri: uri, method: .get)
        #expect(refused.status == .notFound, "\(uri)")
      }
    }
    // The signatures of the files the page wrote (the loopback client reads text, not bytes).
    let documentsFolder = demo.folder.appendingPathComponent("documents")
    for name in ["registre.pdf", "notice-familles.pdf"] {
      let verified = try await cli([
        "verifier", documentsFolder.appendingPathComponent(name).path,
        "--ac", documentsFolder.appendingPathComponent("ac-demonstration.pem").path,
      ])
      #expect(verified.status == 0, "\(name) : \(verified.output)\(verified.errors)")
    }
    #expect(try demo.file("documents/ac-demonstration.pem") == String(contentsOf: downloads.appendingPathComponent("ac-demonstration.pem"), encoding: .utf8))
  }

  @Test("Documents : le POST renvoie à la page du travail, qui se recharge et dit n sur N, puis montre le document ; un deuxième travail attend poliment")
  func jobPageShowsProgress() async throws {
    _ = try Checkers.require("fop", package: "fop")
    let demo = try DemoCopy()
    defer { demo.remove() }
    let gate = Gate()
    defer { gate.open() }
    let signing = try SigningIdentity.load(.demonstration(organization: "Registre (démonstration)"), options: SignatureOptions()) { nil }
    try await serve(demo.folder, signing: signing, jobs: DocumentJobs(hold: { await gate.wait() })) { client in
      let page = try await client.execute(uri: "/documents", method: .get)
      #expect(!page.text.contains(refreshTag))
      let token = try #require(hidden("_csrf", in: page.text))
      let posted = try await client.execute(
        uri: "/documents", method: .post, headers: formHeaders, body: form([("_csrf", token), ("document", "registre")]))
      #expect(posted.status == .seeOther)
      let location = try #require(posted.headers[.location])
      let id = String(location.dropFirst("/documents/travail/".count))
      #expect(id.count == 32 && id.allSatisfy(\.isHexDigit), "\(location)")
      // The work done, its outcome held: the page still runs, refreshes, and shows the last step.
      let running = try await followJob(client, posted) { $0.text.contains("Rendu des PDF : 1 / 1 (") }
      #expect(running.status == .ok)
      #expect(running.text.contains(refreshTag), "\(running.text)")
      #expect(running.text.contains("Rendu des PDF : 1 / 1 ("))
      #expect(running.text.contains("<progress id=\"avancement\" max=\"1\" value=\"1\">"))
      #expect(running.text.contains("En cours : production du registre, depuis "))
      #expect(!running.text.contains("<script"))
      #expect(running.headers[.contentSecurityPolicy]?.hasPrefix("default-src 'none'") == true)
      #expect(!running.text.contains("Écrit : documents/registre.pdf"))
      // A second job while one runs: refused politely, with a link to the running one, nothing started.
      for (uri, pairs) in [("/documents", [("document", "notices")]), ("/documents/annee", [("annee", "2026")])] {
        let second = try await client.execute(uri: uri, method: .post, headers: formHeaders, body: form([("_csrf", token)] + pairs))
        #expect(second.status == .conflict, "\(uri)")
        #expect(second.text.contains("Un travail est déjà en cours (production du registre)"), "\(uri)")
        #expect(second.text.contains("href=\"\(location)\""), "\(uri)")
      }
      #expect(!FileManager.default.fileExists(atPath: demo.folder.appendingPathComponent("documents/notice-familles.pdf").path))
      #expect(!FileManager.default.fileExists(atPath: demo.folder.appendingPathComponent("archive/2026").path))
      // Refusals before any job keep their status: a bad form is still 400, a missing token 403.
      let bad = try await client.execute(
        uri: "/documents", method: .post, headers: formHeaders, body: form([("_csrf", token), ("document", "inconnu")]))
      #expect(bad.status == .badRequest)
      let forged = try await client.execute(uri: "/documents", method: .post, headers: formHeaders, body: form([("document", "registre")]))
      #expect(forged.status == .forbidden)
      // Released: the page shows what the Documents page showed after producing, and stops refreshing.
      gate.open()
      let finished = try await followJob(client, posted)
      #expect(finished.status == .ok)
      #expect(!finished.text.contains(refreshTag))
      #expect(finished.text.contains("Écrit : documents/registre.pdf"), "\(finished.text)")
      #expect(finished.text.contains("href=\"/documents/fichier/registre.pdf\""))
      // The slot is free again; an unknown job is a French 404.
      let unknown = try await client.execute(uri: "/documents/travail/0123456789abcdef0123456789abcdef", method: .get)
      #expect(unknown.status == .notFound)
      #expect(unknown.text.contains("Travail introuvable"))
      let next = try await client.execute(
        uri: "/documents", method: .post, headers: formHeaders, body: form([("_csrf", token), ("document", "registre")]))
      let refused = try await followJob(client, next)
      #expect(refused.status == .unprocessableContent, "un document signé n'est jamais remplacé sans « remplacer »")
    }
  }
}

/// The server stopped while a job runs: it cancels the job and waits for it within its bound, no more.
@Suite("registre serveur : arrêt pendant un travail")
struct ShutdownDuringJobTests {
  @Test("le serveur s'arrête même quand le travail en cours ne finit pas", .timeLimit(.minutes(2)))
  func stopsWithAJobRunning() async throws {
    _ = try Checkers.require("fop", package: "fop")
    let demo = try DemoCopy()
    defer { demo.remove() }
    let gate = Gate()
    defer { gate.open() }
    // Never opened before the server stops: the job cannot finish, whatever cancellation does.
    let jobs = DocumentJobs(hold: { await gate.wait() })
    try await serve(demo.folder, jobs: jobs) { client in
      let page = try await client.execute(uri: "/documents", method: .get)
      let token = try #require(hidden("_csrf", in: page.text))
      let posted = try await client.execute(
        uri: "/documents", method: .post, headers: formHeaders, body: form([("_csrf", token), ("document", "registre")]))
      #expect(posted.status == .seeOther)
    }
    // serve returned: the server stopped although the job still runs.
    #expect(jobs.runningID != nil)
    gate.open()
    await jobs.shutDown(within: .seconds(600))
    #expect(jobs.runningID == nil)
  }
}

/// The job runner alone, with work the test controls.
@Suite("registre serveur : les travaux de la page Documents")
struct DocumentJobsTests {
  @Test("un seul travail à la fois ; ses étapes, puis son résultat ; oublié après son délai de garde")
  func oneAtATimeThenForgotten() async throws {
    let gate = Gate()
    defer { gate.open() }
    let jobs = DocumentJobs(retention: .zero)
    let started = jobs.start(title: "essai") { progress in
      progress(ProgressStep(activity: "Essai", done: 2, total: 5, elapsed: .seconds(3)))
      await gate.wait()
      return DocumentJobs.Outcome(messages: ["fini"], problems: [], status: .ok)
    }
    guard case .started(let id) = started else {
      Issue.record("pas démarré : \(started)")
      return
    }
    #expect(jobs.start(title: "autre") { _ in DocumentJobs.Outcome(messages: [], problems: [], status: .ok) } == .busy(id: id))
    #expect(jobs.runningID == id)
    #expect(jobs.snapshot("inconnu") == nil)
    // The step arrives from the job's task: read until it has.
    var step: ProgressStep?
    for _ in 0..<1000 where step == nil {
      step = jobs.snapshot(id)?.step
      if step == nil { try await Task.sleep(for: .milliseconds(10)) }
    }
    #expect(step?.summary == "Essai : 2 / 5 (3 s)")
    #expect(jobs.snapshot(id)?.outcome == nil)
    gate.open()
    await jobs.shutDown(within: .seconds(600))
    #expect(jobs.runningID == nil)
    // Retention zero: a finished job is forgotten at the next look.
    #expect(jobs.snapshot(id) == nil)
  }

  @Test("l'arrêt du serveur n'attend pas sans fin un travail qui ne s'arrête pas")
  func shutdownIsBounded() async throws {
    let gate = Gate()
    defer { gate.open() }
    let jobs = DocumentJobs()
    _ = jobs.start(title: "sans fin") { _ in
      await gate.wait()  // deaf to cancellation
      return DocumentJobs.Outcome(messages: [], problems: [], status: .ok)
    }
    await jobs.shutDown(within: .milliseconds(50))
    #expect(jobs.runningID != nil, "le travail tourne encore : l'arrêt ne l'a pas attendu")
    gate.open()
    await jobs.shutDown(within: .seconds(600))
    #expect(jobs.runningID == nil)
  }

  @Test("un travail annulé à l'arrêt le voit (Task.isCancelled)")
  func shutdownCancels() async throws {
    let jobs = DocumentJobs()
    _ = jobs.start(title: "annulable") { _ in
      while !Task.isCancelled { try? await Task.sleep(for: .milliseconds(5)) }
      return DocumentJobs.Outcome(messages: [], problems: ["annulé"], status: .ok)
    }
    await jobs.shutDown(within: .seconds(600))
    #expect(jobs.runningID == nil)
  }
}

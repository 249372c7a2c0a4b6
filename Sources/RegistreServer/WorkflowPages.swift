import Foundation
import Hummingbird
import HTTPTypes
import NIOCore
import RegistreArchive
import RegistreEvaluation
import RegistreFormats
import RegistreModel
import RegistreSupport
import RegistreTeam
import RegistreWorkflows

/// Pages that run the library's workflows, exactly as the CLI does: « Évaluer un outil »
/// (`EvaluationWorkflow`, as `registre evaluer`) and « Documents » (`DocumentWorkflow`, as
/// `registre document`, `registre notices` and `registre audit --format pdf`).
struct WorkflowPages: Sendable {
  let site: Site

  /// Sub-folder of the register folder where the Documents page writes its PDFs.
  static let documentsFolder = "documents"
  /// The file name the tool sheet has in diagnostics and in `registre evaluer`'s own messages.
  static let sheetName = "fiche-outil.yaml"

  func register(on router: Router<BasicRequestContext>) {
    router.get("/evaluer") { _, _ in
      evaluationPage(values: [:], diagnostics: [], outcome: nil, messages: [], status: .ok)
    }
    router.post("/evaluer") { request, _ in try await evaluate(request) }
    router.get("/documents") { _, _ in documentsPage(messages: [], problems: [], status: .ok) }
    router.post("/documents") { request, _ in try await produce(request) }
    router.get("/documents/fichier/:name") { _, context in try download(context) }
    router.get("/documents/travail/:id") { _, context in try jobPage(context) }
    router.post("/documents/annee") { request, _ in try await sealYear(request) }
    router.get("/documents/archive/:year/:name") { _, context in try downloadSealed(context) }
  }

  // MARK: Évaluer un outil

  func evaluationPage(
    values: FormFields.Values, diagnostics: [Diagnostic], outcome: EvaluationOutcome?, messages: [String],
    status: HTTPResponse.Status, extra: [String: Int] = [:], problems: [String] = []
  ) -> Response {
    let type = Format.ficheOutil
    var data: [String: Any] = [
      "documentation": type.documentation,
      "fields": FormTree.fields(type, values: values, errors: FormTree.errors(diagnostics, type: type), extra: extra),
      "diagnostics": diagnostics.map(Wording.diagnostic), "hasDiagnostics": !diagnostics.isEmpty,
      "messages": messages, "problems": problems, "hasRegister": site.hasRegister,
    ]
    if let outcome {
      let e = outcome.evaluation
      func items(_ list: [EvaluationItem]) -> [[String: String]] {
        list.map { ["message": $0.message, "reference": $0.reference, "basis": $0.basis.libelle, "code": $0.code] }
      }
      // The text `registre evaluer` prints, the same function of the same outcome.
      let text = (try? outcome.report(json: false)) ?? EvaluationTextReport.render(e)
      data["result"] = [
        "verdict": e.verdict.libelle, "verdictKey": e.verdict.rawValue, "tool": e.fiche.nom,
        "reasons": items(e.reasons), "conditions": items(e.conditions), "notes": items(e.notes),
        "hasReasons": !e.reasons.isEmpty, "hasConditions": !e.conditions.isEmpty, "hasNotes": !e.notes.isEmpty,
        "report": text, "draft": outcome.isProscribed ? "" : outcome.draftYAML,
        "familyNote": outcome.isProscribed ? "" : outcome.familyNote,
        "canAdd": !outcome.isProscribed && outcome.register != nil, "draftId": e.draftEntry.id,
        "proscribed": outcome.isProscribed, "date": e.date.description,
      ] as [String: Any]
    }
    return site.page("evaluate", title: "Évaluer un outil", status: status, data: data, current: "/evaluer")
  }

  /// The sheet's form values → YAML → `EvaluationWorkflow.readSheet` → `EvaluationWorkflow.evaluate`
  /// against this register folder: the reading and the evaluation of `registre evaluer FICHE --registre DOSSIER`.
  func evaluate(_ request: Request) async throws -> Response {
    let form = try await PostedForm.read(request, site: site)
    // Evaluating only reads; adding the draft to the register is an edit, refused before anything is done.
    if form.first("_action") == "ajouter" { try site.require(.edit, try site.requireUser()) }
    let values = form.recordValues
    if let add = form.first("_ajouter") {
      return evaluationPage(values: values, diagnostics: [], outcome: nil, messages: [], status: .ok, extra: [add: 1])
    }
    let yaml = Data(FormFields.yaml(from: values, type: Format.ficheOutil).utf8)
    let sheet: ToolSheet
    do throws(WorkflowError) {
      sheet = try EvaluationWorkflow.readSheet(yaml, named: Self.sheetName)
    } catch {
      return evaluationPage(
        values: values, diagnostics: error.diagnostics, outcome: nil,
        messages: ["Fiche invalide : rien n'a été évalué. Corrigez les champs signalés."],
        status: .unprocessableContent)
    }
    let outcome: EvaluationOutcome
    do throws(WorkflowError) {
      outcome = try EvaluationWorkflow.evaluate(
        sheet, registerAt: site.hasRegister ? site.folder.path : nil, probe: nil, date: try RegisterInput.day(nil))
    } catch {
      return evaluationPage(
        values: values, diagnostics: [], outcome: nil, messages: ["L'évaluation n'a pas pu être faite :"],
        status: .unprocessableContent, problems: error.lines)
    }
    guard form.first("_action") == "ajouter" else {
      return evaluationPage(values: values, diagnostics: [], outcome: outcome, messages: [], status: .ok)
    }
    // « Ajouter au registre »: the draft entry through the same step as `registre evaluer --ajouter`.
    let user = try site.requireUser()
    do {
      let written = try TeamWorkflow.journaledWrite(site.folder, by: user.actor) { try EvaluationWorkflow.addDraft(outcome) }
      site.forget()
      let id = outcome.evaluation.draftEntry.id
      return redirect("/traitements/\(id)?ajoute=\(written.hasSuffix(".yaml") ? "1" : "0")")
    } catch let error as WorkflowError {
      return evaluationPage(
        values: values, diagnostics: [], outcome: outcome, messages: ["Rien n'a été ajouté au registre :"],
        status: .unprocessableContent, problems: error.lines)
    }
  }

  // MARK: Documents

  /// The documents the page offers, each produced by the entry point the CLI command calls.
  enum Product: String, CaseIterable {
    case register = "registre"
    case notices
    case audit

    /// What the job page says is being made.
    var jobTitle: String {
      switch self {
      case .register: return "production du registre"
      case .notices: return "production des notices d'information"
      case .audit: return "production du rapport d'audit"
      }
    }

    var label: String {
      switch self {
      case .register: return "Le registre (PDF/A, avec son XML joint)"
      case .notices: return "Les notices d'information (familles, élèves, et les autres publics du registre)"
      case .audit: return "Le rapport d'audit"
      }
    }

    var command: String {
      switch self {
      case .register: return "registre document DOSSIER --sortie documents/registre.pdf"
      case .notices: return "registre notices DOSSIER --sortie documents"
      case .audit: return "registre audit DOSSIER --format pdf --sortie documents/rapport-audit.pdf"
      }
    }
  }

  /// `busy`: the job that runs when another was asked for, with a link to its page.
  func documentsPage(
    messages: [String], problems: [String], status: HTTPResponse.Status, busy: DocumentJobs.Snapshot? = nil
  ) -> Response {
    let signing = site.options.signing
    let signature: String
    if let signing {
      signature = signing.isDemonstration
        ? "Les documents sont signés avec un certificat de démonstration, sans valeur (son autorité est écrite à côté : \(SigningIdentity.demonstrationAuthorityFileName))."
        : "Les documents sont signés avec le certificat donné au démarrage du serveur."
    } else {
      signature = "Les documents ne sont pas signés : le serveur a été démarré sans certificat (options --p12, ou --cle et --certificat, de « registre serveur »)."
    }
    let files = Self.producedFiles(site.folder).map { name in ["name": name, "link": "/documents/fichier/\(name)"] }
    let years = Self.sealedYears(site.folder).map { year -> [String: Any] in
      let names = Self.sealedFiles(year)
      let authority = names.contains(SigningIdentity.demonstrationAuthorityFileName)
        ? " --ac \(Self.archiveFolder)/\(year.name)/\(SigningIdentity.demonstrationAuthorityFileName)" : ""
      return [
        "name": year.name,
        "files": names.map { ["name": $0, "link": "/documents/archive/\(year.name)/\($0)"] },
        "verify": "registre verifier \(Self.archiveFolder)/\(year.name)\(authority)",
      ]
    }
    var data: [String: Any] = [
      "products": Product.allCases.map { ["value": $0.rawValue, "label": $0.label, "command": $0.command] },
      "signature": signature, "messages": messages, "problems": problems, "hasProblems": !problems.isEmpty,
      "files": files, "hasFiles": !files.isEmpty, "hasRegister": site.hasRegister,
      "folder": Self.documentsFolder,
      "archive": Self.archiveFolder, "years": years, "hasYears": !years.isEmpty,
      "currentYear": (try? RegisterInput.day(nil)).map { String($0.annee) } ?? "",
      "canSeal": signing != nil,
    ]
    if let busy { data["busy"] = ["title": busy.title, "link": Self.jobLink(busy.id)] }
    return site.page("documents", title: "Documents", status: status, data: data, current: "/documents")
  }

  // MARK: Jobs

  /// The address of the page of job `id`.
  static func jobLink(_ id: String) -> String { "/documents/travail/\(id)" }

  /// Starts `work` as the server's document job and redirects to its page; when a job already
  /// runs, the Documents page says so, with a link to it, and nothing is started (409).
  func startJob(_ title: String, work: @escaping DocumentJobs.Work) -> Response {
    switch site.jobs.start(title: title, work: work) {
    case .started(let id):
      return redirect(Self.jobLink(id))
    case .busy(let id):
      let running = site.jobs.snapshot(id)
        ?? DocumentJobs.Snapshot(id: id, title: "production d'un document", step: nil, elapsed: .zero, outcome: nil)
      return documentsPage(messages: [], problems: [], status: .conflict, busy: running)
    }
  }

  /// The page of a job: where it stands while it runs (reloaded every second), then its outcome,
  /// the Documents page as it was shown after producing; a 404 once forgotten.
  func jobPage(_ context: BasicRequestContext) throws -> Response {
    guard let id = context.parameters.get("id"), let job = site.jobs.snapshot(id) else {
      throw PageError(
        status: .notFound, title: "Travail introuvable",
        message: "Ce travail est inconnu, ou il est fini depuis plus de dix minutes : le serveur ne garde un travail fini que dix minutes. "
          + "Les documents produits restent dans la page Documents.")
    }
    if let outcome = job.outcome {
      return documentsPage(messages: outcome.messages, problems: outcome.problems, status: outcome.status)
    }
    var data: [String: Any] = [
      "id": id, "title": job.title, "link": Self.jobLink(id),
      "elapsed": "\(job.elapsed.components.seconds) s",
    ]
    if let step = job.step {
      data["step"] = [
        "summary": step.summary, "done": step.done, "total": step.total, "hasTotal": step.total > 0,
      ] as [String: Any]
    }
    return site.page("document-job", title: "Documents : travail en cours", data: data, current: "/documents", refresh: true)
  }

  // MARK: Export annuel

  /// Sub-folder of the register folder that holds the sealed years (`registre exporter --archive`).
  static let archiveFolder = "archive"

  /// The yearly export, by the entry points `registre exporter` calls, into `archive/` of the
  /// register folder, signed with the server's identity (an export is always signed).
  func sealYear(_ request: Request) async throws -> Response {
    let form = try await PostedForm.read(request, site: site)
    func refuse(_ lines: [String]) -> Response {
      documentsPage(messages: [], problems: lines, status: .unprocessableContent)
    }
    guard let signing = site.options.signing else {
      return refuse([
        "L'export annuel est toujours signé : démarrez le serveur avec un certificat (--p12, ou --cle et --certificat), ou en démonstration (--demo). Rien n'a été écrit."
      ])
    }
    let text = form.first("annee")?.trimmingCharacters(in: .whitespaces) ?? ""
    guard let year = Int(text), (2000...2100).contains(year) else {
      return refuse(["Année invalide : « \(text) » (attendu : une année sur quatre chiffres, par exemple 2026). Rien n'a été écrit."])
    }
    let reason = form.first("motif")?.trimmingCharacters(in: .whitespacesAndNewlines)
    guard let archive = RegisterFolder.url(site.folder, Self.archiveFolder) else {
      return refuse(["Le dossier « \(Self.archiveFolder) » du registre est un lien symbolique : refusé."])
    }
    do {
      try FileManager.default.createDirectory(at: archive, withIntermediateDirectories: true)
    } catch {
      return refuse(["Impossible de créer le dossier « \(Self.archiveFolder) » du registre."])
    }
    // The seal entry of a team folder's journal names the signed-in person (read here: the job runs apart).
    let options = YearExportOptions(
      year: year, archive: archive, revisionReason: reason?.isEmpty == false ? reason : nil,
      acceptDrafts: form.first("accepter-brouillons") == "oui", journalActor: Site.currentUser?.actor)
    // What refuses the export before any work (year already sealed, drafts only…) answers now;
    // the export itself runs as the server's document job.
    let loaded: LoadedRegister
    do throws(WorkflowError) {
      loaded = try RegisterInput.load(site.folder.path)
      try YearExportWorkflow.checkTarget(options)
      _ = try YearExportWorkflow.checkDrafts(loaded.registre, options: options)
    } catch {
      return refuse(error.lines)
    }
    return startJob("export annuel \(year)") { progress in
      var options = options
      options.progress = progress
      do throws(WorkflowError) {
        let outcome = try await YearExportWorkflow.run(loaded, options: options, signing: signing)
        let name = outcome.folder.lastPathComponent
        var messages = ["Année scellée : \(Self.archiveFolder)/\(name)"]
        if let previous = outcome.previousName {
          messages.append("Modifications depuis \(previous) : \(Self.archiveFolder)/\(name)/changements-\(year).txt")
        }
        return DocumentJobs.Outcome(messages: messages + outcome.warnings, problems: [], status: .ok)
      } catch {
        return DocumentJobs.Outcome(messages: [], problems: error.lines, status: .unprocessableContent)
      }
    }
  }

  /// The sealed years of the register's archive, oldest first.
  static func sealedYears(_ folder: URL) -> [SealedYear] {
    guard let archive = RegisterFolder.url(folder, archiveFolder) else { return [] }
    return YearArchive.sealedYears(in: archive)
  }

  /// The regular files of a sealed year, by name.
  static func sealedFiles(_ year: SealedYear) -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: year.url.path)) ?? []
    return names.filter { name in
      var status = stat()
      return !name.hasPrefix(".") && lstat(year.url.appendingPathComponent(name).path, &status) == 0
        && (status.st_mode & S_IFMT) == S_IFREG
    }.sorted()
  }

  func downloadSealed(_ context: BasicRequestContext) throws -> Response {
    guard let yearName = context.parameters.get("year"), let name = context.parameters.get("name"),
      let year = Self.sealedYears(site.folder).first(where: { $0.name == yearName }),
      Self.sealedFiles(year).contains(name),
      let data = try? BoundedFile.read(
        year.url.appendingPathComponent(name), limit: BoundedFile.maximumDocumentSize, followSymlinks: false)
    else { throw HTTPError(.notFound) }
    let type: String
    switch (name as NSString).pathExtension {
    case "pdf": type = "application/pdf"
    case "xml": type = "application/xml"
    case "json": type = "application/json"
    case "csv": type = "text/csv; charset=utf-8"
    case "ods": type = "application/vnd.oasis.opendocument.spreadsheet"
    case "p7s": type = "application/pkcs7-signature"
    case "pem": type = "application/x-pem-file"
    default: type = "text/plain; charset=utf-8"
    }
    return Response(
      status: .ok,
      headers: [.contentType: type, .contentDisposition: "attachment; filename=\"\(name)\""],
      body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
  }

  func produce(_ request: Request) async throws -> Response {
    let form = try await PostedForm.read(request, site: site)
    guard let product = form.first("document").flatMap(Product.init(rawValue:)) else { throw HTTPError(.badRequest) }
    guard let output = RegisterFolder.url(site.folder, Self.documentsFolder) else {
      return documentsPage(
        messages: [], problems: ["Le dossier « \(Self.documentsFolder) » du registre est un lien symbolique : refusé."],
        status: .unprocessableContent)
    }
    do {
      try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
    } catch {
      return documentsPage(
        messages: [], problems: ["Impossible de créer le dossier « \(Self.documentsFolder) » du registre."],
        status: .unprocessableContent)
    }
    let signing = site.options.signing
    let replace = form.first("remplacer") == "oui"
    let path = site.folder.path
    // The production runs as the server's document job; its page shows the steps, then this outcome.
    return startJob(product.jobTitle) { progress in
      let settings = DocumentSettings(signing: signing, replaceExisting: replace, progress: progress)
      do throws(WorkflowError) {
        let outcome: DocumentOutcome
        switch product {
        case .register:
          outcome = try await DocumentWorkflow.register(
            at: path, output: output.appendingPathComponent("registre.pdf"), settings: settings)
        case .notices:
          outcome = try await DocumentWorkflow.notices(at: path, folder: output, settings: settings)
        case .audit:
          let audit = try AuditWorkflow.run(registerAt: path, options: AuditOptions(date: try RegisterInput.day(nil)))
          outcome = try await DocumentWorkflow.auditReport(
            audit, output: output.appendingPathComponent("rapport-audit.pdf"), settings: settings)
        }
        if !outcome.written.isEmpty { try signing?.writeDemonstrationAuthority(in: output) }
        var messages = outcome.written.map { "Écrit : \(Self.documentsFolder)/\($0.lastPathComponent)" }
        if !outcome.omittedTreatments.isEmpty {
          messages.append(
            "Fiches incomplètes laissées hors du document (le document les nomme) : "
              + outcome.omittedTreatments.joined(separator: ", "))
        }
        return DocumentJobs.Outcome(
          messages: messages, problems: outcome.failureLines,
          status: outcome.failures.isEmpty ? .ok : .unprocessableContent)
      } catch {
        return DocumentJobs.Outcome(messages: [], problems: error.lines, status: .unprocessableContent)
      }
    }
  }

  /// The PDFs and the demonstration authority in the documents folder: regular files only, by name.
  static func producedFiles(_ folder: URL) -> [String] {
    guard let url = RegisterFolder.url(folder, documentsFolder),
      let names = try? FileManager.default.contentsOfDirectory(atPath: url.path)
    else { return [] }
    return names.filter { name in
      (name.hasSuffix(".pdf") || name.hasSuffix(".pem")) && !name.hasPrefix(".")
        && RegisterFolder.url(folder, "\(documentsFolder)/\(name)") != nil
    }.sorted()
  }

  func download(_ context: BasicRequestContext) throws -> Response {
    guard let name = context.parameters.get("name"), Self.producedFiles(site.folder).contains(name),
      let url = RegisterFolder.url(site.folder, "\(Self.documentsFolder)/\(name)"),
      let data = try? BoundedFile.read(url, limit: BoundedFile.maximumDocumentSize, followSymlinks: false)
    else { throw HTTPError(.notFound) }
    let type = name.hasSuffix(".pdf") ? "application/pdf" : "application/x-pem-file"
    return Response(
      status: .ok,
      headers: [.contentType: type, .contentDisposition: "attachment; filename=\"\(name)\""],
      body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
  }
}

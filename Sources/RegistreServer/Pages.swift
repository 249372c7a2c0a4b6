import Foundation
import Hummingbird
import HTTPTypes
import RegistreCatalogue
import RegistreFormats
import RegistreModel
import RegistreRules
import RegistreTeam
import RegistreWorkflows

/// The routes of the web application. Handlers read the register through `Site` and call
/// library functions; they hold no register logic of their own.
struct Pages: Sendable {
  let site: Site

  func register(on router: Router<BasicRequestContext>) {
    router.get("/") { _, _ in dashboard() }
    router.get("/static/registre.css") { _, _ in stylesheet() }
    router.get("/traitements") { request, _ in treatments(request) }
    router.get("/traitements/:id") { _, context in try treatment(try identifier(context)) }
    router.get("/modifier/etablissement") { _, _ in try editForm(.school, id: nil) }
    router.post("/modifier/etablissement") { request, _ in try await save(.school, id: nil, request) }
    router.get("/modifier/:kind/:id") { _, context in try editForm(try kind(context), id: try identifier(context)) }
    router.post("/modifier/:kind/:id") { request, context in
      try await save(try kind(context), id: try identifier(context), request)
    }
    router.get("/nouveau/:kind") { _, context in try newForm(try kind(context)) }
    router.post("/nouveau/:kind") { request, context in try await create(try kind(context), request) }
    router.get("/catalogue") { _, _ in try catalogue(message: nil, errors: []) }
    router.get("/suivi") { _, _ in followUp() }
    router.post("/catalogue") { request, _ in try await addFromCatalogue(request) }
    WorkflowPages(site: site).register(on: router)
    DPIAPages(site: site, pages: self).register(on: router)
    ReviewPages(site: site, pages: self).register(on: router)
    JournalPages(site: site).register(on: router)
  }

  // MARK: Parameters

  func identifier(_ context: BasicRequestContext) throws -> String {
    guard let id = context.parameters.get("id"), Codes.isSafeIdentifier(id) else { throw HTTPError(.notFound) }
    return id
  }

  func kind(_ context: BasicRequestContext) throws -> RecordKind {
    guard let raw = context.parameters.get("kind"), let kind = RecordKind(rawValue: raw), kind != .school else {
      throw HTTPError(.notFound)
    }
    return kind
  }

  // MARK: Static

  func stylesheet() -> Response {
    guard let url = Bundle.module.resourceURL?.appendingPathComponent("static/registre.css"),
      let data = try? Data(contentsOf: url)
    else { return Response(status: .notFound) }
    return Response(
      status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "max-age=3600"],
      body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
  }

  // MARK: Dashboard

  func dashboard() -> Response {
    let snapshot = site.snapshot()
    guard site.hasRegister else {
      return site.page("empty", title: "Aucun registre", data: ["folder": site.folder.path], current: "/")
    }
    guard let loaded = snapshot.loaded, let report = snapshot.report else {
      return invalidRegister(snapshot, current: "/")
    }
    let r = loaded.registre
    let open = report.openFindings.sorted { $0.severity > $1.severity }
    let byStatus = RecordStatus.allCases.map { status in
      ["label": status.libelle, "count": r.traitements.filter { $0.statut == status }.count]
    }
    let bySeverity = Severity.allCases.sorted(by: >).map { s in
      ["label": Wording.severity(s), "count": report.count(s), "key": s.rawValue]
    }
    let dpia = report.openFindings.filter { $0.rule == "aipd-requise-manquante" || $0.rule == "aipd-a-revoir" }
    let notices = report.openFindings.filter { $0.rule == "information-manquante" }
    let breaches = r.violations.map { v -> [String: Any] in
      [
        "id": v.id, "date": v.dateDecouverte.description, "description": v.description,
        "risk": v.risque?.libelle ?? "non évalué",
        "cnil": v.notificationCNIL.map { $0.faite ? "notifiée\($0.date.map { " le \($0)" } ?? "")" : "non notifiée" }
          ?? "notification non renseignée",
      ]
    }
    var dates: [[String: String]] = []
    let updates = r.traitements.compactMap { t in t.derniereMiseAJour.map { (t, $0) } }
    if let latest = updates.max(by: { $0.1 < $1.1 }) {
      dates.append(["label": "Dernière mise à jour d'une fiche", "value": "\(latest.1) (\(latest.0.nom))"])
    }
    if let oldest = updates.min(by: { $0.1 < $1.1 }) {
      dates.append(["label": "Fiche la moins récemment mise à jour", "value": "\(oldest.1) (\(oldest.0.nom))"])
    }
    let undated = r.traitements.filter { $0.derniereMiseAJour == nil }.count
    if undated > 0 { dates.append(["label": "Fiches sans date de mise à jour", "value": "\(undated)"]) }
    for t in r.traitements {
      if let dpia = t.aipd, let date = dpia.date { dates.append(["label": "AIPD « \(t.nom) »", "value": date.description]) }
    }
    dates.append(["label": "Date de l'audit affiché", "value": report.auditDate.description])
    let school = r.etablissement
    let lateActions = FollowUpWorkflow.actions(of: r, on: report.auditDate).filter(\.late).map(Self.actionRow)
    let urgentRequests = FollowUpWorkflow.requests(of: r, on: report.auditDate).filter { $0.overdue || $0.dueSoon }
      .map(Self.requestRow)
    // The review: what waits for the signed-in person, and where the fiches stand.
    let standings = (try? TeamWorkflow.standings(site.folder)) ?? []
    let role = Site.currentUser?.role ?? .lecteur
    let waiting = TeamWorkflow.waiting(for: role, in: standings).map { item -> [String: Any] in
      let id = ((item.file as NSString).lastPathComponent as NSString).deletingPathExtension
      let name = r.traitements.first { $0.id == id }?.nom ?? id
      return Wording.present([
        "link": "/traitements/\(id)#t-relecture", "name": name, "what": item.what,
        "since": item.since.map { ReviewPages.time($0) },
      ])
    }
    let byReview = ReviewState.allCases.map { state in
      ["label": state.libelle, "count": standings.filter { $0.state == state }.count]
    }
    return site.page(
      "dashboard", title: "Tableau de bord",
      data: [
        "waiting": waiting, "hasWaiting": !waiting.isEmpty, "byReview": byReview, "roleLabel": role.libelle.lowercased(),
        "school": school.nom, "uai": school.uai, "type": school.type?.libelle ?? "type non renseigné",
        "academie": (school.academie ?? "").isEmpty ? "non renseignée" : school.academie ?? "",
        "incomplete": snapshot.incomplete.map { fiche -> [String: Any] in
          ["subject": fiche.subject.libelle, "link": Wording.formLink(fiche.subject), "problems": fiche.problems]
        },
        "hasIncomplete": !snapshot.incomplete.isEmpty, "incompleteCount": snapshot.incomplete.count,
        "treatmentCount": r.traitements.count, "processorCount": r.sousTraitants.count,
        "byStatus": byStatus, "bySeverity": bySeverity, "summary": report.summaryLine,
        "urgent": open.prefix(12).map(Wording.finding), "moreUrgent": max(0, open.count - 12),
        "dpia": dpia.map(Wording.finding), "notices": notices.map(Wording.finding),
        "breaches": breaches, "dates": dates,
        "processors": r.sousTraitants.map { ["id": $0.id, "name": $0.nom] },
        "lateActions": lateActions, "urgentRequests": urgentRequests,
        "hasLateActions": !lateActions.isEmpty, "hasUrgentRequests": !urgentRequests.isEmpty,
      ], current: "/")
  }

  static func actionRow(_ line: ActionLine) -> [String: Any] {
    let a = line.action
    return [
      "id": a.id, "title": a.titre, "status": a.statut.libelle, "late": line.late,
      "due": a.echeance?.description ?? "non fixée", "owner": a.responsable ?? "non désigné",
      "findings": a.constats.map { "\($0.regle) (\($0.fiche))" }.joined(separator: ", "),
    ]
  }

  static func requestRow(_ line: RequestLine) -> [String: Any] {
    let r = line.request
    let state: String
    if let answer = r.reponse {
      state = "réponse le \(answer.date) : \(answer.decision.libelle.lowercased())"
    } else if line.overdue {
      state = "sans réponse, hors délai depuis le \(line.deadline)"
    } else {
      state = "sans réponse, à répondre avant le \(line.deadline)"
    }
    return [
      "id": r.id, "right": r.droit.libelle, "requester": r.demandeur.libelle, "received": r.dateReception.description,
      "deadline": line.deadline.description, "state": state, "overdue": line.overdue, "dueSoon": line.dueSoon,
    ]
  }

  /// « Actions et demandes »: the action plan and the register of rights requests, as
  /// `registre actions` and `registre demandes` list them.
  func followUp() -> Response {
    let snapshot = site.snapshot()
    guard site.hasRegister else {
      return site.page("empty", title: "Aucun registre", data: ["folder": site.folder.path], current: "/suivi")
    }
    guard let loaded = snapshot.loaded, let report = snapshot.report else { return invalidRegister(snapshot, current: "/suivi") }
    let r = loaded.registre
    let actions = FollowUpWorkflow.actions(of: r, on: report.auditDate)
    let requests = FollowUpWorkflow.requests(of: r, on: report.auditDate)
    return site.page(
      "followup", title: "Actions et demandes",
      data: [
        "actions": actions.map(Self.actionRow), "requests": requests.map(Self.requestRow),
        "hasActions": !actions.isEmpty, "hasRequests": !requests.isEmpty,
        "lateCount": actions.filter(\.late).count, "overdueCount": requests.filter(\.overdue).count,
        "date": report.auditDate.description,
      ], current: "/suivi")
  }

  /// The loader's diagnostics, each with a link to the form of its file.
  func invalidRegister(_ snapshot: Snapshot, current: String) -> Response {
    let toComplete = snapshot.diagnostics.filter { $0.message.hasPrefix("valeur à compléter") }.count
    return site.page(
      "invalid", title: "Registre à compléter",
      data: [
        "count": snapshot.diagnostics.count, "toComplete": toComplete,
        "diagnostics": snapshot.diagnostics.map(Wording.diagnostic), "hasDiagnostics": !snapshot.diagnostics.isEmpty,
        "problems": snapshot.diagnostics.isEmpty ? snapshot.problems : [],
        "files": RegisterFolder.yamlFiles(site.folder).compactMap { file -> [String: String]? in
          guard let kind = RecordKind.allCases.first(where: { file.hasPrefix($0.rawValue) }) else { return nil }
          let id = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
          return ["file": file, "link": kind == .school ? "/modifier/etablissement" : "/modifier/\(kind.rawValue)/\(id)"]
        },
      ], current: current)
  }

  // MARK: Treatments

  func treatments(_ request: Request) -> Response {
    let snapshot = site.snapshot()
    guard let loaded = snapshot.loaded, let report = snapshot.report else {
      return site.hasRegister ? invalidRegister(snapshot, current: "/traitements") : dashboard()
    }
    let query = request.uri.queryParameters
    let status = query["statut"].map(String.init) ?? ""
    let controller = query["responsable"].map(String.init) ?? ""
    let finding = query["constat"].map(String.init) ?? ""
    let subjects = query["personnes"].map(String.init) ?? ""
    let r = loaded.registre
    let rows = r.traitements.filter { t in
      let findings = report.openFindings.filter { $0.treatment == t.id }
      return (status.isEmpty || t.statut.rawValue == status)
        && (controller.isEmpty || t.responsable.type.rawValue == controller)
        && (subjects.isEmpty || t.personnesConcernees.contains { $0.categorie.rawValue == subjects })
        && (finding.isEmpty || (finding == "aucun" ? findings.isEmpty : findings.contains { $0.severity.rawValue == finding || $0.rule == finding }))
    }.map { t -> [String: Any] in
      let findings = report.openFindings.filter { $0.treatment == t.id }
      return [
        "id": t.id, "name": t.nom, "status": t.statut.libelle, "controller": t.responsable.type.libelle,
        "errors": findings.filter { $0.severity == .erreur }.count,
        "warnings": findings.filter { $0.severity == .avertissement }.count,
        "notes": findings.filter { $0.severity == .note }.count,
      ]
    }
    func options<E: EnumeratedValue>(_ type: E.Type, selected: String) -> [[String: Any]] {
      [["value": "", "label": "tous", "selected": selected.isEmpty]]
        + E.allCases.map { ["value": $0.rawValue, "label": $0.libelle, "selected": $0.rawValue == selected] }
    }
    let findingOptions: [[String: Any]] =
      [["value": "", "label": "tous", "selected": finding.isEmpty], ["value": "aucun", "label": "sans constat ouvert", "selected": finding == "aucun"]]
      + Severity.allCases.sorted(by: >).map { ["value": $0.rawValue, "label": "au moins une \(Wording.severity($0).lowercased())", "selected": $0.rawValue == finding] }
      + Rules.ids.map { ["value": $0, "label": "règle \($0)", "selected": $0 == finding] }
    return site.page(
      "treatments", title: "Traitements",
      data: [
        "rows": rows, "count": rows.count, "total": r.traitements.count,
        "statusOptions": options(RecordStatus.self, selected: status),
        "controllerOptions": options(ControllerKind.self, selected: controller),
        "subjectOptions": options(DataSubjectCategory.self, selected: subjects),
        "findingOptions": findingOptions,
      ], current: "/traitements")
  }

  /// A treatment's page; `importReport` and `problems` are the result of an action done from it (an import).
  func treatment(
    _ id: String, importReport: String? = nil, problems: [String] = [], status: HTTPResponse.Status = .ok,
    reviewProblem: String? = nil
  ) throws -> Response {
    let snapshot = site.snapshot()
    guard let loaded = snapshot.loaded, let report = snapshot.report else {
      return site.hasRegister ? invalidRegister(snapshot, current: "/traitements") : dashboard()
    }
    guard let t = loaded.registre.traitements.first(where: { $0.id == id }),
      let data = RegisterFolder.read(site.folder, RecordKind.treatment.relativePath(id: id))
    else { throw HTTPError(.notFound) }
    let values = FormFields.values(fromYAML: data, type: Format.traitement)
    let findings = report.findings.filter { $0.treatment == id }
    var placed = Set<Int>()
    let fields = Format.traitement.champs.map { field -> [String: Any] in
      let here = findings.enumerated().filter { _, f in
        guard let path = f.field else { return false }
        return path == field.cle || path.hasPrefix(field.cle + ".") || path.hasPrefix(field.cle + "[")
      }
      here.forEach { placed.insert($0.offset) }
      return [
        "label": FormTree.label(field), "key": field.cle,
        "lines": Display.lines(field, path: field.cle, values: values), "findings": here.map { Wording.finding($0.element) },
        "hasFindings": !here.isEmpty,
      ]
    }
    let general = findings.enumerated().filter { !placed.contains($0.offset) }.map { Wording.finding($0.element) }
    let screening = DPIAScreening.screen(t)
    var review: [String: Any] = [:]
    if let file = TeamWorkflow.ficheFile(of: id, in: site.folder), let standing = try? TeamWorkflow.standing(site.folder, file: file) {
      review = ReviewPages.section(standing, declared: t.statut.rawValue, user: Site.currentUser)
    }
    if let reviewProblem { review["problem"] = reviewProblem }
    return site.page(
      "treatment", title: t.nom, status: status,
      data: [
        "review": review,
        "id": id, "name": t.nom, "status": t.statut.libelle, "fields": fields, "general": general,
        "findingCount": findings.filter { !$0.isAccepted }.count,
        "dpiaRequired": screening.required, "dpiaConclusion": screening.conclusion,
        "dpiaReport": importReport ?? "", "hasDPIAReport": importReport != nil,
        "dpiaProblems": problems, "hasDPIAProblems": !problems.isEmpty,
      ], current: "/traitements")
  }

  // MARK: Forms

  func editForm(_ kind: RecordKind, id: String?) throws -> Response {
    let relative = kind.relativePath(id: id)
    guard let data = RegisterFolder.read(site.folder, relative) else { throw HTTPError(.notFound) }
    let snapshot = site.snapshot()
    let diagnostics = kind.check(data, id: id, in: snapshot.loaded?.registre)
    return form(
      kind, id: id, values: FormFields.values(fromYAML: data, type: kind.type), version: FileVersion(data),
      diagnostics: diagnostics, message: nil, status: .ok)
  }

  func newForm(_ kind: RecordKind) throws -> Response {
    form(kind, id: nil, values: [:], version: FileVersion(nil), diagnostics: [], message: nil, status: .ok)
  }

  func form(
    _ kind: RecordKind, id: String?, values: FormFields.Values, version: FileVersion, diagnostics: [Diagnostic],
    message: String?, status: HTTPResponse.Status, conflict: [String: Any]? = nil, extra: [String: Int] = [:]
  ) -> Response {
    let errors = FormTree.errors(diagnostics, type: kind.type)
    let action = id.map { "/modifier/\(kind.rawValue)/\($0)" } ?? (kind == .school ? "/modifier/etablissement" : "/nouveau/\(kind.rawValue)")
    let title = id.map { "Modifier \(kind.rawValue == "etablissement" ? "l'établissement" : "« \($0) »")" }
      ?? (kind == .school ? "Modifier l'établissement" : "Nouvel enregistrement : \(kind.title)")
    var data: [String: Any] = [
      "title": title, "action": action, "version": version.tag, "file": kind.relativePath(id: id ?? "nouveau"),
      "documentation": kind.type.documentation,
      "fields": FormTree.fields(kind.type, values: values, errors: errors, fixed: id == nil ? [] : ["id"], extra: extra),
      "diagnostics": diagnostics.map(Wording.diagnostic), "hasDiagnostics": !diagnostics.isEmpty,
      "back": kind == .treatment && id != nil ? "/traitements/\(id ?? "")" : "/",
      "teamNote": kind == .treatment,
    ]
    if let conflict { data["conflict"] = conflict }
    if let message { data["message"] = message }
    return site.page("form", title: title, status: status, data: data, current: kind == .treatment ? "/traitements" : "/")
  }

  func save(_ kind: RecordKind, id: String?, _ request: Request) async throws -> Response {
    let form = try await PostedForm.read(request, site: site)
    let relative = kind.relativePath(id: id)
    guard let current = RegisterFolder.read(site.folder, relative) else { throw HTTPError(.notFound) }
    return try write(kind, id: id, form: form, current: current, relative: relative)
  }

  func create(_ kind: RecordKind, _ request: Request) async throws -> Response {
    let form = try await PostedForm.read(request, site: site)
    let newID = form.first("id")?.trimmingCharacters(in: .whitespaces) ?? ""
    guard Codes.isSafeIdentifier(newID) else {
      return self.form(
        kind, id: nil, values: form.recordValues, version: FileVersion(nil),
        diagnostics: [Diagnostic(Location(fichier: kind.rawValue, champ: "id"), "identifiant absent ou invalide", attendu: FieldKind.identifiant.attendu)],
        message: nil, status: .unprocessableContent)
    }
    let relative = kind.relativePath(id: newID)
    return try write(kind, id: newID, form: form, current: RegisterFolder.read(site.folder, relative), relative: relative, creating: true)
  }

  /// Checks, detects a concurrent edit, then writes atomically; never writes a file the reader refuses.
  func write(
    _ kind: RecordKind, id: String?, form: PostedForm, current: Data?, relative: String, creating: Bool = false
  ) throws -> Response {
    let user = try site.requireUser()
    var values = form.recordValues
    if let id, kind != .school { values["id"] = [id] }
    // Any edit of a fiche sends it back to brouillon; « validée » is set by the head's validation only.
    if kind == .treatment { values["statut"] = [RecordStatus.brouillon.rawValue] }
    if let add = form.first("_ajouter") {
      // « Ajouter un élément »: the same form again with one more empty item; nothing written.
      return self.form(
        kind, id: creating ? nil : id, values: values, version: FileVersion(current), diagnostics: [], message: nil,
        status: .ok, extra: [add: 1])
    }
    let yaml = Data(FormFields.yaml(from: values, type: kind.type).utf8)
    let snapshot = site.snapshot()
    let base = form.first("_version") ?? ""
    if base != FileVersion(current).tag {
      let theirs = current.map { String(decoding: $0, as: UTF8.self) } ?? "(fichier supprimé entre-temps)"
      return self.form(
        kind, id: creating ? nil : id, values: values, version: FileVersion(current), diagnostics: [], message: nil,
        status: .conflict,
        conflict: ["theirs": theirs, "yours": String(decoding: yaml, as: UTF8.self), "file": relative])
    }
    let diagnostics = kind.check(yaml, id: id, in: snapshot.loaded?.registre)
    let blocking = diagnostics.filter { !$0.message.hasPrefix("valeur à compléter") }
    guard blocking.isEmpty else {
      return self.form(
        kind, id: creating ? nil : id, values: values, version: FileVersion(current), diagnostics: diagnostics,
        message: "Rien n'a été enregistré : corrigez les champs signalés.", status: .unprocessableContent)
    }
    try TeamWorkflow.journaledWrite(site.folder, by: user.actor) {
      try RegisterFolder.write(yaml, site.folder, relative, creating: creating)
    }
    site.forget()
    if !diagnostics.isEmpty {
      return self.form(
        kind, id: id, values: values, version: FileVersion(yaml), diagnostics: diagnostics,
        message: "Enregistré. Il reste \(diagnostics.count) valeur(s) à compléter, signalées ci-dessous.", status: .ok)
    }
    switch kind {
    case .treatment: return redirect("/traitements/\(id ?? "")?enregistre=1")
    default: return redirect("/?enregistre=1")
    }
  }

  // MARK: Catalogue

  func catalogue(message: String?, errors: [String]) throws -> Response {
    let entries: [CatalogueEntry]
    do {
      entries = try Catalogue.allEntries()
    } catch {
      throw PageError(status: .internalServerError, title: "Catalogue illisible", message: error.description)
    }
    let existing = Set(site.snapshot().loaded?.registre.traitements.map(\.id) ?? [])
    let present = Set(
      ((try? FileManager.default.contentsOfDirectory(atPath: site.folder.appendingPathComponent("traitements").path)) ?? [])
        .map { ($0 as NSString).deletingPathExtension })
    let rows = entries.map { e -> [String: Any] in
      [
        "id": e.id, "name": e.nom, "controller": e.typeResponsable.libelle, "purpose": e.traitement.finalitePrincipale,
        "sources": e.traitement.references.map { Wording.present(["text": $0.texte, "link": $0.lien]) },
        "present": existing.contains(e.id) || present.contains(e.id),
        "common": Catalogue.ensembleCommun.contains(e.id) && !site.hasRegister,
      ]
    }
    return site.page(
      "catalogue", title: "Ajouter depuis le catalogue",
      data: [
        "entries": rows, "create": !site.hasRegister, "message": message ?? "", "errors": errors,
        "typeOptions": SchoolKind.allCases.map { ["value": $0.rawValue, "label": $0.libelle] },
      ], current: "/catalogue")
  }

  func addFromCatalogue(_ request: Request) async throws -> Response {
    let form = try await PostedForm.read(request, site: site)
    let user = try site.requireUser()
    let chosen = form.values["entree"] ?? []
    do {
      try TeamWorkflow.journaledWrite(site.folder, by: user.actor) { try addOrCreate(chosen, form) }
    } catch {
      let message = (error as? CatalogueError)?.message ?? String(describing: error)
      var response = try catalogue(message: nil, errors: ["Rien n'a été écrit : \(message)."])
      response.status = .unprocessableContent
      return response
    }
    site.forget()
    return redirect("/?ajoute=\(chosen.count)")
  }

  private func addOrCreate(_ chosen: [String], _ form: PostedForm) throws {
    if site.hasRegister {
      try Catalogue.addEntries(chosen, to: site.folder)
    } else {
      try Catalogue.createRegister(
        dans: site.folder, nom: form.first("nom") ?? "", uai: (form.first("uai") ?? "").trimmingCharacters(in: .whitespaces),
        entrees: chosen)
    }
  }
}

/// Read-only lines of a field for the treatment page, as a DPD reads them (labels, French values).
enum Display {
  /// The lines, each with `hasPrefix` for the template (an empty string is not false in Mustache here).
  static func lines(_ field: Field, path: String, values: FormFields.Values) -> [[String: Any]] {
    rawLines(field, path: path, values: values).map { line in
      var line = line
      line["hasPrefix"] = !((line["prefix"] as? String) ?? "").isEmpty
      return line
    }
  }

  private static func rawLines(_ field: Field, path: String, values: FormFields.Values, depth: Int = 0) -> [[String: Any]] {
    switch field.genre {
    case .objet(let type):
      return type.champs.flatMap { child in
        rawLines(child, path: "\(path).\(child.cle)", values: values, depth: depth + 1).map { line in
          var line = line
          if depth == 0, (line["prefix"] as? String ?? "").isEmpty { line["prefix"] = FormTree.label(child) }
          return line
        }
      }
    case .liste(.objet(let type), _):
      let count = FormFields.itemCount(values, path: path)
      return (0..<count).map { index in
        let parts = type.champs.compactMap { child -> String? in
          let text = flat(child, path: "\(path)[\(index)].\(child.cle)", values: values)
          return text.isEmpty ? nil : "\(FormTree.label(child)) : \(text)"
        }
        return ["prefix": "", "text": parts.joined(separator: " ; ")]
      }
    default:
      let text = flat(field, path: path, values: values)
      return text.isEmpty ? [] : [["prefix": "", "text": text]]
    }
  }

  static func flat(_ field: Field, path: String, values: FormFields.Values) -> String {
    switch field.genre {
    case .objet(let type):
      return type.champs.compactMap { child -> String? in
        let text = flat(child, path: "\(path).\(child.cle)", values: values)
        return text.isEmpty ? nil : "\(FormTree.label(child)) : \(text)"
      }.joined(separator: ", ")
    case .liste(.objet, _):
      return lines(field, path: path, values: values).compactMap { $0["text"] as? String }.joined(separator: " | ")
    default:
      return (values[path] ?? []).flatMap { $0.split(separator: "\n").map(String.init) }
        .map { Wording.value($0, kind: field.genre) }.joined(separator: ", ")
    }
  }
}

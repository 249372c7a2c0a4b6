import Foundation
import Hummingbird
import HTTPTypes
import RegistreTeam
import RegistreWorkflows

/// The review workflow in the pages (issue 18): moves of a fiche, the DPD's recommendations, what waits for
/// each person. Every handler calls `TeamWorkflow`, as `registre statut` and `registre recommandations` do.
struct ReviewPages: Sendable {
  let site: Site
  let pages: Pages

  func register(on router: Router<BasicRequestContext>) {
    router.post("/traitements/:id/statut") { request, context in
      try await move(request, try pages.identifier(context))
    }
    router.post("/traitements/:id/recommandations") { request, context in
      try await recommend(request, try pages.identifier(context))
    }
    router.post("/traitements/:id/recommandations/:number/reponse") { request, context in
      try await note(request, try pages.identifier(context), try number(context), closing: false)
    }
    router.post("/traitements/:id/recommandations/:number/cloture") { request, context in
      try await note(request, try pages.identifier(context), try number(context), closing: true)
    }
  }

  func number(_ context: BasicRequestContext) throws -> Int {
    guard let raw = context.parameters.get("number"), let n = Int(raw), n > 0 else { throw HTTPError(.notFound) }
    return n
  }

  func file(_ id: String) throws(TeamRefusal) -> String {
    guard let file = TeamWorkflow.ficheFile(of: id, in: site.folder) else {
      throw TeamRefusal(.notFound, "Aucune fiche « \(id) ».")
    }
    return file
  }

  func move(_ request: Request, _ id: String) async throws -> Response {
    let form = try await PostedForm.read(request, site: site)
    let user = try site.requireUser()
    guard let target = form.first("vers").flatMap(ReviewState.init(rawValue:)) else { throw HTTPError(.badRequest) }
    return try perform(id) { () throws(TeamRefusal) in
      try TeamWorkflow.move(site.folder, file: try file(id), to: target, by: user.actor, reason: form.first("motif"))
    }
  }

  func recommend(_ request: Request, _ id: String) async throws -> Response {
    let form = try await PostedForm.read(request, site: site)
    let user = try site.requireUser()
    return try perform(id) { () throws(TeamRefusal) in
      try TeamWorkflow.recommend(site.folder, file: try file(id), text: form.first("texte") ?? "", by: user.actor)
    }
  }

  func note(_ request: Request, _ id: String, _ number: Int, closing: Bool) async throws -> Response {
    let form = try await PostedForm.read(request, site: site)
    let user = try site.requireUser()
    return try perform(id) { () throws(TeamRefusal) in
      let file = try file(id)
      if closing {
        try TeamWorkflow.close(site.folder, file: file, number: number, text: form.first("texte"), by: user.actor)
      } else {
        try TeamWorkflow.answer(site.folder, file: file, number: number, text: form.first("texte") ?? "", by: user.actor)
      }
    }
  }

  /// Runs a move; a refusal becomes the fiche's page again with the reason, and its HTTP status.
  private func perform(_ id: String, _ body: () throws(TeamRefusal) -> some Any) throws -> Response {
    do throws(TeamRefusal) {
      _ = try body()
    } catch {
      let status: HTTPResponse.Status
      switch error.kind {
      case .forbidden: status = .forbidden
      case .conflict: status = .conflict
      case .notFound: status = .notFound
      case .invalid: status = .unprocessableContent
      }
      return try pages.treatment(id, problems: [], status: status, reviewProblem: error.message)
    }
    site.forget()
    return redirect("/traitements/\(id)?relecture=1#t-relecture")
  }

  // MARK: Page data

  static func time(_ iso: String?) -> String {
    guard let iso, iso.count >= 16 else { return iso ?? "" }
    let day = iso.prefix(10)
    let clock = iso.dropFirst(11).prefix(5)
    return "\(day) à \(clock) (UTC)"
  }

  /// The « Relecture » section of a treatment's page, with only the moves the person may make.
  static func section(_ standing: FicheStanding, declared: String, user: SignedIn?) -> [String: Any] {
    let role = user?.role
    let moves: [[String: Any]] = ReviewState.allCases.compactMap { target in
      guard let action = standing.state.move(to: target), role?.may(action) == true else { return nil }
      let label: String
      switch target {
      case .aRelire: label = "Soumettre à la relecture"
      case .controle: label = "Marquer la fiche « contrôlée »"
      case .valide: label = "Valider la fiche"
      case .brouillon: label = "Renvoyer en brouillon"
      }
      return ["target": target.rawValue, "label": label, "needsReason": target == .brouillon]
    }
    let recommendations = standing.recommendations.map { r -> [String: Any] in
      Wording.present([
        "number": r.number, "text": r.text, "author": r.author.libelle, "time": time(r.time),
        "status": r.status.libelle, "closed": r.status == .close,
        "answers": r.answers.map { ["author": $0.actor.libelle, "time": time($0.time), "text": $0.text ?? ""] },
        "closing": r.closing.map { ["author": $0.actor.libelle, "time": time($0.time), "text": $0.text ?? ""] },
      ])
    }
    return Wording.present([
      "state": standing.state.libelle, "stateKey": standing.state.rawValue,
      "movedBy": standing.dropBack == nil ? standing.movedBy?.libelle : nil,
      "movedAt": standing.dropBack == nil ? standing.movedAt.map { time($0) } : nil,
      "reason": standing.dropBack == nil ? standing.reason : nil,
      "dropBack": standing.dropBack?.libelle,
      // The fiche's own « statut » field says validée, but no validation in the journal covers its content.
      "declaredMismatch": declared == "valide" && standing.state != .valide,
      "moves": moves, "hasMoves": !moves.isEmpty,
      "recommendations": recommendations, "hasRecommendations": !recommendations.isEmpty,
    ])
  }
}

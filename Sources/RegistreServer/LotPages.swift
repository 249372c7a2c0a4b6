import Foundation
import Hummingbird
import RegistreBatch
import RegistreTeam
import RegistreWorkflows

/// The académie's consolidated view: the audit of `registre audit --lot` (the same `AuditWorkflow.runBatch`),
/// with what waits for the DPD in each school.
struct LotPages: Sendable {
  let site: Site
  let schools: [String]

  func register(on router: Router<BasicRequestContext>) {
    router.get("/") { _, _ in try overview() }
    router.get(RouterPath(LotLinks.home)) { _, _ in try overview() }
    router.get("/static/registre.css") { _, _ in Pages(site: site).stylesheet() }
  }

  func overview() throws -> Response {
    let report: BatchReport
    do throws(WorkflowError) {
      report = try AuditWorkflow.runBatch(folder: site.folder.path, options: AuditOptions(date: try RegisterInput.day(nil)))
    } catch {
      throw PageError(status: .unprocessableContent, title: "Lot illisible", message: error.lines.joined(separator: " "))
    }
    let user = Site.currentUser
    var toReview = 0
    var missingDPIA = 0
    let rows = report.etablissements.map { row -> [String: Any] in
      let folder = site.folder.appendingPathComponent(row.source)
      let standings = (try? TeamWorkflow.standings(folder)) ?? []
      let waiting = standings.filter { $0.state == .aRelire }.count
      let answered = standings.flatMap(\.recommendations).filter { $0.status == .repondue }.count
      let dpia = row.constatsParRegle["aipd-requise-manquante"] ?? 0
      toReview += waiting
      missingDPIA += dpia
      let schoolRole = (try? AccountBook.load(from: folder))??.account(user?.account ?? "")?.role
      let rights = user?.role == .dpd && schoolRole == .dpd ? "DPD de l'établissement" : "lecture seule"
      return Wording.present([
        "name": row.nom ?? row.source, "uai": row.uai ?? "UAI non renseigné",
        "link": schools.contains(row.source) ? "\(LotLinks.home)/\(row.source)/" : nil,
        "problem": row.probleme, "errors": row.erreurs, "warnings": row.avertissements,
        "score": row.score.map { "\($0) %" } ?? "—", "dpia": dpia, "toReview": waiting, "answered": answered,
        "blocking": row.erreurs > 0 || row.probleme != nil, "rights": rights,
      ])
    }
    let blocking = report.etablissements.filter { $0.erreurs > 0 || $0.probleme != nil }.count
    return site.page(
      "lot", title: "Vue de l'académie",
      data: [
        "rows": rows, "schoolCount": report.etablissements.count, "blocking": blocking, "toReview": toReview,
        "missingDPIA": missingDPIA, "date": report.dateAudit.description, "unreadable": report.illisibles,
      ])
  }
}

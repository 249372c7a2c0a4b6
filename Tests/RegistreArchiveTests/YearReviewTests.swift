import Foundation
import RegistreArchive
import RegistreModel
import Testing

@Suite struct YearReviewTests {
  @Test func indicatorsBesideLastYearWithTrend() throws {
    let demo = try Tools.demoRegister()
    let jour = try #require(Day(iso: "2026-06-30"))
    var avant = demo
    avant.traitements.removeLast()
    let actuel = Indicators.of(demo, auditDate: jour)
    let precedent = Indicators.of(avant, auditDate: jour)
    #expect(actuel.treatments == demo.traitements.count)
    #expect(actuel.processors == demo.sousTraitants.count)
    #expect(actuel.dpiaDone <= actuel.dpiaRequired)
    let bilan = YearReview(year: 2026, school: demo.etablissement.nom, current: actuel, previousYear: 2025, previous: precedent)
    let ligne = try #require(bilan.lines.first { $0.key == "treatments" })
    #expect(ligne.trend == "up")
    #expect(ligne.previous == "\(avant.traitements.count)")
    #expect(bilan.text.contains("Traitements inscrits au registre"))
    #expect(bilan.text.contains("(2025 : \(avant.traitements.count)) ↗"))
    let json = String(decoding: try bilan.json(), as: UTF8.self)
    #expect(json.contains("\"processors_under_contract\""))
    #expect(json.contains("\"previous_year\" : 2025"))
  }

  /// Issue 19: the action plan and the rights requests in the yearly review.
  @Test func theReviewCountsActionsAndRequests() throws {
    let demo = try Tools.demoRegister()
    let jour = try #require(Day(iso: "2026-11-29"))
    let i = Indicators.of(demo, auditDate: jour)
    #expect(i.actionsOpen == 3)
    #expect(i.actionsLate == 1)
    #expect(i.actionsDoneInYear == 0)
    #expect(i.requestsReceivedInYear == 3)
    #expect(i.requestsAnsweredOnTime == 1)
    #expect(i.requestsOverdue == 1)
    // The only answer of the year came 14 days after its request (2026-09-07 → 2026-09-21).
    #expect(i.requestsMeanDelayDays == 14)
    let bilan = YearReview(year: 2026, school: demo.etablissement.nom, current: i, previousYear: nil, previous: nil)
    #expect(bilan.text.contains("Actions du plan en retard"))
    #expect(bilan.text.contains("Délai moyen de réponse (jours)"))
    // A review sealed before the plan existed still reads, and says « non suivi ».
    var old = String(decoding: try bilan.json(), as: UTF8.self)
    for key in ["actions_open", "actions_late", "actions_done_in_year", "requests_received_in_year",
                "requests_answered_on_time", "requests_overdue", "requests_mean_delay_days"] {
      old = old.replacingOccurrences(of: "\"\(key)\" :", with: "\"ancien_\(key)\" :")
    }
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    let earlier = try decoder.decode(YearReview.self, from: Data(old.utf8)).current
    #expect(earlier.actionsOpen == nil)
    let compared = YearReview(year: 2027, school: "X", current: i, previousYear: 2026, previous: earlier)
    #expect(compared.lines.first { $0.key == "actions_late" }?.previous == "non suivi")
  }

  @Test func firstYearHasNoComparison() throws {
    let demo = try Tools.demoRegister()
    let jour = try #require(Day(iso: "2026-06-30"))
    let bilan = YearReview(year: 2026, school: "X", current: Indicators.of(demo, auditDate: jour), previousYear: nil, previous: nil)
    #expect(bilan.lines.allSatisfy { $0.trend == nil && $0.previous == nil })
    #expect(bilan.text.contains("Premier bilan"))
    #expect(String(decoding: bilan.xml(), as: UTF8.self).contains("<indicateur cle=\"treatments\""))
  }
}

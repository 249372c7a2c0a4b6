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

  @Test func firstYearHasNoComparison() throws {
    let demo = try Tools.demoRegister()
    let jour = try #require(Day(iso: "2026-06-30"))
    let bilan = YearReview(year: 2026, school: "X", current: Indicators.of(demo, auditDate: jour), previousYear: nil, previous: nil)
    #expect(bilan.lines.allSatisfy { $0.trend == nil && $0.previous == nil })
    #expect(bilan.text.contains("Premier bilan"))
    #expect(String(decoding: bilan.xml(), as: UTF8.self).contains("<indicateur cle=\"treatments\""))
  }
}

import RegistreModel
import Testing
@testable import RegistreRules

@Suite struct EngineTests {
  /// Two treatments: one clean, one with a missing basis (erreur, and a warning that the notice
  /// cannot state it) and a TLS note.
  static var register: Register {
    var r = Fixture.clean
    var second = Fixture.treatment("ent")
    second.nom = "Espace numérique"
    second.baseLegale = nil
    second.flux[0].versionsTLS = [.tls12]
    r.traitements.append(second)
    return r
  }

  @Test func scoresWeighTheMostSevereOpenFindingPerRule() throws {
    let report = Audit.run(Self.register, context: Fixture.context)
    let treatmentRules = Rules.all.filter { $0.scopes.contains(.traitement) }
    let possible = treatmentRules.reduce(0) { $0 + $1.severity.weight }
    let ent = try #require(report.scores.treatment("ent"))
    #expect(ent.possible == possible)
    // base-legale-absente (erreur, 3) + notice-incomplete (avertissement, 2) + flux-tls-obsolete (note, 1).
    #expect(ent.lost == 6)
    #expect(report.scores.treatment("vie-scolaire")?.percent == 100)
    #expect(report.scores.school.lost == 6)
    #expect(report.scores.school.percent < 100)
    // An open error caps every score it touches at 50 %.
    #expect(ent.percent <= Score.capWithOpenErrors)
    #expect(report.scores.school.percent <= Score.capWithOpenErrors)
  }

  @Test func countsAndThresholds() {
    let report = Audit.run(Self.register, context: Fixture.context)
    #expect(report.count(.erreur) == 1)
    #expect(report.count(.note) == 1)
    #expect(report.fails(at: .erreur))
    #expect(report.fails(at: .note))
    #expect(!report.fails(at: nil))
    #expect(report.count(.avertissement) == 1)
    #expect(report.summaryLine.hasPrefix("1 constat bloquant ouvert (erreur), 1 avertissement, 1 note"))
  }

  @Test func findingsAreOrderedBySubjectThenSeverity() {
    var r = Self.register
    r.traitements[0].information = nil
    r.etablissement.dpd = nil
    let report = Audit.run(r, context: Fixture.context)
    #expect(
      report.findings.map(\.subject) == [
        .etablissement, .traitement("vie-scolaire"), .traitement("ent"), .traitement("ent"), .traitement("ent"),
      ])
    #expect(report.findings.last?.severity == .note)
  }

  @Test func acceptedFindingsStayVisibleAndCostNothing() throws {
    let acceptance = Acceptance(
      regle: "base-legale-absente", traitement: "ent", justification: "Fiche en cours de reprise.",
      par: "Mme Principale", date: Fixture.day("2026-11-20"))
    let report = Audit.run(Self.register, context: Fixture.context, acceptances: Acceptances([acceptance]))
    let accepted = try #require(report.findings.first { $0.rule == "base-legale-absente" })
    #expect(accepted.isAccepted)
    #expect(accepted.acceptance?.justification == "Fiche en cours de reprise.")
    #expect(report.count(.erreur) == 0)
    #expect(report.acceptedCount == 1)
    #expect(!report.fails(at: .erreur))
    // What is still open: the notice warning (2) and the TLS note (1).
    #expect(report.scores.treatment("ent")?.lost == 3)
  }

  @Test func acceptanceForAnotherTreatmentOrWithoutJustificationAcceptsNothing() {
    let entries = Acceptances([
      Acceptance(
        regle: "base-legale-absente", traitement: "vie-scolaire", justification: "x", par: "p",
        date: Fixture.day("2026-11-20")),
      Acceptance(
        regle: "base-legale-absente", traitement: "ent", justification: "  ", par: "p",
        date: Fixture.day("2026-11-20")),
    ])
    let report = Audit.run(Self.register, context: Fixture.context, acceptances: entries)
    #expect(report.acceptedCount == 0)
    let problems = entries.problems(knownRules: Set(Rules.ids))
    #expect(problems == ["acceptations[1] : justification vide"])
  }

  @Test func acceptanceProblemsNameUnknownRulesAndAmbiguousSubjects() {
    let entries = Acceptances([
      Acceptance(
        regle: "inconnue", traitement: "ent", sousTraitant: "editeur", justification: "x",
        par: "p", date: Fixture.day("2026-11-20"))
    ])
    #expect(entries.problems(knownRules: Set(Rules.ids)).count == 2)
    let ghost = Acceptances([
      Acceptance(
        regle: "flux-tls-obsolete", traitement: "fantome", justification: "x", par: "p",
        date: Fixture.day("2026-11-20"))
    ])
    #expect(
      ghost.problems(knownRules: Set(Rules.ids), registre: Fixture.clean)
        == ["acceptations[0] : traitement « fantome » absent du registre"])
  }

  @Test func processorFindingsAreAcceptedByProcessorID() {
    var r = Fixture.clean
    r.sousTraitants[0].contrat = nil
    let entries = Acceptances([
      Acceptance(
        regle: "sous-traitant-sans-contrat", sousTraitant: "editeur", justification: "Contrat en signature.",
        par: "Gestionnaire", date: Fixture.day("2026-11-20"))
    ])
    let report = Audit.run(r, context: Fixture.context, acceptances: entries)
    #expect(report.findings.count == 1)
    #expect(report.acceptedCount == 1)
    #expect(report.scores.school.percent == 100)
  }

  @Test func ruleSelection() throws {
    let only = try Audit.selectRules(only: ["flux-tls-obsolete"])
    #expect(only.map(\.id) == ["flux-tls-obsolete"])
    let without = try Audit.selectRules(excluding: ["flux-tls-obsolete"])
    #expect(without.count == Rules.all.count - 1)
    #expect(throws: UnknownRuleError(id: "nope")) { try Audit.selectRules(only: ["nope"]) }
    let report = Audit.run(Self.register, context: Fixture.context, rules: only)
    #expect(report.findings.map(\.rule) == ["flux-tls-obsolete"])
  }
}

import RegistreModel
import Testing
@testable import RegistreRules

/// Issue 19: the action plan and the rights requests, each rule both ways.
@Suite struct RightsRequestTests {
  static func request(
    received: String = "2026-10-01", answer: RequestAnswer? = nil, extension told: RequestExtension? = nil
  ) -> Register {
    var r = Fixture.clean
    r.demandes = [
      RightsRequest(
        id: "d1", dateReception: Fixture.day(received), demandeur: .parent, droit: .acces, traitements: ["vie-scolaire"],
        prolongation: told, reponse: answer)
    ]
    return r
  }

  @Test func aMonthIsCountedToTheSameDayOrTheMonthsLastDay() {
    #expect(Fixture.day("2026-01-31").adding(mois: 1) == Fixture.day("2026-02-28"))
    #expect(Fixture.day("2026-11-15").adding(mois: 3) == Fixture.day("2027-02-15"))
  }

  @Test func anUnansweredRequestPastItsMonthIsAnError() {
    // Received 2026-10-01, audit 2026-11-29: the month ended on 2026-11-01.
    let late = Fixture.findings("demande-hors-delai", Self.request())
    #expect(late.map(\.severity) == [.erreur])
    #expect(late.first?.subject == .demande("d1"))
    #expect(late.first?.message.contains("délai dépassé depuis le 2026-11-01") == true)
    // Received 2026-11-10: still within its month.
    #expect(Fixture.findings("demande-hors-delai", Self.request(received: "2026-11-10")).isEmpty)
  }

  @Test func anExtensionToldInTheFirstMonthGivesThreeMonths() {
    let told = RequestExtension(dateNotification: Fixture.day("2026-10-20"), motif: "Dossiers papier aux archives")
    #expect(Fixture.findings("demande-hors-delai", Self.request(extension: told)).isEmpty)
    #expect(Fixture.findings("prolongation-non-notifiee", Self.request(extension: told)).isEmpty)
  }

  @Test func anExtensionToldLateOrWithoutReasonsDoesNotCount() {
    let late = RequestExtension(dateNotification: Fixture.day("2026-11-05"), motif: "Volume")
    let findings = Fixture.findings("prolongation-non-notifiee", Self.request(extension: late))
    #expect(findings.count == 1)
    #expect(findings.first?.message.contains("après le premier mois") == true)
    #expect(Fixture.findings("demande-hors-delai", Self.request(extension: late)).count == 1)
    let silent = RequestExtension(dateNotification: Fixture.day("2026-10-20"))
    #expect(Fixture.findings("prolongation-non-notifiee", Self.request(extension: silent)).first?.message == "Prolongation notifiée sans ses motifs.")
    #expect(Fixture.findings("demande-hors-delai", Self.request(extension: silent)).count == 1)
  }

  @Test func anAnswerAfterTheDeadlineIsAWarningOnTimeIsNothing() {
    let late = RequestAnswer(date: Fixture.day("2026-11-10"), decision: .satisfaite)
    #expect(Fixture.findings("demande-hors-delai", Self.request(answer: late)).map(\.severity) == [.avertissement])
    let onTime = RequestAnswer(date: Fixture.day("2026-10-25"), decision: .satisfaite)
    #expect(Fixture.findings("demande-hors-delai", Self.request(answer: onTime)).isEmpty)
  }

  @Test func aRefusalNeedsItsReasons() {
    let bare = RequestAnswer(date: Fixture.day("2026-10-25"), decision: .refusee)
    #expect(Fixture.findings("refus-sans-motif", Self.request(answer: bare)).count == 1)
    let partial = RequestAnswer(date: Fixture.day("2026-10-25"), decision: .partielle, motifRefus: "  ")
    #expect(Fixture.findings("refus-sans-motif", Self.request(answer: partial)).count == 1)
    let reasoned = RequestAnswer(
      date: Fixture.day("2026-10-25"), decision: .refusee,
      motifRefus: "Les notes du conseil de classe relèvent de l'évaluation ; recours possible auprès de la CNIL.")
    #expect(Fixture.findings("refus-sans-motif", Self.request(answer: reasoned)).isEmpty)
    let granted = RequestAnswer(date: Fixture.day("2026-10-25"), decision: .satisfaite)
    #expect(Fixture.findings("refus-sans-motif", Self.request(answer: granted)).isEmpty)
  }
}

@Suite struct ActionPlanTests {
  static func plan(_ actions: [PlannedAction], change: (inout Treatment) -> Void = { _ in }) -> Register {
    var r = Fixture.register(change)
    r.actions = actions
    return r
  }

  @Test func anOpenActionPastItsDueDateIsLate() {
    let late = PlannedAction(id: "a1", titre: "Signer le contrat", responsable: "gestionnaire", echeance: Fixture.day("2026-11-01"))
    let findings = Fixture.findings("action-en-retard", Self.plan([late]))
    #expect(findings.count == 1)
    #expect(findings.first?.subject == .action("a1"))
    #expect(findings.first?.message.contains("responsable : gestionnaire") == true)
    var onTime = late
    onTime.echeance = Fixture.day("2027-01-15")
    #expect(Fixture.findings("action-en-retard", Self.plan([onTime])).isEmpty)
    var done = late
    done.statut = .faite
    #expect(Fixture.findings("action-en-retard", Self.plan([done])).isEmpty)
  }

  @Test func aDoneActionWhoseFindingRemainsIsReportedAndFindingsNameTheirAction() {
    // A treatment without legal basis: `base-legale-absente` stays however the action is marked.
    let withoutBasis: (inout Treatment) -> Void = { $0.baseLegale = nil }
    let done = PlannedAction(
      id: "a2", titre: "Fonder le traitement", constats: [FindingReference(regle: "base-legale-absente", fiche: "vie-scolaire")],
      statut: .faite, dateRealisation: Fixture.day("2026-11-20"))
    let report = Audit.run(Self.plan([done], change: withoutBasis), context: Fixture.context)
    let flagged = report.findings.filter { $0.rule == "action-faite-non-resolue" }
    #expect(flagged.count == 1)
    #expect(flagged.first?.message.contains("base-legale-absente sur « vie-scolaire »") == true)
    #expect(report.findings.first { $0.rule == "base-legale-absente" }?.plannedAction == "a2")
    // Once the fiche is fixed, the done action is quiet.
    let fixed = Audit.run(Self.plan([done]), context: Fixture.context)
    #expect(!fixed.findings.contains { $0.rule == "action-faite-non-resolue" })
    // An open action does not raise it either: the finding is being worked on.
    var open = done
    open.statut = .enCours
    let working = Audit.run(Self.plan([open], change: withoutBasis), context: Fixture.context)
    #expect(!working.findings.contains { $0.rule == "action-faite-non-resolue" })
  }
}

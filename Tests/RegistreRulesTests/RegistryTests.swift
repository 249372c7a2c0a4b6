import RegistreModel
import Testing
@testable import RegistreRules

@Suite struct RegistryTests {
  static let contractIDs = [
    "registre-incomplet", "base-legale-absente", "base-legale-interet-legitime-autorite",
    "base-legale-consentement-mission", "donnees-sensibles-sans-condition", "aipd-requise-manquante",
    "aipd-a-revoir", "sous-traitant-sans-contrat", "transfert-hors-ue-sans-garantie",
    "doctrine-cloud-ministere", "conservation-non-definie", "conservation-excessive",
    "flux-non-chiffre", "flux-tls-obsolete", "acces-sans-mfa", "information-manquante",
    "responsable-incorrect", "biometrie-sans-alternative", "violation-non-documentee",
  ]

  /// Rules added beyond the issue's list.
  static let extraIDs = [
    "biometrie-disproportionnee", "violation-notification-tardive", "valeur-fictive", "base-legale-contrat-mission",
    "violation-non-notifiee", "notice-incomplete",
    // Issue 19: the action plan and the rights requests.
    "demande-hors-delai", "prolongation-non-notifiee", "refus-sans-motif", "action-en-retard", "action-faite-non-resolue",
  ]

  @Test func everyContractIDExistsOnce() {
    #expect(Set(Rules.ids) == Set(Self.contractIDs + Self.extraIDs))
    #expect(Rules.ids.count == Set(Rules.ids).count)
  }

  @Test func everyRuleIsDocumented() {
    for rule in Rules.all {
      #expect(!rule.reference.isEmpty, "\(rule.id)")
      #expect(!rule.title.isEmpty && !rule.summary.isEmpty && !rule.remediation.isEmpty, "\(rule.id)")
      #expect(rule.severities.first == rule.severity, "\(rule.id)")
      #expect(!rule.scopes.isEmpty, "\(rule.id)")
    }
  }

  @Test func cleanRegisterHasNoFinding() {
    let report = Audit.run(Fixture.clean, context: Fixture.context)
    #expect(report.findings.isEmpty, "\(report.findings.map { "\($0.rule): \($0.message)" })")
    #expect(report.scores.school.percent == 100)
  }

  @Test func findingsCarryTheirRuleReferenceAndSeverityFromTheRuleList() {
    let r = Fixture.register { $0.baseLegale = nil }
    let findings = Fixture.findings("base-legale-absente", r)
    #expect(findings.count == 1)
    #expect(findings.first?.reference == Rules.rule("base-legale-absente")?.reference)
  }
}

public import Foundation
public import RegistreModel

/// The JSON report (English keys), described by `Schemas/audit.schema.json`.
public enum AuditJSONReport {
  /// Encodes the report: the register's identity, counts, scores and every finding.
  public static func render(
    _ report: AuditReport, registre: Register, source: String? = nil,
    locate: FindingLocator = { _ in nil }
  ) throws -> Data {
    let document = Document(
      register: .init(name: registre.etablissement.nom, uai: registre.etablissement.uai, source: source),
      auditDate: report.auditDate.description,
      rules: report.ruleIDs,
      summary: .init(
        errors: report.count(.erreur), warnings: report.count(.avertissement), notes: report.count(.note),
        accepted: report.acceptedCount, score: report.scores.school.percent),
      scores: .init(
        school: report.scores.school.percent,
        treatments: report.scores.treatments.map { .init(treatment: $0.id, score: $0.score.percent) }),
      findings: report.findings.map { JSONFinding($0, location: locate($0)) })
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return try encoder.encode(document)
  }

  struct Document: Encodable {
    struct Register: Encodable {
      var name: String
      var uai: String
      var source: String?
    }
    struct Summary: Encodable {
      var errors, warnings, notes, accepted, score: Int
    }
    struct TreatmentScore: Encodable {
      var treatment: String
      var score: Int
    }
    struct Scores: Encodable {
      var school: Int
      var treatments: [TreatmentScore]
    }
    var register: Register
    var auditDate: String
    var rules: [String]
    var summary: Summary
    var scores: Scores
    var findings: [JSONFinding]
  }

  struct JSONFinding: Encodable {
    let finding: Finding
    let location: FindingLocation?

    init(_ finding: Finding, location: FindingLocation?) {
      self.finding = finding
      self.location = location
    }

    enum Keys: String, CodingKey {
      case rule, severity, treatment, processor, breach, action, request, plannedAction, message, reference, remediation, criteria
      case location, accepted
    }

    enum AcceptedKeys: String, CodingKey { case justification, by, date }

    func encode(to encoder: any Encoder) throws {
      var c = encoder.container(keyedBy: Keys.self)
      try c.encode(finding.rule, forKey: .rule)
      try c.encode(finding.severity.englishKey, forKey: .severity)
      // `treatment` is always present (null when the finding is about something else).
      try c.encode(finding.treatment, forKey: .treatment)
      if case .sousTraitant(let id) = finding.subject { try c.encode(id, forKey: .processor) }
      if case .violation(let id) = finding.subject { try c.encode(id, forKey: .breach) }
      if case .action(let id) = finding.subject { try c.encode(id, forKey: .action) }
      if case .demande(let id) = finding.subject { try c.encode(id, forKey: .request) }
      try c.encodeIfPresent(finding.plannedAction, forKey: .plannedAction)
      try c.encode(finding.message, forKey: .message)
      try c.encode(finding.reference, forKey: .reference)
      try c.encode(finding.remediation, forKey: .remediation)
      try c.encode(finding.criteria, forKey: .criteria)
      if let location {
        try c.encode(location, forKey: .location)
      } else {
        try c.encodeNil(forKey: .location)
      }
      if let a = finding.acceptance {
        var nested = c.nestedContainer(keyedBy: AcceptedKeys.self, forKey: .accepted)
        try nested.encode(a.justification, forKey: .justification)
        try nested.encode(a.par, forKey: .by)
        try nested.encode(a.date.description, forKey: .date)
      } else {
        try c.encodeNil(forKey: .accepted)
      }
    }
  }
}

public import RegistreModel

/// Inputs of an audit that are not in the register: rules never read the clock.
public struct AuditContext: Hashable, Sendable {
  /// Day the audit is made, for « older than three years » checks.
  public var auditDate: Day
  /// Fiches the loader found incomplete (missing mandatory mention, « À COMPLÉTER »):
  /// each becomes a `registre-incomplet` finding.
  public var incompleteFiches: [IncompleteRecordFinding]
  /// Treatments whose notices `registre notices --marquer` recorded as issued (`notices-diffusees.yaml`),
  /// by treatment id: current, or outdated by a later change of the fiche (`information-manquante`).
  public var issuedNotices: [String: IssuedNoticeState]

  public init(
    auditDate: Day, incompleteFiches: [IncompleteRecordFinding] = [],
    issuedNotices: [String: IssuedNoticeState] = [:]
  ) {
    self.auditDate = auditDate
    self.incompleteFiches = incompleteFiches
    self.issuedNotices = issuedNotices
  }
}

/// A fiche read leniently: what is missing in it, in French.
public struct IncompleteRecordFinding: Hashable, Sendable {
  public var subject: Subject
  /// One French line per problem (« champ « finalite_principale » : champ obligatoire manquant, ligne 3 »).
  public var problems: [String]
  /// Field of the first problem, for locating the line.
  public var field: String?
  /// Whether the fiche is in the audited register (false: it could not be read at all).
  public var audited: Bool

  public init(subject: Subject, problems: [String], field: String? = nil, audited: Bool) {
    self.subject = subject
    self.problems = problems
    self.field = field
    self.audited = audited
  }
}

/// A check of the register, with a stable id that scripts and acceptances rely on.
///
/// Rules are pure: the same register and context give the same findings.
public protocol Rule: Sendable {
  /// Contract id, e.g. `aipd-requise-manquante`; never changes once published.
  var id: String { get }
  /// Usual severity of the rule's findings (the highest it emits).
  var severity: Severity { get }
  /// Every severity the rule may emit, highest first (for the documentation).
  var severities: [Severity] { get }
  /// Legal or official texts the rule rests on.
  var reference: String { get }
  /// Short French title.
  var title: String { get }
  /// What the rule checks, in French, for `docs/rules.md`.
  var summary: String { get }
  /// What to do, in French.
  var remediation: String { get }
  /// Which records the rule looks at (used by the scores).
  var scopes: Set<Scope> { get }

  /// Adds the findings about the register as a whole: the school's record, processors, breaches.
  func checkRegister(_ audit: AuditedRegister, into findings: inout [Finding])

  /// Adds the findings about one treatment. The audit walks the treatments once and asks
  /// every rule in turn, so that each treatment's text is folded once for all rules.
  func check(_ t: Treatment, facts: TreatmentFacts, in audit: AuditedRegister, into findings: inout [Finding])

  /// Adds findings about the other rules' findings (an action done whose finding remains),
  /// after every other check.
  func checkFindings(_ found: [Finding], in audit: AuditedRegister, into findings: inout [Finding])
}

extension Rule {
  public var severities: [Severity] { [severity] }

  public func checkRegister(_ audit: AuditedRegister, into findings: inout [Finding]) {}

  public func check(
    _ t: Treatment, facts: TreatmentFacts, in audit: AuditedRegister, into findings: inout [Finding]
  ) {}

  public func checkFindings(_ found: [Finding], in audit: AuditedRegister, into findings: inout [Finding]) {}

  /// This rule's findings on `registre`, in the order the rule finds them.
  public func evaluate(_ registre: Register, context: AuditContext) -> [Finding] {
    let audit = AuditedRegister(registre, context: context)
    var findings: [Finding] = []
    checkRegister(audit, into: &findings)
    for t in registre.traitements {
      check(t, facts: TreatmentFacts(t), in: audit, into: &findings)
    }
    return findings
  }

  /// A finding of this rule with its defaults filled in.
  func finding(
    _ subject: Subject, _ message: String, severity: Severity? = nil, field: String? = nil,
    remediation: String? = nil, reference: String? = nil, criteria: [String] = [], acceptable: Bool = true
  ) -> Finding {
    Finding(
      rule: id, severity: severity ?? self.severity, subject: subject, message: message,
      reference: reference ?? self.reference, remediation: remediation ?? self.remediation,
      criteria: criteria, field: field, acceptable: acceptable)
  }
}

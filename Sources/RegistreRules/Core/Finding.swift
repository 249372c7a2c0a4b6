/// What a finding is about: a treatment, a processor, a breach or the school's own record.
public enum Subject: Hashable, Sendable, Codable {
  case etablissement
  case traitement(String)
  case sousTraitant(String)
  case violation(String)
  /// An action of the plan (`actions/<id>.yaml`).
  case action(String)
  /// A rights request (`demandes/<id>.yaml`).
  case demande(String)

  /// The id of the treatment, processor, breach, action or request (nil for the school).
  public var id: String? {
    switch self {
    case .etablissement: return nil
    case .traitement(let id), .sousTraitant(let id), .violation(let id), .action(let id), .demande(let id): return id
    }
  }

  /// The part of the register a rule's scope refers to.
  public var scope: Scope {
    switch self {
    case .etablissement: return .etablissement
    case .traitement: return .traitement
    case .sousTraitant: return .sousTraitant
    case .violation: return .violation
    case .action: return .action
    case .demande: return .demande
    }
  }

  /// French label: « traitement « ent » », « sous-traitant « x » »…
  public var libelle: String {
    switch self {
    case .etablissement: return "établissement"
    case .traitement(let id): return "traitement « \(id) »"
    case .sousTraitant(let id): return "sous-traitant « \(id) »"
    case .violation(let id): return "violation « \(id) »"
    case .action(let id): return "action « \(id) »"
    case .demande(let id): return "demande « \(id) »"
    }
  }
}

/// The kinds of records a rule looks at; used by the scores' denominators.
public enum Scope: String, CaseIterable, Hashable, Sendable, Codable {
  case etablissement, traitement, sousTraitant = "sous-traitant", violation, action, demande
}

/// One problem found by a rule, in French, with where to look.
public struct Finding: Hashable, Sendable {
  /// Contract id of the rule (`aipd-requise-manquante`…).
  public var rule: String
  /// A rule may emit different severities depending on the case.
  public var severity: Severity
  public var subject: Subject
  public var message: String
  /// Legal or official text the finding rests on.
  public var reference: String
  public var remediation: String
  /// DPIA criteria met (French labels), for DPIA findings.
  public var criteria: [String]
  /// Field path inside the subject's file, in the register's YAML spelling
  /// (`donnees[2].conservation`, 0-based indexes), for locating the line.
  public var field: String?
  /// Set by the engine when an acceptance matches: the finding is shown as accepted.
  public var acceptance: Acceptance?
  /// False for a breach of a legal cap: no written acceptance can cover it.
  public var acceptable: Bool
  /// The action of the plan that answers this finding (`actions/<id>.yaml`), if any.
  public var plannedAction: String?

  public init(
    rule: String, severity: Severity, subject: Subject, message: String, reference: String,
    remediation: String, criteria: [String] = [], field: String? = nil,
    acceptance: Acceptance? = nil, acceptable: Bool = true
  ) {
    self.rule = rule
    self.severity = severity
    self.subject = subject
    self.message = message
    self.reference = reference
    self.remediation = remediation
    self.criteria = criteria
    self.field = field
    self.acceptance = acceptance
    self.acceptable = acceptable
  }

  /// Whether a written justification accepts this finding.
  public var isAccepted: Bool { acceptance != nil }

  /// The treatment id, when the finding is about a treatment.
  public var treatment: String? {
    if case .traitement(let id) = subject { return id }
    return nil
  }
}

import Foundation
public import RegistreModel
public import RegistreProbe
public import RegistreRules

/// The three levels the académies' lists of apps use.
public enum Verdict: String, Codable, Sendable, CaseIterable {
  case adoptable
  case adoptableSousConditions = "adoptable-sous-conditions"
  case aProscrire = "a-proscrire"

  /// French label for reports.
  public var libelle: String {
    switch self {
    case .adoptable: return "adoptable"
    case .adoptableSousConditions: return "adoptable sous conditions"
    case .aProscrire: return "à proscrire"
    }
  }
}

/// What an item rests on. The law and the ministry's doctrine are kept apart:
/// a tool can be lawful and still go against the ministry's instructions.
public enum Basis: String, Codable, Sendable {
  /// A legal obligation (GDPR, code de l'éducation, AI Act…).
  case law
  /// A ministry or CNIL doctrine or instruction that is not itself the law.
  case doctrine
  /// A security recommendation (ANSSI, CNIL guides).
  case security

  /// French label for reports.
  public var libelle: String {
    switch self {
    case .law: return "droit"
    case .doctrine: return "doctrine"
    case .security: return "sécurité"
    }
  }
}

/// One reason, condition or note of an evaluation, with what it rests on.
public struct EvaluationItem: Codable, Sendable, Hashable {
  /// Stable identifier, e.g. `publicite-eleves`.
  public var code: String
  public var basis: Basis
  /// French sentence shown to the head of school.
  public var message: String
  /// The text or guide it cites.
  public var reference: String

  public init(code: String, basis: Basis, message: String, reference: String) {
    self.code = code
    self.basis = basis
    self.message = message
    self.reference = reference
  }
}

/// What the evaluation may take into account besides the sheet.
public struct EvaluationContext: Sendable {
  /// The school's register, when given (`--registre`).
  public var registre: Register?
  /// Results of the TLS probe of the sheet's endpoints (`--sonder`), nil when not probed.
  public var probes: [TLSProbeReport]?
  /// The day of the evaluation (dates the draft entry).
  public var date: Day

  public init(registre: Register? = nil, probes: [TLSProbeReport]? = nil, date: Day) {
    self.registre = registre
    self.probes = probes
    self.date = date
  }
}

/// The outcome of evaluating a tool sheet.
public struct Evaluation: Sendable {
  public var fiche: ToolSheet
  public var verdict: Verdict
  /// Blocking reasons: any of them makes the tool « à proscrire ».
  public var reasons: [EvaluationItem]
  /// What must be done before use.
  public var conditions: [EvaluationItem]
  /// What is credited or merely worth knowing (GAR guarantees, contract already signed…).
  public var notes: [EvaluationItem]
  /// The audit's own DPIA screening of the draft entry.
  public var dpia: DPIAScreening
  /// The draft register entry.
  public var draftEntry: Treatment
  /// The probe results, when the endpoints were probed.
  public var probes: [TLSProbeReport]?
  public var date: Day
}

import RegistreModel

/// A share of rules passed, weighted by severity.
public struct Score: Hashable, Sendable {
  /// Sum of the weights of the rules that apply.
  public var possible: Int
  /// Sum of the weights lost to open findings.
  public var lost: Int

  /// 0…1; 1 when no rule applies.
  public var ratio: Double { possible == 0 ? 1 : Double(possible - lost) / Double(possible) }
  /// Percentage rounded down, 0…100: 100 only when nothing is lost.
  public var percent: Int { Int((ratio * 100).rounded(.down)) }
}

/// Conformity of each treatment and of the school.
///
/// Formula (also in `docs/rules.md`): each rule that applies to a record weighs
/// the weight of its highest severity (erreur 3, avertissement 2, note 1). A rule
/// with open findings on the record loses the weight of its most severe open
/// finding there (accepted findings lose nothing). A treatment's score is
/// (weights − losses) / weights over the treatment rules; the school's score
/// adds up weights and losses over the school's own record, every treatment,
/// processor and breach.
public struct ConformityScores: Sendable {
  public var school: Score
  /// In register order.
  public var treatments: [(id: String, score: Score)]

  public func treatment(_ id: String) -> Score? {
    treatments.first { $0.id == id }?.score
  }

  static func compute(_ registre: Registre, rules: [any Rule], findings: [Finding]) -> ConformityScores {
    var losses: [Subject: [String: Int]] = [:]
    for f in findings where !f.isAccepted {
      let current = losses[f.subject, default: [:]][f.rule] ?? 0
      losses[f.subject, default: [:]][f.rule] = max(current, f.severity.weight)
    }
    // Per scope: the weight of every rule that applies, and their ids (rules are few, subjects many).
    var applicable: [Scope: (possible: Int, ids: Set<String>)] = [:]
    for scope in Scope.allCases {
      let scoped = rules.filter { $0.scopes.contains(scope) }
      applicable[scope] = (scoped.reduce(0) { $0 + $1.severity.weight }, Set(scoped.map(\.id)))
    }
    func score(_ subject: Subject) -> Score {
      let rulesHere = applicable[subject.scope] ?? (0, [])
      let lost = losses[subject]?.reduce(0) { $0 + (rulesHere.ids.contains($1.key) ? $1.value : 0) } ?? 0
      return Score(possible: rulesHere.possible, lost: lost)
    }
    var total = Score(possible: 0, lost: 0)
    var perTreatment: [(id: String, score: Score)] = []
    for subject in Audit.allSubjects(registre) {
      let s = score(subject)
      total.possible += s.possible
      total.lost += s.lost
      if case .traitement(let id) = subject { perTreatment.append((id, s)) }
    }
    return ConformityScores(school: total, treatments: perTreatment)
  }
}

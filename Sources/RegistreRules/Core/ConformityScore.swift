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

  /// Scores from the open findings' losses: (subject rank, index of the rule in `rules`, weight).
  static func compute(
    subjects: SubjectIndex, rules: [any Rule], openLosses: [(subject: Int, rule: Int, weight: Int)]
  ) -> ConformityScores {
    let ruleCount = rules.count
    // The heaviest open loss of each rule on each subject, in a flat table.
    var losses = [Int](repeating: 0, count: subjects.count * ruleCount)
    for loss in openLosses where loss.subject < subjects.count {
      let cell = loss.subject * ruleCount + loss.rule
      losses[cell] = max(losses[cell], loss.weight)
    }
    // Per scope: which rules apply and the weight they put at stake (rules are few, subjects many).
    var applicable: [Scope: (possible: Int, rules: [Bool])] = [:]
    for scope in Scope.allCases {
      let applies = rules.map { $0.scopes.contains(scope) }
      let possible = zip(rules, applies).reduce(0) { $0 + ($1.1 ? $1.0.severity.weight : 0) }
      applicable[scope] = (possible, applies)
    }
    var total = Score(possible: 0, lost: 0)
    var perTreatment: [(id: String, score: Score)] = []
    for (subject, rank) in subjects.all {
      let rulesHere = applicable[subject.scope] ?? (0, [])
      var lost = 0
      for rule in 0..<ruleCount where rulesHere.rules[rule] { lost += losses[rank * ruleCount + rule] }
      let s = Score(possible: rulesHere.possible, lost: lost)
      total.possible += s.possible
      total.lost += s.lost
      if case .traitement(let id) = subject { perTreatment.append((id, s)) }
    }
    return ConformityScores(school: total, treatments: perTreatment)
  }
}

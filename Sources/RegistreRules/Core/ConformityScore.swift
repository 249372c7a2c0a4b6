import RegistreModel

/// A share of rules passed, weighted by severity, that never hides open errors.
public struct Score: Hashable, Sendable {
  /// Sum of the weights of the rules that apply.
  public var possible: Int
  /// Sum of the weights lost to open findings.
  public var lost: Int
  /// Open findings of severity `erreur` (blocking): shown before the score.
  public var blocking: Int = 0
  /// Records (school, treatments, processors, breaches) the score covers.
  public var records: Int = 1
  /// Records with at least one open blocking finding.
  public var recordsWithBlocking: Int = 0

  public init(possible: Int, lost: Int, blocking: Int = 0, records: Int = 1, recordsWithBlocking: Int = 0) {
    self.possible = possible
    self.lost = lost
    self.blocking = blocking
    self.records = records
    self.recordsWithBlocking = recordsWithBlocking
  }

  /// Weighted share of rules passed, 0…1; 1 when no rule applies.
  public var ratio: Double { possible == 0 ? 1 : Double(possible - lost) / Double(possible) }

  /// The highest score allowed while blocking findings are open.
  public static let capWithOpenErrors = 50

  /// Percentage rounded down, 0…100: 100 only when nothing is lost. While an error is open the
  /// score is at most 50 % and at most the share of records without an open error: a high
  /// score always means that no blocking finding is left.
  public var percent: Int {
    let weighted = Int((ratio * 100).rounded(.down))
    guard blocking > 0 else { return weighted }
    let clean = records == 0 ? 0 : (records - recordsWithBlocking) * 100 / records
    return min(weighted, Self.capWithOpenErrors, clean)
  }
}

/// Conformity of each treatment and of the school.
///
/// Formula (also in `docs/rules.md`): each rule that applies to a record weighs
/// the weight of its highest severity (erreur 3, avertissement 2, note 1). A rule
/// with open findings on the record loses the weight of its most severe open
/// finding there (accepted findings lose nothing). A treatment's score is
/// (weights − losses) / weights over the treatment rules; the school's score
/// adds up weights and losses over the school's own record, every treatment,
/// processor and breach. While blocking findings (`erreur`) are open, a score is at most 50 %
/// and at most the share of records without an open error; the count of open blocking
/// findings is shown before it.
public struct ConformityScores: Sendable {
  public var school: Score
  /// In register order.
  public var treatments: [(id: String, score: Score)]

  public func treatment(_ id: String) -> Score? {
    treatments.first { $0.id == id }?.score
  }

  /// Scores from the open findings' losses: (subject rank, index of the rule in `rules`, weight);
  /// a loss of weight 3 is an open `erreur`.
  static func compute(
    subjects: SubjectIndex, rules: [any Rule], openLosses: [(subject: Int, rule: Int, weight: Int)]
  ) -> ConformityScores {
    var blockingBySubject = [Int](repeating: 0, count: subjects.count)
    for loss in openLosses where loss.subject < subjects.count && loss.weight == Severity.erreur.weight {
      blockingBySubject[loss.subject] += 1
    }
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
    var total = Score(possible: 0, lost: 0, records: 0)
    var perTreatment: [(id: String, score: Score)] = []
    for (subject, rank) in subjects.all {
      let rulesHere = applicable[subject.scope] ?? (0, [])
      var lost = 0
      for rule in 0..<ruleCount where rulesHere.rules[rule] { lost += losses[rank * ruleCount + rule] }
      let blocking = blockingBySubject[rank]
      let s = Score(possible: rulesHere.possible, lost: lost, blocking: blocking, records: 1,
        recordsWithBlocking: blocking > 0 ? 1 : 0)
      total.possible += s.possible
      total.lost += s.lost
      total.blocking += s.blocking
      total.records += 1
      total.recordsWithBlocking += s.recordsWithBlocking
      if case .traitement(let id) = subject { perTreatment.append((id, s)) }
    }
    return ConformityScores(school: total, treatments: perTreatment)
  }
}

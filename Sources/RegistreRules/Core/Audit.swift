public import RegistreModel

/// A rule id given on the command line that no rule has.
public struct UnknownRuleError: Error, Hashable, Sendable {
  public var id: String
  /// French message listing the known ids.
  public var message: String {
    "règle inconnue « \(id) » ; règles disponibles : \(Rules.ids.joined(separator: ", "))"
  }
}

/// The result of an audit: findings (accepted ones included and marked), counts and scores.
public struct AuditReport: Sendable {
  /// Findings ordered by subject (school, treatments, processors, breaches, in
  /// register order), then by decreasing severity, then by rule order.
  public var findings: [Finding]
  /// Ids of the rules that ran.
  public var ruleIDs: [String]
  public var scores: ConformityScores
  public var auditDate: Day

  /// Findings not covered by an acceptance.
  public var openFindings: [Finding] { findings.filter { !$0.isAccepted } }

  /// Open findings of this severity.
  public func count(_ severity: Severity) -> Int {
    openFindings.filter { $0.severity == severity }.count
  }

  public var acceptedCount: Int { findings.count - openFindings.count }

  /// Whether an open finding reaches `threshold` (`nil`: never fail).
  public func fails(at threshold: Severity?) -> Bool {
    guard let threshold else { return false }
    return openFindings.contains { $0.severity >= threshold }
  }

  /// Open blocking findings (severity `erreur`), shown before any score.
  public var openBlockingCount: Int { count(.erreur) }

  /// One French line, open blocking findings first:
  /// « 3 constats bloquants ouverts (erreurs), 2 avertissements, 1 note — conformité 50 % (plafonnée…) ».
  public var summaryLine: String {
    func plural(_ n: Int, _ word: String, _ words: String) -> String { "\(n) \(n > 1 ? words : word)" }
    let blocking = openBlockingCount
    var parts = [
      blocking == 0
        ? "aucun constat bloquant ouvert"
        : plural(blocking, "constat bloquant ouvert (erreur)", "constats bloquants ouverts (erreurs)"),
      plural(count(.avertissement), "avertissement", "avertissements"),
      plural(count(.note), "note", "notes"),
    ]
    if acceptedCount > 0 { parts.append(plural(acceptedCount, "constat accepté", "constats acceptés")) }
    let cap = blocking > 0 ? " (plafonnée tant qu'une erreur reste ouverte)" : ""
    return parts.joined(separator: ", ") + " — conformité de l'établissement : \(scores.school.percent) %\(cap)"
  }
}

/// Runs rules over a register.
public enum Audit {
  /// The rules to run: all of them, or only `only` when non-empty, minus `excluding`.
  public static func selectRules(
    only: [String] = [], excluding: [String] = []
  ) throws(UnknownRuleError) -> [any Rule] {
    for id in only + excluding where Rules.rule(id) == nil { throw UnknownRuleError(id: id) }
    return Rules.all.filter { (only.isEmpty || only.contains($0.id)) && !excluding.contains($0.id) }
  }

  /// Audits `registre`; acceptances mark findings as accepted without hiding them.
  public static func run(
    _ registre: Register, context: AuditContext, rules: [any Rule] = Rules.all,
    acceptances: Acceptances = Acceptances()
  ) -> AuditReport {
    let audit = AuditedRegister(registre, context: context)
    var raw: [Finding] = []
    for rule in rules { rule.checkRegister(audit, into: &raw) }
    // One walk over the treatments, every rule in turn. The local `let` is what lets each
    // rule borrow the treatment: passing the array element itself to an opaque call copies
    // the whole record (some thirty references) once per rule.
    for treatment in registre.traitements {
      let facts = TreatmentFacts(treatment)
      // Indexing calls each rule in place; `for rule in rules` would copy the existential.
      for index in rules.indices { rules[index].check(treatment, facts: facts, in: audit, into: &raw) }
    }
    let found = raw
    for rule in rules { rule.checkFindings(found, in: audit, into: &raw) }
    // Each finding names the action of the plan that answers it.
    if !registre.actions.isEmpty {
      for index in raw.indices {
        let f = raw[index]
        let fiche = f.subject.id ?? "etablissement"
        raw[index].plannedAction = registre.actions.first { a in
          a.statut != .abandonnee && a.constats.contains { $0.regle == f.rule && $0.fiche == fiche }
        }?.id
      }
    }
    let marked = acceptances.apply(to: raw)
    // Sort keys are worked out once per finding, not at every comparison.
    let subjects = SubjectIndex(registre)
    let ruleRank = rules.map { Rules.order[$0.id] ?? Int.max }
    let ruleIndex = Dictionary(rules.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
    let keys = marked.enumerated().map { offset, finding in
      SortKey(
        subject: subjects.rank(finding.subject), severity: finding.severity,
        rule: ruleIndex[finding.rule].map { ruleRank[$0] } ?? Int.max, offset: offset)
    }
    let order = keys.indices.sorted { keys[$0] < keys[$1] }
    let sorted = order.map { marked[$0] }
    return AuditReport(
      findings: sorted, ruleIDs: rules.map(\.id),
      scores: ConformityScores.compute(
        subjects: subjects, rules: rules,
        openLosses: order.compactMap { position in
          let finding = marked[position]
          guard !finding.isAccepted, let rule = ruleIndex[finding.rule] else { return nil }
          return (keys[position].subject, rule, finding.severity.weight)
        }),
      auditDate: context.auditDate)
  }

  /// Subject, then decreasing severity, then rule order, then the order found.
  private struct SortKey: Comparable {
    var subject: Int
    var severity: Severity
    var rule: Int
    var offset: Int

    static func < (a: SortKey, b: SortKey) -> Bool {
      if a.subject != b.subject { return a.subject < b.subject }
      if a.severity != b.severity { return a.severity > b.severity }
      if a.rule != b.rule { return a.rule < b.rule }
      return a.offset < b.offset
    }
  }


  static func allSubjects(_ registre: Register) -> [Subject] {
    [.etablissement] + registre.traitements.map { .traitement($0.id) }
      + registre.sousTraitants.map { .sousTraitant($0.id) }
      + registre.violations.map { .violation($0.id) }
      + registre.actions.map { .action($0.id) } + registre.demandes.map { .demande($0.id) }
  }
}

/// The register's subjects in report order (school, treatments, processors, breaches), each
/// with its rank; a repeated id keeps the rank of its first occurrence.
struct SubjectIndex {
  /// Every subject, repeats included, with its rank.
  let all: [(subject: Subject, rank: Int)]
  /// Number of distinct ranks.
  let count: Int
  private let ranks: [Subject: Int]

  init(_ registre: Register) {
    let subjects = Audit.allSubjects(registre)
    var ranks: [Subject: Int] = [:]
    ranks.reserveCapacity(subjects.count)
    var all: [(subject: Subject, rank: Int)] = []
    all.reserveCapacity(subjects.count)
    for subject in subjects {
      if ranks[subject] == nil { ranks[subject] = ranks.count }
      all.append((subject, ranks[subject] ?? 0))
    }
    self.all = all
    self.ranks = ranks
    count = ranks.count
  }

  /// Rank of `subject`; subjects not in the register come last.
  func rank(_ subject: Subject) -> Int { ranks[subject] ?? Int.max }
}

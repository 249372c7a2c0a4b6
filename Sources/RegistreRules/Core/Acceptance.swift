import Foundation
public import RegistreModel

/// One entry of the register's `acceptations.yaml`: a finding of one rule on
/// one treatment (or processor, or breach) that the controller accepts, with
/// a written justification. Accepted findings are still reported, as accepted.
public struct Acceptance: Codable, Hashable, Sendable {
  /// Rule id (`conservation-excessive`…).
  public var regle: String
  /// Id of the treatment concerned.
  public var traitement: String?
  /// Id of the processor concerned, for processor findings.
  public var sousTraitant: String?
  /// Id of the breach concerned, for breach findings.
  public var violation: String?
  /// Why the finding is accepted; required and never empty.
  public var justification: String
  /// Who accepted (name and function).
  public var par: String
  public var date: Day

  public init(
    regle: String, traitement: String? = nil, sousTraitant: String? = nil,
    violation: String? = nil, justification: String, par: String, date: Day
  ) {
    self.regle = regle
    self.traitement = traitement
    self.sousTraitant = sousTraitant
    self.violation = violation
    self.justification = justification
    self.par = par
    self.date = date
  }

  enum CodingKeys: String, CodingKey {
    case regle, traitement
    case sousTraitant = "sous_traitant"
    case violation, justification, par, date
  }

  /// The subject this entry names, or nil when it names none or several.
  public var subject: Subject? {
    let named = [
      traitement.map(Subject.traitement), sousTraitant.map(Subject.sousTraitant),
      violation.map(Subject.violation),
    ].compactMap { $0 }
    return named.count == 1 ? named[0] : nil
  }

  /// Whether this entry accepts `finding` (a breach of a legal cap is never accepted).
  public func matches(_ finding: Finding) -> Bool {
    guard finding.acceptable, let subject, finding.rule == regle, finding.subject == subject else { return false }
    return !justification.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
  }
}

/// The whole `acceptations.yaml` file.
public struct Acceptances: Codable, Hashable, Sendable {
  public var acceptations: [Acceptance]

  public init(_ acceptations: [Acceptance] = []) {
    self.acceptations = acceptations
  }

  /// French problems with the entries themselves (unknown rule, no subject,
  /// empty justification); an entry with a problem accepts nothing.
  /// With `registre`, an entry naming a treatment, processor or breach the
  /// register does not have is a problem too.
  public func problems(knownRules: Set<String>, registre: Register? = nil) -> [String] {
    var problems: [String] = []
    for (index, entry) in acceptations.enumerated() {
      let label = "acceptations[\(index)]"
      if !knownRules.contains(entry.regle) {
        problems.append("\(label) : règle « \(entry.regle) » inconnue")
      }
      if entry.subject == nil {
        problems.append(
          "\(label) : indiquer exactement un élément parmi traitement, sous_traitant, violation")
      }
      if let registre, let subject = entry.subject, !Audit.allSubjects(registre).contains(subject) {
        problems.append("\(label) : \(subject.libelle) absent du registre")
      }
      if entry.justification.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
        problems.append("\(label) : justification vide")
      }
    }
    return problems
  }

  /// `findings` with the matching acceptance set on each; nothing is removed.
  public func apply(to findings: [Finding]) -> [Finding] {
    guard !acceptations.isEmpty else { return findings }
    return findings.map { finding in
      var marked = finding
      marked.acceptance = acceptations.first { $0.matches(finding) }
      return marked
    }
  }
}

import RegistreXML
public import Foundation

/// The input of the audit report template (`rapport-audit.xsl`): the audit's
/// findings as XML in namespace `urn:registre:audit:1` (documented in
/// `docs/documents.md`). Kept free of the rules module's types so that the
/// documents module does not depend on it; the CLI maps an audit onto it.
public struct AuditFindingsDocument: Sendable, Equatable {
  public static let namespace = "urn:registre:audit:1"

  public struct Finding: Sendable, Equatable {
    /// Stable rule id, e.g. `aipd-requise-manquante`.
    public var rule: String
    /// `error`, `warning` or `note`.
    public var severity: String
    public var message: String
    public var reference: String
    public var remediation: String
    public var criteria: [String]
    /// What the finding is about when it is not a treatment (« sous-traitant « x » »).
    public var subject: String?
    /// Set when the school accepted the finding, with its written reason.
    public var acceptance: String?

    public init(
      rule: String, severity: String, message: String, reference: String = "",
      remediation: String = "", criteria: [String] = [], subject: String? = nil,
      acceptance: String? = nil
    ) {
      self.rule = rule
      self.severity = severity
      self.message = message
      self.reference = reference
      self.remediation = remediation
      self.criteria = criteria
      self.subject = subject
      self.acceptance = acceptance
    }
  }

  public struct Treatment: Sendable, Equatable {
    public var id: String
    public var name: String
    /// Conformity score in percent.
    public var score: Int?
    public var findings: [Finding]

    public init(id: String, name: String, score: Int?, findings: [Finding]) {
      self.id = id
      self.name = name
      self.score = score
      self.findings = findings
    }
  }

  public var schoolName: String
  public var uai: String
  /// `AAAA-MM-JJ`.
  public var date: String
  public var schoolScore: Int?
  public var treatments: [Treatment]
  /// Findings about the school, its processors or its breaches.
  public var general: [Finding]

  public init(
    schoolName: String, uai: String, date: String, schoolScore: Int?, treatments: [Treatment],
    general: [Finding]
  ) {
    self.schoolName = schoolName
    self.uai = uai
    self.date = date
    self.schoolScore = schoolScore
    self.treatments = treatments
    self.general = general
  }

  /// Deterministic UTF-8 XML.
  public func xml() -> Data {
    var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    out += "<audit xmlns=\"\(Self.namespace)\" version=\"1\" date=\"\(Self.escape(date))\">\n"
    out += "  <etablissement nom=\"\(Self.escape(schoolName))\" uai=\"\(Self.escape(uai))\"/>\n"
    if let schoolScore { out += "  <score valeur=\"\(schoolScore)\"/>\n" }
    for treatment in treatments {
      var attributes = "id=\"\(Self.escape(treatment.id))\" nom=\"\(Self.escape(treatment.name))\""
      if let score = treatment.score { attributes += " score=\"\(score)\"" }
      if treatment.findings.isEmpty {
        out += "  <traitement \(attributes)/>\n"
      } else {
        out += "  <traitement \(attributes)>\n"
        for finding in treatment.findings { out += Self.element(finding) }
        out += "  </traitement>\n"
      }
    }
    if !general.isEmpty {
      out += "  <general>\n"
      for finding in general { out += Self.element(finding) }
      out += "  </general>\n"
    }
    out += "</audit>\n"
    return Data(out.utf8)
  }

  private static func element(_ finding: Finding) -> String {
    var attributes = "regle=\"\(escape(finding.rule))\" gravite=\"\(escape(finding.severity))\""
    if finding.acceptance != nil { attributes += " statut=\"accepte\"" }
    if let subject = finding.subject { attributes += " objet=\"\(escape(subject))\"" }
    var out = "    <constat \(attributes)>\n"
    out += "      <message>\(escape(finding.message))</message>\n"
    if !finding.reference.isEmpty { out += "      <reference>\(escape(finding.reference))</reference>\n" }
    if !finding.remediation.isEmpty {
      out += "      <remediation>\(escape(finding.remediation))</remediation>\n"
    }
    for criterion in finding.criteria { out += "      <critere>\(escape(criterion))</critere>\n" }
    if let acceptance = finding.acceptance {
      out += "      <justification>\(escape(acceptance))</justification>\n"
    }
    out += "    </constat>\n"
    return out
  }

  /// Escapes text for element content and attribute values; drops characters XML 1.0 forbids.
  static func escape(_ text: String) -> String {
    XMLText.escape(text)
  }
}

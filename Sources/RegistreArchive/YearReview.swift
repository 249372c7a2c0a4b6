import RegistreXML
public import Foundation
public import RegistreModel
import RegistreRules

/// The yearly review's indicators for one register.
public struct Indicators: Codable, Equatable, Sendable {
  public var treatments: Int
  /// Treatments whose screening requires a DPIA, and how many of those have one done.
  public var dpiaRequired: Int
  public var dpiaDone: Int
  public var processors: Int
  public var processorsUnderContract: Int
  /// Treatments with a notice at least as recent as the fiche's last update.
  public var noticesUpToDate: Int
  /// Transfers outside the EU/EEA declared in the treatments.
  public var transfersOutsideEU: Int
  /// School conformity score, in percent.
  public var conformityScore: Int
  public var openFindingsError: Int
  public var openFindingsWarning: Int
  public var openFindingsNote: Int
  /// The action plan at the audit date (absent from reviews sealed before the plan existed).
  public var actionsOpen: Int?
  public var actionsLate: Int?
  public var actionsDoneInYear: Int?
  /// Rights requests received in the year, answered within their deadline, and overdue without answer.
  public var requestsReceivedInYear: Int?
  public var requestsAnsweredOnTime: Int?
  public var requestsOverdue: Int?
  /// Mean days from receipt to answer, for the year's answered requests (nil without any).
  public var requestsMeanDelayDays: Int?

  // Snake-case JSON (`transfers_outside_eu`) reads back through `convertFromSnakeCase` only if the
  // key is spelled as that strategy rebuilds it: « EU » would not come back from « eu ».
  enum CodingKeys: String, CodingKey {
    case treatments, dpiaRequired, dpiaDone, processors, processorsUnderContract, noticesUpToDate
    case transfersOutsideEU = "transfersOutsideEu"
    case conformityScore, openFindingsError, openFindingsWarning, openFindingsNote
    case actionsOpen, actionsLate, actionsDoneInYear, requestsReceivedInYear, requestsAnsweredOnTime, requestsOverdue
    case requestsMeanDelayDays
  }

  /// Computes the indicators of `registre` audited on `date`.
  public static func of(_ registre: Register, auditDate: Day) -> Indicators {
    let report = Audit.run(registre, context: AuditContext(auditDate: auditDate))
    let required = registre.traitements.filter { DPIAScreening.screen($0).required || $0.aipd?.statut == .requise }
    let notices = registre.traitements.filter { t in
      guard let information = t.information, information.noticeExistante else { return false }
      guard let update = t.derniereMiseAJour else { return true }
      guard let date = information.date else { return false }
      return date >= update
    }
    let ofTheYear = registre.demandes.filter { $0.dateReception.annee == auditDate.annee }
    let delays = ofTheYear.compactMap { r in r.reponse.map { $0.date.numeroDeJour - r.dateReception.numeroDeJour } }
    return Indicators(
      treatments: registre.traitements.count,
      dpiaRequired: required.count,
      dpiaDone: required.filter { $0.aipd?.statut == .realisee }.count,
      processors: registre.sousTraitants.count,
      processorsUnderContract: registre.sousTraitants.filter { $0.contrat?.signe == true }.count,
      noticesUpToDate: notices.count,
      transfersOutsideEU: registre.traitements.reduce(0) { $0 + $1.transferts.count },
      conformityScore: report.scores.school.percent,
      openFindingsError: report.count(.erreur),
      openFindingsWarning: report.count(.avertissement),
      openFindingsNote: report.count(.note),
      actionsOpen: registre.actions.filter(\.isOpen).count,
      actionsLate: registre.actions.filter { $0.isOpen && ($0.echeance.map { $0 < auditDate } ?? false) }.count,
      actionsDoneInYear: registre.actions.filter { $0.statut == .faite && $0.dateRealisation?.annee == auditDate.annee }.count,
      requestsReceivedInYear: ofTheYear.count,
      requestsAnsweredOnTime: ofTheYear.filter { r in r.reponse.map { !(r.deadline < $0.date) } ?? false }.count,
      requestsOverdue: registre.demandes.filter { $0.reponse == nil && $0.deadline < auditDate }.count,
      requestsMeanDelayDays: delays.isEmpty ? nil : Int((Double(delays.reduce(0, +)) / Double(delays.count)).rounded()))
  }
}

/// The yearly review (bilan): this year's indicators beside last year's, with the trend.
public struct YearReview: Codable, Equatable, Sendable {
  public struct Line: Codable, Equatable, Sendable {
    public var key: String
    public var label: String
    public var current: String
    public var previous: String?
    /// `up`, `down`, `same`, or nil without a previous value.
    public var trend: String?
    /// Whether the change is good news (nil when neutral or unknown).
    public var better: Bool?
  }

  public var year: Int
  public var previousYear: Int?
  public var school: String
  public var current: Indicators
  public var previous: Indicators?
  public var lines: [Line]

  public init(year: Int, school: String, current: Indicators, previousYear: Int?, previous: Indicators?) {
    self.year = year
    self.school = school
    self.current = current
    self.previousYear = previousYear
    self.previous = previous
    func percent(_ part: Int, _ whole: Int) -> Int? { whole == 0 ? nil : Int((Double(part) * 100 / Double(whole)).rounded()) }
    func ratio(_ part: Int, _ whole: Int) -> String {
      whole == 0 ? "sans objet" : "\(part)/\(whole) (\(percent(part, whole) ?? 0) %)"
    }
    func count(_ n: Int?) -> String { n.map(String.init) ?? "non suivi" }
    // (key, label, value text, comparable number, higher is better?)
    func rows(_ i: Indicators) -> [(String, String, String, Int?, Bool?)] {
      [
        ("treatments", "Traitements inscrits au registre", "\(i.treatments)", i.treatments, nil),
        ("dpia_done", "AIPD requises réalisées", ratio(i.dpiaDone, i.dpiaRequired), percent(i.dpiaDone, i.dpiaRequired), true),
        ("processors_under_contract", "Sous-traitants sous contrat (art. 28)", ratio(i.processorsUnderContract, i.processors),
          percent(i.processorsUnderContract, i.processors), true),
        ("notices_up_to_date", "Notices d'information à jour", ratio(i.noticesUpToDate, i.treatments),
          percent(i.noticesUpToDate, i.treatments), true),
        ("transfers_outside_eu", "Transferts hors UE", "\(i.transfersOutsideEU)", i.transfersOutsideEU, false),
        ("conformity_score", "Score de conformité", "\(i.conformityScore) %", i.conformityScore, true),
        ("open_findings_error", "Constats ouverts : erreurs", "\(i.openFindingsError)", i.openFindingsError, false),
        ("open_findings_warning", "Constats ouverts : avertissements", "\(i.openFindingsWarning)", i.openFindingsWarning, false),
        ("open_findings_note", "Constats ouverts : notes", "\(i.openFindingsNote)", i.openFindingsNote, false),
        ("actions_open", "Actions du plan encore ouvertes", count(i.actionsOpen), i.actionsOpen, nil),
        ("actions_late", "Actions du plan en retard", count(i.actionsLate), i.actionsLate, false),
        ("actions_done", "Actions faites dans l'année", count(i.actionsDoneInYear), i.actionsDoneInYear, true),
        ("requests_received", "Demandes d'exercice des droits reçues dans l'année", count(i.requestsReceivedInYear),
          i.requestsReceivedInYear, nil),
        ("requests_on_time", "Demandes de l'année répondues dans le délai", count(i.requestsAnsweredOnTime),
          i.requestsAnsweredOnTime, nil),
        ("requests_overdue", "Demandes sans réponse après leur délai", count(i.requestsOverdue), i.requestsOverdue, false),
        ("requests_mean_delay", "Délai moyen de réponse (jours)",
          i.requestsMeanDelayDays.map(String.init) ?? (i.requestsReceivedInYear == nil ? "non suivi" : "aucune réponse"),
          i.requestsMeanDelayDays, false),
      ]
    }
    let now = rows(current)
    let before = previous.map(rows)
    lines = now.enumerated().map { index, row in
      let old = before?[index]
      var trend: String?
      var better: Bool?
      if let old, let x = old.3, let y = row.3 {
        trend = y > x ? "up" : y < x ? "down" : "same"
        if let higher = row.4, x != y { better = (y > x) == higher }
      }
      return Line(key: row.0, label: row.1, current: row.2, previous: old?.2, trend: trend, better: better)
    }
  }

  /// French text: a table of indicators with last year's value and the trend.
  public var text: String {
    var out = ["Bilan annuel \(year) — \(school)"]
    out.append(previousYear.map { "Comparaison avec \($0)." } ?? "Premier bilan : pas d'année précédente dans l'archive.")
    out.append("")
    let width = lines.map(\.label.count).max() ?? 0
    for line in lines {
      let label = line.label.padding(toLength: width, withPad: " ", startingAt: 0)
      var row = "\(label)  \(line.current)"
      if let previous = line.previous { row += "   (\(previousYear.map(String.init) ?? "avant") : \(previous)) \(Self.arrow(line))" }
      out.append(row)
    }
    return out.joined(separator: "\n") + "\n"
  }

  /// ↗, ↘ or = followed by « mieux »/« moins bien » when it matters.
  public static func arrow(_ line: Line) -> String {
    guard let trend = line.trend else { return "" }
    let symbol = trend == "up" ? "↗" : trend == "down" ? "↘" : "="
    guard let better = line.better else { return symbol }
    return "\(symbol) \(better ? "mieux" : "moins bien")"
  }

  public func json() throws -> Data {
    let encoder = JSONEncoder()
    encoder.keyEncodingStrategy = .convertToSnakeCase
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return try encoder.encode(self)
  }

  /// A small XML document for the one-page PDF template (`Templates/bilan.xsl`).
  public func xml() -> Data {
    var s = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<bilan annee=\"\(year)\""
    if let previousYear { s += " annee-precedente=\"\(previousYear)\"" }
    s += " etablissement=\"\(Self.escape(school))\">\n"
    for line in lines {
      s += "  <indicateur cle=\"\(line.key)\" libelle=\"\(Self.escape(line.label))\" valeur=\"\(Self.escape(line.current))\""
      if let previous = line.previous { s += " precedente=\"\(Self.escape(previous))\"" }
      if line.trend != nil { s += " tendance=\"\(Self.escape(Self.arrow(line)))\"" }
      s += "/>\n"
    }
    s += "</bilan>\n"
    return Data(s.utf8)
  }

  static func escape(_ text: String) -> String {
    XMLText.escape(text)
  }
}

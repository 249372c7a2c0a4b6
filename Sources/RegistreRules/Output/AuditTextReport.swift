public import RegistreModel

/// The French text report: findings grouped by treatment (and processor, breach),
/// each group with its conformity score, then a summary line.
public enum AuditTextReport {
  /// Renders the report; `colour` adds ANSI colours (for a terminal only).
  public static func render(
    _ report: AuditReport, registre: Register, colour: Bool = false,
    locate: FindingLocator = { _ in nil }
  ) -> String {
    let style = Style(enabled: colour)
    var lines: [String] = []
    let school = registre.etablissement
    lines.append(style.bold("Audit du registre — \(school.nom) (\(school.uai)) — \(report.auditDate)"))
    lines.append("")

    let grouped = Dictionary(grouping: report.findings, by: \.subject)
    var quiet: [String] = []
    for subject in Audit.allSubjects(registre) {
      guard let findings = grouped[subject], !findings.isEmpty else {
        if case .traitement(let id) = subject { quiet.append(id) }
        continue
      }
      lines.append(style.bold(heading(subject, registre: registre, report: report)))
      for finding in findings {
        lines.append(contentsOf: render(finding, style: style, location: locate(finding)))
      }
      lines.append("")
    }
    if !quiet.isEmpty {
      lines.append("Traitements sans constat : \(quiet.joined(separator: ", ")).")
      lines.append("")
    }
    lines.append(style.bold("Résumé : ") + report.summaryLine)
    return lines.joined(separator: "\n") + "\n"
  }

  private static func heading(_ subject: Subject, registre: Register, report: AuditReport) -> String {
    switch subject {
    case .etablissement:
      return "Établissement"
    case .traitement(let id):
      let name = registre.traitements.first { $0.id == id }?.nom ?? id
      let score = report.scores.treatment(id).map { " — conformité \($0.percent) %" } ?? ""
      return "Traitement « \(id) » — \(name)\(score)"
    case .sousTraitant(let id):
      let name = registre.processor(id)?.nom ?? id
      return "Sous-traitant « \(id) » — \(name)"
    case .violation(let id):
      return "Violation « \(id) »"
    case .action(let id):
      let title = registre.actions.first { $0.id == id }?.titre ?? id
      return "Action « \(id) » — \(title)"
    case .demande(let id):
      return "Demande « \(id) »"
    }
  }

  private static func render(_ f: Finding, style: Style, location: FindingLocation?) -> [String] {
    let label: String
    if f.isAccepted {
      label = style.dim("accepté (\(f.severity.libelle))")
    } else {
      switch f.severity {
      case .erreur: label = style.red("erreur")
      case .avertissement: label = style.yellow("avertissement")
      case .note: label = style.blue("note")
      }
    }
    var lines = ["  \(label) [\(f.rule)] \(f.message)"]
    if let location {
      let field = (f.field ?? location.field).map { " (\($0))" } ?? ""
      lines.append("      à : \(location.description)\(field)")
    }
    if !f.criteria.isEmpty { lines.append("      critères : \(f.criteria.joined(separator: " ; "))") }
    lines.append("      action : \(f.remediation)")
    lines.append("      référence : \(f.reference)")
    if let a = f.acceptance {
      lines.append("      accepté le \(a.date) par \(a.par) : \(a.justification)")
    }
    return lines
  }

  private struct Style {
    let enabled: Bool
    func wrap(_ code: String, _ text: String) -> String {
      enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
    func bold(_ t: String) -> String { wrap("1", t) }
    func dim(_ t: String) -> String { wrap("2", t) }
    func red(_ t: String) -> String { wrap("31;1", t) }
    func yellow(_ t: String) -> String { wrap("33", t) }
    func blue(_ t: String) -> String { wrap("34", t) }
  }
}

public import RegistreFormats
public import RegistreModel
public import RegistreRules

/// A fiche that is valid but would give a notice saying « non précisé au registre ».
public struct NoticeGap: Sendable, Equatable {
  public var treatment: String
  /// French line, as `registre valider` prints it (`traitements/ent.yaml:4: avertissement: …`).
  public var line: String
}

/// What `registre valider` adds to the format check: the fiches incomplete for the notices,
/// found by the audit's own rule (`notice-incomplete`), so that valider and audit agree.
public enum ValidationWorkflow {
  public static let noticeRule = "notice-incomplete"

  /// The notice gaps of a loaded register, in treatment order, located in its files.
  public static func noticeGaps(_ loaded: LoadedRegister) -> [NoticeGap] {
    // The rule never reads the audit's date: any day will do.
    guard let rule = Rules.rule(noticeRule), let day = Day(annee: 2000, mois: 1, jour: 1) else { return [] }
    let context = AuditContext(auditDate: day)
    return rule.evaluate(loaded.registre, context: context).compactMap { finding in
      guard let treatment = finding.treatment else { return nil }
      let location = AuditWorkflow.location(of: finding, in: loaded)
      let place = location.map { l in l.line.map { "\(l.file):\($0)" } ?? l.file } ?? "traitements/\(treatment).yaml"
      return NoticeGap(
        treatment: treatment, line: "\(place): \(finding.severity.libelle): \(finding.message) [\(noticeRule)]")
    }
  }
}

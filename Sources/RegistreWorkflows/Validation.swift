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

  /// A warning when the UAI's letter is not the check letter of its digits (a typing error, most
  /// likely); `nil` when it matches or cannot be checked.
  public static func uaiWarning(_ registre: Register) -> String? {
    let uai = registre.etablissement.uai
    guard uai.count == 8, let expected = Codes.uaiCheckLetter(uai.prefix(7)), uai.last != expected else { return nil }
    return "etablissement.yaml: avertissement: la lettre clé de l'UAI « \(uai) » ne correspond pas à ses chiffres "
      + "(clé calculée : \(expected), soit « \(uai.prefix(7))\(expected) ») ; vérifiez le code dans l'annuaire de "
      + "l'éducation (education.gouv.fr). Clé : reste de la division des sept chiffres par 23, lu dans l'alphabet "
      + "sans I, O ni Q, d'après J. Delmas, « Qu'est-ce que le code RNE ou UAI ? » (blog.juliendelmas.fr) ; "
      + "aucun texte officiel de cet algorithme n'a été trouvé."
  }

  /// What remains « À COMPLÉTER », counted per file, in file order.
  public static func remainingToComplete(_ diagnostics: [Diagnostic]) -> [(file: String, count: Int)] {
    var counts: [String: Int] = [:]
    for diagnostic in diagnostics where diagnostic.message.hasPrefix("valeur à compléter") {
      counts[diagnostic.emplacement.fichier, default: 0] += 1
    }
    return counts.sorted { $0.key < $1.key }.map { (file: $0.key, count: $0.value) }
  }
}

import RegistreModel

/// `donnees-sensibles-sans-condition`: Art. 9 data without an Art. 9(2) condition.
struct SpecialCategoryWithoutCondition: Rule {
  let id = "donnees-sensibles-sans-condition"
  let severity = Severity.erreur
  let reference = "Art. 9(1) et 9(2) RGPD"
  let title = "Données sensibles sans condition de l'article 9(2)"
  let summary =
    "Signale un traitement de données de l'article 9 (santé, biométrie, origine, opinions, convictions, appartenance syndicale, génétique, vie sexuelle) sans l'une des conditions de l'article 9(2)."
  let remediation =
    "Indiquer la condition de l'art. 9(2) (par ex. consentement explicite pour la biométrie, motif d'intérêt public important prévu par un texte) ou cesser de traiter ces données."
  let scopes: Set<Scope> = [.traitement]

  func check(_ t: Treatment, facts: TreatmentFacts, in audit: AuditedRegister, into findings: inout [Finding]) {
    if let found = examine(t, facts: facts, in: audit) { findings.append(found) }
  }

  private func examine(_ t: Treatment, facts: TreatmentFacts, in audit: AuditedRegister) -> Finding? {
    let sensitive = t.categories(\.estArticle9)
    guard !sensitive.isEmpty, t.baseLegale?.article9 == nil else { return nil }
    let labels = sensitive.map { "« \($0.libelle) »" }.joined(separator: ", ")
    let index = t.donnees.firstIndex { $0.categorie.estArticle9 } ?? 0
    return finding(
      t.subject, "Données de l'article 9 (\(labels)) sans condition de l'article 9(2).",
      field: t.baseLegale == nil ? "donnees[\(index)]" : "base_legale.article_9")
  }
}

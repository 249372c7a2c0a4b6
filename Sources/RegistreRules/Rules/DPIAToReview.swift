import RegistreModel

/// `aipd-a-revoir`: the DPIA is older than three years or predates the last change.
struct DPIAToReview: Rule {
  let id = "aipd-a-revoir"
  let severity = Severity.avertissement
  let reference =
    "Art. 35(11) RGPD (réexamen lorsque le risque évolue) ; périodicité de trois ans : repère retenu par l'outil, à valider avec le DPD"
  let title = "AIPD à réexaminer"
  let summary =
    "Signale une AIPD réalisée il y a plus de trois ans à la date de l'audit, antérieure à la dernière mise à jour de la fiche, ou réalisée sans date."
  let remediation =
    "Réexaminer l'AIPD avec le DPD au regard des changements du traitement, puis mettre à jour sa date dans la fiche."
  let scopes: Set<Scope> = [.traitement]

  func check(_ t: Treatment, facts: TreatmentFacts, in audit: AuditedRegister, into findings: inout [Finding]) {
    guard let aipd = t.aipd, aipd.statut == .realisee else { return }
    guard let date = aipd.date else {
      findings.append(finding(t.subject, "AIPD déclarée réalisée sans date.", field: "aipd.date"))
      return
    }
    if date.adding(annees: 3) < audit.context.auditDate {
      findings.append(
        finding(
          t.subject, "AIPD du \(date), plus de trois ans avant l'audit du \(audit.context.auditDate).",
          field: "aipd.date"))
    } else if let change = t.derniereMiseAJour, date < change {
      findings.append(
        finding(
          t.subject, "Le traitement a été modifié le \(change), après l'AIPD du \(date).",
          field: "aipd.date"))
    }
  }
}

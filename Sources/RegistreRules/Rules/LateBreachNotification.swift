import RegistreModel

/// `violation-notification-tardive`: notified to the CNIL more than 72 hours
/// after discovery with no reason for the delay.
struct LateBreachNotification: Rule {
  let id = "violation-notification-tardive"
  let severity = Severity.avertissement
  let reference = "Art. 33(1) RGPD"
  let title = "Notification à la CNIL au-delà de 72 heures sans motif"
  let summary =
    "Signale une violation notifiée à la CNIL au moins quatre jours calendaires après sa découverte (donc au-delà de 72 heures, les dates n'ayant pas d'heure) sans que les motifs du retard soient indiqués."
  let remediation =
    "Indiquer dans notification_cnil.justification les motifs du retard, qui doivent accompagner la notification ; revoir la procédure d'alerte (DPD académique) pour notifier dans les 72 heures."
  let scopes: Set<Scope> = [.violation]

  func checkRegister(_ audit: AuditedRegister, into findings: inout [Finding]) {
    findings += registerFindings(audit.registre)
  }

  private func registerFindings(_ registre: Register) -> [Finding] {
    registre.violations.compactMap { v in
      guard let n = v.notificationCNIL, n.faite, let date = n.date, Text.isBlank(n.justification) else {
        return nil
      }
      let days = date.numeroDeJour - v.dateDecouverte.numeroDeJour
      guard days >= 4 else { return nil }
      return finding(
        .violation(v.id),
        "Violation découverte le \(v.dateDecouverte) et notifiée le \(date) (\(days) jours plus tard) sans motif du retard.",
        field: "notification_cnil.date")
    }
  }
}

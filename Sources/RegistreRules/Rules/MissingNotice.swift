import RegistreModel

/// `information-manquante`: no notice for the people concerned, or an outdated one.
struct MissingNotice: Rule {
  let id = "information-manquante"
  let severity = Severity.erreur
  let severities: [Severity] = [.erreur, .avertissement]
  let reference = "Art. 12, 13 et 14 RGPD"
  let title = "Information des personnes manquante ou périmée"
  let summary =
    "Erreur si aucune notice d'information n'existe pour un traitement de l'établissement ; avertissement si la notice est antérieure à la dernière mise à jour de la fiche, ou si une application nationale ne renvoie pas à la notice du ministère."
  let remediation =
    "Rédiger la notice (art. 13 ou 14) — une version pour les responsables légaux et une version adaptée aux élèves — la diffuser et en indiquer la date et le lien dans la fiche."
  let scopes: Set<Scope> = [.traitement]

  func check(_ t: Treatment, facts: TreatmentFacts, in audit: AuditedRegister, into findings: inout [Finding]) {
    if let found = examine(t, facts: facts, in: audit) { findings.append(found) }
  }

  private func examine(_ t: Treatment, facts: TreatmentFacts, in audit: AuditedRegister) -> Finding? {
    guard let info = t.information, info.noticeExistante else {
      if t.responsable.type == .ministere {
        guard Text.isBlank(t.responsable.noticeOfficielle) else { return nil }
        return finding(
          t.subject, "Application nationale sans renvoi vers la notice du ministère.",
          severity: .avertissement, field: "responsable.notice_officielle",
          remediation:
            "Indiquer le lien de la notice publiée par le ministère (le chef d'établissement n'a pas à en rédiger une en tant que responsable)."
        )
      }
      return finding(
        t.subject, "Aucune notice d'information des personnes concernées.", field: "information")
    }
    if let noticeDate = info.date, let change = t.derniereMiseAJour, noticeDate < change {
      return finding(
        t.subject,
        "La notice du \(noticeDate) est antérieure à la dernière mise à jour du traitement (\(change)).",
        severity: .avertissement, field: "information.date",
        remediation:
          "Relire la notice au regard des changements du traitement, la mettre à jour et la rediffuser.")
    }
    return nil
  }
}

import RegistreModel

/// `information-manquante`: no notice for the people concerned, or an outdated one.
struct MissingNotice: Rule {
  let id = "information-manquante"
  let severity = Severity.erreur
  let severities: [Severity] = [.erreur, .avertissement]
  let reference = "Art. 12, 13 et 14 RGPD"
  let title = "Information des personnes manquante ou périmée"
  let summary =
    "Erreur si aucune notice d'information n'existe pour un traitement de l'établissement ; avertissement si la notice est antérieure à la dernière mise à jour de la fiche, ou si une application nationale ne renvoie pas à la notice du ministère. Une notice produite par `registre notices --marquer` est inscrite dans `notices-diffusees.yaml` avec l'empreinte de ce qu'elle dit du traitement : elle vaut notice existante tant que la fiche ne change pas ; si la fiche change ensuite dans ce que la notice imprime (finalité, base légale, données, durées, origine, destinataires, sous-traitants, transferts, responsable, coordonnées de l'établissement ou du DPD), avertissement « notice périmée »."
  let remediation =
    "Rédiger la notice (art. 13 ou 14) — une version pour les responsables légaux et une version adaptée aux élèves — la diffuser et en indiquer la date et le lien dans la fiche."
  let scopes: Set<Scope> = [.traitement]

  func check(_ t: Treatment, facts: TreatmentFacts, in audit: AuditedRegister, into findings: inout [Finding]) {
    if let found = examine(t, facts: facts, in: audit) { findings.append(found) }
  }

  private func examine(_ t: Treatment, facts: TreatmentFacts, in audit: AuditedRegister) -> Finding? {
    switch audit.context.issuedNotices[t.id] {
    case .current?:
      return nil
    case .outdated(let day)?:
      return finding(
        t.subject,
        "Notice périmée : la notice remise le \(day) a été produite avant un changement de la fiche qui modifie ce qu'elle dit (finalité, base légale, données, durées, origine, destinataires, responsable ou contacts).",
        severity: .avertissement, field: "information",
        remediation:
          "Produire à nouveau les notices (`registre notices CHEMIN --sortie DOSSIER --marquer`), les rediffuser, puis relancer l'audit.")
    case nil:
      break
    }
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

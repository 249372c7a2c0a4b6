import RegistreModel

/// `action-en-retard`: an action of the plan still open after its due date.
struct LateAction: Rule {
  let id = "action-en-retard"
  let severity = Severity.avertissement
  let reference = "Art. 5(2) et 24(1) RGPD (responsabilité : mesures réexaminées et actualisées si nécessaire)"
  let title = "Action du plan d'action en retard"
  let summary =
    "Signale chaque action du plan d'action (`actions/`) encore « à faire » ou « en cours » dont l'échéance est passée à la date de l'audit."
  let remediation =
    "Faire l'action, ou fixer une nouvelle échéance avec son responsable ; si elle n'est plus à faire, la marquer « abandonnee » avec son motif."
  let scopes: Set<Scope> = [.action]

  func checkRegister(_ audit: AuditedRegister, into findings: inout [Finding]) {
    for action in audit.registre.actions where action.isOpen {
      guard let due = action.echeance, due < audit.context.auditDate else { continue }
      let who = action.responsable.map { " ; responsable : \($0)" } ?? ""
      findings.append(
        finding(
          .action(action.id),
          "Action « \(action.titre) » en retard : échéance le \(due), statut « \(action.statut.libelle.lowercased()) »\(who).",
          field: "echeance"))
    }
  }
}

/// `action-faite-non-resolue`: an action marked done while the finding it answers is still there.
struct DoneActionUnresolved: Rule {
  let id = "action-faite-non-resolue"
  let severity = Severity.avertissement
  let reference = "Art. 5(2) et 24(1) RGPD (responsabilité : des mesures effectives, et la capacité de le démontrer)"
  let title = "Action faite, constat toujours présent"
  let summary =
    "Signale une action du plan marquée « faite » alors que l'audit trouve encore un constat auquel elle répond (même règle, même fiche) : la cause n'est pas résolue, ou la fiche n'a pas été mise à jour."
  let remediation =
    "Vérifier que l'action a bien produit son effet et mettre la fiche à jour ; sinon rouvrir l'action (statut « en-cours »)."
  let scopes: Set<Scope> = [.action]

  func checkFindings(_ found: [Finding], in audit: AuditedRegister, into findings: inout [Finding]) {
    for action in audit.registre.actions where action.statut == .faite {
      let remaining = action.constats.filter { c in
        found.contains { $0.rule == c.regle && ($0.subject.id ?? "etablissement") == c.fiche && !$0.isAccepted }
      }
      guard !remaining.isEmpty else { continue }
      let listed = remaining.map { "\($0.regle) sur « \($0.fiche) »" }.joined(separator: ", ")
      findings.append(
        finding(
          .action(action.id),
          "Action « \(action.titre) » marquée faite, mais l'audit trouve encore : \(listed).", field: "statut"))
    }
  }
}

/// `demande-hors-delai`: a rights request not answered within its deadline (Art. 12(3)).
struct LateRequest: Rule {
  let id = "demande-hors-delai"
  let severity = Severity.erreur
  let severities: [Severity] = [.erreur, .avertissement]
  let reference =
    "Art. 12(3) RGPD : réponse « dans les meilleurs délais et en tout état de cause dans un délai d'un mois », prolongeable de deux mois en informant la personne dans le premier mois"
  let title = "Demande d'exercice des droits sans réponse dans le délai"
  let summary =
    "Pour chaque demande (`demandes/`) : erreur si elle n'a pas de réponse et que son délai est passé à la date de l'audit ; avertissement si la réponse a été donnée après le délai. Le délai est d'un mois à compter de la réception, de trois mois si une prolongation motivée a été notifiée dans le premier mois."
  let remediation =
    "Répondre sans attendre (et, si une prolongation est nécessaire, l'annoncer avec ses motifs dans le premier mois) ; noter la réponse et sa date dans la demande."
  let scopes: Set<Scope> = [.demande]

  func checkRegister(_ audit: AuditedRegister, into findings: inout [Finding]) {
    for request in audit.registre.demandes {
      let deadline = request.deadline
      if let answer = request.reponse {
        guard deadline < answer.date else { continue }
        findings.append(
          finding(
            .demande(request.id),
            "Demande reçue le \(request.dateReception) (\(request.droit.libelle)) : réponse donnée le \(answer.date), après le délai (\(deadline)).",
            severity: .avertissement, field: "reponse.date"))
      } else if deadline < audit.context.auditDate {
        findings.append(
          finding(
            .demande(request.id),
            "Demande reçue le \(request.dateReception) (\(request.droit.libelle)) : aucune réponse, délai dépassé depuis le \(deadline).",
            field: "reponse"))
      }
    }
  }
}

/// `prolongation-non-notifiee`: an extension told after the first month, or without its reasons.
struct LateExtension: Rule {
  let id = "prolongation-non-notifiee"
  let severity = Severity.erreur
  let reference =
    "Art. 12(3) RGPD : la personne est informée de la prolongation et des motifs du report dans un délai d'un mois à compter de la réception de la demande"
  let title = "Prolongation du délai notifiée trop tard ou sans motif"
  let summary =
    "Signale une demande dont la prolongation a été notifiée plus d'un mois après la réception, ou sans motif : la prolongation ne vaut pas, et le délai reste d'un mois."
  let remediation =
    "Annoncer toute prolongation dans le premier mois, avec ses motifs, et l'inscrire dans la demande (prolongation.date_notification, prolongation.motif)."
  let scopes: Set<Scope> = [.demande]

  func checkRegister(_ audit: AuditedRegister, into findings: inout [Finding]) {
    for request in audit.registre.demandes {
      guard let told = request.prolongation else { continue }
      let limit = request.dateReception.adding(mois: 1)
      if limit < told.dateNotification {
        findings.append(
          finding(
            .demande(request.id),
            "Prolongation notifiée le \(told.dateNotification), après le premier mois (demande reçue le \(request.dateReception), limite le \(limit)).",
            field: "prolongation.date_notification"))
      } else if told.motif?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ?? true {
        findings.append(
          finding(.demande(request.id), "Prolongation notifiée sans ses motifs.", field: "prolongation.motif"))
      }
    }
  }
}

/// `refus-sans-motif`: a request refused, in whole or part, without the reasons told.
struct RefusalWithoutReason: Rule {
  let id = "refus-sans-motif"
  let severity = Severity.erreur
  let reference =
    "Art. 12(4) RGPD : la personne est informée des motifs de l'inaction et de la possibilité d'introduire une réclamation auprès de la CNIL et un recours juridictionnel"
  let title = "Refus sans motif"
  let summary =
    "Signale une demande refusée ou satisfaite en partie dont la réponse ne donne pas les motifs (`reponse.motif_refus`)."
  let remediation =
    "Écrire à la personne les motifs du refus et la possibilité de saisir la CNIL ou le juge, puis les inscrire dans `reponse.motif_refus`."
  let scopes: Set<Scope> = [.demande]

  func checkRegister(_ audit: AuditedRegister, into findings: inout [Finding]) {
    for request in audit.registre.demandes {
      guard let answer = request.reponse, answer.decision != .satisfaite,
        answer.motifRefus?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ?? true
      else { continue }
      findings.append(
        finding(
          .demande(request.id),
          "Demande \(answer.decision == .refusee ? "refusée" : "satisfaite en partie") le \(answer.date) sans motif écrit.",
          field: "reponse.motif_refus"))
    }
  }
}

import RegistreModel

/// `registre-incomplet`: an Art. 30(1) item is missing from the record.
struct IncompleteRecord: Rule {
  let id = "registre-incomplet"
  let severity = Severity.erreur
  let severities: [Severity] = [.erreur, .avertissement]
  let reference = "Art. 30(1) RGPD ; art. 37(1)(a) RGPD (DPD obligatoire pour un organisme public)"
  let title = "Mention obligatoire du registre manquante"
  let summary =
    "Signale chaque fiche que le chargement a trouvée incomplète (mention obligatoire manquante ou valeur « À COMPLÉTER ») : le registre est audité sur ce qui peut être lu, la fiche comprise quand c'est possible. Vérifie ensuite les mentions de l'article 30(1) (une valeur entre crochets comme « [Nom] » vaut absence) : responsable et DPD (a), finalités (b), catégories de personnes et de données (c), destinataires (d) — erreur si absentes ; durées de conservation (f) et mesures de sécurité (g), exigées « dans la mesure du possible » — avertissement si aucune n'est indiquée dans la fiche (sauf pour une application nationale, dont l'acte ministériel les fixe)."
  let remediation = "Compléter la fiche : chaque mention de l'article 30(1) doit figurer au registre."
  let scopes: Set<Scope> = [.etablissement, .traitement]

  func checkRegister(_ audit: AuditedRegister, into findings: inout [Finding]) {
    for fiche in audit.context.incompleteFiches {
      let shown = fiche.problems.prefix(5).joined(separator: " ; ")
      let more = fiche.problems.count > 5 ? " ; et \(fiche.problems.count - 5) autre(s)" : ""
      let state =
        fiche.audited
        ? "Fiche incomplète, auditée sur ce qui peut être lu"
        : "Fiche incomplète, illisible en l'état et non auditée"
      findings.append(
        finding(
          fiche.subject, "\(state) : \(shown)\(more).", field: fiche.field,
          remediation: "Compléter chaque valeur manquante ou « À COMPLÉTER » ; `registre valider` liste les problèmes avec leur ligne."))
    }
    let school = audit.registre.etablissement
    if Placeholder.isUnknown(school.responsableTraitement.nom) {
      findings.append(
        finding(
          .etablissement,
          "Le nom du responsable de traitement (chef d'établissement) n'est pas indiqué (art. 30(1)(a)).",
          field: "responsable_traitement",
          remediation: "Indiquer le nom et les coordonnées du chef d'établissement."))
    }
    if school.dpd == nil || Placeholder.isUnknown(school.dpd?.nom) {
      findings.append(
        finding(
          .etablissement,
          "Les coordonnées du délégué à la protection des données (DPD) ne sont pas indiquées (art. 30(1)(a)).",
          field: "dpd",
          remediation: "Indiquer le DPD désigné (en pratique, le DPD académique) et ses coordonnées."))
    }
  }

  func check(_ t: Treatment, facts: TreatmentFacts, in audit: AuditedRegister, into findings: inout [Finding]) {
    if t.responsable.type == .conjoint && t.responsable.coresponsables.isEmpty {
      findings.append(
        finding(
          t.subject, "Responsables conjoints déclarés sans les nommer (art. 30(1)(a)).",
          field: "responsable.coresponsables",
          remediation: "Nommer chaque responsable conjoint et joindre l'accord prévu à l'art. 26."))
    }
    if Placeholder.isUnknown(t.finalitePrincipale) {
      findings.append(
        finding(
          t.subject, "La finalité du traitement n'est pas indiquée (art. 30(1)(b)).",
          field: "finalite_principale", remediation: "Décrire la finalité principale du traitement."))
    }
    if t.personnesConcernees.isEmpty {
      findings.append(
        finding(
          t.subject, "Les catégories de personnes concernées ne sont pas indiquées (art. 30(1)(c)).",
          field: "personnes_concernees",
          remediation: "Lister les catégories de personnes (élèves, responsables légaux, personnels…)."))
    }
    if t.donnees.isEmpty {
      findings.append(
        finding(
          t.subject, "Les catégories de données ne sont pas indiquées (art. 30(1)(c)).",
          field: "donnees", remediation: "Lister les catégories de données traitées."))
    }
    if t.destinataires.isEmpty {
      findings.append(
        finding(
          t.subject, "Les catégories de destinataires ne sont pas indiquées (art. 30(1)(d)).",
          field: "destinataires",
          remediation: "Lister les destinataires internes, organismes externes et sous-traitants."))
    }
    // Retention and security of a national application are set by the minister's act.
    let national = t.responsable.type == .ministere
    if !national && !t.donnees.isEmpty
      && !t.donnees.contains(where: { RetentionFacts.isDefined($0.conservation) })
    {
      findings.append(
        finding(
          t.subject,
          "Aucune durée de conservation n'est indiquée dans la fiche (art. 30(1)(f), « dans la mesure du possible »).",
          severity: .avertissement, field: "donnees",
          remediation: "Indiquer pour chaque catégorie de données une durée ou un critère de conservation.")
      )
    }
    if !national && t.mesuresSecurite.isEmpty {
      findings.append(
        finding(
          t.subject,
          "Aucune mesure de sécurité n'est décrite (art. 30(1)(g), « dans la mesure du possible »).",
          severity: .avertissement, field: "mesures_securite",
          remediation:
            "Décrire les mesures techniques et organisationnelles (contrôle d'accès, traçabilité, sauvegarde, chiffrement…)."
        ))
    }
  }
}

import RegistreModel

/// `base-legale-contrat-mission`: Art. 6(1)(b) invoked by a public school for its public service.
struct ContractForPublicTask: Rule {
  let id = "base-legale-contrat-mission"
  let severity = Severity.avertissement
  let reference = "Art. 6(1)(b), 6(1)(e) et 6(3) RGPD ; C. éduc. art. L.421-1 (l'EPLE, établissement public)"
  let title = "Contrat invoqué pour une mission de service public"
  let summary =
    "Signale un traitement fondé sur l'exécution d'un contrat (6(1)(b)) qui concerne des élèves ou leurs responsables légaux : le service public de l'éducation (comptes, messagerie, vie scolaire…) ne repose pas sur un contrat conclu avec eux, mais sur la mission d'intérêt public ou une obligation légale définies par le droit (art. 6(3)). Un contrat réellement conclu avec des personnels, des intervenants ou des fournisseurs n'est pas signalé."
  let remediation =
    "Fonder le traitement sur la mission d'intérêt public (6(1)(e)) ou l'obligation légale (6(1)(c)) en citant le texte (Code de l'éducation, arrêté)."
  let scopes: Set<Scope> = [.traitement]

  func check(_ t: Treatment, facts: TreatmentFacts, in audit: AuditedRegister, into findings: inout [Finding]) {
    guard t.baseLegale?.article6 == .contrat, t.responsable.type != .conjoint else { return }
    let users = t.personnesConcernees.map(\.categorie).filter { $0.estEleve || $0 == .responsablesLegaux }
    guard !users.isEmpty else { return }
    findings.append(
      finding(
        t.subject,
        "Base légale « contrat » pour un service rendu par l'établissement public à des \(users.map { $0.libelle.lowercased() }.joined(separator: " et ")) : aucun contrat n'est conclu avec eux pour le service public de l'éducation.",
        field: "base_legale.article_6"))
  }
}

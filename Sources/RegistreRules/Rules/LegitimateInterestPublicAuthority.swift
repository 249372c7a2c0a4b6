import RegistreModel

/// `base-legale-interet-legitime-autorite`: a public authority relying on Art. 6(1)(f).
struct LegitimateInterestPublicAuthority: Rule {
  let id = "base-legale-interet-legitime-autorite"
  let severity = Severity.erreur
  let reference = "Art. 6(1), dernier alinéa, RGPD"
  let title = "Intérêt légitime invoqué par une autorité publique"
  let summary =
    "Signale un traitement fondé sur l'intérêt légitime (6(1)(f)) : une autorité publique — l'établissement, le ministère, une collectivité — ne peut pas l'invoquer pour l'exécution de ses missions."
  let remediation =
    "Fonder le traitement sur la mission d'intérêt public (6(1)(e)) ou l'obligation légale (6(1)(c)) en citant le texte, ou revoir la finalité si aucune mission ne la couvre."
  let scopes: Set<Scope> = [.traitement]

  func check(_ t: Treatment, facts: TreatmentFacts, in audit: AuditedRegister, into findings: inout [Finding]) {
    guard t.baseLegale?.article6 == .interetLegitime else { return }
    findings.append(
      finding(
        t.subject,
        "Base légale « intérêt légitime » alors que le responsable (\(t.responsable.type.libelle)) est une autorité publique agissant dans le cadre de ses missions.",
        field: "base_legale.article_6"))
  }
}

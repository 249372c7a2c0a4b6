import RegistreModel

/// `base-legale-absente`: no Art. 6 basis recorded.
struct MissingLegalBasis: Rule {
  let id = "base-legale-absente"
  let severity = Severity.erreur
  let severities: [Severity] = [.erreur, .note]
  let reference = "Art. 6(1) et 13(1)(c) RGPD"
  let title = "Base légale absente"
  let summary =
    "Signale un traitement sans base légale (art. 6). Erreur pour les traitements de l'établissement ; note pour une application nationale, dont la base légale est celle de l'acte ministériel et doit seulement être reprise."
  let remediation =
    "Indiquer la base légale de l'art. 6(1) et le texte qui la fonde — en EPLE, le plus souvent la mission d'intérêt public (6(1)(e)) ou l'obligation légale (6(1)(c))."
  let scopes: Set<Scope> = [.traitement]

  func check(_ t: Treatment, facts: TreatmentFacts, in audit: AuditedRegister, into findings: inout [Finding]) {
    guard t.baseLegale == nil else { return }
    if t.responsable.type == .ministere {
      findings.append(
        finding(
          t.subject, "Base légale non reprise pour cette application nationale.", severity: .note,
          field: "base_legale",
          remediation: "Reprendre la base légale indiquée dans l'acte réglementaire ou la notice du ministère."))
    } else {
      findings.append(finding(t.subject, "Aucune base légale (art. 6) n'est indiquée.", field: "base_legale"))
    }
  }
}

import RegistreModel

/// `sous-traitant-sans-contrat`: a processor with no signed Art. 28 contract.
struct ProcessorWithoutContract: Rule {
  let id = "sous-traitant-sans-contrat"
  let severity = Severity.erreur
  let reference = "Art. 28(3) RGPD"
  let title = "Sous-traitant sans contrat article 28"
  let summary =
    "Signale un sous-traitant sans contrat (ou accord de traitement) signé conforme à l'article 28(3)."
  let remediation =
    "Signer avec le prestataire un contrat ou un accord de traitement conforme à l'art. 28(3) (objet, durée, instructions, confidentialité, sécurité, sous-traitance ultérieure, assistance, sort des données, audits) et en indiquer la date et la référence."
  let scopes: Set<Scope> = [.sousTraitant]

  func checkRegister(_ audit: AuditedRegister, into findings: inout [Finding]) {
    findings += registerFindings(audit.registre)
  }

  private func registerFindings(_ registre: Register) -> [Finding] {
    registre.sousTraitants.compactMap { processor in
      guard processor.contrat?.signe != true else { return nil }
      let users = registre.traitements.compactMap { $0.sousTraitants.contains(processor.id) ? $0.id : nil }
      let usage = users.isEmpty ? "" : " (traitements : \(users.joined(separator: ", ")))"
      let state = processor.contrat == nil ? "aucun contrat indiqué" : "contrat non signé"
      return finding(
        .sousTraitant(processor.id), "\(processor.nom) : \(state)\(usage).", field: "contrat")
    }
  }
}

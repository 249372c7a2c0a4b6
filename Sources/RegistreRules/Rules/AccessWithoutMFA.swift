import RegistreModel

/// `acces-sans-mfa`: administrator or remote access to sensitive data without MFA.
struct AccessWithoutMFA: Rule {
  let id = "acces-sans-mfa"
  let severity = Severity.avertissement
  let reference =
    "Art. 32 RGPD ; ANSSI, PG-078 v2.0 (8 oct. 2021), recommandations relatives à l'authentification multifacteur et aux mots de passe ; CNIL, recommandation sur l'authentification multifacteur (2025)"
  let title = "Accès sans authentification multifacteur"
  let summary =
    "Signale un flux d'accès administrateur (quelles que soient les données) ou d'accès distant à des données sensibles ou hautement personnelles (art. 9, santé, social, discipline, NIR, localisation, infractions) pour lequel l'authentification multifacteur n'est pas déclarée."
  let remediation =
    "Exiger une authentification multifacteur (de préférence avec un facteur de possession) pour les comptes administrateurs et les accès distants."
  let scopes: Set<Scope> = [.traitement]

  func check(_ t: Treatment, facts: TreatmentFacts, in audit: AuditedRegister, into findings: inout [Finding]) {
    for (index, flow) in t.flux.enumerated() where flow.mfa != true {
      let carried = flow.donnees.isEmpty ? t.donnees.map(\.categorie) : flow.donnees
      let sensitive = carried.contains { $0.estSensibleOuHautementPersonnelle }
      let admin = flow.accesAdministrateur == true
      let remote = flow.accesDistant == true && sensitive
      guard admin || remote else { continue }
      let kind: String
      switch (admin, remote) {
      case (true, true): kind = "Accès administrateur et distant à des données sensibles"
      case (true, false): kind = "Accès administrateur"
      default: kind = "Accès distant à des données sensibles"
      }
      let state =
        flow.mfa == nil
        ? "authentification multifacteur non renseignée" : "sans authentification multifacteur"
      findings.append(
        finding(
          t.subject, "\(kind) (« \(flow.de) » vers « \(flow.vers) ») : \(state).",
          field: "flux[\(index)].mfa"))
    }
  }
}

import RegistreModel

/// `flux-tls-obsolete`: an endpoint accepts SSL 3.0, TLS 1.0 or 1.1, or lacks TLS 1.3.
struct ObsoleteTLS: Rule {
  let id = "flux-tls-obsolete"
  let severity = Severity.erreur
  let severities: [Severity] = [.erreur, .note]
  let reference =
    "ANSSI, Recommandations de sécurité relatives à TLS (SDE-NT-35, v1.2 du 26 mars 2020), R3 et R4"
  let title = "Version de TLS obsolète"
  let summary =
    "Examine les versions de TLS déclarées (ou sondées) pour chaque flux : SSL 3.0, TLS 1.0 ou TLS 1.1 acceptés — erreur (R4) ; TLS 1.2 sans TLS 1.3 — note, TLS 1.3 étant à privilégier (R3)."
  let remediation =
    "Désactiver SSL 3.0, TLS 1.0 et TLS 1.1 sur le service ; activer TLS 1.3 en gardant TLS 1.2 (ou le demander à l'éditeur)."
  let scopes: Set<Scope> = [.traitement]

  func check(_ t: Treatment, facts: TreatmentFacts, in audit: AuditedRegister, into findings: inout [Finding]) {
    for (index, flow) in t.flux.enumerated() where !flow.versionsTLS.isEmpty {
      let obsolete = flow.versionsTLS.filter { $0 < .tls12 }.sorted()
      let endpoint = flow.adresse.map { " (\($0))" } ?? ""
      if !obsolete.isEmpty {
        findings.append(
          finding(
            t.subject,
            "Le flux vers « \(flow.vers) »\(endpoint) accepte \(obsolete.map(\.libelle).joined(separator: ", ")), que l'ANSSI proscrit (R4).",
            field: "flux[\(index)].versions_tls"))
      } else if !flow.versionsTLS.contains(.tls13) {
        findings.append(
          finding(
            t.subject,
            "Le flux vers « \(flow.vers) »\(endpoint) n'accepte pas TLS 1.3, que l'ANSSI recommande de privilégier (R3) ; TLS 1.2 reste accepté.",
            severity: .note, field: "flux[\(index)].versions_tls"))
      }
    }
  }
}

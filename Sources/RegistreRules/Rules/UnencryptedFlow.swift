import Foundation
import RegistreModel

/// `flux-non-chiffre`: personal data travel in clear.
struct UnencryptedFlow: Rule {
  let id = "flux-non-chiffre"
  let severity = Severity.erreur
  let severities: [Severity] = [.erreur, .avertissement]
  let reference =
    "Art. 32(1)(a) RGPD ; CNIL, fiche « Sécuriser les échanges avec d'autres organismes » (14 mars 2024)"
  let title = "Flux de données non chiffré"
  let summary =
    "Signale un flux en HTTP ou FTP (canal déclaré, ou adresse en http:// ou ftp:// quel que soit le canal déclaré), par courriel non chiffré, sur support amovible non chiffré, ou déclaré sans chiffrement en transit. Erreur lorsque des données de l'art. 9, de santé, sociales ou disciplinaires passent ainsi ; avertissement sinon. Les données d'un flux sont celles qu'il déclare, à défaut celles de la fiche."
  let remediation =
    "Utiliser HTTPS ou SFTP ; chiffrer la pièce jointe et transmettre le secret par un canal distinct ; chiffrer les supports amovibles."
  let scopes: Set<Scope> = [.traitement]

  private func problem(_ flow: Flow) -> String? {
    // The address says more than the declared channel: « https » over an http:// address is clear text.
    if let address = flow.adresse?.trimmingCharacters(in: .whitespaces).lowercased() {
      if address.hasPrefix("http://") { return "vers une adresse en http:// (non chiffrée), bien que le canal déclaré soit « \(flow.canal.libelle) »" }
      if address.hasPrefix("ftp://") { return "vers une adresse en ftp:// (non chiffrée)" }
    }
    switch flow.canal {
    case .http: return "en HTTP (non chiffré)"
    case .ftp: return "en FTP (non chiffré)"
    case .courriel where flow.chiffrementTransit != true: return "par courriel non chiffré"
    case .supportAmovible where flow.chiffrementRepos != true && flow.chiffrementTransit != true:
      return "sur un support amovible non chiffré"
    case .papier: return nil
    default: return flow.chiffrementTransit == false ? "sans chiffrement en transit" : nil
    }
  }

  func check(_ t: Treatment, facts: TreatmentFacts, in audit: AuditedRegister, into findings: inout [Finding]) {
    for (index, flow) in t.flux.enumerated() {
      guard let how = problem(flow) else { continue }
      let carried = flow.donnees.isEmpty ? t.donnees.map(\.categorie) : flow.donnees
      let sensitive = carried.filter {
        $0.estArticle9 || $0 == .sante || $0 == .social || $0 == .discipline
      }
      let severity: Severity = sensitive.isEmpty ? .avertissement : .erreur
      let detail =
        sensitive.isEmpty
        ? "" : " ; données sensibles concernées : \(sensitive.map(\.libelle).joined(separator: ", "))"
      findings.append(
        finding(
          t.subject, "Flux de « \(flow.de) » vers « \(flow.vers) » \(how)\(detail).",
          severity: severity, field: flow.adresse.map { $0.lowercased().hasPrefix("http://") || $0.lowercased().hasPrefix("ftp://") } == true
            ? "flux[\(index)].adresse" : "flux[\(index)].canal"))
    }
  }
}

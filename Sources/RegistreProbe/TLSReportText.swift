import Foundation

/// French plain-text rendering of probe reports, shared by `registre sonder` and `registre evaluer`.
public enum TLSReportText {
  public static func render(_ report: TLSProbeReport) -> String {
    var lines = ["\(report.endpoint) — \(report.verdict.level.label)"]
    if let proxy = report.proxy {
      lines.append("  Par le proxy \(proxy) (tunnel CONNECT : la négociation TLS est celle du serveur)")
    }
    if let detail = report.detail {
      lines.append("  État : \(detail)")
    }
    if !report.attempts.isEmpty {
      let versions = report.attempts.sorted { $0.version > $1.version }.map {
        "\($0.version.displayName) \(statusLabel($0.status))"
      }
      lines.append("  Versions : " + versions.joined(separator: " ; "))
    }
    if let cipher = report.cipher, let best = report.bestVersion {
      lines.append(
        "  Suite (\(best.displayName)) : \(cipher.name) — confidentialité persistante : \(yesNo(cipher.forwardSecrecy)) ; AEAD : \(yesNo(cipher.aead))"
      )
    }
    if let certificate = report.certificate {
      let formatter = TLSJudge.frenchDate
      let expiry = certificate.notAfter.map { formatter.string(from: $0) } ?? "inconnue"
      var key = "\(certificate.keyType) \(certificate.keyBits) bits"
      if let curve = certificate.curve { key += " (\(curve))" }
      lines.append("  Certificat : \(certificate.subject), émis par \(certificate.issuer)")
      lines.append(
        "    expiration : \(expiry)\(certificate.expired ? " (expiré)" : "") ; confiance : \(certificate.trusted ? "oui" : "non, \(certificate.verifyMessage)") ; nom d'hôte : \(certificate.hostnameMatches ? "conforme" : "ne correspond pas") ; auto-signé : \(yesNo(certificate.selfSigned)) ; clé : \(key)"
      )
    }
    if let hsts = report.hsts {
      let text: String =
        if !hsts.checked {
          "non vérifié (\(hsts.detail ?? "pas de réponse"))"
        } else if hsts.sent {
          "présent (\(hsts.value ?? ""))"
        } else {
          "absent"
        }
      lines.append("  HSTS : \(text)")
    }
    if !report.verdict.findings.isEmpty {
      lines.append("  Constats :")
      for finding in report.verdict.findings {
        lines.append("    [\(finding.severity.label)] \(finding.message) (\(finding.reference))")
      }
    }
    return lines.joined(separator: "\n")
  }

  static func statusLabel(_ status: AttemptStatus) -> String {
    switch status {
    case .accepted: "acceptée"
    case .refused: "refusée"
    case .timeout: "délai dépassé"
    case .error: "erreur"
    case .notAttempted: "non tentée"
    }
  }

  private static func yesNo(_ value: Bool) -> String { value ? "oui" : "non" }
}

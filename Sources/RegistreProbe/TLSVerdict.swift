public import Foundation

/// How serious a finding is.
public enum FindingSeverity: String, Codable, Sendable, Comparable {
  case note
  case warning
  case error

  var rank: Int {
    switch self {
    case .note: 0
    case .warning: 1
    case .error: 2
    }
  }

  public static func < (lhs: FindingSeverity, rhs: FindingSeverity) -> Bool { lhs.rank < rhs.rank }

  /// French label (« erreur », « avertissement », « remarque »).
  public var label: String {
    switch self {
    case .note: "remarque"
    case .warning: "avertissement"
    case .error: "erreur"
    }
  }
}

/// One observation about an endpoint, in French, with the text it rests on.
public struct TLSFinding: Codable, Sendable, Equatable {
  /// Stable identifier for programs (« tls.version-obsolete »).
  public var code: String
  public var severity: FindingSeverity
  public var message: String
  public var reference: String

  public init(code: String, severity: FindingSeverity, message: String, reference: String) {
    self.code = code
    self.severity = severity
    self.message = message
    self.reference = reference
  }
}

/// The judgement of one endpoint against ANSSI's TLS guide.
public struct TLSVerdict: Codable, Sendable, Equatable {
  public enum Level: String, Codable, Sendable {
    /// Nothing above a note.
    case conforme
    /// Warnings but no error.
    case acceptable
    /// At least one error.
    case nonConforme = "non-conforme"
    /// The endpoint could not be reached: nothing can be said about it.
    case indetermine = "indetermine"

    /// French label shown to users.
    public var label: String {
      switch self {
      case .conforme: "conforme"
      case .acceptable: "acceptable"
      case .nonConforme: "non conforme"
      case .indetermine: "indéterminé"
      }
    }
  }

  public var level: Level
  public var findings: [TLSFinding]

  public init(level: Level, findings: [TLSFinding]) {
    self.level = level
    self.findings = findings
  }
}

/// References cited by the findings, kept in one place so the wording stays consistent.
public enum TLSReference {
  public static let versions = "ANSSI SDE-NT-35 v1.2, R4"
  public static let preferTLS13 = "ANSSI SDE-NT-35 v1.2, R3"
  public static let keyExchange =
    "ANSSI SDE-NT-35 v1.2 (échange de clés : confidentialité persistante, ECDHE ou DHE)"
  public static let encryption =
    "ANSSI SDE-NT-35 v1.2 (chiffrement : modes AEAD GCM, CCM ou ChaCha20-Poly1305 ; CBC seulement sous condition)"
  public static let certificate = "ANSSI SDE-NT-35 v1.2 (authentification du serveur) ; RFC 5280, § 6"
  public static let hostname = "RFC 9525 (vérification de l'identité du serveur) ; ANSSI SDE-NT-35 v1.2"
  public static let keySize =
    "ANSSI SDE-NT-35 v1.2 et guide ANSSI des mécanismes cryptographiques v2.04 (RSA ≥ 2048 bits jusqu'en 2030, ≥ 3072 bits ensuite)"
  public static let notEvaluated = "ANSSI SDE-NT-35 v1.2 (configuration non évaluable)"
  public static let hsts = "RFC 6797 (HTTP Strict Transport Security)"
  public static let plainHTTP =
    "RGPD, art. 32 (chiffrement des données en transit) ; guide CNIL de la sécurité des données personnelles"
}

/// Judges a probe report. A pure function of the report and the date, so `evaluer` can re-judge
/// a stored report and tests can judge made-up ones.
public enum TLSJudge {
  /// Last day (UTC) on which a 2048-bit RSA key is still fine under ANSSI's guidance.
  public static let rsa2048Limit: Date = {
    var components = DateComponents()
    components.year = 2031
    components.month = 1
    components.day = 1
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
    return calendar.date(from: components) ?? Date(timeIntervalSince1970: 1_924_992_000)
  }()

  public static func judge(_ report: TLSProbeReport, now: Date) -> TLSVerdict {
    var findings: [TLSFinding] = []
    switch report.status {
    case .plainHTTP:
      findings.append(
        TLSFinding(
          code: "tls.flux-non-chiffre", severity: .error,
          message: "Flux non chiffré : l'adresse utilise http:// au lieu de https://.",
          reference: TLSReference.plainHTTP))
      return TLSVerdict(level: .nonConforme, findings: findings)
    case .unreachable, .timeout:
      let reason = report.detail ?? "serveur injoignable"
      findings.append(
        TLSFinding(
          code: report.status == .timeout ? "tls.delai-depasse" : "tls.injoignable",
          severity: .warning,
          message: "Sonde impossible : \(reason). À vérifier de nouveau ou auprès de l'éditeur.",
          reference: TLSReference.notEvaluated))
      return TLSVerdict(level: .indetermine, findings: findings)
    case .probed:
      break
    }

    findings += versionFindings(report)
    findings += cipherFindings(report)
    findings += certificateFindings(report, now: now)
    findings += hstsFindings(report)

    let worst = findings.map(\.severity).max()
    let level: TLSVerdict.Level =
      switch worst {
      case .error: .nonConforme
      case .warning: .acceptable
      case .note, nil: .conforme
      }
    return TLSVerdict(level: level, findings: findings)
  }

  private static func versionFindings(_ report: TLSProbeReport) -> [TLSFinding] {
    var findings: [TLSFinding] = []
    for version in [TLSVersion.tls1_0, .tls1_1] where report.attempt(version)?.status == .accepted {
      findings.append(
        TLSFinding(
          code: "tls.version-obsolete", severity: .error,
          message: "Le serveur accepte \(version.displayName), version obsolète à désactiver.",
          reference: TLSReference.versions))
    }
    // A version the local libssl could not offer is unknown, not refused: say so.
    for version in [TLSVersion.tls1_0, .tls1_1] where report.attempt(version)?.status == .error {
      findings.append(
        TLSFinding(
          code: "tls.version-non-testee", severity: .note,
          message: "\(version.displayName) n'a pas pu être testé : \(report.attempt(version)?.detail ?? "erreur locale").",
          reference: TLSReference.versions))
    }
    let accepts13 = report.attempt(.tls1_3)?.status == .accepted
    let accepts12 = report.attempt(.tls1_2)?.status == .accepted
    if !accepts13 && !accepts12 {
      let unknown = [TLSVersion.tls1_3, .tls1_2].contains { version in
        let status = report.attempt(version)?.status
        return status == .timeout || status == .error || status == .notAttempted
      }
      findings.append(
        TLSFinding(
          code: "tls.aucune-version-recommandee", severity: unknown ? .warning : .error,
          message: unknown
            ? "Ni TLS 1.3 ni TLS 1.2 n'ont pu être négociés (délai dépassé ou erreur) : résultat à confirmer."
            : "Le serveur n'accepte ni TLS 1.3 ni TLS 1.2.",
          reference: TLSReference.preferTLS13))
    } else if !accepts13 {
      findings.append(
        TLSFinding(
          code: "tls.sans-tls13", severity: .note,
          message: "TLS 1.2 est accepté mais pas TLS 1.3, qui est à privilégier.",
          reference: TLSReference.preferTLS13))
    }
    return findings
  }

  private static func cipherFindings(_ report: TLSProbeReport) -> [TLSFinding] {
    var findings: [TLSFinding] = []
    if let cipher = report.cipher, let best = report.bestVersion {
      if cipher.broken {
        findings.append(
          TLSFinding(
            code: "tls.chiffrement-faible", severity: .error,
            message: "La suite négociée en \(best.displayName) (\(cipher.name)) utilise un chiffrement cassé (\(cipher.encryption)).",
            reference: TLSReference.encryption))
      }
      if !cipher.forwardSecrecy {
        findings.append(
          TLSFinding(
            code: "tls.sans-confidentialite-persistante", severity: .warning,
            message: "La suite négociée en \(best.displayName) (\(cipher.name)) n'assure pas la confidentialité persistante.",
            reference: TLSReference.keyExchange))
      }
      if !cipher.aead {
        findings.append(
          TLSFinding(
            code: "tls.chiffrement-non-aead", severity: .warning,
            message: "La suite négociée en \(best.displayName) (\(cipher.name)) n'est pas un chiffrement authentifié (AEAD) : mode CBC.",
            reference: TLSReference.encryption))
      }
    }
    // The guide accepts TLS 1.2 alongside 1.3; a client limited to 1.2 then gets this suite.
    if report.bestVersion == .tls1_3, let cipher12 = report.attempt(.tls1_2)?.cipher,
      !cipher12.forwardSecrecy || !cipher12.aead || cipher12.broken
    {
      findings.append(
        TLSFinding(
          code: "tls.suite-tls12-degradee", severity: cipher12.broken ? .error : .note,
          message: "En TLS 1.2, le serveur négocie \(cipher12.name), suite sans confidentialité persistante ou non AEAD.",
          reference: TLSReference.encryption))
    }
    return findings
  }

  private static func certificateFindings(_ report: TLSProbeReport, now: Date) -> [TLSFinding] {
    guard let certificate = report.certificate else { return [] }
    var findings: [TLSFinding] = []
    let formatter = frenchDate
    if certificate.expired {
      let date = certificate.notAfter.map { formatter.string(from: $0) } ?? "date inconnue"
      findings.append(
        TLSFinding(
          code: "tls.certificat-expire", severity: .error,
          message: "Le certificat du serveur a expiré le \(date).",
          reference: TLSReference.certificate))
    }
    if certificate.notYetValid {
      findings.append(
        TLSFinding(
          code: "tls.certificat-pas-encore-valide", severity: .error,
          message: "Le certificat du serveur n'est pas encore valide.",
          reference: TLSReference.certificate))
    }
    // A self-signed certificate the user trusts explicitly (`--ac`) is verified like any other:
    // only an untrusted one is an error.
    if certificate.selfSigned && !certificate.trusted {
      findings.append(
        TLSFinding(
          code: "tls.certificat-auto-signe", severity: .error,
          message: "Le certificat du serveur est auto-signé.",
          reference: TLSReference.certificate))
    } else if certificate.selfSigned {
      findings.append(
        TLSFinding(
          code: "tls.certificat-auto-signe-reconnu", severity: .note,
          message: "Le certificat du serveur est auto-signé, reconnu par l'autorité de confiance indiquée.",
          reference: TLSReference.certificate))
    }
    // Expiry and self-signature of the leaf already have their own finding; any other failure
    // (unknown issuer, expired intermediate…) is named here.
    let covered =
      (certificate.verifyCode == 9 && certificate.notYetValid)
      || (certificate.verifyCode == 10 && certificate.expired)
      || (certificate.verifyCode == 18 && certificate.selfSigned)
    if !certificate.trusted && !covered {
      findings.append(
        TLSFinding(
          code: "tls.certificat-non-reconnu", severity: .error,
          message: "La chaîne de certificats n'est pas reconnue par les autorités de confiance : \(certificate.verifyMessage).",
          reference: TLSReference.certificate))
    }
    if !certificate.hostnameMatches {
      findings.append(
        TLSFinding(
          code: "tls.nom-hote-incorrect", severity: .error,
          message: "Le certificat ne correspond pas au nom « \(report.host) ».",
          reference: TLSReference.hostname))
    }
    findings += keyFindings(certificate, now: now)
    if let notAfter = certificate.notAfter, !certificate.expired,
      notAfter.timeIntervalSince(now) < 30 * 24 * 3600
    {
      findings.append(
        TLSFinding(
          code: "tls.certificat-expire-bientot", severity: .note,
          message: "Le certificat expire bientôt (le \(formatter.string(from: notAfter))).",
          reference: TLSReference.certificate))
    }
    return findings
  }

  private static func keyFindings(_ certificate: CertificateInfo, now: Date) -> [TLSFinding] {
    let key = "\(certificate.keyType) \(certificate.keyBits) bits"
    switch certificate.keyType {
    case "RSA":
      if certificate.keyBits < 2048 {
        return [
          TLSFinding(
            code: "tls.cle-trop-courte", severity: .error,
            message: "La clé du certificat (\(key)) est trop courte : au moins 2048 bits.",
            reference: TLSReference.keySize)
        ]
      }
      if certificate.keyBits < 3072 && now >= rsa2048Limit {
        return [
          TLSFinding(
            code: "tls.cle-a-renouveler", severity: .warning,
            message: "La clé du certificat (\(key)) ne suffit plus après 2030 : au moins 3072 bits.",
            reference: TLSReference.keySize)
        ]
      }
      return []
    case "EC":
      if certificate.keyBits < 256 {
        return [
          TLSFinding(
            code: "tls.cle-trop-courte", severity: .error,
            message: "La clé du certificat (\(key)) est trop courte : au moins 256 bits.",
            reference: TLSReference.keySize)
        ]
      }
      return []
    case "Ed25519", "Ed448":
      return []
    default:
      return [
        TLSFinding(
          code: "tls.type-de-cle", severity: .error,
          message: "Le type de clé du certificat (\(key)) n'est pas recommandé : RSA ou ECDSA.",
          reference: TLSReference.keySize)
      ]
    }
  }

  private static func hstsFindings(_ report: TLSProbeReport) -> [TLSFinding] {
    guard let hsts = report.hsts else { return [] }
    if !hsts.checked {
      return [
        TLSFinding(
          code: "tls.hsts-non-verifie", severity: .note,
          message: "L'en-tête Strict-Transport-Security n'a pas pu être vérifié : \(hsts.detail ?? "pas de réponse HTTP").",
          reference: TLSReference.hsts)
      ]
    }
    if !hsts.sent {
      return [
        TLSFinding(
          code: "tls.sans-hsts", severity: .note,
          message: "Le serveur n'envoie pas l'en-tête Strict-Transport-Security (HSTS).",
          reference: TLSReference.hsts)
      ]
    }
    if hsts.maxAge == nil || hsts.maxAge == 0 {
      return [
        TLSFinding(
          code: "tls.hsts-inoperant", severity: .note,
          message: "L'en-tête Strict-Transport-Security est envoyé sans durée (max-age) utile.",
          reference: TLSReference.hsts)
      ]
    }
    return []
  }

  /// « 31/12/2030 », in UTC so that reports do not depend on the machine's time zone.
  static var frenchDate: DateFormatter {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "fr_FR")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "dd/MM/yyyy"
    return formatter
  }
}

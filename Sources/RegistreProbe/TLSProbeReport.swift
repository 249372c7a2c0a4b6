public import Foundation

/// A protocol version the probe tries, one handshake each.
public enum TLSVersion: String, Codable, Sendable, CaseIterable, Comparable {
  case tls1_0 = "TLS1.0"
  case tls1_1 = "TLS1.1"
  case tls1_2 = "TLS1.2"
  case tls1_3 = "TLS1.3"

  /// Newest first: the first accepted version is the best one, whose connection is analysed.
  public static let probeOrder: [TLSVersion] = [.tls1_3, .tls1_2, .tls1_1, .tls1_0]

  /// Name shown to users (« TLS 1.2 »).
  public var displayName: String {
    switch self {
    case .tls1_0: "TLS 1.0"
    case .tls1_1: "TLS 1.1"
    case .tls1_2: "TLS 1.2"
    case .tls1_3: "TLS 1.3"
    }
  }

  /// The register's spelling of the version (`DeclaredTLSVersion` raw value, field `versions_tls`).
  public var registerValue: String {
    switch self {
    case .tls1_0: "1.0"
    case .tls1_1: "1.1"
    case .tls1_2: "1.2"
    case .tls1_3: "1.3"
    }
  }

  var rank: Int {
    switch self {
    case .tls1_0: 0
    case .tls1_1: 1
    case .tls1_2: 2
    case .tls1_3: 3
    }
  }

  public static func < (lhs: TLSVersion, rhs: TLSVersion) -> Bool { lhs.rank < rhs.rank }
}

/// What happened to one handshake attempt.
public enum AttemptStatus: String, Codable, Sendable {
  /// The handshake completed at this version.
  case accepted
  /// The server answered but the handshake failed (alert, other version, connection closed).
  case refused
  /// No answer within the bound.
  case timeout
  /// The attempt could not be made or failed locally (connection refused, name not resolved…).
  case error
  /// Skipped because an earlier attempt showed the server cannot be reached.
  case notAttempted
}

/// The result of one handshake attempt at one pinned version.
public struct ProtocolAttempt: Codable, Sendable, Equatable {
  public var version: TLSVersion
  public var status: AttemptStatus
  /// The suite negotiated when accepted.
  public var cipher: CipherInfo?
  /// French explanation when not accepted.
  public var detail: String?

  public init(version: TLSVersion, status: AttemptStatus, cipher: CipherInfo? = nil, detail: String? = nil) {
    self.version = version
    self.status = status
    self.cipher = cipher
    self.detail = detail
  }
}

/// A negotiated cipher suite and the properties ANSSI's guide looks at.
public struct CipherInfo: Codable, Sendable, Equatable {
  /// IANA name (« TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 »).
  public var name: String
  /// OpenSSL's name (« ECDHE-RSA-AES128-GCM-SHA256 »).
  public var openSSLName: String
  /// Key exchange: « ECDHE », « DHE », « RSA », « any » (TLS 1.3, always ephemeral)…
  public var keyExchange: String
  public var forwardSecrecy: Bool
  public var aead: Bool
  /// Bulk cipher family (« AES-128-GCM », « 3DES »…), from OpenSSL's description.
  public var encryption: String
  /// RC4, DES/3DES, NULL or export-grade encryption.
  public var broken: Bool

  public init(
    name: String, openSSLName: String, keyExchange: String, forwardSecrecy: Bool, aead: Bool,
    encryption: String, broken: Bool
  ) {
    self.name = name
    self.openSSLName = openSSLName
    self.keyExchange = keyExchange
    self.forwardSecrecy = forwardSecrecy
    self.aead = aead
    self.encryption = encryption
    self.broken = broken
  }
}

/// One certificate of the chain the server sent, leaf first.
public struct ChainCertificate: Codable, Sendable, Equatable {
  public var subject: String
  public var issuer: String
  public var notAfter: Date?

  public init(subject: String, issuer: String, notAfter: Date?) {
    self.subject = subject
    self.issuer = issuer
    self.notAfter = notAfter
  }
}

/// The server certificate at the best version, checked against the trust anchors and the host name.
public struct CertificateInfo: Codable, Sendable, Equatable {
  public var subject: String
  public var issuer: String
  public var notBefore: Date?
  public var notAfter: Date?
  /// notAfter is before the probe's `now`.
  public var expired: Bool
  /// notBefore is after the probe's `now`.
  public var notYetValid: Bool
  /// The chain verifies against the trust anchors (OpenSSL's verify result is X509_V_OK).
  public var trusted: Bool
  /// OpenSSL's verify result code (0 = OK) and its French reading.
  public var verifyCode: Int
  public var verifyMessage: String
  /// The leaf matches the URL's host (DNS name or IP address).
  public var hostnameMatches: Bool
  /// The leaf is issued by itself and its signature verifies with its own key.
  public var selfSigned: Bool
  /// « RSA », « EC », « Ed25519 », « Ed448 », « DSA »…
  public var keyType: String
  public var keyBits: Int
  /// Named curve for EC keys (« prime256v1 »).
  public var curve: String?
  public var signatureAlgorithm: String
  public var chain: [ChainCertificate]

  public init(
    subject: String, issuer: String, notBefore: Date?, notAfter: Date?, expired: Bool,
    notYetValid: Bool, trusted: Bool, verifyCode: Int, verifyMessage: String,
    hostnameMatches: Bool, selfSigned: Bool, keyType: String, keyBits: Int, curve: String?,
    signatureAlgorithm: String, chain: [ChainCertificate]
  ) {
    self.subject = subject
    self.issuer = issuer
    self.notBefore = notBefore
    self.notAfter = notAfter
    self.expired = expired
    self.notYetValid = notYetValid
    self.trusted = trusted
    self.verifyCode = verifyCode
    self.verifyMessage = verifyMessage
    self.hostnameMatches = hostnameMatches
    self.selfSigned = selfSigned
    self.keyType = keyType
    self.keyBits = keyBits
    self.curve = curve
    self.signatureAlgorithm = signatureAlgorithm
    self.chain = chain
  }
}

/// Whether the server sends HTTP Strict-Transport-Security (RFC 6797) on the probed path.
public struct HSTSInfo: Codable, Sendable, Equatable {
  /// A response's headers were read; when false, `sent` means nothing.
  public var checked: Bool
  public var sent: Bool
  /// HTTP status code of the response, when read.
  public var httpStatus: Int?
  /// The raw header value.
  public var value: String?
  public var maxAge: Int?
  public var includeSubDomains: Bool
  /// French explanation when not checked.
  public var detail: String?

  public init(
    checked: Bool, sent: Bool, httpStatus: Int? = nil, value: String? = nil, maxAge: Int? = nil,
    includeSubDomains: Bool = false, detail: String? = nil
  ) {
    self.checked = checked
    self.sent = sent
    self.httpStatus = httpStatus
    self.value = value
    self.maxAge = maxAge
    self.includeSubDomains = includeSubDomains
    self.detail = detail
  }
}

/// How far the probe got with an endpoint.
public enum EndpointStatus: String, Codable, Sendable {
  /// At least one TCP connection was made and the handshakes were tried.
  case probed
  /// `http://`: flagged without probing.
  case plainHTTP
  /// Name not resolved, connection refused or network unreachable.
  case unreachable
  /// The server did not answer within the bound.
  case timeout
}

/// Everything the probe learnt about one endpoint, with its verdict. Codable with English keys,
/// for `registre evaluer` and the audit rule `flux-tls-obsolete`.
public struct TLSProbeReport: Codable, Sendable, Equatable {
  public var endpoint: String
  public var host: String
  public var port: Int
  public var probedAt: Date
  public var status: EndpointStatus
  /// French explanation when the endpoint was not probed or not reached.
  public var detail: String?
  public var attempts: [ProtocolAttempt]
  public var bestVersion: TLSVersion?
  public var cipher: CipherInfo?
  public var certificate: CertificateInfo?
  public var hsts: HSTSInfo?
  public var verdict: TLSVerdict
  /// The web proxy the probe went through (`host:port`), or `nil` for a direct connection.
  public var proxy: String?

  public init(
    endpoint: String, host: String, port: Int, probedAt: Date, status: EndpointStatus,
    detail: String? = nil, attempts: [ProtocolAttempt] = [], bestVersion: TLSVersion? = nil,
    cipher: CipherInfo? = nil, certificate: CertificateInfo? = nil, hsts: HSTSInfo? = nil,
    verdict: TLSVerdict = TLSVerdict(level: .indetermine, findings: [])
  ) {
    self.endpoint = endpoint
    self.host = host
    self.port = port
    self.probedAt = probedAt
    self.status = status
    self.detail = detail
    self.attempts = attempts
    self.bestVersion = bestVersion
    self.cipher = cipher
    self.certificate = certificate
    self.hsts = hsts
    self.verdict = verdict
  }

  /// The attempt at `version`, if it was listed.
  public func attempt(_ version: TLSVersion) -> ProtocolAttempt? {
    attempts.first { $0.version == version }
  }

  /// Accepted versions spelt as the register's `versions_tls` values (« 1.2 », « 1.3 »), oldest
  /// first, so a probe can fill a flow's field for the rule `flux-tls-obsolete`.
  public var acceptedRegisterValues: [String] {
    acceptedVersions.reversed().map(\.registerValue)
  }

  /// Versions the server accepted, newest first.
  public var acceptedVersions: [TLSVersion] {
    attempts.filter { $0.status == .accepted }.map(\.version).sorted(by: >)
  }
}

public import Foundation
import RegistreSupport
import RegistreCrypto

/// Why a URL cannot be probed at all. The network's own failures are not errors: they are
/// part of the report (`unreachable`, `timeout`).
public enum TLSProbeError: Error, Equatable, Sendable {
  /// Neither http nor https.
  case unsupportedScheme(String)
  /// No host in the URL.
  case missingHost(String)
  /// Port outside 1…65535.
  case invalidPort(String)
  /// A trust-anchor file that cannot be read or holds no certificate.
  case unreadableTrustAnchors(String)
  /// OpenSSL could not set itself up.
  case openSSL(String)

  /// French message for the CLI.
  public var message: String {
    switch self {
    case .unsupportedScheme(let url):
      "adresse « \(url) » : seuls http:// et https:// sont pris en charge"
    case .missingHost(let url):
      "adresse « \(url) » : nom d'hôte manquant"
    case .invalidPort(let url):
      "adresse « \(url) » : port invalide"
    case .unreadableTrustAnchors(let path):
      "fichier d'autorités de confiance illisible ou sans certificat : \(path)"
    case .openSSL(let detail):
      "OpenSSL n'a pas pu être initialisé : \(detail)"
    }
  }
}

/// Probes an https endpoint with real handshakes, one per TLS version, and judges it against
/// ANSSI's TLS guide. Synchronous and bounded: each step waits at most `timeout`.
public enum TLSProbe {
  /// Largest HTTP response head read for the HSTS check.
  static let responseHeadLimit = 16_384

  /// Checks that `endpoint` is an http or https URL with a host and a valid port.
  public static func validate(endpoint: URL) throws(TLSProbeError) {
    _ = try Target(endpoint)
  }

  /// Checks that the trust anchors can be loaded.
  public static func validate(trustAnchors: TrustAnchors) throws(TLSProbeError) {
    _ = try TrustStore.probe(trustAnchors)
  }

  /// Probes `endpoint`.
  /// - Parameters:
  ///   - timeout: bound for each step (name resolution, each connection and handshake, the HTTP
  ///     request). An endpoint that accepts connections but stays silent costs one bound, as
  ///     the remaining attempts are then skipped.
  ///   - trustAnchors: certificates the chain must lead to.
  ///   - now: the date certificates and key-size rules are judged at.
  ///   - environment: where `https_proxy` and `no_proxy` are read (`HTTPProxy`).
  public static func probe(
    endpoint: URL, timeout: Duration = .seconds(5), trustAnchors: TrustAnchors = .system,
    now: Date = Date(), environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws(TLSProbeError) -> TLSProbeReport {
    let target = try Target(endpoint)
    let proxy = HTTPProxy.forTarget(scheme: "https", host: target.host, environment: environment)
    var report = TLSProbeReport(
      endpoint: endpoint.absoluteString, host: target.host, port: target.port, probedAt: now,
      status: .probed)
    if !target.secure {
      report.status = .plainHTTP
      report.detail = "flux non chiffré (http://) : non sondé"
      report.verdict = TLSJudge.judge(report, now: now)
      return report
    }
    let trust = try TrustStore.probe(trustAnchors)
    report.proxy = proxy?.label

    // Through a proxy, only the proxy's name is resolved here: the proxy resolves the server's.
    let addresses: [SocketAddress]
    switch Resolver.resolve(host: proxy?.host ?? target.host, port: proxy?.port ?? target.port, timeout: timeout) {
    case .success(let found):
      addresses = found
    case .failure(let failure):
      report.status = failure.isTimeout ? .timeout : .unreachable
      report.detail = failure.message
      report.attempts = TLSVersion.probeOrder.map {
        ProtocolAttempt(version: $0, status: .notAttempted, detail: failure.message)
      }
      report.verdict = TLSJudge.judge(report, now: now)
      return report
    }

    var skipReason: String?
    for version in TLSVersion.probeOrder {
      if let skipReason {
        report.attempts.append(ProtocolAttempt(version: version, status: .notAttempted, detail: skipReason))
        continue
      }
      let isFirst = report.attempts.isEmpty
      let outcome = attempt(
        version, target: target, addresses: addresses, proxy: proxy, trust: trust, timeout: timeout, now: now,
        analyse: report.bestVersion == nil)
      report.attempts.append(outcome.attempt)
      if outcome.attempt.status == .accepted, report.bestVersion == nil {
        report.bestVersion = version
        report.cipher = outcome.attempt.cipher
        report.certificate = outcome.certificate
        report.hsts = outcome.hsts
      }
      // A server that cannot be reached, or stays silent, on the first try will not do better
      // on the next ones; skipping them keeps the probe within a few seconds.
      if isFirst, let failure = outcome.networkFailure {
        report.status = failure.isTimeout ? .timeout : .unreachable
        report.detail = failure.message
        skipReason = "non tenté : \(failure.message)"
      }
    }
    report.verdict = TLSJudge.judge(report, now: now)
    return report
  }

  /// Probes several endpoints, a bounded pool at a time (`TLSProbeBounds`), each on its own
  /// thread so the blocking waits stay off Swift's cooperative pool. Results come back in the
  /// order of `endpoints`.
  public static func probe(
    endpoints: [URL], timeout: Duration = .seconds(5), trustAnchors: TrustAnchors = .system,
    now: Date = Date(), bounds: TLSProbeBounds = .standard
  ) async -> [Result<TLSProbeReport, TLSProbeError>] {
    await offCooperativePool {
      probe(endpoints: endpoints, timeout: timeout, trustAnchors: trustAnchors, now: now, bounds: bounds)
    }
  }

  private static func offCooperativePool<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
      DispatchQueue.global().async { continuation.resume(returning: work()) }
    }
  }

  private struct AttemptOutcome {
    var attempt: ProtocolAttempt
    var certificate: CertificateInfo?
    var hsts: HSTSInfo?
    /// Set when the server could not be reached or never answered.
    var networkFailure: NetworkFailure?
  }

  private static func attempt(
    _ version: TLSVersion, target: Target, addresses: [SocketAddress], proxy: HTTPProxy?, trust: TrustStore,
    timeout: Duration, now: Date, analyse: Bool
  ) -> AttemptOutcome {
    let deadline = Deadline(after: timeout)
    let connection: TCPConnection
    switch TCPConnection.open(to: addresses, deadline: deadline) {
    case .success(let opened):
      connection = opened
    case .failure(let failure):
      return AttemptOutcome(
        attempt: ProtocolAttempt(
          version: version, status: failure.isTimeout ? .timeout : .error, detail: failure.message),
        networkFailure: failure)
    }
    if let proxy, let failure = tunnel(connection, through: proxy, to: target, deadline: deadline) {
      return AttemptOutcome(
        attempt: ProtocolAttempt(version: version, status: failure.isTimeout ? .timeout : .error, detail: failure.message),
        networkFailure: failure)
    }
    do {
      // RFC 6066 § 3: no SNI for an IP address.
      let serverName = CertificateReader.isIPAddress(target.host) ? nil : target.host
      let client = try TLSClient(
        version: version, serverName: serverName, trust: trust, now: now, connection: connection)
      try client.handshake(deadline: deadline)
      var outcome = AttemptOutcome(
        attempt: ProtocolAttempt(version: version, status: .accepted, cipher: client.cipher))
      if analyse {
        outcome.certificate = client.certificate(host: target.host, now: now)
        outcome.hsts = readHSTS(client: client, target: target, timeout: timeout)
      }
      return outcome
    } catch {
      switch error {
      case .refused(let message):
        return AttemptOutcome(attempt: ProtocolAttempt(version: version, status: .refused, detail: message))
      case .timeout(let message):
        let text = "pas de réponse à la négociation en \(timeout.frenchSeconds) (\(message))"
        return AttemptOutcome(
          attempt: ProtocolAttempt(version: version, status: .timeout, detail: text),
          networkFailure: .timeout("le serveur accepte la connexion mais ne répond pas en \(timeout.frenchSeconds)"))
      case .local(let message):
        return AttemptOutcome(attempt: ProtocolAttempt(version: version, status: .error, detail: message))
      }
    }
  }

  /// Opens a `CONNECT` tunnel to the server; `nil` when the proxy answered 200.
  private static func tunnel(
    _ connection: TCPConnection, through proxy: HTTPProxy, to target: Target, deadline: Deadline
  ) -> NetworkFailure? {
    if case .failure(let failure) = connection.write(proxy.connectRequest(host: target.host, port: target.port), deadline: deadline) {
      return failure
    }
    do {
      let problem = try proxy.awaitTunnel(to: "\(target.host):\(target.port)") { () throws(NetworkFailure) -> [UInt8] in
        try connection.read(limit: 4096, deadline: deadline).get()
      }
      return problem.map(NetworkFailure.unreachable)
    } catch {
      if case .timeout = error { return .timeout("pas de réponse du proxy \(proxy.label)") }
      return error
    }
  }

  /// Asks for the URL's path and reads only the response head. GET rather than HEAD: some
  /// servers (OpenSSL's own test server among them) answer nothing to HEAD, and reading stops
  /// at the end of the headers anyway.
  private static func readHSTS(client: TLSClient, target: Target, timeout: Duration) -> HSTSInfo {
    let request =
      "GET \(target.path) HTTP/1.1\r\nHost: \(target.hostHeader)\r\nUser-Agent: registre-sonde\r\n"
      + "Accept: */*\r\nConnection: close\r\n\r\n"
    do {
      let head = try client.exchange(
        request: Array(request.utf8), limit: responseHeadLimit, deadline: Deadline(after: timeout))
      if let hsts = HTTPHead.hsts(from: head) { return hsts }
      return HSTSInfo(
        checked: false, sent: false,
        detail: head.isEmpty ? "aucune réponse HTTP" : "réponse HTTP illisible")
    } catch {
      switch error {
      case .timeout:
        return HSTSInfo(checked: false, sent: false, detail: "pas de réponse HTTP en \(timeout.frenchSeconds)")
      case .refused(let message), .local(let message):
        return HSTSInfo(checked: false, sent: false, detail: message)
      }
    }
  }
}

/// The parts of a URL the probe needs, checked.
struct Target {
  var secure: Bool
  /// Without brackets for IPv6.
  var host: String
  var port: Int
  var path: String
  var hostHeader: String

  init(_ url: URL) throws(TLSProbeError) {
    let text = url.absoluteString
    guard let components = URLComponents(url: url, resolvingAgainstBaseURL: false),
      let scheme = components.scheme?.lowercased()
    else { throw .unsupportedScheme(text) }
    switch scheme {
    case "https": secure = true
    case "http": secure = false
    default: throw .unsupportedScheme(text)
    }
    guard var host = components.host, !host.isEmpty else { throw .missingHost(text) }
    if host.hasPrefix("[") && host.hasSuffix("]") {
      host = String(host.dropFirst().dropLast())
    }
    guard !host.isEmpty,
      !host.contains(where: { $0.isWhitespace || $0 == "/" || $0 == "\r" || $0 == "\n" })
    else { throw .missingHost(text) }
    self.host = host
    let defaultPort = secure ? 443 : 80
    let port = components.port ?? defaultPort
    guard (1...65_535).contains(port) else { throw .invalidPort(text) }
    self.port = port
    let rawPath = components.percentEncodedPath
    let query = components.percentEncodedQuery.map { "?" + $0 } ?? ""
    path = (rawPath.isEmpty ? "/" : rawPath) + query
    let bracketed = host.contains(":") ? "[\(host)]" : host
    hostHeader = port == defaultPort ? bracketed : "\(bracketed):\(port)"
  }
}

extension NetworkFailure {
  var isTimeout: Bool {
    if case .timeout = self { return true }
    return false
  }
}

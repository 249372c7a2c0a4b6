public import Foundation

/// The school's web proxy, as the environment names it (`https_proxy`, `http_proxy`, `no_proxy`,
/// in lower or upper case, as curl reads them). The time-stamping client and the TLS probe reach
/// the outside through it: HTTPS by a `CONNECT` tunnel, plain HTTP by a request in absolute form.
/// Loopback addresses and `localhost` never go through a proxy.
public struct HTTPProxy: Sendable, Equatable {
  public var host: String
  public var port: Int
  /// `Basic …` credentials from the proxy URL (`http://user:password@proxy:3128`); never printed.
  public var authorization: String?

  /// Where the proxy is, for messages (never its credentials).
  public var label: String { "\(host):\(port)" }

  public init(host: String, port: Int, authorization: String? = nil) {
    self.host = host
    self.port = port
    self.authorization = authorization
  }

  /// The proxy for a request to `host` over `scheme` (`http` or `https`), or `nil` for a direct connection.
  public static func forTarget(
    scheme: String, host: String, environment: [String: String] = ProcessInfo.processInfo.environment
  ) -> HTTPProxy? {
    func variable(_ name: String) -> String? {
      let value = environment[name] ?? environment[name.uppercased()]
      return value?.trimmingCharacters(in: .whitespaces).isEmpty == false ? value : nil
    }
    let name = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
    if isLoopback(name) { return nil }
    if let exceptions = variable("no_proxy"), bypasses(name, exceptions) { return nil }
    let setting = scheme.lowercased() == "https" ? variable("https_proxy") : variable("http_proxy")
    return setting.flatMap(parse)
  }

  /// `http://[user:password@]host[:port][/]`, or `host:port`; the port defaults to 1080 as curl's does.
  public static func parse(_ value: String) -> HTTPProxy? {
    let text = value.contains("://") ? value : "http://" + value
    guard let url = URLComponents(string: text), url.scheme?.lowercased() == "http",
      let host = url.host, !host.isEmpty
    else { return nil }
    var authorization: String?
    if let user = url.user {
      let credentials = "\(url.percentEncodedUser.flatMap { $0.removingPercentEncoding } ?? user):"
        + "\(url.percentEncodedPassword.flatMap { $0.removingPercentEncoding } ?? "")"
      authorization = "Basic " + Data(credentials.utf8).base64EncodedString()
    }
    return HTTPProxy(host: host, port: url.port ?? 1080, authorization: authorization)
  }

  static func isLoopback(_ host: String) -> Bool {
    host == "localhost" || host.hasSuffix(".localhost") || host == "::1" || host.hasPrefix("127.")
  }

  /// `no_proxy`: comma-separated names; `*` for all; `example.org` and `.example.org` also cover
  /// their subdomains; a `:port` suffix is ignored.
  static func bypasses(_ host: String, _ exceptions: String) -> Bool {
    for raw in exceptions.split(separator: ",") {
      var entry = raw.trimmingCharacters(in: .whitespaces).lowercased()
      if entry == "*" { return true }
      if let colon = entry.lastIndex(of: ":"), !entry.contains("]"), entry.filter({ $0 == ":" }).count == 1 {
        entry = String(entry[..<colon])
      }
      if entry.hasPrefix(".") { entry.removeFirst() }
      guard !entry.isEmpty else { continue }
      if host == entry || host.hasSuffix("." + entry) { return true }
    }
    return false
  }

  /// The `CONNECT` request that opens a tunnel to `host:port`.
  public func connectRequest(host: String, port: Int) -> [UInt8] {
    let target = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    var head = "CONNECT \(target) HTTP/1.1\r\nHost: \(target)\r\nUser-Agent: registre\r\n"
    if let authorization { head += "Proxy-Authorization: \(authorization)\r\n" }
    return Array((head + "\r\n").utf8)
  }

  /// The status of the proxy's reply once its head has arrived (`nil` while incomplete).
  public static func replyStatus(_ bytes: [UInt8]) -> (status: Int, reason: String)? {
    guard let end = bytes.indices.dropLast(3).first(where: {
      bytes[$0] == 13 && bytes[$0 + 1] == 10 && bytes[$0 + 2] == 13 && bytes[$0 + 3] == 10
    }) else { return nil }
    let head = String(decoding: bytes[..<end], as: UTF8.self)
    let statusLine = head.split(separator: "\r\n", maxSplits: 1).first.map(String.init) ?? ""
    let parts = statusLine.split(separator: " ", maxSplits: 2)
    guard parts.count >= 2, parts[0].hasPrefix("HTTP/"), let status = Int(parts[1]) else { return (0, statusLine) }
    return (status, parts.count > 2 ? String(parts[2]) : "")
  }

  /// Reads the proxy's reply to `connectRequest` through `read` (the bytes that arrived; empty once
  /// the proxy closed). `nil` once the tunnel is open; otherwise why not, in French. The TLS client
  /// speaks first, so nothing of the server's can arrive with the proxy's reply.
  public func awaitTunnel<Failure: Error>(
    to target: String, read: () throws(Failure) -> [UInt8]
  ) throws(Failure) -> String? {
    var reply: [UInt8] = []
    while true {
      if let (status, reason) = Self.replyStatus(reply) {
        return status == 200 ? nil : refusal(status: status, reason: reason, target: target)
      }
      guard reply.count < 16 * 1024 else { return "réponse du proxy \(label) trop longue" }
      let bytes = try read()
      if bytes.isEmpty { return "le proxy \(label) a fermé la connexion sans répondre" }
      reply += bytes
    }
  }

  /// French words for a proxy that did not open the tunnel.
  public func refusal(status: Int, reason: String, target: String) -> String {
    let shown = TerminalText.escaped(String(reason.prefix(120)))
    switch status {
    case 407:
      return authorization == nil
        ? "le proxy \(label) demande une authentification (HTTP 407) : indiquez-la dans https_proxy (http://utilisateur:motdepasse@\(label))"
        : "le proxy \(label) refuse l'identifiant ou le mot de passe donnés (HTTP 407)"
    case 0:
      return "le proxy \(label) a répondu autre chose que HTTP à la demande de tunnel vers \(target)"
    default:
      return "le proxy \(label) refuse la connexion à \(target) (HTTP \(status)\(shown.isEmpty ? "" : " \(shown)"))"
    }
  }
}

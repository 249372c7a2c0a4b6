import Foundation
import HTTPTypes
@testable import RegistreServer
import RegistreWorkflows

#if canImport(Glibc)
  import Glibc
#endif

/// The real server on a free loopback port, asked by a minimal HTTP/1.1 client over a socket.
/// (HummingbirdTesting would pull AsyncHTTPClient and BoringSSL into the build, too slow to
/// compile on the project's 2-core machines; this tests the same handlers through real sockets.)
struct LoopbackResponse: Sendable {
  var status: HTTPResponse.Status
  var headers: HTTPFields
  var text: String
}

struct LoopbackClient: Sendable {
  let port: Int
  /// The session cookie (`registre_session=…`) sent with every request, as a browser would.
  var cookie: String?

  init(port: Int, cookie: String? = nil) {
    self.port = port
    self.cookie = cookie
  }

  @discardableResult
  func execute(uri: String, method: HTTPRequest.Method, headers: HTTPFields = [:], body: String? = nil) async throws -> LoopbackResponse {
    let port = self.port
    var headers = headers
    if let cookie, headers[.cookie] == nil { headers[.cookie] = cookie }
    return try await onOwnThread { [headers] in try Self.send(port: port, uri: uri, method: method, headers: headers, body: body) }
  }

  /// The same server, without a session.
  var anonymous: LoopbackClient { LoopbackClient(port: port) }

  /// Signs in through `/connexion` (a role on the demonstration server, an account otherwise) and returns
  /// a client that carries the session cookie.
  func signedIn(role: String? = nil, identifier: String? = nil, password: String? = nil) async throws -> LoopbackClient {
    let page = try await anonymous.execute(uri: "/connexion", method: .get)
    guard let token = Self.hiddenValue("_csrf", in: page.text) else { throw Failure(message: "page de connexion sans jeton") }
    var fields = [("_csrf", token), ("suite", "/")]
    if let role { fields.append(("role", role)) }
    if let identifier { fields.append(("identifiant", identifier)) }
    if let password { fields.append(("mot_de_passe", password)) }
    let body = fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&")
    let answer = try await anonymous.execute(
      uri: "/connexion", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"], body: body)
    guard answer.status == .seeOther, let set = answer.headers[.setCookie], let pair = set.split(separator: ";").first else {
      throw Failure(message: "connexion refusée (\(answer.status.code))")
    }
    return LoopbackClient(port: port, cookie: String(pair))
  }

  static func hiddenValue(_ name: String, in html: String) -> String? {
    guard let range = html.range(of: "name=\"\(name)\" value=\"") else { return nil }
    let rest = html[range.upperBound...]
    guard let end = rest.firstIndex(of: "\"") else { return nil }
    return String(rest[..<end])
  }

  struct Failure: Error { var message: String }

  static func send(port: Int, uri: String, method: HTTPRequest.Method, headers: HTTPFields, body: String?) throws -> LoopbackResponse {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw Failure(message: "socket") }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard connected == 0 else { throw Failure(message: "connect") }
    let payload = Array((body ?? "").utf8)
    var request = "\(method.rawValue) \(uri) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
    for field in headers { request += "\(field.name.rawName): \(field.value)\r\n" }
    if body != nil || method == .post { request += "Content-Length: \(payload.count)\r\n" }
    request += "\r\n"
    let bytes = Array(request.utf8) + payload
    var sent = 0
    while sent < bytes.count {
      let n = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, 0) }
      if n <= 0 { break }  // the server may answer (413) and close before reading everything
      sent += n
    }
    var received: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
      let n = recv(fd, &buffer, buffer.count, 0)
      if n <= 0 { break }
      received += buffer[0..<n]
    }
    let text = String(decoding: received, as: UTF8.self)
    guard let split = text.range(of: "\r\n\r\n") else { throw Failure(message: "réponse illisible : \(text.prefix(200))") }
    let head = text[..<split.lowerBound].components(separatedBy: "\r\n")
    let statusParts = head.first?.split(separator: " ") ?? []
    guard statusParts.count >= 2, let code = Int(statusParts[1]) else { throw Failure(message: "statut illisible") }
    var fields = HTTPFields()
    for line in head.dropFirst() {
      guard let colon = line.firstIndex(of: ":"), let name = HTTPField.Name(String(line[..<colon])) else { continue }
      fields.append(HTTPField(name: name, value: line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
    }
    var content = String(text[split.upperBound...])
    if fields[.transferEncoding]?.contains("chunked") == true { content = dechunk(content) }
    // Mustache writes the apostrophe of French text as &#39;: read it as the browser shows it.
    content = content.replacingOccurrences(of: "&#39;", with: "'")
    return LoopbackResponse(status: HTTPResponse.Status(code: code), headers: fields, text: content)
  }

  static func dechunk(_ s: String) -> String {
    var bytes = Array(s.utf8)[...]
    var out: [UInt8] = []
    while let lineEnd = bytes.firstIndex(of: 0x0D) {
      let size = Int(String(decoding: bytes[bytes.startIndex..<lineEnd], as: UTF8.self), radix: 16) ?? 0
      if size == 0 { break }
      let start = lineEnd + 2
      out += bytes[start..<min(start + size, bytes.endIndex)]
      bytes = bytes[min(start + size + 2, bytes.endIndex)...]
    }
    return String(decoding: out, as: UTF8.self)
  }
}

/// Runs blocking work (socket reads, a child process) on a thread of its own, never on the
/// cooperative pool: the server under test needs those threads to answer (2 on a 2-core machine).
func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
  try await withCheckedThrowingContinuation { continuation in
    let thread = Thread { continuation.resume(with: Result { try body() }) }
    thread.start()
  }
}

/// Serves `folder` on a free loopback port for the duration of `body`; `jobs`: the server's document
/// jobs (a test may hold one to see it running).
func serve<T: Sendable>(
  _ folder: URL, maxBodySize: Int = 1_000_000, signing: SigningIdentity? = nil, demo: Bool = true, lot: Bool = false,
  jobs: DocumentJobs = DocumentJobs(),
  _ body: @Sendable (LoopbackClient) async throws -> T
) async throws -> T {
  let (stream, continuation) = AsyncStream.makeStream(of: Int.self)
  var options = ServerOptions(folder: folder, port: 0, demo: demo, maxBodySize: maxBodySize, signing: signing)
  options.lot = lot
  let server = Task { [options] in
    // A server that cannot start ends the wait for its port too (never a hang).
    defer { continuation.finish() }
    try await RegistreWebServer.run(options, jobs: jobs) { address in
      let port = Int(address.split(separator: ":").last?.filter(\.isNumber) ?? "") ?? 0
      continuation.yield(port)
      continuation.finish()
    }
  }
  var port = 0
  for await p in stream {
    port = p
    break
  }
  defer { server.cancel() }
  guard port > 0 else {
    if case .failure(let error) = await server.result { throw error }
    throw LoopbackClient.Failure(message: "le serveur n'a pas démarré")
  }
  // The demonstration server: signed in as the head of school, who may do everything the pages offer;
  // with accounts, the test signs in itself.
  let client = demo ? try await LoopbackClient(port: port).signedIn(role: "chef") : LoopbackClient(port: port)
  let result = try await body(client)
  server.cancel()
  _ = await server.result
  return result
}

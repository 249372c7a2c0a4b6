import COpenSSL
import Foundation
import RegistreSupport
import RegistreCrypto

#if canImport(Glibc)
  import Glibc
#endif

/// RFC 3161 client: a SHA-256 request over the signature value, sent by HTTP POST.
enum TimestampClient {
  static let maximumResponseSize = 1024 * 1024
  static let timeoutSeconds = 30

  /// Asks `url` for a time-stamp token over `data` and returns the token (DER `ContentInfo`).
  static func token(
    for data: [UInt8], url: URL, tlsAnchors: [Certificate] = [],
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws(SignatureError) -> [UInt8] {
    let request = try TimestampRequest(
      digest: crypto { () throws(CryptoError) in try Digest.compute(.sha256, over: [data[...]]) }, nonce: randomBytes(8))
    let response = try HTTPClient.post(url: url, contentType: "application/timestamp-query", body: request.der,
      maximumResponseSize: maximumResponseSize, timeoutSeconds: timeoutSeconds, tlsAnchors: tlsAnchors,
      environment: environment)
    return try extractToken(response, request: request)
  }

  private static func extractToken(_ der: [UInt8], request: TimestampRequest) throws(SignatureError) -> [UInt8] {
    let parsed: OpaquePointer? = der.withUnsafeBufferPointer { buffer in
      var cursor: UnsafePointer<UInt8>? = buffer.baseAddress
      return d2i_TS_RESP(nil, &cursor, buffer.count)
    }
    guard let response = parsed else {
      ERR_clear_error()
      throw .timestamp("réponse illisible")
    }
    defer { TS_RESP_free(response) }
    let status = ASN1_INTEGER_get(TS_STATUS_INFO_get0_status(TS_RESP_get_status_info(response)))
    guard status == 0 || status == 1 else { throw .timestamp("refusé par l'autorité (statut \(status))") }
    // Check that the answer is for our request (version, imprint, nonce); trust is checked when verifying.
    guard let context = TS_REQ_to_TS_VERIFY_CTX(request.pointer, nil) else {
      throw SignatureError.drainOpenSSLErrors("TS_REQ_to_TS_VERIFY_CTX")
    }
    defer { TS_VERIFY_CTX_free(context) }
    TS_VERIFY_CTX_set_flags(context, Int32(TS_VFY_VERSION | TS_VFY_IMPRINT | TS_VFY_NONCE))
    guard TS_RESP_verify_response(context, response) == 1 else {
      ERR_clear_error()
      throw .timestamp("la réponse ne correspond pas à la demande (empreinte ou nonce)")
    }
    guard let token = TS_RESP_get_token(response) else { throw .timestamp("réponse sans jeton") }
    var output: UnsafeMutablePointer<UInt8>?
    let length = i2d_PKCS7(token, &output)
    guard length > 0, let output else { throw SignatureError.drainOpenSSLErrors("i2d_PKCS7") }
    defer { registre_openssl_free(output) }
    return Array(UnsafeBufferPointer(start: output, count: Int(length)))
  }
}

/// An owned RFC 3161 request (SHA-256 imprint, nonce, certificate requested).
final class TimestampRequest {
  let pointer: OpaquePointer
  let der: [UInt8]

  init(digest: [UInt8], nonce: [UInt8]) throws(SignatureError) {
    guard let request = TS_REQ_new() else { throw SignatureError.drainOpenSSLErrors("TS_REQ_new") }
    pointer = request
    guard let imprint = TS_MSG_IMPRINT_new() else { throw SignatureError.drainOpenSSLErrors("TS_MSG_IMPRINT_new") }
    defer { TS_MSG_IMPRINT_free(imprint) }
    guard let algorithm = X509_ALGOR_new() else { throw SignatureError.drainOpenSSLErrors("X509_ALGOR_new") }
    defer { X509_ALGOR_free(algorithm) }
    X509_ALGOR_set_md(algorithm, EVP_sha256())
    var digestCopy = digest
    guard TS_MSG_IMPRINT_set_algo(imprint, algorithm) == 1,
      TS_MSG_IMPRINT_set_msg(imprint, &digestCopy, Int32(digestCopy.count)) == 1,
      TS_REQ_set_version(request, 1) == 1, TS_REQ_set_msg_imprint(request, imprint) == 1,
      TS_REQ_set_cert_req(request, 1) == 1
    else { throw SignatureError.drainOpenSSLErrors("requête d'horodatage") }
    guard let bignum = BN_bin2bn(nonce, Int32(nonce.count), nil) else {
      throw SignatureError.drainOpenSSLErrors("BN_bin2bn")
    }
    defer { BN_free(bignum) }
    guard let integer = BN_to_ASN1_INTEGER(bignum, nil) else { throw SignatureError.drainOpenSSLErrors("nonce") }
    defer { ASN1_INTEGER_free(integer) }
    guard TS_REQ_set_nonce(request, integer) == 1 else { throw SignatureError.drainOpenSSLErrors("nonce") }
    var output: UnsafeMutablePointer<UInt8>?
    let length = i2d_TS_REQ(request, &output)
    guard length > 0, let output else { throw SignatureError.drainOpenSSLErrors("i2d_TS_REQ") }
    defer { registre_openssl_free(output) }
    der = Array(UnsafeBufferPointer(start: output, count: Int(length)))
  }

  deinit { TS_REQ_free(pointer) }
}

/// The smallest HTTP/1.1 client the RFC 3161 exchange needs: one POST, over plain HTTP or HTTPS.
enum HTTPClient {
  /// - Parameters:
  ///   - tlsAnchors: certificates trusted for HTTPS besides the system store.
  ///   - environment: where `https_proxy`, `http_proxy` and `no_proxy` are read (`HTTPProxy`).
  static func post(
    url: URL, contentType: String, body: [UInt8], maximumResponseSize: Int, timeoutSeconds: Int,
    tlsAnchors: [Certificate] = [], environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws(SignatureError) -> [UInt8] {
    let scheme = url.scheme?.lowercased()
    guard let scheme, scheme == "http" || scheme == "https", let host = url.host, !host.isEmpty else {
      throw .timestamp("seules les adresses http:// et https:// sont prises en charge")
    }
    let secure = scheme == "https"
    let port = url.port ?? (secure ? 443 : 80)
    var path = url.path.isEmpty ? "/" : url.path
    if let query = url.query { path += "?" + query }
    let hostHeader = url.port.map { "\(host):\($0)" } ?? host
    let proxy = HTTPProxy.forTarget(scheme: scheme, host: host, environment: environment)
    let connection: Connection
    do {
      connection = try Connection(host: proxy?.host ?? host, port: proxy?.port ?? port, timeoutSeconds: timeoutSeconds)
    } catch {
      guard let proxy else { throw error }
      throw .timestamp("proxy \(proxy.label) injoignable (\(error.description))")
    }
    var requestTarget = path
    var proxyHeaders = ""
    if let proxy {
      if secure {
        try openTunnel(connection, through: proxy, to: host, port: port)
      } else {
        // Plain HTTP through a proxy: the request names the whole URL (RFC 9112 § 3.2.2).
        requestTarget = "http://\(hostHeader)\(path)"
        if let authorization = proxy.authorization { proxyHeaders = "Proxy-Authorization: \(authorization)\r\n" }
      }
    }
    if secure { try connection.startTLS(host: host, anchors: tlsAnchors) }
    let head = "POST \(requestTarget) HTTP/1.1\r\nHost: \(hostHeader)\r\n\(proxyHeaders)Content-Type: \(contentType)\r\n"
      + "Content-Length: \(body.count)\r\nAccept: application/timestamp-reply\r\nConnection: close\r\n\r\n"
    try connection.write(Array(head.utf8) + body)
    var response: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 16 * 1024)
    while true {
      let received = try connection.read(into: &buffer)
      if received == 0 { break }
      response += buffer[0..<received]
      guard response.count <= maximumResponseSize + 64 * 1024 else { throw .timestamp("réponse trop grande") }
      if let complete = try? parse(response), complete.finished { break }
    }
    let parsed = try parse(response)
    guard parsed.finished || parsed.closeDelimited else { throw .timestamp("réponse HTTP incomplète") }
    if parsed.status == 407, let proxy {
      throw .timestamp(proxy.refusal(status: 407, reason: "", target: hostHeader))
    }
    guard parsed.status == 200 else { throw .timestamp("réponse HTTP \(parsed.status)") }
    return parsed.body
  }

  /// `CONNECT` through the proxy; returns once it answered 200.
  private static func openTunnel(
    _ connection: Connection, through proxy: HTTPProxy, to host: String, port: Int
  ) throws(SignatureError) {
    try connection.write(proxy.connectRequest(host: host, port: port))
    var buffer = [UInt8](repeating: 0, count: 4096)
    let problem = try proxy.awaitTunnel(to: "\(host):\(port)") { () throws(SignatureError) -> [UInt8] in
      let received = try connection.read(into: &buffer)
      return Array(buffer[0..<received])
    }
    if let problem { throw .timestamp(problem) }
  }

  /// An owned TCP connection, optionally wrapped in TLS (certificate and host name checked).
  final class Connection {
    let descriptor: Int32
    private var context: OpaquePointer?
    private var tls: OpaquePointer?

    init(host: String, port: Int, timeoutSeconds: Int) throws(SignatureError) {
      var hints = addrinfo()
      hints.ai_family = AF_UNSPEC
      hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
      var results: UnsafeMutablePointer<addrinfo>?
      guard getaddrinfo(host, String(port), &hints, &results) == 0, let first = results else {
        throw .timestamp("adresse \(host) introuvable")
      }
      defer { freeaddrinfo(results) }
      var current: UnsafeMutablePointer<addrinfo>? = first
      while let candidate = current {
        let socketDescriptor = socket(
          candidate.pointee.ai_family, candidate.pointee.ai_socktype, candidate.pointee.ai_protocol)
        if socketDescriptor >= 0 {
          // On Linux the send timeout also bounds connect(2).
          var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
          setsockopt(socketDescriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
          setsockopt(socketDescriptor, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
          if Glibc.connect(socketDescriptor, candidate.pointee.ai_addr, candidate.pointee.ai_addrlen) == 0 {
            descriptor = socketDescriptor
            return
          }
          close(socketDescriptor)
        }
        current = candidate.pointee.ai_next
      }
      throw .timestamp("connexion impossible à \(host):\(port)")
    }

    func startTLS(host: String, anchors: [Certificate]) throws(SignatureError) {
      guard let context = SSL_CTX_new(TLS_client_method()) else { throw SignatureError.drainOpenSSLErrors("SSL_CTX_new") }
      self.context = context
      _ = registre_ssl_ctx_set_min_proto_version(context, TLS1_2_VERSION)
      SSL_CTX_set_verify(context, SSL_VERIFY_PEER, nil)
      _ = SSL_CTX_set_default_verify_paths(context)
      for anchor in anchors { X509_STORE_add_cert(SSL_CTX_get_cert_store(context), anchor.pointer) }
      ERR_clear_error()
      guard let tls = SSL_new(context) else { throw SignatureError.drainOpenSSLErrors("SSL_new") }
      self.tls = tls
      guard SSL_set_fd(tls, descriptor) == 1, registre_ssl_set_tlsext_host_name(tls, host) == 1,
        SSL_set1_host(tls, host) == 1
      else { throw SignatureError.drainOpenSSLErrors("TLS") }
      guard SSL_connect(tls) == 1 else {
        let verification = SSL_get_verify_result(tls)
        ERR_clear_error()
        if verification != X509_V_OK {
          let reason = String(cString: X509_verify_cert_error_string(verification))
          throw .timestamp("certificat TLS de l'autorité refusé (\(reason))")
        }
        throw .timestamp("connexion TLS impossible avec \(host)")
      }
    }

    func write(_ bytes: [UInt8]) throws(SignatureError) {
      var offset = 0
      while offset < bytes.count {
        let sent: Int = bytes.withUnsafeBytes { raw in
          guard let base = raw.baseAddress else { return 0 }
          if let tls { return Int(SSL_write(tls, base + offset, Int32(min(raw.count - offset, Int(Int32.max))))) }
          return send(descriptor, base + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
        }
        if sent <= 0 {
          if tls == nil, errno == EINTR { continue }
          ERR_clear_error()
          throw .timestamp("envoi de la requête impossible")
        }
        offset += sent
      }
    }

    /// Reads what is available; 0 at the end of the stream.
    func read(into buffer: inout [UInt8]) throws(SignatureError) -> Int {
      while true {
        let received: Int = buffer.withUnsafeMutableBytes { raw in
          if let tls { return Int(SSL_read(tls, raw.baseAddress, Int32(raw.count))) }
          return recv(descriptor, raw.baseAddress, raw.count, 0)
        }
        if received > 0 { return received }
        if let tls {
          let code = SSL_get_error(tls, Int32(received))
          ERR_clear_error()
          // A server that closes without close_notify ends the body all the same.
          if code == SSL_ERROR_ZERO_RETURN || code == SSL_ERROR_SYSCALL || code == SSL_ERROR_SSL { return 0 }
          throw .timestamp("pas de réponse de l'autorité d'horodatage")
        }
        if received == 0 { return 0 }
        if errno == EINTR { continue }
        throw .timestamp("pas de réponse de l'autorité d'horodatage")
      }
    }

    deinit {
      if let tls { SSL_free(tls) }
      if let context { SSL_CTX_free(context) }
      close(descriptor)
    }
  }

  struct Response {
    var status: Int
    var body: [UInt8]
    var finished: Bool
    /// No length was announced: the body ends when the connection closes.
    var closeDelimited = false
  }

  /// Parses what has arrived so far; `finished` says whether the body is complete.
  static func parse(_ data: [UInt8]) throws(SignatureError) -> Response {
    guard let headerEnd = PDFDocument.find(Array("\r\n\r\n".utf8), in: data, range: 0..<data.count) else {
      return Response(status: 0, body: [], finished: false)
    }
    let lines = String(decoding: data[0..<headerEnd], as: UTF8.self).components(separatedBy: "\r\n")
    let statusParts = (lines.first ?? "").split(separator: " ")
    guard statusParts.count >= 2, statusParts[0].hasPrefix("HTTP/1."), let status = Int(statusParts[1]) else {
      throw .timestamp("réponse HTTP invalide")
    }
    var contentLength: Int?
    var chunked = false
    for line in lines.dropFirst() {
      let parts = line.split(separator: ":", maxSplits: 1)
      guard parts.count == 2 else { continue }
      let name = parts[0].trimmingCharacters(in: .whitespaces).lowercased()
      let value = parts[1].trimmingCharacters(in: .whitespaces)
      if name == "content-length" { contentLength = Int(value) }
      if name == "transfer-encoding", value.lowercased().contains("chunked") { chunked = true }
    }
    let rest = Array(data[(headerEnd + 4)...])
    if chunked {
      var body: [UInt8] = []
      var position = 0
      while true {
        guard let lineEnd = PDFDocument.find(Array("\r\n".utf8), in: rest, range: position..<rest.count) else {
          return Response(status: status, body: body, finished: false)
        }
        let sizeText = String(decoding: rest[position..<lineEnd], as: UTF8.self).split(separator: ";").first ?? ""
        guard let size = Int(sizeText.trimmingCharacters(in: .whitespaces), radix: 16), size >= 0 else {
          throw .timestamp("encodage HTTP invalide")
        }
        if size == 0 { return Response(status: status, body: body, finished: true) }
        let start = lineEnd + 2
        guard start + size + 2 <= rest.count else { return Response(status: status, body: body, finished: false) }
        body += rest[start..<(start + size)]
        position = start + size + 2
      }
    }
    if let contentLength {
      guard contentLength >= 0 else { throw .timestamp("réponse HTTP invalide") }
      if rest.count >= contentLength {
        return Response(status: status, body: Array(rest.prefix(contentLength)), finished: true)
      }
      return Response(status: status, body: rest, finished: false)
    }
    // Without a length the body ends when the server closes the connection.
    return Response(status: status, body: rest, finished: false, closeDelimited: true)
  }
}

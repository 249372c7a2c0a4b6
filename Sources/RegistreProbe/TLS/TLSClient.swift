import COpenSSL
import Foundation
import RegistreCrypto

/// Why one handshake attempt did not complete.
enum HandshakeFailure: Error {
  /// The server answered with an alert, another version, or closed the connection.
  case refused(String)
  /// The bound passed.
  case timeout(String)
  /// Our side could not even try (context set-up, version unsupported by this libssl).
  case local(String)
}

/// One TLS client connection pinned to a single protocol version. Owns its SSL_CTX and SSL;
/// the socket I/O is done by hand through memory BIOs so that every wait is bounded by a
/// deadline and no write can raise SIGPIPE.
final class TLSClient {
  private let context: OpaquePointer
  private let ssl: OpaquePointer
  private let input: OpaquePointer
  private let output: OpaquePointer
  private let connection: TCPConnection
  private var peerClosed = false

  init(
    version: TLSVersion, serverName: String?, trust: TrustStore, now: Date, connection: TCPConnection
  ) throws(HandshakeFailure) {
    ERR_clear_error()
    guard let context = SSL_CTX_new(TLS_client_method()) else {
      throw .local("contexte TLS impossible (\(openSSLErrors()))")
    }
    // SSL_new copies the context's versions and security level, so the context is set up first.
    if let failure = Self.configure(context, version: version, trust: trust) {
      SSL_CTX_free(context)
      throw failure
    }
    guard let ssl = SSL_new(context) else {
      SSL_CTX_free(context)
      throw .local("session TLS impossible (\(openSSLErrors()))")
    }
    guard let input = BIO_new(BIO_s_mem()), let output = BIO_new(BIO_s_mem()) else {
      SSL_free(ssl)
      SSL_CTX_free(context)
      throw .local("tampons TLS impossibles")
    }
    // SSL_set_bio hands both BIOs to the SSL, which frees them in SSL_free.
    SSL_set_bio(ssl, input, output)
    self.context = context
    self.ssl = ssl
    self.input = input
    self.output = output
    self.connection = connection
    // An empty memory BIO must mean "wait for more", not "end of stream".
    registre_bio_set_mem_eof_return(input, -1)
    // The chain is verified during the handshake but a failure must not abort it: the
    // result is read afterwards with SSL_get_verify_result.
    SSL_set_verify(ssl, SSL_VERIFY_NONE, nil)
    if let parameters = SSL_get0_param(ssl) {
      X509_VERIFY_PARAM_set_time(parameters, time_t(now.timeIntervalSince1970.rounded(.down)))
    }
    if let serverName {
      guard registre_ssl_set_tlsext_host_name(ssl, serverName) == 1 else {
        throw .local("nom de serveur (SNI) refusé")
      }
    }
    SSL_set_connect_state(ssl)
  }

  deinit {
    SSL_free(ssl)
    SSL_CTX_free(context)
  }

  private static func configure(_ context: OpaquePointer, version: TLSVersion, trust: TrustStore) -> HandshakeFailure? {
    let wire = version.wireVersion
    // The probe must see what the server offers, weak or not, and judge it afterwards:
    // security level 0 on this attempt's own context only; the process's defaults stay untouched.
    SSL_CTX_set_security_level(context, 0)
    guard registre_ssl_ctx_set_min_proto_version(context, wire) == 1,
      registre_ssl_ctx_set_max_proto_version(context, wire) == 1
    else {
      return .local("\(version.displayName) non pris en charge par la bibliothèque OpenSSL locale")
    }
    if version < .tls1_3 {
      guard SSL_CTX_set_cipher_list(context, "ALL:@SECLEVEL=0") == 1 else {
        return .local("liste de suites refusée (\(openSSLErrors()))")
      }
    }
    SSL_CTX_set1_cert_store(context, trust.pointer)
    return nil
  }

  /// Runs the handshake to completion, or fails, before the deadline.
  func handshake(deadline: Deadline) throws(HandshakeFailure) {
    ERR_clear_error()
    while true {
      let result = SSL_do_handshake(ssl)
      try flush(deadline: deadline)
      if result == 1 { return }
      let error = SSL_get_error(ssl, result)
      switch error {
      case SSL_ERROR_WANT_READ:
        if peerClosed {
          throw .refused("connexion fermée par le serveur pendant la négociation")
        }
        try fill(deadline: deadline)
      case SSL_ERROR_WANT_WRITE:
        continue
      case SSL_ERROR_SYSCALL, SSL_ERROR_ZERO_RETURN:
        let details = openSSLErrors()
        throw .refused(
          details.isEmpty
            ? "connexion fermée par le serveur pendant la négociation"
            : "négociation refusée (\(details))")
      default:
        let code = ERR_peek_error()
        let details = openSSLErrors()
        let reason = ERR_GET_REASON(code)
        if reason == SSL_R_NO_PROTOCOLS_AVAILABLE || reason == SSL_R_NO_CIPHERS_AVAILABLE {
          throw .local("la bibliothèque OpenSSL locale ne peut pas proposer cette version (\(details))")
        }
        throw .refused("négociation refusée (\(details))")
      }
    }
  }

  /// The negotiated suite, after a successful handshake.
  var cipher: CipherInfo? {
    guard let cipher = SSL_get_current_cipher(ssl) else { return nil }
    let openSSLName = SSL_CIPHER_get_name(cipher).map { String(cString: $0) } ?? "?"
    let standardName = SSL_CIPHER_standard_name(cipher).map { String(cString: $0) } ?? openSSLName
    let keyExchangeNID = SSL_CIPHER_get_kx_nid(cipher)
    let keyExchange: String
    let forwardSecrecy: Bool
    switch keyExchangeNID {
    case NID_kx_any:
      keyExchange = "TLS 1.3 (éphémère)"
      forwardSecrecy = true
    case NID_kx_ecdhe, NID_kx_ecdhe_psk:
      keyExchange = "ECDHE"
      forwardSecrecy = true
    case NID_kx_dhe, NID_kx_dhe_psk:
      keyExchange = "DHE"
      forwardSecrecy = true
    case NID_kx_rsa, NID_kx_rsa_psk:
      keyExchange = "RSA"
      forwardSecrecy = false
    default:
      keyExchange = OBJ_nid2sn(keyExchangeNID).map { String(cString: $0) } ?? "inconnu"
      forwardSecrecy = false
    }
    var buffer = [CChar](repeating: 0, count: 256)
    let description = SSL_CIPHER_description(cipher, &buffer, Int32(buffer.count)).map { String(cString: $0) } ?? ""
    let encryption =
      description.split(separator: " ").first { $0.hasPrefix("Enc=") }.map { String($0.dropFirst(4)) } ?? "?"
    let upper = encryption.uppercased()
    let broken =
      upper.hasPrefix("RC4") || upper.hasPrefix("DES") || upper.hasPrefix("3DES") || upper == "NONE"
      || upper.hasPrefix("RC2") || openSSLName.uppercased().contains("EXP")
    return CipherInfo(
      name: standardName, openSSLName: openSSLName, keyExchange: keyExchange,
      forwardSecrecy: forwardSecrecy, aead: SSL_CIPHER_is_aead(cipher) == 1, encryption: encryption,
      broken: broken)
  }

  /// Reads the server certificate and checks it; `host` is the URL's host without brackets.
  func certificate(host: String, now: Date) -> CertificateInfo? {
    // SSL_get1_peer_certificate hands over a reference: the Certificate owns it.
    guard let pointer = SSL_get1_peer_certificate(ssl) else { return nil }
    let leaf = Certificate(owning: pointer)
    var chain: [ChainCertificate] = []
    if let stack = SSL_get_peer_cert_chain(ssl) {
      for index in 0..<max(0, registre_sk_x509_num(stack)) {
        guard let pointer = registre_sk_x509_value(stack, index) else { continue }
        let certificate = Certificate(retaining: pointer)
        chain.append(
          ChainCertificate(subject: certificate.subject, issuer: certificate.issuer, notAfter: certificate.notAfter))
      }
    }
    let verifyCode = Int(SSL_get_verify_result(ssl))
    return CertificateReader.describe(leaf: leaf, chain: chain, verifyCode: verifyCode, host: host, now: now)
  }

  /// Sends `request` and returns the response bytes up to the end of the headers, at most
  /// `limit` bytes, before the deadline. Returns what was read when the server closes.
  func exchange(request: [UInt8], limit: Int, deadline: Deadline) throws(HandshakeFailure) -> [UInt8] {
    ERR_clear_error()
    let written = request.withUnsafeBytes { buffer -> Int32 in
      guard let base = buffer.baseAddress else { return 0 }
      return SSL_write(ssl, base, Int32(buffer.count))
    }
    guard written == Int32(request.count) else {
      throw .refused("envoi de la requête HTTP impossible (\(openSSLErrors()))")
    }
    try flush(deadline: deadline)
    var response: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 4096)
    while response.count < limit {
      if HTTPHead.headerEnd(in: response) != nil { break }
      let count = chunk.withUnsafeMutableBytes { buffer -> Int32 in
        guard let base = buffer.baseAddress else { return 0 }
        return SSL_read(ssl, base, Int32(buffer.count))
      }
      if count > 0 {
        response += chunk.prefix(Int(count))
        continue
      }
      let error = SSL_get_error(ssl, count)
      try flush(deadline: deadline)
      if error == SSL_ERROR_WANT_READ {
        if peerClosed { break }
        try fill(deadline: deadline)
        continue
      }
      if error == SSL_ERROR_WANT_WRITE { continue }
      // Clean close, or a server that hangs up without close_notify: keep what was read.
      break
    }
    return Array(response.prefix(limit))
  }

  /// Moves the bytes libssl produced to the socket.
  private func flush(deadline: Deadline) throws(HandshakeFailure) {
    var chunk = [UInt8](repeating: 0, count: 16_384)
    while BIO_ctrl_pending(output) > 0 {
      let count = chunk.withUnsafeMutableBytes { buffer -> Int32 in
        guard let base = buffer.baseAddress else { return 0 }
        return BIO_read(output, base, Int32(buffer.count))
      }
      guard count > 0 else { return }
      switch connection.write(Array(chunk.prefix(Int(count))), deadline: deadline) {
      case .success:
        continue
      case .failure(.timeout(let message)):
        throw .timeout(message)
      case .failure(let failure):
        throw .refused(failure.message)
      }
    }
  }

  /// Moves bytes from the socket to libssl; marks end of stream when the server closes.
  private func fill(deadline: Deadline) throws(HandshakeFailure) {
    switch connection.read(limit: 16_384, deadline: deadline) {
    case .success(let bytes):
      if bytes.isEmpty {
        peerClosed = true
        registre_bio_set_mem_eof_return(input, 0)
        return
      }
      let written = bytes.withUnsafeBytes { buffer -> Int32 in
        guard let base = buffer.baseAddress else { return 0 }
        return BIO_write(input, base, Int32(buffer.count))
      }
      guard written == Int32(bytes.count) else { throw .local("tampon TLS saturé") }
    case .failure(.timeout(let message)):
      throw .timeout(message)
    case .failure(let failure):
      throw .refused(failure.message)
    }
  }
}

extension TLSVersion {
  var wireVersion: Int32 {
    switch self {
    case .tls1_0: TLS1_VERSION
    case .tls1_1: TLS1_1_VERSION
    case .tls1_2: TLS1_2_VERSION
    case .tls1_3: TLS1_3_VERSION
    }
  }
}

/// Drains OpenSSL's thread-local error queue into one readable line.
func openSSLErrors() -> String {
  var reasons: [String] = []
  while true {
    let code = ERR_get_error()
    if code == 0 { break }
    if let reason = ERR_reason_error_string(code) {
      reasons.append(String(cString: reason))
    } else {
      var buffer = [CChar](repeating: 0, count: 256)
      ERR_error_string_n(code, &buffer, buffer.count)
      reasons.append(CertificateReader.string(fromNulTerminated: buffer))
    }
  }
  var seen = Set<String>()
  return reasons.filter { seen.insert($0).inserted }.joined(separator: " ; ")
}

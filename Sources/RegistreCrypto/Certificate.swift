import COpenSSL
public import Foundation

/// An owned X.509 certificate, and the one place Registre reads certificates.
public final class Certificate: @unchecked Sendable {
  /// The owned `X509*`; for the signature and probe internals that hand it to OpenSSL.
  package let pointer: OpaquePointer

  /// Takes ownership of `pointer`.
  package init(owning pointer: OpaquePointer) { self.pointer = pointer }

  /// Takes a new reference on `pointer`, which the caller keeps owning.
  package init(retaining pointer: OpaquePointer) {
    X509_up_ref(pointer)
    self.pointer = pointer
  }

  deinit { X509_free(pointer) }

  /// Every certificate in PEM text (DER is accepted for a single certificate); empty when there is none.
  public static func all(fromPEMOrDER bytes: [UInt8]) throws(CryptoError) -> [Certificate] {
    let bio = try MemoryBIO(bytes: bytes)
    var result: [Certificate] = []
    while let x509 = PEM_read_bio_X509(bio.pointer, nil, nil, nil) {
      result.append(Certificate(owning: x509))
    }
    ERR_clear_error()
    if result.isEmpty {
      let parsed: OpaquePointer? = bytes.withUnsafeBufferPointer { buffer in
        var cursor: UnsafePointer<UInt8>? = buffer.baseAddress
        return d2i_X509(nil, &cursor, buffer.count)
      }
      if let parsed { result.append(Certificate(owning: parsed)) }
      ERR_clear_error()
    }
    return result
  }

  /// The first certificate of PEM or DER bytes.
  public convenience init(pemOrDER bytes: [UInt8]) throws(CryptoError) {
    guard let first = try Certificate.all(fromPEMOrDER: bytes).first else { throw .unreadableCertificate }
    self.init(retaining: first.pointer)
  }

  /// DER encoding; empty if OpenSSL cannot encode it.
  public var der: [UInt8] {
    var output: UnsafeMutablePointer<UInt8>?
    let length = i2d_X509(pointer, &output)
    guard length > 0, let output else { return [] }
    defer { registre_openssl_free(output) }
    return Array(UnsafeBufferPointer(start: output, count: Int(length)))
  }

  /// PEM encoding; empty if OpenSSL cannot encode it.
  public var pem: String {
    guard let bio = try? MemoryBIO() else { return "" }
    PEM_write_bio_X509(bio.pointer, pointer)
    return String(decoding: bio.contents, as: UTF8.self)
  }

  public var notBefore: Date? { Certificate.date(X509_get0_notBefore(pointer)) }
  public var notAfter: Date? { Certificate.date(X509_get0_notAfter(pointer)) }

  /// An `ASN1_TIME*` (passed untyped, as OpenSSL's types stay inside the door) as a date; nil when unreadable.
  package static func date(asn1Time: UnsafeRawPointer?) -> Date? {
    date(asn1Time.map { $0.assumingMemoryBound(to: ASN1_TIME.self) })
  }

  /// An ASN1_TIME as a date; nil when it cannot be read.
  private static func date(_ time: UnsafePointer<ASN1_TIME>?) -> Date? {
    guard let time else { return nil }
    var parts = tm()
    guard ASN1_TIME_to_tm(time, &parts) == 1 else { return nil }
    return Date(timeIntervalSince1970: TimeInterval(timegm(&parts)))
  }

  /// An X509_NAME as RFC 2253 text (order and escaping), with UTF-8 kept readable.
  package static func nameText(_ name: OpaquePointer?) -> String {
    guard let name, let bio = try? MemoryBIO() else { return "" }
    X509_NAME_print_ex(bio.pointer, name, 0, registre_name_print_flags())
    return String(decoding: bio.contents, as: UTF8.self)
  }

  /// Subject name, RFC 2253 text.
  public var subject: String { Certificate.nameText(X509_get_subject_name(pointer)) }
  /// Issuer name, RFC 2253 text.
  public var issuer: String { Certificate.nameText(X509_get_issuer_name(pointer)) }

  /// The subject's common name, if any.
  public var commonName: String? {
    guard let name = X509_get_subject_name(pointer) else { return nil }
    let index = X509_NAME_get_index_by_NID(name, NID_commonName, -1)
    guard index >= 0, let entry = X509_NAME_get_entry(name, index),
      let data = X509_NAME_ENTRY_get_data(entry)
    else { return nil }
    var utf8: UnsafeMutablePointer<UInt8>?
    let length = ASN1_STRING_to_UTF8(&utf8, data)
    guard length >= 0, let utf8 else { return nil }
    defer { registre_openssl_free(utf8) }
    return String(decoding: UnsafeBufferPointer(start: utf8, count: Int(length)), as: UTF8.self)
  }

  /// Serial number in hexadecimal, upper case; empty if unreadable.
  public var serialHex: String {
    guard let serial = X509_get_serialNumber(pointer), let bignum = ASN1_INTEGER_to_BN(serial, nil) else { return "" }
    defer { BN_free(bignum) }
    guard let hex = BN_bn2hex(bignum) else { return "" }
    defer { registre_openssl_free(hex) }
    return String(cString: hex)
  }

  /// The issuer is the subject and the signature verifies with the certificate's own key.
  public var isSelfSigned: Bool { X509_self_signed(pointer, 1) == 1 }

  /// The certificate names this DNS host (RFC 6125 matching by OpenSSL).
  public func matches(hostName: String) -> Bool {
    X509_check_host(pointer, hostName, hostName.utf8.count, 0, nil) == 1
  }

  /// The certificate names this IP address (textual IPv4 or IPv6).
  public func matches(ipAddress: String) -> Bool {
    X509_check_ip_asc(pointer, ipAddress, 0) == 1
  }

  /// Long name of the signature algorithm (« sha256WithRSAEncryption »); nil when OpenSSL has none.
  public var signatureAlgorithm: String? {
    OBJ_nid2ln(X509_get_signature_nid(pointer)).map { String(cString: $0) }
  }

  /// The subject's public key; nil when it cannot be read.
  public var publicKey: PublicKeySummary? {
    guard let key = X509_get0_pubkey(pointer) else { return nil }
    let bits = Int(EVP_PKEY_get_bits(key))
    let type: String?
    var curve: String?
    switch EVP_PKEY_get_base_id(key) {
    case EVP_PKEY_RSA, EVP_PKEY_RSA_PSS: type = "RSA"
    case EVP_PKEY_EC:
      type = "EC"
      var buffer = [CChar](repeating: 0, count: 80)
      var length = 0
      if EVP_PKEY_get_group_name(key, &buffer, buffer.count, &length) == 1 {
        curve = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
      }
    case EVP_PKEY_ED25519: type = "Ed25519"
    case EVP_PKEY_ED448: type = "Ed448"
    case EVP_PKEY_DSA: type = "DSA"
    default: type = OBJ_nid2sn(EVP_PKEY_get_base_id(key)).map { String(cString: $0) }
    }
    return PublicKeySummary(type: type, bits: bits, curve: curve)
  }
}

/// What a certificate's public key is.
public struct PublicKeySummary: Sendable, Equatable {
  /// « RSA », « EC », « Ed25519 », « Ed448 », « DSA », or OpenSSL's short name; nil when unknown.
  public var type: String?
  public var bits: Int
  /// Named curve of an EC key (« prime256v1 »).
  public var curve: String?

  public init(type: String?, bits: Int, curve: String?) {
    self.type = type
    self.bits = bits
    self.curve = curve
  }
}

/// An owned `STACK_OF(X509)` holding new references to certificates.
package final class CertificateStack {
  package let pointer: OpaquePointer

  package init(_ certificates: [Certificate]) throws(CryptoError) {
    guard let stack = OPENSSL_sk_new_null() else { throw CryptoError.drainOpenSSLErrors("sk_new") }
    pointer = stack
    for certificate in certificates {
      X509_up_ref(certificate.pointer)
      OPENSSL_sk_push(stack, UnsafeRawPointer(certificate.pointer))
    }
  }

  /// Gives the stack away (for APIs that take ownership); this object then frees nothing.
  private var released = false
  package func release() -> OpaquePointer {
    released = true
    return pointer
  }

  deinit {
    if !released { CertificateStack.free(pointer) }
  }

  package static func free(_ stack: OpaquePointer) {
    let count = OPENSSL_sk_num(stack)
    for index in 0..<max(0, count) {
      if let item = OPENSSL_sk_value(stack, index) { X509_free(OpaquePointer(item)) }
    }
    OPENSSL_sk_free(stack)
  }

  /// New references to every certificate of a borrowed stack.
  package static func certificates(in stack: OpaquePointer?) -> [Certificate] {
    guard let stack else { return [] }
    return (0..<max(0, OPENSSL_sk_num(stack))).compactMap { index in
      OPENSSL_sk_value(stack, index).map { Certificate(retaining: OpaquePointer($0)) }
    }
  }
}

import COpenSSL
public import Foundation
import RegistreSupport

/// A password held in memory that is not moved by Swift's copy-on-write and is wiped when released.
public final class SecretPassword: @unchecked Sendable {
  private let buffer: UnsafeMutableBufferPointer<CChar>
  /// Length in bytes, without the terminating NUL.
  let count: Int

  /// Copies the bytes (a trailing newline is removed) and wipes the caller's array copy if it is `inout`.
  public init(bytes: inout [UInt8]) {
    ProcessHardening.disableCoreDumps()
    var length = bytes.count
    while length > 0, bytes[length - 1] == 0x0A || bytes[length - 1] == 0x0D { length -= 1 }
    buffer = UnsafeMutableBufferPointer<CChar>.allocate(capacity: length + 1)
    for index in 0..<length { buffer[index] = CChar(bitPattern: bytes[index]) }
    buffer[length] = 0
    count = length
    bytes.withUnsafeMutableBytes { raw in
      if let base = raw.baseAddress { registre_openssl_cleanse(base, raw.count) }
    }
  }

  /// Reads a password from a file: its first line.
  public convenience init(contentsOf url: URL) throws {
    var data = try Data(contentsOf: url)
    var bytes = [UInt8](data.prefix { $0 != 0x0A && $0 != 0x0D })
    data.withUnsafeMutableBytes { raw in
      if let base = raw.baseAddress { registre_openssl_cleanse(base, raw.count) }
    }
    self.init(bytes: &bytes)
  }

  /// Convenience for tests and environment variables.
  public convenience init(_ text: String) {
    var bytes = Array(text.utf8)
    self.init(bytes: &bytes)
  }

  func withCString<T, E: Error>(_ body: (UnsafeMutablePointer<CChar>) throws(E) -> T) throws(E) -> T {
    // The buffer always has its terminating NUL.
    guard let base = buffer.baseAddress else { preconditionFailure("allocated buffer") }
    return try body(base)
  }

  deinit {
    if let base = buffer.baseAddress { registre_openssl_cleanse(base, buffer.count) }
    buffer.deallocate()
  }
}

/// An owned `BIO*` over memory.
final class MemoryBIO {
  let pointer: OpaquePointer

  init() throws(SignatureError) {
    guard let bio = BIO_new(BIO_s_mem()) else { throw SignatureError.drainOpenSSLErrors("BIO_new") }
    pointer = bio
  }

  convenience init(bytes: [UInt8]) throws(SignatureError) {
    try self.init()
    let written = bytes.withUnsafeBytes { raw in BIO_write(pointer, raw.baseAddress, Int32(raw.count)) }
    guard written == bytes.count || bytes.isEmpty else { throw SignatureError.drainOpenSSLErrors("BIO_write") }
  }

  /// A BIO holding key material: its buffer is wiped before being freed.
  convenience init(secret bytes: [UInt8]) throws(SignatureError) {
    try self.init(bytes: bytes)
    wipeOnRelease = true
  }

  private var wipeOnRelease = false

  var contents: [UInt8] {
    var data: UnsafeMutablePointer<CChar>?
    let length = BIO_ctrl(pointer, BIO_CTRL_INFO, 0, &data)
    guard let data, length > 0 else { return [] }
    return data.withMemoryRebound(to: UInt8.self, capacity: length) { Array(UnsafeBufferPointer(start: $0, count: length)) }
  }

  deinit {
    if wipeOnRelease {
      var data: UnsafeMutablePointer<CChar>?
      let length = BIO_ctrl(pointer, BIO_CTRL_INFO, 0, &data)
      if let data, length > 0 { registre_openssl_cleanse(data, length) }
    }
    BIO_free(pointer)
  }
}

/// An owned X.509 certificate.
public final class Certificate: @unchecked Sendable {
  let pointer: OpaquePointer

  /// Takes ownership of `pointer`.
  init(owning pointer: OpaquePointer) { self.pointer = pointer }

  /// Takes a new reference on `pointer`.
  init(retaining pointer: OpaquePointer) {
    X509_up_ref(pointer)
    self.pointer = pointer
  }

  deinit { X509_free(pointer) }

  /// Every certificate in PEM text (DER is accepted for a single certificate).
  static func all(fromPEMOrDER bytes: [UInt8]) throws(SignatureError) -> [Certificate] {
    let bio = try MemoryBIO(bytes: bytes)
    var result: [Certificate] = []
    while let x509 = PEM_read_bio_X509(bio.pointer, nil, nil, nil) {
      result.append(Certificate(owning: x509))
    }
    ERR_clear_error()
    if result.isEmpty {
      let der = bytes
      let parsed: OpaquePointer? = der.withUnsafeBufferPointer { buffer in
        var cursor: UnsafePointer<UInt8>? = buffer.baseAddress
        return d2i_X509(nil, &cursor, buffer.count)
      }
      if let parsed { result.append(Certificate(owning: parsed)) }
      ERR_clear_error()
    }
    return result
  }

  var der: [UInt8] {
    var output: UnsafeMutablePointer<UInt8>?
    let length = i2d_X509(pointer, &output)
    guard length > 0, let output else { return [] }
    defer { registre_openssl_free(output) }
    return Array(UnsafeBufferPointer(start: output, count: Int(length)))
  }

  var pem: String {
    guard let bio = try? MemoryBIO() else { return "" }
    PEM_write_bio_X509(bio.pointer, pointer)
    return String(decoding: bio.contents, as: UTF8.self)
  }

  var notBefore: Date? { Certificate.date(X509_get0_notBefore(pointer)) }
  var notAfter: Date? { Certificate.date(X509_get0_notAfter(pointer)) }

  static func date(_ time: UnsafePointer<ASN1_TIME>?) -> Date? {
    guard let time else { return nil }
    var parts = tm()
    guard ASN1_TIME_to_tm(time, &parts) == 1 else { return nil }
    return Date(timeIntervalSince1970: TimeInterval(timegm(&parts)))
  }

  static func nameText(_ name: OpaquePointer?) -> String {
    guard let name, let bio = try? MemoryBIO() else { return "" }
    // RFC 2253 order and escaping, but UTF-8 kept readable.
    X509_NAME_print_ex(bio.pointer, name, 0, registre_name_print_flags())
    return String(decoding: bio.contents, as: UTF8.self)
  }

  var subject: String { Certificate.nameText(X509_get_subject_name(pointer)) }
  var issuer: String { Certificate.nameText(X509_get_issuer_name(pointer)) }

  /// The subject's common name, if any.
  var commonName: String? {
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

  var serialHex: String {
    guard let serial = X509_get_serialNumber(pointer), let bignum = ASN1_INTEGER_to_BN(serial, nil) else { return "" }
    defer { BN_free(bignum) }
    guard let hex = BN_bn2hex(bignum) else { return "" }
    defer { registre_openssl_free(hex) }
    return String(cString: hex)
  }

  /// A summary for reports.
  public var info: CertificateInfo {
    CertificateInfo(
      subject: subject, issuer: issuer, serialNumber: serialHex, notBefore: notBefore, notAfter: notAfter,
      commonName: commonName)
  }
}

/// Who a certificate names and when it is valid.
public struct CertificateInfo: Codable, Equatable, Sendable {
  public var subject: String
  public var issuer: String
  /// Hexadecimal, upper case.
  public var serialNumber: String
  public var notBefore: Date?
  public var notAfter: Date?
  public var commonName: String?
}

/// An owned private key. Never printed, never written.
final class PrivateKey: @unchecked Sendable {
  let pointer: OpaquePointer

  init(owning pointer: OpaquePointer) { self.pointer = pointer }

  deinit { EVP_PKEY_free(pointer) }
}

/// An owned `X509_STORE` of trust anchors.
final class TrustStore {
  let pointer: OpaquePointer

  init(anchors: [Certificate], useSystemStore: Bool) throws(SignatureError) {
    guard let store = X509_STORE_new() else { throw SignatureError.drainOpenSSLErrors("X509_STORE_new") }
    pointer = store
    for anchor in anchors { X509_STORE_add_cert(store, anchor.pointer) }
    if useSystemStore { X509_STORE_set_default_paths(store) }
    ERR_clear_error()
  }

  deinit { X509_STORE_free(pointer) }
}

/// An owned `STACK_OF(X509)` holding new references to certificates.
final class CertificateStack {
  let pointer: OpaquePointer

  init(_ certificates: [Certificate]) throws(SignatureError) {
    guard let stack = OPENSSL_sk_new_null() else { throw SignatureError.drainOpenSSLErrors("sk_new") }
    pointer = stack
    for certificate in certificates {
      X509_up_ref(certificate.pointer)
      OPENSSL_sk_push(stack, UnsafeRawPointer(certificate.pointer))
    }
  }

  /// Gives the stack away (for APIs that take ownership); this object then frees nothing.
  private var released = false
  func release() -> OpaquePointer {
    released = true
    return pointer
  }

  deinit {
    if !released { CertificateStack.free(pointer) }
  }

  static func free(_ stack: OpaquePointer) {
    let count = OPENSSL_sk_num(stack)
    for index in 0..<max(0, count) {
      if let item = OPENSSL_sk_value(stack, index) { X509_free(OpaquePointer(item)) }
    }
    OPENSSL_sk_free(stack)
  }

  /// New references to every certificate of a borrowed stack.
  static func certificates(in stack: OpaquePointer?) -> [Certificate] {
    guard let stack else { return [] }
    return (0..<max(0, OPENSSL_sk_num(stack))).compactMap { index in
      OPENSSL_sk_value(stack, index).map { Certificate(retaining: OpaquePointer($0)) }
    }
  }
}

import COpenSSL
public import Foundation
public import RegistreCrypto
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
  /// Largest password file read (4 KiB).
  public static let maximumFileSize = 4096

  public convenience init(contentsOf url: URL) throws {
    // A password file is a few bytes: a pipe, a device or a large file is refused before any read.
    var data = try BoundedFile.read(url, limit: SecretPassword.maximumFileSize)
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

extension Certificate {
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

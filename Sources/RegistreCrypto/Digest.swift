import COpenSSL
public import Foundation

/// The digest algorithms Registre computes or meets in signatures.
public enum DigestAlgorithm: String, Sendable, CaseIterable, Equatable {
  case sha1, sha256, sha384, sha512

  /// OpenSSL's numeric identifier (NID) of the algorithm.
  package var nid: Int32 {
    switch self {
    case .sha1: NID_sha1
    case .sha256: NID_sha256
    case .sha384: NID_sha384
    case .sha512: NID_sha512
    }
  }

  /// The algorithm of an OpenSSL NID, if it is one of these.
  package init?(nid: Int32) {
    guard let algorithm = DigestAlgorithm.allCases.first(where: { $0.nid == nid }) else { return nil }
    self = algorithm
  }

  /// Length of the digest in bytes.
  public var length: Int {
    switch self {
    case .sha1: 20
    case .sha256: 32
    case .sha384: 48
    case .sha512: 64
    }
  }

  fileprivate var md: OpaquePointer? {
    switch self {
    case .sha1: EVP_sha1()
    case .sha256: EVP_sha256()
    case .sha384: EVP_sha384()
    case .sha512: EVP_sha512()
    }
  }
}

/// The one implementation of message digests in Registre (OpenSSL's EVP interface). Every failure
/// throws: a digest is never silently empty.
public enum Digest {
  /// Digest of the concatenation of `parts`, without copying them together.
  public static func compute(_ algorithm: DigestAlgorithm, over parts: [ArraySlice<UInt8>]) throws(CryptoError)
    -> [UInt8]
  {
    guard let md = algorithm.md else { throw CryptoError.drainOpenSSLErrors("EVP_\(algorithm.rawValue)") }
    return try compute(md: md, over: parts)
  }

  /// Digest of `data`.
  public static func compute(_ algorithm: DigestAlgorithm, of data: Data) throws(CryptoError) -> [UInt8] {
    guard let md = algorithm.md else { throw CryptoError.drainOpenSSLErrors("EVP_\(algorithm.rawValue)") }
    return try withContext(md: md) { context in
      data.withUnsafeBytes { raw in EVP_DigestUpdate(context, raw.baseAddress, raw.count) == 1 }
    }
  }

  /// SHA-256 of `data`.
  public static func sha256(_ data: Data) throws(CryptoError) -> [UInt8] {
    try compute(.sha256, of: data)
  }

  /// Lower-case hexadecimal SHA-256 of `data`, as `sha256sum` prints it.
  public static func sha256Hex(_ data: Data) throws(CryptoError) -> String {
    hex(try sha256(data))
  }

  /// Lower-case hexadecimal writing of `bytes`.
  public static func hex(_ bytes: [UInt8]) -> String {
    let table = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count * 2)
    for byte in bytes {
      out.append(table[Int(byte >> 4)])
      out.append(table[Int(byte & 0x0F)])
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// Digest with an `EVP_MD*` the caller holds (for instance the algorithm a CMS signer info names).
  package static func compute(md: OpaquePointer, over parts: [ArraySlice<UInt8>]) throws(CryptoError) -> [UInt8] {
    try withContext(md: md) { context in
      for part in parts {
        let updated = part.withUnsafeBytes { raw in EVP_DigestUpdate(context, raw.baseAddress, raw.count) == 1 }
        guard updated else { return false }
      }
      return true
    }
  }

  /// Runs init, `feed` (true when every update succeeded) and final on one owned context.
  private static func withContext(md: OpaquePointer, feed: (OpaquePointer) -> Bool) throws(CryptoError) -> [UInt8] {
    guard let context = EVP_MD_CTX_new() else { throw CryptoError.drainOpenSSLErrors("EVP_MD_CTX_new") }
    defer { EVP_MD_CTX_free(context) }
    guard EVP_DigestInit_ex(context, md, nil) == 1 else { throw CryptoError.drainOpenSSLErrors("EVP_DigestInit_ex") }
    guard feed(context) else { throw CryptoError.drainOpenSSLErrors("EVP_DigestUpdate") }
    var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
    var length: UInt32 = 0
    guard EVP_DigestFinal_ex(context, &output, &length) == 1 else {
      throw CryptoError.drainOpenSSLErrors("EVP_DigestFinal_ex")
    }
    return Array(output.prefix(Int(length)))
  }
}

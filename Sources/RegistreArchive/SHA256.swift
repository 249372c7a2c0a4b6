import COpenSSL
public import Foundation

/// SHA-256 with OpenSSL's EVP interface.
public enum SHA256 {
  public static func digest(_ data: Data) -> [UInt8] {
    guard let context = EVP_MD_CTX_new() else { return [] }
    defer { EVP_MD_CTX_free(context) }
    guard EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1 else { return [] }
    data.withUnsafeBytes { raw in _ = EVP_DigestUpdate(context, raw.baseAddress, raw.count) }
    var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
    var length: UInt32 = 0
    guard EVP_DigestFinal_ex(context, &digest, &length) == 1 else { return [] }
    return Array(digest.prefix(Int(length)))
  }

  /// Lower-case hexadecimal digest, as `sha256sum` prints it.
  public static func hex(_ data: Data) -> String {
    let table = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    for byte in digest(data) {
      out.append(table[Int(byte >> 4)])
      out.append(table[Int(byte & 0x0F)])
    }
    return String(decoding: out, as: UTF8.self)
  }
}

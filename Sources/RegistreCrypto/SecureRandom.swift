import COpenSSL

/// Random bytes for nonces and document identifiers.
public enum SecureRandom {
  /// `count` bytes from OpenSSL's generator; from the system generator if OpenSSL's fails.
  public static func bytes(_ count: Int) -> [UInt8] {
    var bytes = [UInt8](repeating: 0, count: count)
    if RAND_bytes(&bytes, Int32(count)) != 1 {
      // SystemRandomNumberGenerator is cryptographically secure (getrandom on Linux).
      for index in 0..<count { bytes[index] = UInt8.random(in: 0...255) }
    }
    return bytes
  }
}

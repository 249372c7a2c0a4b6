import COpenSSL

/// Why an operation of the crypto door failed. Descriptions are French (they reach users through the CLI)
/// and never contain key material.
public enum CryptoError: Error, Equatable, Sendable, CustomStringConvertible {
  /// OpenSSL failed; `detail` names the call and OpenSSL's generic error text.
  case openSSL(String)
  /// The bytes hold no certificate in PEM or DER.
  case unreadableCertificate
  /// A trust-anchor file that cannot be read or holds no certificate (its path).
  case unreadableTrustAnchors(String)
  /// OpenSSL's default locations of the system's trusted certificates could not be set.
  case systemTrustStoreUnavailable

  public var description: String {
    switch self {
    case .openSSL(let detail): "erreur cryptographique : \(detail)"
    case .unreadableCertificate: "aucun certificat lisible (PEM ou DER attendu)"
    case .unreadableTrustAnchors(let path):
      "fichier d'autorités de confiance illisible ou sans certificat : \(path)"
    case .systemTrustStoreUnavailable: "magasin de certificats du système introuvable"
    }
  }

  /// Empties OpenSSL's thread-local error queue into a short, key-free description.
  package static func drainOpenSSLErrors(_ context: String) -> CryptoError {
    .openSSL(openSSLErrorText(context))
  }

  /// `context`, followed by at most three of OpenSSL's queued errors; the queue is emptied.
  package static func openSSLErrorText(_ context: String) -> String {
    var messages: [String] = []
    while true {
      let code = ERR_get_error()
      if code == 0 { break }
      var buffer = [CChar](repeating: 0, count: 256)
      ERR_error_string_n(code, &buffer, buffer.count)
      if messages.count < 3 {
        messages.append(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
      }
    }
    return messages.isEmpty ? context : "\(context) (\(messages.joined(separator: " ; ")))"
  }
}

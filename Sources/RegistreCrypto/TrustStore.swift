import COpenSSL
public import Foundation

/// An owned `X509_STORE` of trust anchors: the one trust store of Registre (signature verification and the TLS
/// probe both use it).
public final class TrustStore {
  /// The owned store; OpenSSL objects that keep it (an `SSL_CTX`) take their own reference.
  package let pointer: OpaquePointer

  /// A store with these anchors, the certificates of these PEM files, and the system's store if asked.
  /// Throws when a file cannot be read or holds no certificate, or when the system's store cannot be set.
  public init(anchors: [Certificate] = [], pemFiles: [URL] = [], useSystemStore: Bool) throws(CryptoError) {
    guard let store = X509_STORE_new() else { throw CryptoError.drainOpenSSLErrors("X509_STORE_new") }
    pointer = store
    // Adding an anchor twice is harmless: the result of each addition is not an error worth reporting.
    for anchor in anchors { X509_STORE_add_cert(store, anchor.pointer) }
    ERR_clear_error()
    for file in pemFiles {
      let path = file.path
      guard FileManager.default.isReadableFile(atPath: path), X509_STORE_load_file(store, path) == 1 else {
        ERR_clear_error()
        throw .unreadableTrustAnchors(path)
      }
    }
    if useSystemStore {
      guard X509_STORE_set_default_paths(store) == 1 else {
        ERR_clear_error()
        throw .systemTrustStoreUnavailable
      }
    }
  }

  deinit { X509_STORE_free(pointer) }

  /// Whether `certificate` chains to an anchor of this store at `date`, using `untrusted` as intermediates.
  public func verify(_ certificate: Certificate, untrusted: [Certificate] = [], at date: Date) -> ChainVerification {
    guard let context = X509_STORE_CTX_new(), let stack = try? CertificateStack(untrusted) else {
      ERR_clear_error()
      return ChainVerification(trusted: false, code: nil)
    }
    defer { X509_STORE_CTX_free(context) }
    guard X509_STORE_CTX_init(context, pointer, certificate.pointer, stack.pointer) == 1 else {
      ERR_clear_error()
      return ChainVerification(trusted: false, code: nil)
    }
    X509_STORE_CTX_set_time(context, 0, time_t(date.timeIntervalSince1970))
    if X509_verify_cert(context) == 1 { return ChainVerification(trusted: true, code: Int(X509_V_OK)) }
    let code = X509_STORE_CTX_get_error(context)
    ERR_clear_error()
    return ChainVerification(trusted: false, code: Int(code))
  }
}

/// The outcome of a chain verification.
public struct ChainVerification: Sendable, Equatable {
  public var trusted: Bool
  /// OpenSSL's verify result (0 when trusted); nil when verification could not even start.
  public var code: Int?

  /// French reason for a refusal; nil when trusted.
  public var reason: String? {
    guard !trusted else { return nil }
    guard let code else { return "vérification impossible" }
    return ChainVerification.reason(code: code)
  }

  /// French reading of OpenSSL's verify results met in practice; OpenSSL's text otherwise.
  public static func reason(code: Int) -> String {
    switch Int32(code) {
    case X509_V_ERR_CERT_HAS_EXPIRED: return "certificat expiré"
    case X509_V_ERR_CERT_NOT_YET_VALID: return "certificat pas encore valide"
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY, X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
      return "émetteur inconnu (aucune autorité de confiance ne le reconnaît)"
    case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT, X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
      return "certificat auto-signé non approuvé"
    case X509_V_ERR_CERT_SIGNATURE_FAILURE: return "signature de certificat invalide"
    case X509_V_ERR_INVALID_CA: return "autorité intermédiaire invalide"
    default:
      return X509_verify_cert_error_string(code).map { String(cString: $0) } ?? "erreur inconnue"
    }
  }
}

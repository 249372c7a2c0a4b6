import COpenSSL
public import Foundation

/// Where the probe takes the certificates it trusts.
public enum TrustAnchors: Sendable, Equatable {
  /// The system's store (OpenSSL's default paths).
  case system
  /// Only the certificates of these PEM files.
  case pemFiles([URL])
}

/// Owns one X509_STORE, shared by the attempts of one probe (each SSL_CTX takes a reference).
final class TrustStore {
  let store: OpaquePointer

  init(_ anchors: TrustAnchors) throws(TLSProbeError) {
    guard let store = X509_STORE_new() else { throw .openSSL("X509_STORE_new") }
    self.store = store
    switch anchors {
    case .system:
      guard X509_STORE_set_default_paths(store) == 1 else {
        throw .openSSL("magasin de certificats du système introuvable")
      }
    case .pemFiles(let files):
      guard !files.isEmpty else { throw .unreadableTrustAnchors("aucun fichier") }
      for file in files {
        let path = file.path
        guard FileManager.default.isReadableFile(atPath: path),
          X509_STORE_load_file(store, path) == 1
        else {
          ERR_clear_error()
          throw .unreadableTrustAnchors(path)
        }
      }
    }
  }

  deinit {
    X509_STORE_free(store)
  }
}

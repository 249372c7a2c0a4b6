public import Foundation
import RegistreCrypto

/// Where the probe takes the certificates it trusts.
public enum TrustAnchors: Sendable, Equatable {
  /// The system's store (OpenSSL's default paths).
  case system
  /// Only the certificates of these PEM files.
  case pemFiles([URL])
}

extension TrustStore {
  /// The one store shared by the attempts of one probe (each SSL_CTX takes a reference).
  static func probe(_ anchors: TrustAnchors) throws(TLSProbeError) -> TrustStore {
    do {
      switch anchors {
      case .system:
        return try TrustStore(useSystemStore: true)
      case .pemFiles(let files):
        guard !files.isEmpty else { throw TLSProbeError.unreadableTrustAnchors("aucun fichier") }
        return try TrustStore(pemFiles: files, useSystemStore: false)
      }
    } catch let error as TLSProbeError {
      throw error
    } catch CryptoError.unreadableTrustAnchors(let path) {
      throw .unreadableTrustAnchors(path)
    } catch CryptoError.openSSL(let detail) {
      throw .openSSL(detail)
    } catch {
      throw .openSSL("\(error)")
    }
  }
}

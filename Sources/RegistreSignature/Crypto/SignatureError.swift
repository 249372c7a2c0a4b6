public import Foundation
import RegistreCrypto

/// Why signing failed. Descriptions are French and never contain key material or passwords.
public enum SignatureError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The PDF could not be read or updated.
  case pdf(PDFError)
  /// A credentials file could not be decoded; `what` names the file's role.
  case unreadableCredentials(String)
  /// The password does not open the PKCS#12 file or the encrypted key.
  case wrongPassword
  /// The key is encrypted and no password was given.
  case passwordRequired
  /// The private key is not the certificate's.
  case keyDoesNotMatchCertificate
  /// The certificate expired at this date.
  case certificateExpired(notAfter: Date)
  /// The certificate is valid only from this date.
  case certificateNotYetValid(notBefore: Date)
  /// OpenSSL failed; `detail` is its generic error text.
  case cryptography(String)
  /// The signature does not fit in the space reserved for it.
  case signatureTooLarge
  /// The time-stamping authority could not be reached or answered badly.
  case timestamp(String)
  /// The document carries a certification signature that admits no change (DocMDP, P = 1): a further
  /// signature would invalidate it.
  case certifiedWithoutChanges

  public var description: String {
    switch self {
    case .pdf(let error): return error.description
    case .unreadableCredentials(let what): return "\(what) illisible"
    case .wrongPassword: return "mot de passe incorrect"
    case .passwordRequired: return "la clé est protégée par un mot de passe, qui n'a pas été fourni"
    case .keyDoesNotMatchCertificate: return "la clé privée ne correspond pas au certificat"
    case .certificateExpired(let date):
      return "le certificat a expiré le \(SignatureError.format(date)) (utilisez --forcer pour signer quand même)"
    case .certificateNotYetValid(let date):
      return "le certificat n'est valide qu'à partir du \(SignatureError.format(date)) (utilisez --forcer pour signer quand même)"
    case .cryptography(let detail): return "erreur cryptographique : \(detail)"
    case .signatureTooLarge: return "la signature dépasse la place qui lui était réservée"
    case .timestamp(let detail): return "horodatage impossible : \(detail)"
    case .certifiedWithoutChanges:
      return "le document porte une signature de certification qui n'admet aucune modification (DocMDP, P = 1) : "
        + "une nouvelle signature la rendrait invalide ; rien n'a été signé"
    }
  }

  static func format(_ date: Date) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "fr_FR")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "dd/MM/yyyy 'à' HH:mm:ss 'UTC'"
    return formatter.string(from: date)
  }

  /// Empties OpenSSL's thread-local error queue into a short, key-free description.
  static func drainOpenSSLErrors(_ context: String) -> SignatureError {
    .cryptography(CryptoError.openSSLErrorText(context))
  }

  /// The signature error of a failure of the crypto door.
  init(_ error: CryptoError) {
    switch error {
    case .openSSL(let detail): self = .cryptography(detail)
    default: self = .cryptography(error.description)
    }
  }
}

/// Runs a call into the crypto door, its failure becoming a `SignatureError`.
func crypto<T>(_ body: () throws(CryptoError) -> T) throws(SignatureError) -> T {
  do { return try body() } catch { throw SignatureError(error) }
}

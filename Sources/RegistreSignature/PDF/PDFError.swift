import Foundation

/// Why a PDF could not be read or updated. Descriptions are in French, for the user.
public enum PDFError: Error, Equatable, Sendable, CustomStringConvertible {
  /// No `%PDF-` header near the start of the file.
  case notAPDF
  /// The file is encrypted; signing or verifying it is not supported.
  case encrypted
  /// The structure is broken; `detail` says where (offsets, object numbers), never content.
  case damaged(String)
  /// A feature this reader does not handle (for example an unknown stream filter).
  case unsupported(String)
  /// A limit was reached (nesting, size, number of revisions): the file is refused rather than risk a hang.
  case limitExceeded(String)

  public var description: String {
    switch self {
    case .notAPDF: return "le fichier n'est pas un PDF (en-tête %PDF- absent)"
    case .encrypted: return "le PDF est chiffré (/Encrypt) : il ne peut être ni signé ni vérifié"
    case .damaged(let detail): return "PDF endommagé : \(detail)"
    case .unsupported(let detail): return "PDF non pris en charge : \(detail)"
    case .limitExceeded(let detail): return "PDF refusé, limite dépassée : \(detail)"
    }
  }
}

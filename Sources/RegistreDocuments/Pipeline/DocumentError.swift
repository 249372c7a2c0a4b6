/// Why a document could not be produced. `message` is French, for the user.
public enum DocumentError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The template file is missing from the templates folder.
  case templateMissing(path: String)
  /// The templates folder itself is missing or is not a folder.
  case templatesFolderMissing(path: String)
  /// The XSLT step failed (bad template, or input it cannot handle).
  case transformFailed(template: String, detail: String)
  /// A per-treatment notice was asked for an id the register does not have.
  case unknownTreatment(String)
  /// The PDF step failed.
  case rendering(RenderError)
  /// Writing an output file failed.
  case writeFailed(path: String, detail: String)

  public var description: String { message }

  public var message: String {
    switch self {
    case .templateMissing(let path):
      return "Modèle introuvable : \(path)."
    case .templatesFolderMissing(let path):
      return "Dossier de modèles introuvable : \(path)."
    case .transformFailed(let template, let detail):
      return "La transformation XSLT du modèle « \(template) » a échoué : \(detail)"
    case .unknownTreatment(let id):
      return "Aucun traitement d'identifiant « \(id) » dans le registre."
    case .rendering(let error):
      return error.message
    case .writeFailed(let path, let detail):
      return "Impossible d'écrire \(path) : \(detail)."
    }
  }
}

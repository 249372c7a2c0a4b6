import Foundation
import RegistreFormats
import RegistreModel

/// Why a bundled catalogue file could not be read.
struct ErreurLecture: Error, Sendable {
  var message: String
}

/// Reads one catalogue file through the formats module's reader, letting the
/// templates' « À COMPLÉTER » placeholders through.
enum LectureYAML {
  static func traitement(_ texte: String) throws(ErreurLecture) -> Traitement {
    try lire(texte, Format.traitement, Traitement.self)
  }

  static func sousTraitant(_ texte: String) throws(ErreurLecture) -> SousTraitant {
    try lire(texte, Format.sousTraitant, SousTraitant.self)
  }

  private static func lire<T: Decodable>(_ texte: String, _ type: TypeEnregistrement, _ modele: T.Type) throws(ErreurLecture) -> T {
    do {
      return try LectureFichierYAML.lire(
        Data(texte.utf8), fichier: "catalogue", type: type, en: T.self, accepterMarqueurs: true)
    } catch {
      throw ErreurLecture(message: error.diagnostics.map(\.texte).joined(separator: " ; "))
    }
  }
}

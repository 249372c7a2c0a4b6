import Foundation
import RegistreFormats
import RegistreModel

/// Why a bundled catalogue file could not be read.
struct CatalogueReadError: Error, Sendable {
  var message: String
}

/// Reads one catalogue file through the formats module's reader, letting the
/// templates' « À COMPLÉTER » placeholders through.
enum CatalogueYAML {
  static func treatment(_ texte: String) throws(CatalogueReadError) -> Treatment {
    try read(texte, Format.traitement, Treatment.self)
  }

  static func processor(_ texte: String) throws(CatalogueReadError) -> Processor {
    try read(texte, Format.sousTraitant, Processor.self)
  }

  private static func read<T: Decodable>(_ texte: String, _ type: RecordType, _ modele: T.Type) throws(CatalogueReadError) -> T {
    do {
      return try YAMLFileReading.read(
        Data(texte.utf8), fichier: "catalogue", type: type, en: T.self, accepterMarqueurs: true)
    } catch {
      throw CatalogueReadError(message: error.diagnostics.map(\.texte).joined(separator: " ; "))
    }
  }
}

public import Foundation

/// Reads a single YAML file of a known record type into a model value, with
/// the same checks and diagnostics as a register folder.
public enum YAMLFileReading {
  /// Decodes `donnees` as `type`; `accepterMarqueurs` lets « À COMPLÉTER »
  /// placeholders through in text fields (catalogue templates).
  public static func read<T: Decodable>(
    _ donnees: Data, fichier: String, type: RecordType, en modele: T.Type,
    accepterMarqueurs: Bool = false
  ) throws(LoadFailure) -> T {
    var lecteur = YAMLReader(fichier: fichier)
    lecteur.accepterMarqueurs = accepterMarqueurs
    let valeur = lecteur.read(donnees, type: type)
    var diagnostics = lecteur.diagnostics
    guard let valeur, diagnostics.isEmpty,
      let resultat = RegisterLoading.decoder(valeur, T.self, fichier: fichier, into: &diagnostics)
    else {
      throw LoadFailure(diagnostics: diagnostics)
    }
    return resultat
  }
}

public import Foundation

/// Reads a single YAML file of a known record type into a model value, with
/// the same checks and diagnostics as a register folder.
public enum LectureFichierYAML {
  /// Decodes `donnees` as `type`; `accepterMarqueurs` lets « À COMPLÉTER »
  /// placeholders through in text fields (catalogue templates).
  public static func lire<T: Decodable>(
    _ donnees: Data, fichier: String, type: TypeEnregistrement, en modele: T.Type,
    accepterMarqueurs: Bool = false
  ) throws(EchecChargement) -> T {
    var lecteur = LecteurYAML(fichier: fichier)
    lecteur.accepterMarqueurs = accepterMarqueurs
    let valeur = lecteur.lire(donnees, type: type)
    var diagnostics = lecteur.diagnostics
    guard let valeur, diagnostics.isEmpty,
      let resultat = ChargementRegistre.decoder(valeur, T.self, fichier: fichier, into: &diagnostics)
    else {
      throw EchecChargement(diagnostics: diagnostics)
    }
    return resultat
  }
}

public import Foundation

extension ChargementRegistre {
  /// Loads a canonical XML register (to be completed with the XML layer).
  public static func chargerXML(_ url: URL) throws(EchecChargement) -> RegistreCharge {
    throw EchecChargement(diagnostics: [
      Diagnostic(Emplacement(fichier: url.lastPathComponent), "lecture XML pas encore disponible")
    ])
  }
}

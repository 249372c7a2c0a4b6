import RegistreXML
import Foundation
import RegistreModel

/// Writes the templates' table of French labels for the register's codes
/// from the model's enumerations, so documents and messages say the same.
public enum LibellesXSLT {
  /// Template list name → the enumeration whose labels it holds.
  static let listes: [(nom: String, valeurs: [ValeurPermise])] = [
    ("statut", valeurs(StatutFiche.self)),
    ("responsable", valeurs(TypeResponsable.self)),
    ("base-legale", valeurs(BaseLegale.self)),
    ("aipd", valeurs(StatutAIPD.self)),
    ("personnes", valeurs(CategoriePersonnes.self)),
    ("donnees", valeurs(CategorieDonnees.self)),
    ("sort", valeurs(SortFinal.self)),
    ("securite", valeurs(FamilleMesure.self)),
    ("mecanisme", valeurs(GarantieTransfert.self)),
    ("authentification", valeurs(Authentification.self)),
    ("type", valeurs(TypeDestinataire.self)),
    ("nature", valeurs(TypeViolation.self)),
    ("risque", valeurs(NiveauRisque.self)),
    ("critere-aipd", valeurs(CritereAIPD.self)),
    ("exemption-aipd", valeurs(ExemptionAIPD.self)),
    ("canal", valeurs(CanalFlux.self)),
    ("certification", valeurs(Certification.self)),
    ("article-9", valeurs(ConditionArticle9.self)),
  ]

  private static func valeurs<E: ValeurEnumeree>(_ type: E.Type) -> [ValeurPermise] {
    E.allCases.map { ValeurPermise(valeur: $0.rawValue, libelle: $0.libelle) }
  }

  /// The XSLT file: one variable per list, written « |code=libellé| ».
  public static func texte() -> String {
    var s = """
      <?xml version="1.0" encoding="UTF-8"?>
      <!-- Généré depuis les énumérations de Sources/RegistreModel (make schemas) : ne pas modifier à la main. -->
      <xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

      """
    for liste in listes {
      let table = liste.valeurs.map { "\($0.valeur)=\(typographie($0.libelle))" }.joined(separator: "|")
      s += "  <xsl:variable name=\"libelles-\(liste.nom)\">|\(table)|</xsl:variable>\n"
    }
    s += "</xsl:stylesheet>\n"
    return s
  }

  /// French typographic apostrophe, and XML escaping.
  private static func typographie(_ texte: String) -> String {
    XMLText.escape(texte.replacingOccurrences(of: "'", with: "’"))
  }
}

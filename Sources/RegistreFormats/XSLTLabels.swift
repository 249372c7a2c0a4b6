import RegistreXML
import Foundation
import RegistreModel

/// Writes the templates' table of French labels for the register's codes
/// from the model's enumerations, so documents and messages say the same.
public enum XSLTLabels {
  /// Template list name → the enumeration whose labels it holds.
  static let listes: [(nom: String, valeurs: [AllowedValue])] = [
    ("statut", enumValues(RecordStatus.self)),
    ("responsable", enumValues(ControllerKind.self)),
    ("base-legale", enumValues(LegalBasis.self)),
    ("aipd", enumValues(DPIAStatus.self)),
    ("personnes", enumValues(DataSubjectCategory.self)),
    ("donnees", enumValues(DataCategory.self)),
    ("sort", enumValues(FinalDisposition.self)),
    ("securite", enumValues(MeasureFamily.self)),
    ("mecanisme", enumValues(TransferSafeguard.self)),
    ("authentification", enumValues(Authentication.self)),
    ("type", enumValues(RecipientKind.self)),
    ("nature", enumValues(BreachKind.self)),
    ("risque", enumValues(RiskLevel.self)),
    ("critere-aipd", enumValues(DPIACriterion.self)),
    ("exemption-aipd", enumValues(DPIAExemption.self)),
    ("canal", enumValues(FlowChannel.self)),
    ("certification", enumValues(Certification.self)),
    ("article-9", enumValues(Article9Condition.self)),
    ("evenement-redoute", enumValues(FearedEvent.self)),
    ("echelle-pia", enumValues(PIAScale.self)),
    ("statut-action", enumValues(ActionStatus.self)),
    ("demandeur", enumValues(Requester.self)),
    ("droit", enumValues(DataSubjectRight.self)),
    ("decision", enumValues(RequestDecision.self)),
  ]

  private static func enumValues<E: EnumeratedValue>(_ type: E.Type) -> [AllowedValue] {
    E.allCases.map { AllowedValue(valeur: $0.rawValue, libelle: $0.libelle) }
  }

  /// The XSLT file: one variable per list, written « |code=libellé| ».
  public static func text() -> String {
    var s = """
      <?xml version="1.0" encoding="UTF-8"?>
      <!-- Généré depuis les énumérations de Sources/RegistreModel (make schemas) : ne pas modifier à la main. -->
      <xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

      """
    for liste in listes {
      let table = liste.valeurs.map { "\($0.valeur)=\(typography($0.libelle))" }.joined(separator: "|")
      s += "  <xsl:variable name=\"libelles-\(liste.nom)\">|\(table)|</xsl:variable>\n"
    }
    s += "</xsl:stylesheet>\n"
    return s
  }

  /// French typographic apostrophe, and XML escaping.
  private static func typography(_ texte: String) -> String {
    XMLText.escape(texte.replacingOccurrences(of: "'", with: "’"))
  }
}

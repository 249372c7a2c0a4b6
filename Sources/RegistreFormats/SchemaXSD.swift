import RegistreXML
import Foundation
import RegistreModel

/// Writes `Schemas/registre.xsd` from the format descriptor, so the schema
/// and the YAML checks can never disagree.
public enum SchemaXSD {
  /// The XSD text of the canonical XML form.
  public static func text() -> String {
    var sortie = """
      <?xml version="1.0" encoding="UTF-8"?>
      <!-- Généré depuis Sources/RegistreFormats/Format.swift : ne pas modifier à la main. -->
      <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"
                 xmlns:r="\(Format.espaceDeNoms)"
                 targetNamespace="\(Format.espaceDeNoms)"
                 elementFormDefault="qualified">

        <xs:element name="registre">
          <xs:annotation><xs:documentation>Registre des activités de traitement d'un établissement (art. 30 RGPD).</xs:documentation></xs:annotation>
          <xs:complexType>
            <xs:sequence>
              <xs:element name="etablissement" type="r:Etablissement"/>
              <xs:element name="traitements" minOccurs="0">
                <xs:complexType><xs:sequence><xs:element name="traitement" type="r:Traitement" minOccurs="0" maxOccurs="unbounded"/></xs:sequence></xs:complexType>
              </xs:element>
              <xs:element name="sous_traitants" minOccurs="0">
                <xs:complexType><xs:sequence><xs:element name="sous_traitant" type="r:SousTraitant" minOccurs="0" maxOccurs="unbounded"/></xs:sequence></xs:complexType>
              </xs:element>
              <xs:element name="violations" minOccurs="0">
                <xs:complexType><xs:sequence><xs:element name="violation" type="r:Violation" minOccurs="0" maxOccurs="unbounded"/></xs:sequence></xs:complexType>
              </xs:element>
              <xs:element name="actions" minOccurs="0">
                <xs:complexType><xs:sequence><xs:element name="action" type="r:Action" minOccurs="0" maxOccurs="unbounded"/></xs:sequence></xs:complexType>
              </xs:element>
              <xs:element name="demandes" minOccurs="0">
                <xs:complexType><xs:sequence><xs:element name="demande" type="r:Demande" minOccurs="0" maxOccurs="unbounded"/></xs:sequence></xs:complexType>
              </xs:element>
            </xs:sequence>
            <xs:attribute name="version" type="xs:positiveInteger" use="required"/>
          </xs:complexType>
        </xs:element>

        <xs:element name="fiche_outil" type="r:FicheOutil">
          <xs:annotation><xs:documentation>Fiche d'un outil numérique envisagé, lue par registre evaluer.</xs:documentation></xs:annotation>
        </xs:element>

      """
    for type in Format.types {
      sortie += complexType(type)
    }
    sortie += simpleTypes()
    sortie += "</xs:schema>\n"
    return sortie
  }

  private static func complexType(_ type: RecordType) -> String {
    var s = "  <xs:complexType name=\"\(type.nom)\">\n"
    s += "    <xs:annotation><xs:documentation>\(escape(type.documentation))</xs:documentation></xs:annotation>\n"
    s += "    <xs:sequence>\n"
    for champ in type.champs {
      let minimum = champ.obligatoire ? "" : " minOccurs=\"0\""
      let doc = "<xs:annotation><xs:documentation>\(escape(champ.documentation))</xs:documentation></xs:annotation>"
      switch champ.genre {
      case .liste(let genreElement, let element):
        s += "      <xs:element name=\"\(champ.cle)\"\(minimum)>\(doc)\n"
        s += "        <xs:complexType><xs:sequence><xs:element name=\"\(element)\" type=\"\(typeName(genreElement))\" minOccurs=\"0\" maxOccurs=\"unbounded\"/></xs:sequence></xs:complexType>\n"
        s += "      </xs:element>\n"
      default:
        s += "      <xs:element name=\"\(champ.cle)\" type=\"\(typeName(champ.genre))\"\(minimum)>\(doc)</xs:element>\n"
      }
    }
    s += "    </xs:sequence>\n  </xs:complexType>\n\n"
    return s
  }

  static func typeName(_ genre: FieldKind) -> String {
    switch genre {
    case .texte: return "r:Texte"
    case .entier: return "xs:nonNegativeInteger"
    case .booleen: return "r:Booleen"
    case .date: return "r:Date"
    case .duree: return "r:Duree"
    case .pays: return "r:Pays"
    case .uai: return "r:UAI"
    case .identifiant: return "r:Identifiant"
    case .enumeration(let nom, _): return "r:\(nom)"
    case .objet(let type): return "r:\(type.nom)"
    case .liste: return "xs:anyType"
    }
  }

  /// Every enumeration used by the format, once each, in first-use order.
  private static func enumerations() -> [(String, [AllowedValue])] {
    var vues = Set<String>()
    var liste: [(String, [AllowedValue])] = []
    func walk(_ genre: FieldKind) {
      switch genre {
      case .enumeration(let nom, let valeurs):
        if vues.insert(nom).inserted { liste.append((nom, valeurs)) }
      case .liste(let element, _): walk(element)
      default: break
      }
    }
    for type in Format.types { type.champs.forEach { walk($0.genre) } }
    return liste
  }

  private static func simpleTypes() -> String {
    let unitesFrancaises = "jour|jours|semaine|semaines|mois|an|ans|année|années|annee|annees"
    var s = """
        <xs:simpleType name="Texte">
          <xs:restriction base="xs:string"><xs:minLength value="1"/><xs:maxLength value="100000"/><xs:pattern value="[\\s\\S]*\\S[\\s\\S]*"/></xs:restriction>
        </xs:simpleType>
        <xs:simpleType name="Booleen">
          <xs:restriction base="xs:string"><xs:enumeration value="true"/><xs:enumeration value="false"/></xs:restriction>
        </xs:simpleType>
        <xs:simpleType name="Date">
          <xs:restriction base="xs:date"><xs:pattern value="\\d{4}-\\d{2}-\\d{2}"/></xs:restriction>
        </xs:simpleType>
        <xs:simpleType name="Duree">
          <xs:annotation><xs:documentation>Durée ISO 8601 (P1Y, P3M, P2W, P30D) ou en français (« 1 an », « 3 mois »).</xs:documentation></xs:annotation>
          <xs:restriction base="xs:string"><xs:pattern value="P[0-9]{1,4}[DWMY]|[0-9]{1,4} (\(unitesFrancaises))"/></xs:restriction>
        </xs:simpleType>
        <xs:simpleType name="UAI">
          <xs:restriction base="xs:string"><xs:pattern value="[0-9]{7}[A-Z]"/></xs:restriction>
        </xs:simpleType>
        <xs:simpleType name="Identifiant">
          <xs:restriction base="xs:string"><xs:pattern value="[a-z0-9][a-z0-9\\-]{0,63}"/></xs:restriction>
        </xs:simpleType>
        <xs:simpleType name="Pays">
          <xs:restriction base="xs:string">

      """
    for code in Country.codes.sorted() {
      s += "      <xs:enumeration value=\"\(code)\"/>\n"
    }
    s += "    </xs:restriction>\n  </xs:simpleType>\n"
    for (nom, valeurs) in enumerations() {
      s += "  <xs:simpleType name=\"\(nom)\">\n    <xs:restriction base=\"xs:string\">\n"
      for valeur in valeurs {
        s += "      <xs:enumeration value=\"\(escape(valeur.valeur))\"><xs:annotation><xs:documentation>\(escape(valeur.libelle))</xs:documentation></xs:annotation></xs:enumeration>\n"
      }
      s += "    </xs:restriction>\n  </xs:simpleType>\n"
    }
    return s
  }

  static func escape(_ texte: String) -> String {
    XMLText.escape(texte)
  }
}

import RegistreModel

/// The kind of value a field holds. With ``Field`` and ``RecordType``
/// it describes the file format once; the YAML checks, the XML mapping, the
/// XSD, the JSON Schema and `docs/format.md` are all derived from it.
public indirect enum FieldKind: Sendable {
  case texte
  case entier
  case booleen
  case date
  case duree
  case pays
  case uai
  case identifiant
  case enumeration(nom: String, valeurs: [AllowedValue])
  /// A list; `element` names each item in the XML form.
  case liste(FieldKind, element: String)
  case objet(RecordType)

  /// French wording of what a value of this kind looks like, for diagnostics.
  public var attendu: String {
    switch self {
    case .texte: return "un texte"
    case .entier: return "un nombre entier positif"
    case .booleen: return "true ou false (ou oui, non)"
    case .date: return "une date AAAA-MM-JJ"
    case .duree: return "une durée comme « 1 an », « 3 mois », « 30 jours » ou P1Y"
    case .pays: return "un code pays ISO 3166-1 à deux lettres majuscules (FR, DE, US…)"
    case .uai: return "un code UAI : sept chiffres et une lettre majuscule (0751234A)"
    case .identifiant:
      return "un identifiant en minuscules ASCII, chiffres et tirets (64 caractères au plus)"
    case .enumeration(_, let valeurs): return "l'une des valeurs " + valeurs.map(\.valeur).joined(separator: ", ")
    case .liste: return "une liste"
    case .objet: return "un objet (des champs « clé: valeur »)"
    }
  }

  /// Kinds whose model value is a plain string, so a placeholder can stand in.
  var estTextuel: Bool {
    switch self {
    case .texte, .pays, .uai, .identifiant: return true
    default: return false
    }
  }

  /// Builds an enumeration from a model enum, so the values live in one place.
  static func enumValues<E: EnumeratedValue>(_ type: E.Type, nom: String) -> FieldKind {
    .enumeration(nom: nom, valeurs: E.allCases.map { AllowedValue(valeur: $0.rawValue, libelle: $0.libelle) })
  }
}

/// One allowed value of an enumeration, with its French label.
public struct AllowedValue: Sendable, Hashable {
  public let valeur: String
  public let libelle: String
}

/// A field of a record: its key (YAML key and XML element name), kind and doc.
public struct Field: Sendable {
  public let cle: String
  public let genre: FieldKind
  public let obligatoire: Bool
  /// French description for `docs/format.md` and the schemas.
  public let documentation: String
  /// A YAML example value.
  public let exemple: String?

  init(_ cle: String, _ genre: FieldKind, obligatoire: Bool = false, _ documentation: String, exemple: String? = nil) {
    self.cle = cle
    self.genre = genre
    self.obligatoire = obligatoire
    self.documentation = documentation
    self.exemple = exemple
  }
}

/// A record type: a YAML mapping, an XML element with child elements.
public struct RecordType: Sendable {
  /// Name used for the XSD complex type.
  public let nom: String
  public let documentation: String
  public let champs: [Field]

  public func field(_ cle: String) -> Field? { champs.first { $0.cle == cle } }
}

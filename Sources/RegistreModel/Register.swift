/// A school's register of processing activities (GDPR Art. 30), with its
/// processors and its breach register (Art. 33(5)).
public struct Register: Codable, Hashable, Sendable {
  /// Version of the file format the register is written in.
  public static let versionFormat = 1

  public var etablissement: School
  public var traitements: [Treatment]
  public var sousTraitants: [Processor]
  public var violations: [Breach]
  /// The action plan (`actions/`).
  public var actions: [PlannedAction]
  /// The register of rights requests (`demandes/`).
  public var demandes: [RightsRequest]

  public init(
    etablissement: School, traitements: [Treatment] = [],
    sousTraitants: [Processor] = [], violations: [Breach] = [], actions: [PlannedAction] = [],
    demandes: [RightsRequest] = []
  ) {
    self.etablissement = etablissement
    self.traitements = traitements
    self.sousTraitants = sousTraitants
    self.violations = violations
    self.actions = actions
    self.demandes = demandes
  }

  enum CodingKeys: String, CodingKey {
    case etablissement, traitements
    case sousTraitants = "sous_traitants"
    case violations, actions, demandes
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    etablissement = try c.decode(School.self, forKey: .etablissement)
    traitements = try c.decodeIfPresent([Treatment].self, forKey: .traitements) ?? []
    sousTraitants = try c.decodeIfPresent([Processor].self, forKey: .sousTraitants) ?? []
    violations = try c.decodeIfPresent([Breach].self, forKey: .violations) ?? []
    actions = try c.decodeIfPresent([PlannedAction].self, forKey: .actions) ?? []
    demandes = try c.decodeIfPresent([RightsRequest].self, forKey: .demandes) ?? []
  }

  /// The processor with this id, if any.
  public func processor(_ id: String) -> Processor? {
    sousTraitants.first { $0.id == id }
  }
}

/// Contact details of a person or office.
public struct Contact: Codable, Hashable, Sendable {
  public var nom: String
  public var fonction: String?
  public var organisme: String?
  public var adresse: String?
  public var courriel: String?
  public var telephone: String?

  public init(
    nom: String, fonction: String? = nil, organisme: String? = nil, adresse: String? = nil,
    courriel: String? = nil, telephone: String? = nil
  ) {
    self.nom = nom
    self.fonction = fonction
    self.organisme = organisme
    self.adresse = adresse
    self.courriel = courriel
    self.telephone = telephone
  }
}

/// The school (EPLE) that keeps the register.
public struct School: Codable, Hashable, Sendable {
  public var nom: String
  public var uai: String
  public var type: SchoolKind?
  public var adresse: String?
  public var academie: String?
  /// The head of school, controller of the school's own processing.
  public var responsableTraitement: Contact
  /// The data protection officer (DPD), usually the académie's.
  public var dpd: Contact?
  public var referentNumerique: Contact?

  public init(
    nom: String, uai: String, type: SchoolKind? = nil, adresse: String? = nil,
    academie: String? = nil, responsableTraitement: Contact, dpd: Contact? = nil,
    referentNumerique: Contact? = nil
  ) {
    self.nom = nom
    self.uai = uai
    self.type = type
    self.adresse = adresse
    self.academie = academie
    self.responsableTraitement = responsableTraitement
    self.dpd = dpd
    self.referentNumerique = referentNumerique
  }

  enum CodingKeys: String, CodingKey {
    case nom, uai, type, adresse, academie
    case responsableTraitement = "responsable_traitement"
    case dpd
    case referentNumerique = "referent_numerique"
  }
}

/// A source text or page that grounds a fact.
public struct Reference: Codable, Hashable, Sendable {
  public var texte: String
  public var lien: String?

  public init(texte: String, lien: String? = nil) {
    self.texte = texte
    self.lien = lien
  }
}

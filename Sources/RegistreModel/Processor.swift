/// A processor (Art. 28): a vendor that processes data on the school's behalf.
public struct Processor: Codable, Hashable, Sendable, Identifiable {
  /// Stable id, also the file name (`sous-traitants/<id>.yaml`).
  public var id: String
  public var nom: String
  /// Country of the head office (ISO 3166-1 alpha-2).
  public var pays: String
  /// Whether the company is subject to a non-European law that can reach the
  /// data (e.g. a US parent company, CLOUD Act), even when hosting in the EU.
  public var soumisDroitExtraEuropeen: Bool?
  public var hebergement: Hosting?
  public var contrat: Article28Contract?
  public var sousTraitantsUlterieurs: [SubProcessor]
  public var certifications: [Certification]
  /// Certified under the EU-US Data Privacy Framework (US companies).
  public var certificationDPF: Bool?
  public var contactDPD: String?
  public var services: String?

  public init(
    id: String, nom: String, pays: String, soumisDroitExtraEuropeen: Bool? = nil,
    hebergement: Hosting? = nil, contrat: Article28Contract? = nil,
    sousTraitantsUlterieurs: [SubProcessor] = [], certifications: [Certification] = [],
    certificationDPF: Bool? = nil, contactDPD: String? = nil, services: String? = nil
  ) {
    self.id = id
    self.nom = nom
    self.pays = pays
    self.soumisDroitExtraEuropeen = soumisDroitExtraEuropeen
    self.hebergement = hebergement
    self.contrat = contrat
    self.sousTraitantsUlterieurs = sousTraitantsUlterieurs
    self.certifications = certifications
    self.certificationDPF = certificationDPF
    self.contactDPD = contactDPD
    self.services = services
  }

  enum CodingKeys: String, CodingKey {
    case id, nom, pays
    case soumisDroitExtraEuropeen = "soumis_droit_extra_europeen"
    case hebergement, contrat
    case sousTraitantsUlterieurs = "sous_traitants_ulterieurs"
    case certifications
    case certificationDPF = "certification_dpf"
    case contactDPD = "contact_dpd"
    case services
  }
}

/// Where a processor hosts the data.
public struct Hosting: Codable, Hashable, Sendable {
  /// ISO 3166-1 alpha-2 code of the data centres.
  public var pays: String
  public var prestataire: String?

  public init(pays: String, prestataire: String? = nil) {
    self.pays = pays
    self.prestataire = prestataire
  }
}

/// The Art. 28 contract (or data processing agreement) with a processor.
public struct Article28Contract: Codable, Hashable, Sendable {
  public var signe: Bool
  public var date: Day?
  public var reference: String?

  public init(signe: Bool, date: Day? = nil, reference: String? = nil) {
    self.signe = signe
    self.date = date
    self.reference = reference
  }
}

/// A sub-processor the processor relies on.
public struct SubProcessor: Codable, Hashable, Sendable {
  public var nom: String
  public var pays: String
  public var services: String?

  public init(nom: String, pays: String, services: String? = nil) {
    self.nom = nom
    self.pays = pays
    self.services = services
  }
}

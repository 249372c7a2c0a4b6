/// An entry of the breach register (GDPR Art. 33(5)): every breach is
/// documented, notified or not, with the reason for not notifying.
public struct Breach: Codable, Hashable, Sendable, Identifiable {
  /// Stable id, also the file name (`violations/<id>.yaml`).
  public var id: String
  public var dateDecouverte: Day
  public var dateSurvenance: Day?
  public var types: [BreachKind]
  /// The facts.
  public var description: String
  /// Ids of the processing activities concerned.
  public var traitements: [String]
  public var personnesConcernees: [DataSubjects]
  public var categoriesDonnees: [DataCategory]
  public var volumeEnregistrements: Int?
  public var donneesChiffrees: Bool?
  /// Likely consequences (effects).
  public var consequences: String?
  public var risque: RiskLevel?
  public var notificationCNIL: Notification?
  public var informationPersonnes: Notification?
  /// Remedial and preventive action taken.
  public var mesures: String?
  public var dpdInformeLe: Day?
  /// Id of the processor involved, if any.
  public var sousTraitant: String?

  public init(
    id: String, dateDecouverte: Day, dateSurvenance: Day? = nil, types: [BreachKind] = [],
    description: String, traitements: [String] = [], personnesConcernees: [DataSubjects] = [],
    categoriesDonnees: [DataCategory] = [], volumeEnregistrements: Int? = nil,
    donneesChiffrees: Bool? = nil, consequences: String? = nil, risque: RiskLevel? = nil,
    notificationCNIL: Notification? = nil, informationPersonnes: Notification? = nil,
    mesures: String? = nil, dpdInformeLe: Day? = nil, sousTraitant: String? = nil
  ) {
    self.id = id
    self.dateDecouverte = dateDecouverte
    self.dateSurvenance = dateSurvenance
    self.types = types
    self.description = description
    self.traitements = traitements
    self.personnesConcernees = personnesConcernees
    self.categoriesDonnees = categoriesDonnees
    self.volumeEnregistrements = volumeEnregistrements
    self.donneesChiffrees = donneesChiffrees
    self.consequences = consequences
    self.risque = risque
    self.notificationCNIL = notificationCNIL
    self.informationPersonnes = informationPersonnes
    self.mesures = mesures
    self.dpdInformeLe = dpdInformeLe
    self.sousTraitant = sousTraitant
  }

  enum CodingKeys: String, CodingKey {
    case id
    case dateDecouverte = "date_decouverte"
    case dateSurvenance = "date_survenance"
    case types, description, traitements
    case personnesConcernees = "personnes_concernees"
    case categoriesDonnees = "categories_donnees"
    case volumeEnregistrements = "volume_enregistrements"
    case donneesChiffrees = "donnees_chiffrees"
    case consequences, risque
    case notificationCNIL = "notification_cnil"
    case informationPersonnes = "information_personnes"
    case mesures
    case dpdInformeLe = "dpd_informe_le"
    case sousTraitant = "sous_traitant"
  }
}

/// Whether the CNIL (Art. 33) or the people (Art. 34) were told, when, and why not.
public struct Notification: Codable, Hashable, Sendable {
  public var faite: Bool
  public var date: Day?
  /// CNIL tele-service number, or the means used to inform people.
  public var reference: String?
  /// Why no notification was made (required when `faite` is false).
  public var justification: String?

  public init(faite: Bool, date: Day? = nil, reference: String? = nil, justification: String? = nil) {
    self.faite = faite
    self.date = date
    self.reference = reference
    self.justification = justification
  }
}

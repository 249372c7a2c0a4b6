/// The action plan and the register of rights requests: what the school does about its findings,
/// and how it answers the people whose data it processes.

/// An action of the plan (`actions/<id>.yaml`): what is done about one or more findings or a
/// DPD recommendation, by whom, by when.
public struct PlannedAction: Codable, Hashable, Sendable, Identifiable {
  public var id: String
  public var titre: String
  /// The findings it answers: rule id and the record it concerns.
  public var constats: [FindingReference]
  /// The DPD recommendation it answers, in the DPD's words.
  public var recommandation: String?
  /// A person or role of the school (« gestionnaire », « M. Martin, référent numérique »).
  public var responsable: String?
  public var echeance: Day?
  public var statut: ActionStatus
  /// Why the action was abandoned (required when `statut` is `abandonnee`).
  public var motifAbandon: String?
  public var dateRealisation: Day?

  public init(
    id: String, titre: String, constats: [FindingReference] = [], recommandation: String? = nil,
    responsable: String? = nil, echeance: Day? = nil, statut: ActionStatus = .aFaire, motifAbandon: String? = nil,
    dateRealisation: Day? = nil
  ) {
    self.id = id
    self.titre = titre
    self.constats = constats
    self.recommandation = recommandation
    self.responsable = responsable
    self.echeance = echeance
    self.statut = statut
    self.motifAbandon = motifAbandon
    self.dateRealisation = dateRealisation
  }

  enum CodingKeys: String, CodingKey {
    case id, titre, constats, recommandation, responsable, echeance, statut
    case motifAbandon = "motif_abandon"
    case dateRealisation = "date_realisation"
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    id = try c.decode(String.self, forKey: .id)
    titre = try c.decode(String.self, forKey: .titre)
    constats = try c.decodeIfPresent([FindingReference].self, forKey: .constats) ?? []
    recommandation = try c.decodeIfPresent(String.self, forKey: .recommandation)
    responsable = try c.decodeIfPresent(String.self, forKey: .responsable)
    echeance = try c.decodeIfPresent(Day.self, forKey: .echeance)
    statut = try c.decode(ActionStatus.self, forKey: .statut)
    motifAbandon = try c.decodeIfPresent(String.self, forKey: .motifAbandon)
    dateRealisation = try c.decodeIfPresent(Day.self, forKey: .dateRealisation)
  }

  /// Open: still to do or in progress.
  public var isOpen: Bool { statut == .aFaire || statut == .enCours }
}

/// A finding an action answers: the rule and the record (treatment, processor or breach id;
/// `etablissement` for the school).
public struct FindingReference: Codable, Hashable, Sendable {
  public var regle: String
  public var fiche: String

  public init(regle: String, fiche: String) {
    self.regle = regle
    self.fiche = fiche
  }
}

public enum ActionStatus: String, EnumeratedValue {
  case aFaire = "a-faire"
  case enCours = "en-cours"
  case faite
  case abandonnee

  public var libelle: String {
    switch self {
    case .aFaire: return "À faire"
    case .enCours: return "En cours"
    case .faite: return "Faite"
    case .abandonnee: return "Abandonnée"
    }
  }
}

/// A request from a person exercising a right (`demandes/<id>.yaml`), GDPR Art. 12 and 15 to 22.
public struct RightsRequest: Codable, Hashable, Sendable, Identifiable {
  public var id: String
  public var dateReception: Day
  public var demandeur: Requester
  public var droit: DataSubjectRight
  /// Treatments concerned, by id.
  public var traitements: [String]
  public var identiteVerifiee: Bool?
  public var prolongation: RequestExtension?
  public var reponse: RequestAnswer?

  public init(
    id: String, dateReception: Day, demandeur: Requester, droit: DataSubjectRight, traitements: [String] = [],
    identiteVerifiee: Bool? = nil, prolongation: RequestExtension? = nil, reponse: RequestAnswer? = nil
  ) {
    self.id = id
    self.dateReception = dateReception
    self.demandeur = demandeur
    self.droit = droit
    self.traitements = traitements
    self.identiteVerifiee = identiteVerifiee
    self.prolongation = prolongation
    self.reponse = reponse
  }

  enum CodingKeys: String, CodingKey {
    case id
    case dateReception = "date_reception"
    case demandeur, droit, traitements
    case identiteVerifiee = "identite_verifiee"
    case prolongation, reponse
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    id = try c.decode(String.self, forKey: .id)
    dateReception = try c.decode(Day.self, forKey: .dateReception)
    demandeur = try c.decode(Requester.self, forKey: .demandeur)
    droit = try c.decode(DataSubjectRight.self, forKey: .droit)
    traitements = try c.decodeIfPresent([String].self, forKey: .traitements) ?? []
    identiteVerifiee = try c.decodeIfPresent(Bool.self, forKey: .identiteVerifiee)
    prolongation = try c.decodeIfPresent(RequestExtension.self, forKey: .prolongation)
    reponse = try c.decodeIfPresent(RequestAnswer.self, forKey: .reponse)
  }

  /// Art. 12(3): one month from receipt; three when an extension was told, with its reasons,
  /// within the first month.
  public var deadline: Day {
    let first = dateReception.adding(mois: 1)
    if let told = prolongation, told.dateNotification <= first,
      !(told.motif?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ?? true)
    {
      return dateReception.adding(mois: 3)
    }
    return first
  }
}

public enum Requester: String, EnumeratedValue {
  case parent, eleve, personnel, autre
  public var libelle: String {
    switch self {
    case .parent: return "Responsable légal"
    case .eleve: return "Élève"
    case .personnel: return "Personnel"
    case .autre: return "Autre personne"
    }
  }
}

public enum DataSubjectRight: String, EnumeratedValue {
  case acces, rectification, effacement, limitation, opposition, portabilite
  case retraitConsentement = "retrait-consentement"
  public var libelle: String {
    switch self {
    case .acces: return "Droit d'accès (art. 15)"
    case .rectification: return "Droit de rectification (art. 16)"
    case .effacement: return "Droit à l'effacement (art. 17)"
    case .limitation: return "Droit à la limitation (art. 18)"
    case .opposition: return "Droit d'opposition (art. 21)"
    case .portabilite: return "Droit à la portabilité (art. 20)"
    case .retraitConsentement: return "Retrait du consentement (art. 7.3)"
    }
  }
}

/// The extension of Art. 12(3): when the person was told, and why.
public struct RequestExtension: Codable, Hashable, Sendable {
  public var dateNotification: Day
  public var motif: String?

  public init(dateNotification: Day, motif: String? = nil) {
    self.dateNotification = dateNotification
    self.motif = motif
  }

  enum CodingKeys: String, CodingKey {
    case dateNotification = "date_notification"
    case motif
  }
}

/// The answer to a request.
public struct RequestAnswer: Codable, Hashable, Sendable {
  public var date: Day
  public var decision: RequestDecision
  /// Why the request was refused in whole or part (Art. 12(4)).
  public var motifRefus: String?
  public var resume: String?

  public init(date: Day, decision: RequestDecision, motifRefus: String? = nil, resume: String? = nil) {
    self.date = date
    self.decision = decision
    self.motifRefus = motifRefus
    self.resume = resume
  }

  enum CodingKeys: String, CodingKey {
    case date, decision
    case motifRefus = "motif_refus"
    case resume
  }
}

public enum RequestDecision: String, EnumeratedValue {
  case satisfaite, partielle, refusee
  public var libelle: String {
    switch self {
    case .satisfaite: return "Satisfaite"
    case .partielle: return "Satisfaite en partie"
    case .refusee: return "Refusée"
    }
  }
}

import Foundation

/// One processing activity: a fiche of the register.
public struct Treatment: Codable, Hashable, Sendable, Identifiable {
  /// Stable id, also the file name (`traitements/<id>.yaml`).
  public var id: String
  public var nom: String
  public var statut: RecordStatus
  public var dateCreation: Day?
  public var derniereMiseAJour: Day?
  /// Software or application used, if any.
  public var logiciel: String?
  public var finalitePrincipale: String
  public var sousFinalites: [String]
  public var responsable: Controller
  public var baseLegale: LegalGround?
  public var personnesConcernees: [DataSubjects]
  public var donnees: [PersonalData]
  /// Whether the data are collected from the people themselves (Art. 13)
  /// rather than received from elsewhere (Art. 14).
  public var collecteAupresDesPersonnes: Bool?
  public var sourcesDesDonnees: [String]
  public var destinataires: [Recipient]
  /// Ids of processors in `sous-traitants/`.
  public var sousTraitants: [String]
  public var transferts: [Transfer]
  public var mesuresSecurite: [SecurityMeasure]
  public var flux: [Flow]
  public var aipd: DPIA?
  public var criteresAIPD: [DPIACriterion]
  public var exemptionAIPD: DPIAExemption?
  public var information: Information?
  public var decisionAutomatisee: AutomatedDecision?
  public var dispositifBiometrique: BiometricDevice?
  /// Facts still to be confirmed (e.g. a retention no text fixes yet).
  public var aConfirmer: [String]
  public var references: [Reference]
  public var remarques: String?
  /// An optional service with no effect on the public service if refused
  /// (one of the few cases where consent is the right basis, EDPB 05/2020).
  public var serviceFacultatif: Bool?

  public init(
    id: String, nom: String, statut: RecordStatus = .brouillon, dateCreation: Day? = nil,
    derniereMiseAJour: Day? = nil, logiciel: String? = nil, finalitePrincipale: String,
    sousFinalites: [String] = [], responsable: Controller = Controller(type: .etablissement),
    baseLegale: LegalGround? = nil, personnesConcernees: [DataSubjects] = [],
    donnees: [PersonalData] = [], collecteAupresDesPersonnes: Bool? = nil,
    sourcesDesDonnees: [String] = [], destinataires: [Recipient] = [],
    sousTraitants: [String] = [], transferts: [Transfer] = [],
    mesuresSecurite: [SecurityMeasure] = [], flux: [Flow] = [], aipd: DPIA? = nil,
    criteresAIPD: [DPIACriterion] = [], exemptionAIPD: DPIAExemption? = nil,
    information: Information? = nil, decisionAutomatisee: AutomatedDecision? = nil,
    dispositifBiometrique: BiometricDevice? = nil, aConfirmer: [String] = [],
    references: [Reference] = [], remarques: String? = nil, serviceFacultatif: Bool? = nil
  ) {
    self.id = id
    self.nom = nom
    self.statut = statut
    self.dateCreation = dateCreation
    self.derniereMiseAJour = derniereMiseAJour
    self.logiciel = logiciel
    self.finalitePrincipale = finalitePrincipale
    self.sousFinalites = sousFinalites
    self.responsable = responsable
    self.baseLegale = baseLegale
    self.personnesConcernees = personnesConcernees
    self.donnees = donnees
    self.collecteAupresDesPersonnes = collecteAupresDesPersonnes
    self.sourcesDesDonnees = sourcesDesDonnees
    self.destinataires = destinataires
    self.sousTraitants = sousTraitants
    self.transferts = transferts
    self.mesuresSecurite = mesuresSecurite
    self.flux = flux
    self.aipd = aipd
    self.criteresAIPD = criteresAIPD
    self.exemptionAIPD = exemptionAIPD
    self.information = information
    self.decisionAutomatisee = decisionAutomatisee
    self.dispositifBiometrique = dispositifBiometrique
    self.aConfirmer = aConfirmer
    self.references = references
    self.remarques = remarques
    self.serviceFacultatif = serviceFacultatif
  }

  enum CodingKeys: String, CodingKey {
    case id, nom, statut
    case dateCreation = "date_creation"
    case derniereMiseAJour = "derniere_mise_a_jour"
    case logiciel
    case finalitePrincipale = "finalite_principale"
    case sousFinalites = "sous_finalites"
    case responsable
    case baseLegale = "base_legale"
    case personnesConcernees = "personnes_concernees"
    case donnees
    case collecteAupresDesPersonnes = "collecte_aupres_des_personnes"
    case sourcesDesDonnees = "sources_des_donnees"
    case destinataires
    case sousTraitants = "sous_traitants"
    case transferts
    case mesuresSecurite = "mesures_securite"
    case flux
    case aipd
    case criteresAIPD = "criteres_aipd"
    case exemptionAIPD = "exemption_aipd"
    case information
    case decisionAutomatisee = "decision_automatisee"
    case dispositifBiometrique = "dispositif_biometrique"
    case aConfirmer = "a_confirmer"
    case references
    case remarques
    case serviceFacultatif = "service_facultatif"
  }

  /// Whether pupils are among the people concerned.
  public var concerneDesEleves: Bool { personnesConcernees.contains { $0.categorie.estEleve } }

  /// Whether any special-category (Art. 9) data are processed.
  public var traiteDesDonneesArticle9: Bool { donnees.contains { $0.categorie.estArticle9 } }
}

/// Controller of one processing activity: the school's own, or the minister's
/// for national applications, or a local authority's, or joint controllers.
public struct Controller: Codable, Hashable, Sendable {
  public var type: ControllerKind
  /// Name, when not the school itself (e.g. « Ministre de l'Éducation nationale »).
  public var nom: String?
  /// Joint controllers, when `type` is `conjoint`.
  public var coresponsables: [String]
  /// Regulatory act creating a national processing (arrêté…).
  public var acteReglementaire: String?
  /// Where the controller's own notice is published (national applications).
  public var noticeOfficielle: String?
  /// How to reach the controller's data protection officer, when not the school's (national applications).
  public var dpoContact: String?

  public init(
    type: ControllerKind, nom: String? = nil, coresponsables: [String] = [],
    acteReglementaire: String? = nil, noticeOfficielle: String? = nil, dpoContact: String? = nil
  ) {
    self.type = type
    self.nom = nom
    self.coresponsables = coresponsables
    self.acteReglementaire = acteReglementaire
    self.noticeOfficielle = noticeOfficielle
    self.dpoContact = dpoContact
  }

  enum CodingKeys: String, CodingKey {
    case type, nom, coresponsables
    case acteReglementaire = "acte_reglementaire"
    case noticeOfficielle = "notice_officielle"
    case dpoContact = "contact_dpd"
  }
}

/// Lawful basis (Art. 6) and, for special-category data, the Art. 9(2) condition.
public struct LegalGround: Codable, Hashable, Sendable {
  public var article6: LegalBasis
  /// The text that grounds the basis (code de l'éducation article, arrêté…).
  public var texte: String?
  public var article9: Article9Condition?
  public var texteArticle9: String?

  public init(
    article6: LegalBasis, texte: String? = nil, article9: Article9Condition? = nil,
    texteArticle9: String? = nil
  ) {
    self.article6 = article6
    self.texte = texte
    self.article9 = article9
    self.texteArticle9 = texteArticle9
  }

  enum CodingKeys: String, CodingKey {
    case article6 = "article_6"
    case texte
    case article9 = "article_9"
    case texteArticle9 = "texte_article_9"
  }
}

/// A category of data subjects with a rough volume.
public struct DataSubjects: Codable, Hashable, Sendable {
  public var categorie: DataSubjectCategory
  public var precisions: String?
  /// Approximate number of people.
  public var volume: Int?

  public init(categorie: DataSubjectCategory, precisions: String? = nil, volume: Int? = nil) {
    self.categorie = categorie
    self.precisions = precisions
    self.volume = volume
  }
}

/// A category of personal data with its own retention.
public struct PersonalData: Codable, Hashable, Sendable {
  public var categorie: DataCategory
  public var description: String?
  public var conservation: Retention?
  /// Whether the person must provide these data (Art. 13(2)(e)); nil when the register does not say.
  public var isMandatory: Bool?
  /// What happens if the person does not provide them (Art. 13(2)(e)).
  public var refusalConsequence: String?
  /// Where these data come from (Art. 14(2)(f)): « vous, à l'inscription », « caméras de l'établissement »…
  public var origin: String?

  public init(
    categorie: DataCategory, description: String? = nil, conservation: Retention? = nil,
    isMandatory: Bool? = nil, refusalConsequence: String? = nil, origin: String? = nil
  ) {
    self.categorie = categorie
    self.description = description
    self.conservation = conservation
    self.isMandatory = isMandatory
    self.refusalConsequence = refusalConsequence
    self.origin = origin
  }

  enum CodingKeys: String, CodingKey {
    case categorie, description, conservation
    case isMandatory = "fourniture_obligatoire"
    case refusalConsequence = "consequence_refus"
    case origin = "origine"
  }
}

/// Retention of a category of data: how long, from when, then what, and why.
public struct Retention: Codable, Hashable, Sendable {
  /// Fixed duration in the active base, when there is one.
  public var duree: TimeSpan?
  /// The criterion, when no fixed duration applies (« jusqu'au départ de l'élève »).
  public var critere: String?
  /// The event the duration runs from (« fin de l'année scolaire »).
  public var pointDeDepart: String?
  /// Intermediate archiving after the active base, if any.
  public var archivageIntermediaire: TimeSpan?
  public var sortFinal: FinalDisposition?
  /// Where the duration comes from: a text, a guide, or the controller's choice.
  public var source: String?
  /// Set when the figure is not confirmed by a text; shown by the audit and documents.
  public var aConfirmer: String?

  public init(
    duree: TimeSpan? = nil, critere: String? = nil, pointDeDepart: String? = nil,
    archivageIntermediaire: TimeSpan? = nil, sortFinal: FinalDisposition? = nil, source: String? = nil,
    aConfirmer: String? = nil
  ) {
    self.duree = duree
    self.critere = critere
    self.pointDeDepart = pointDeDepart
    self.archivageIntermediaire = archivageIntermediaire
    self.sortFinal = sortFinal
    self.source = source
    self.aConfirmer = aConfirmer
  }

  enum CodingKeys: String, CodingKey {
    case duree, critere
    case pointDeDepart = "point_de_depart"
    case archivageIntermediaire = "archivage_intermediaire"
    case sortFinal = "sort_final"
    case source
    case aConfirmer = "a_confirmer"
  }

  /// Whether a duration or a criterion is given. A criterion counts only when it says
  /// something: « - », « ? », « [à définir] » or « À COMPLÉTER » are no criterion.
  public var estDefinie: Bool {
    guard duree == nil else { return true }
    return PlaceholderText.isMeaningful(critere)
  }
}

/// A recipient or category of recipients.
public struct Recipient: Codable, Hashable, Sendable {
  public var type: RecipientKind
  public var nom: String
  public var precisions: String?

  public init(type: RecipientKind, nom: String, precisions: String? = nil) {
    self.type = type
    self.nom = nom
    self.precisions = precisions
  }
}

/// A transfer outside the EU/EEA.
public struct Transfer: Codable, Hashable, Sendable {
  public var destinataire: String
  /// ISO 3166-1 alpha-2 code.
  public var pays: String
  public var garantie: TransferSafeguard
  public var documentation: String?

  public init(destinataire: String, pays: String, garantie: TransferSafeguard, documentation: String? = nil) {
    self.destinataire = destinataire
    self.pays = pays
    self.garantie = garantie
    self.documentation = documentation
  }
}

/// A security measure, by CNIL family.
public struct SecurityMeasure: Codable, Hashable, Sendable {
  public var famille: MeasureFamily
  public var precisions: String?

  public init(famille: MeasureFamily, precisions: String? = nil) {
    self.famille = famille
    self.precisions = precisions
  }
}

/// A flow of personal data from one system to another.
public struct Flow: Codable, Hashable, Sendable {
  public var de: String
  public var vers: String
  public var canal: FlowChannel
  /// Protocol versions the endpoint accepts, when known (or probed).
  public var versionsTLS: [DeclaredTLSVersion]
  public var chiffrementTransit: Bool?
  public var chiffrementRepos: Bool?
  public var authentification: Authentication?
  public var mfa: Bool?
  /// Administrator access to the data goes through this flow.
  public var accesAdministrateur: Bool?
  /// Access from outside the school's network.
  public var accesDistant: Bool?
  /// Categories of data that travel this way.
  public var donnees: [DataCategory]
  /// Endpoint address, for the TLS probe.
  public var adresse: String?
  public var description: String?

  public init(
    de: String, vers: String, canal: FlowChannel, versionsTLS: [DeclaredTLSVersion] = [],
    chiffrementTransit: Bool? = nil, chiffrementRepos: Bool? = nil,
    authentification: Authentication? = nil, mfa: Bool? = nil, accesAdministrateur: Bool? = nil,
    accesDistant: Bool? = nil, donnees: [DataCategory] = [], adresse: String? = nil,
    description: String? = nil
  ) {
    self.de = de
    self.vers = vers
    self.canal = canal
    self.versionsTLS = versionsTLS
    self.chiffrementTransit = chiffrementTransit
    self.chiffrementRepos = chiffrementRepos
    self.authentification = authentification
    self.mfa = mfa
    self.accesAdministrateur = accesAdministrateur
    self.accesDistant = accesDistant
    self.donnees = donnees
    self.adresse = adresse
    self.description = description
  }

  enum CodingKeys: String, CodingKey {
    case de, vers, canal
    case versionsTLS = "versions_tls"
    case chiffrementTransit = "chiffrement_transit"
    case chiffrementRepos = "chiffrement_repos"
    case authentification, mfa
    case accesAdministrateur = "acces_administrateur"
    case accesDistant = "acces_distant"
    case donnees, adresse, description
  }
}

/// The DPIA (AIPD) record.
public struct DPIA: Codable, Hashable, Sendable {
  public var statut: DPIAStatus
  /// Why no DPIA is required, when `statut` is `non-requise`.
  public var motif: String?
  public var date: Day?
  public var conclusion: String?
  /// The DPD's opinion, as the DPIA records it.
  public var avisDPD: String?
  /// The residual risks the DPIA assessed, one per kind of feared event.
  public var risquesResiduels: [ResidualRisk]
  /// The DPIA's own file, relative to the register folder (a PIA JSON file of the CNIL's software).
  public var fichierPIA: String?

  public init(
    statut: DPIAStatus, motif: String? = nil, date: Day? = nil, conclusion: String? = nil, avisDPD: String? = nil,
    risquesResiduels: [ResidualRisk] = [], fichierPIA: String? = nil
  ) {
    self.statut = statut
    self.motif = motif
    self.date = date
    self.conclusion = conclusion
    self.avisDPD = avisDPD
    self.risquesResiduels = risquesResiduels
    self.fichierPIA = fichierPIA
  }

  enum CodingKeys: String, CodingKey {
    case statut, motif, date, conclusion
    case avisDPD = "avis_dpd"
    case risquesResiduels = "risques_residuels"
    case fichierPIA = "fichier_pia"
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    statut = try c.decode(DPIAStatus.self, forKey: .statut)
    motif = try c.decodeIfPresent(String.self, forKey: .motif)
    date = try c.decodeIfPresent(Day.self, forKey: .date)
    conclusion = try c.decodeIfPresent(String.self, forKey: .conclusion)
    avisDPD = try c.decodeIfPresent(String.self, forKey: .avisDPD)
    risquesResiduels = try c.decodeIfPresent([ResidualRisk].self, forKey: .risquesResiduels) ?? []
    fichierPIA = try c.decodeIfPresent(String.self, forKey: .fichierPIA)
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(statut, forKey: .statut)
    try c.encodeIfPresent(motif, forKey: .motif)
    try c.encodeIfPresent(date, forKey: .date)
    try c.encodeIfPresent(conclusion, forKey: .conclusion)
    try c.encodeIfPresent(avisDPD, forKey: .avisDPD)
    if !risquesResiduels.isEmpty { try c.encode(risquesResiduels, forKey: .risquesResiduels) }
    try c.encodeIfPresent(fichierPIA, forKey: .fichierPIA)
  }
}

/// A residual risk of a DPIA: the feared event, its severity and its likelihood, on the CNIL's
/// PIA scale (1 négligeable to 4 maximale).
public struct ResidualRisk: Codable, Hashable, Sendable {
  public var risque: FearedEvent
  public var gravite: PIAScale?
  public var vraisemblance: PIAScale?

  public init(risque: FearedEvent, gravite: PIAScale? = nil, vraisemblance: PIAScale? = nil) {
    self.risque = risque
    self.gravite = gravite
    self.vraisemblance = vraisemblance
  }
}

/// How the people concerned are informed (Art. 12–14).
public struct Information: Codable, Hashable, Sendable {
  public var noticeExistante: Bool
  public var date: Day?
  public var moyen: String?
  public var lien: String?

  public init(noticeExistante: Bool, date: Day? = nil, moyen: String? = nil, lien: String? = nil) {
    self.noticeExistante = noticeExistante
    self.date = date
    self.moyen = moyen
    self.lien = lien
  }

  enum CodingKeys: String, CodingKey {
    case noticeExistante = "notice_existante"
    case date, moyen, lien
  }
}

/// Automated decision-making (Art. 22).
public struct AutomatedDecision: Codable, Hashable, Sendable {
  public var existe: Bool
  public var logique: String?

  public init(existe: Bool, logique: String? = nil) {
    self.existe = existe
    self.logique = logique
  }
}

/// What a biometric access device needs (CNIL: explicit consent and an alternative).
public struct BiometricDevice: Codable, Hashable, Sendable {
  /// « contour de la main », « paume », « empreinte digitale », « reconnaissance faciale »…
  public var technique: String
  public var consentementExplicite: Bool
  /// Alternative offered to those who refuse (badge…).
  public var alternative: String?

  public init(technique: String, consentementExplicite: Bool, alternative: String? = nil) {
    self.technique = technique
    self.consentementExplicite = consentementExplicite
    self.alternative = alternative
  }

  enum CodingKeys: String, CodingKey {
    case technique
    case consentementExplicite = "consentement_explicite"
    case alternative
  }
}

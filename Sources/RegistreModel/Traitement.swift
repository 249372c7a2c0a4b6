import Foundation

/// One processing activity: a fiche of the register.
public struct Traitement: Codable, Hashable, Sendable, Identifiable {
  /// Stable id, also the file name (`traitements/<id>.yaml`).
  public var id: String
  public var nom: String
  public var statut: StatutFiche
  public var dateCreation: Jour?
  public var derniereMiseAJour: Jour?
  /// Software or application used, if any.
  public var logiciel: String?
  public var finalitePrincipale: String
  public var sousFinalites: [String]
  public var responsable: Responsable
  public var baseLegale: FondementJuridique?
  public var personnesConcernees: [PersonnesConcernees]
  public var donnees: [Donnees]
  /// Whether the data are collected from the people themselves (Art. 13)
  /// rather than received from elsewhere (Art. 14).
  public var collecteAupresDesPersonnes: Bool?
  public var sourcesDesDonnees: [String]
  public var destinataires: [Destinataire]
  /// Ids of processors in `sous-traitants/`.
  public var sousTraitants: [String]
  public var transferts: [Transfert]
  public var mesuresSecurite: [MesureSecurite]
  public var flux: [Flux]
  public var aipd: AIPD?
  public var criteresAIPD: [CritereAIPD]
  public var exemptionAIPD: ExemptionAIPD?
  public var information: Information?
  public var decisionAutomatisee: DecisionAutomatisee?
  public var dispositifBiometrique: DispositifBiometrique?
  /// Facts still to be confirmed (e.g. a retention no text fixes yet).
  public var aConfirmer: [String]
  public var references: [Reference]
  public var remarques: String?
  /// An optional service with no effect on the public service if refused
  /// (one of the few cases where consent is the right basis, EDPB 05/2020).
  public var serviceFacultatif: Bool?

  public init(
    id: String, nom: String, statut: StatutFiche = .brouillon, dateCreation: Jour? = nil,
    derniereMiseAJour: Jour? = nil, logiciel: String? = nil, finalitePrincipale: String,
    sousFinalites: [String] = [], responsable: Responsable = Responsable(type: .etablissement),
    baseLegale: FondementJuridique? = nil, personnesConcernees: [PersonnesConcernees] = [],
    donnees: [Donnees] = [], collecteAupresDesPersonnes: Bool? = nil,
    sourcesDesDonnees: [String] = [], destinataires: [Destinataire] = [],
    sousTraitants: [String] = [], transferts: [Transfert] = [],
    mesuresSecurite: [MesureSecurite] = [], flux: [Flux] = [], aipd: AIPD? = nil,
    criteresAIPD: [CritereAIPD] = [], exemptionAIPD: ExemptionAIPD? = nil,
    information: Information? = nil, decisionAutomatisee: DecisionAutomatisee? = nil,
    dispositifBiometrique: DispositifBiometrique? = nil, aConfirmer: [String] = [],
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
public struct Responsable: Codable, Hashable, Sendable {
  public var type: TypeResponsable
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
    type: TypeResponsable, nom: String? = nil, coresponsables: [String] = [],
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
public struct FondementJuridique: Codable, Hashable, Sendable {
  public var article6: BaseLegale
  /// The text that grounds the basis (code de l'éducation article, arrêté…).
  public var texte: String?
  public var article9: ConditionArticle9?
  public var texteArticle9: String?

  public init(
    article6: BaseLegale, texte: String? = nil, article9: ConditionArticle9? = nil,
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
public struct PersonnesConcernees: Codable, Hashable, Sendable {
  public var categorie: CategoriePersonnes
  public var precisions: String?
  /// Approximate number of people.
  public var volume: Int?

  public init(categorie: CategoriePersonnes, precisions: String? = nil, volume: Int? = nil) {
    self.categorie = categorie
    self.precisions = precisions
    self.volume = volume
  }
}

/// A category of personal data with its own retention.
public struct Donnees: Codable, Hashable, Sendable {
  public var categorie: CategorieDonnees
  public var description: String?
  public var conservation: Conservation?
  /// Whether the person must provide these data (Art. 13(2)(e)); nil when the register does not say.
  public var isMandatory: Bool?
  /// What happens if the person does not provide them (Art. 13(2)(e)).
  public var refusalConsequence: String?
  /// Where these data come from (Art. 14(2)(f)): « vous, à l'inscription », « caméras de l'établissement »…
  public var origin: String?

  public init(
    categorie: CategorieDonnees, description: String? = nil, conservation: Conservation? = nil,
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
public struct Conservation: Codable, Hashable, Sendable {
  /// Fixed duration in the active base, when there is one.
  public var duree: Duree?
  /// The criterion, when no fixed duration applies (« jusqu'au départ de l'élève »).
  public var critere: String?
  /// The event the duration runs from (« fin de l'année scolaire »).
  public var pointDeDepart: String?
  /// Intermediate archiving after the active base, if any.
  public var archivageIntermediaire: Duree?
  public var sortFinal: SortFinal?
  /// Where the duration comes from: a text, a guide, or the controller's choice.
  public var source: String?
  /// Set when the figure is not confirmed by a text; shown by the audit and documents.
  public var aConfirmer: String?

  public init(
    duree: Duree? = nil, critere: String? = nil, pointDeDepart: String? = nil,
    archivageIntermediaire: Duree? = nil, sortFinal: SortFinal? = nil, source: String? = nil,
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
public struct Destinataire: Codable, Hashable, Sendable {
  public var type: TypeDestinataire
  public var nom: String
  public var precisions: String?

  public init(type: TypeDestinataire, nom: String, precisions: String? = nil) {
    self.type = type
    self.nom = nom
    self.precisions = precisions
  }
}

/// A transfer outside the EU/EEA.
public struct Transfert: Codable, Hashable, Sendable {
  public var destinataire: String
  /// ISO 3166-1 alpha-2 code.
  public var pays: String
  public var garantie: GarantieTransfert
  public var documentation: String?

  public init(destinataire: String, pays: String, garantie: GarantieTransfert, documentation: String? = nil) {
    self.destinataire = destinataire
    self.pays = pays
    self.garantie = garantie
    self.documentation = documentation
  }
}

/// A security measure, by CNIL family.
public struct MesureSecurite: Codable, Hashable, Sendable {
  public var famille: FamilleMesure
  public var precisions: String?

  public init(famille: FamilleMesure, precisions: String? = nil) {
    self.famille = famille
    self.precisions = precisions
  }
}

/// A flow of personal data from one system to another.
public struct Flux: Codable, Hashable, Sendable {
  public var de: String
  public var vers: String
  public var canal: CanalFlux
  /// Protocol versions the endpoint accepts, when known (or probed).
  public var versionsTLS: [VersionTLS]
  public var chiffrementTransit: Bool?
  public var chiffrementRepos: Bool?
  public var authentification: Authentification?
  public var mfa: Bool?
  /// Administrator access to the data goes through this flow.
  public var accesAdministrateur: Bool?
  /// Access from outside the school's network.
  public var accesDistant: Bool?
  /// Categories of data that travel this way.
  public var donnees: [CategorieDonnees]
  /// Endpoint address, for the TLS probe.
  public var adresse: String?
  public var description: String?

  public init(
    de: String, vers: String, canal: CanalFlux, versionsTLS: [VersionTLS] = [],
    chiffrementTransit: Bool? = nil, chiffrementRepos: Bool? = nil,
    authentification: Authentification? = nil, mfa: Bool? = nil, accesAdministrateur: Bool? = nil,
    accesDistant: Bool? = nil, donnees: [CategorieDonnees] = [], adresse: String? = nil,
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
public struct AIPD: Codable, Hashable, Sendable {
  public var statut: StatutAIPD
  /// Why no DPIA is required, when `statut` is `non-requise`.
  public var motif: String?
  public var date: Jour?
  public var conclusion: String?

  public init(statut: StatutAIPD, motif: String? = nil, date: Jour? = nil, conclusion: String? = nil) {
    self.statut = statut
    self.motif = motif
    self.date = date
    self.conclusion = conclusion
  }
}

/// How the people concerned are informed (Art. 12–14).
public struct Information: Codable, Hashable, Sendable {
  public var noticeExistante: Bool
  public var date: Jour?
  public var moyen: String?
  public var lien: String?

  public init(noticeExistante: Bool, date: Jour? = nil, moyen: String? = nil, lien: String? = nil) {
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
public struct DecisionAutomatisee: Codable, Hashable, Sendable {
  public var existe: Bool
  public var logique: String?

  public init(existe: Bool, logique: String? = nil) {
    self.existe = existe
    self.logique = logique
  }
}

/// What a biometric access device needs (CNIL: explicit consent and an alternative).
public struct DispositifBiometrique: Codable, Hashable, Sendable {
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

/// A tool sheet (fiche outil): what a school knows about a digital tool it
/// considers adopting, as the vendor's documents and terms describe it.
///
/// Every fact is optional except the tool's name, vendor and purpose: an
/// incomplete sheet is evaluated on what it says, and each missing fact that
/// matters becomes a condition of the evaluation.
public struct ToolSheet: Codable, Hashable, Sendable {
  public var nom: String
  public var editeur: String
  public var finalite: String
  /// Address of the vendor's privacy policy or terms.
  public var politiqueConfidentialite: String?
  public var utilisateurs: ToolUsers?
  public var donneesCollectees: [PersonalData]
  public var authentification: [ToolAuthentication]
  /// Minimum age required by the vendor's terms of use.
  public var ageMinimumCGU: Int?
  /// A consumer service, not designed for schools.
  public var grandPublic: Bool?
  public var hebergement: Hosting?
  public var soumisDroitExtraEuropeen: Bool?
  public var certificationDPF: Bool?
  /// Safeguard announced for data leaving the EU/EEA, other than the DPF.
  public var garantieTransfert: TransferSafeguard?
  public var contratArt28: ToolContractStatus?
  public var sousTraitantsUlterieurs: [SubProcessor]
  public var publicite: Bool?
  public var profilageCommercial: Bool?
  public var traceurs: [ToolTracker]
  public var reutilisationDonnees: [DataReuse]
  public var fonctionnalitesIA: [AIFeature]
  public var conservation: Retention?
  /// The vendor lets the school export the data and deletes them at the end of use.
  public var exportSuppression: Bool?
  /// Administrator accounts can (or must) use multi-factor authentication.
  public var mfaAdministrateurs: Bool?
  /// Addresses the tool uses (for the TLS probe).
  public var pointsAcces: [String]
  public var contactDPDEditeur: String?
  public var remarques: String?

  public init(
    nom: String, editeur: String, finalite: String, politiqueConfidentialite: String? = nil,
    utilisateurs: ToolUsers? = nil, donneesCollectees: [PersonalData] = [],
    authentification: [ToolAuthentication] = [], ageMinimumCGU: Int? = nil, grandPublic: Bool? = nil,
    hebergement: Hosting? = nil, soumisDroitExtraEuropeen: Bool? = nil, certificationDPF: Bool? = nil,
    garantieTransfert: TransferSafeguard? = nil, contratArt28: ToolContractStatus? = nil,
    sousTraitantsUlterieurs: [SubProcessor] = [], publicite: Bool? = nil,
    profilageCommercial: Bool? = nil, traceurs: [ToolTracker] = [],
    reutilisationDonnees: [DataReuse] = [], fonctionnalitesIA: [AIFeature] = [],
    conservation: Retention? = nil, exportSuppression: Bool? = nil, mfaAdministrateurs: Bool? = nil,
    pointsAcces: [String] = [], contactDPDEditeur: String? = nil, remarques: String? = nil
  ) {
    self.nom = nom
    self.editeur = editeur
    self.finalite = finalite
    self.politiqueConfidentialite = politiqueConfidentialite
    self.utilisateurs = utilisateurs
    self.donneesCollectees = donneesCollectees
    self.authentification = authentification
    self.ageMinimumCGU = ageMinimumCGU
    self.grandPublic = grandPublic
    self.hebergement = hebergement
    self.soumisDroitExtraEuropeen = soumisDroitExtraEuropeen
    self.certificationDPF = certificationDPF
    self.garantieTransfert = garantieTransfert
    self.contratArt28 = contratArt28
    self.sousTraitantsUlterieurs = sousTraitantsUlterieurs
    self.publicite = publicite
    self.profilageCommercial = profilageCommercial
    self.traceurs = traceurs
    self.reutilisationDonnees = reutilisationDonnees
    self.fonctionnalitesIA = fonctionnalitesIA
    self.conservation = conservation
    self.exportSuppression = exportSuppression
    self.mfaAdministrateurs = mfaAdministrateurs
    self.pointsAcces = pointsAcces
    self.contactDPDEditeur = contactDPDEditeur
    self.remarques = remarques
  }

  enum CodingKeys: String, CodingKey {
    case nom, editeur, finalite
    case politiqueConfidentialite = "politique_confidentialite"
    case utilisateurs
    case donneesCollectees = "donnees_collectees"
    case authentification
    case ageMinimumCGU = "age_minimum_cgu"
    case grandPublic = "grand_public"
    case hebergement
    case soumisDroitExtraEuropeen = "soumis_droit_extra_europeen"
    case certificationDPF = "certification_dpf"
    case garantieTransfert = "garantie_transfert"
    case contratArt28 = "contrat_art28"
    case sousTraitantsUlterieurs = "sous_traitants_ulterieurs"
    case publicite
    case profilageCommercial = "profilage_commercial"
    case traceurs
    case reutilisationDonnees = "reutilisation_donnees"
    case fonctionnalitesIA = "fonctionnalites_ia"
    case conservation
    case exportSuppression = "export_suppression"
    case mfaAdministrateurs = "mfa_administrateurs"
    case pointsAcces = "points_acces"
    case contactDPDEditeur = "contact_dpd_editeur"
    case remarques
  }

  /// Whether pupils use the tool themselves or have data in it.
  public var concerneDesEleves: Bool { utilisateurs?.eleves == true }

  /// Whether the tool is reached only through the GAR, so the minister is the controller.
  public var accesParLeGAR: Bool {
    authentification.contains(.gar) && !authentification.contains(.comptesEditeur)
      && !authentification.contains(.comptesGrandPublic)
  }
}

/// Who uses the tool.
public struct ToolUsers: Codable, Hashable, Sendable {
  public var enseignants: Bool?
  public var eleves: Bool?
  public var responsablesLegaux: Bool?
  /// Classes concerned (« 6e », « seconde »…).
  public var niveaux: [String]
  /// Age of the youngest pupils concerned.
  public var ageElevesMinimum: Int?
  /// Pupils get individual accounts at the vendor (rather than no account or a class code).
  public var comptesEleves: Bool?
  /// Rough number of people concerned.
  public var volume: Int?

  public init(
    enseignants: Bool? = nil, eleves: Bool? = nil, responsablesLegaux: Bool? = nil, niveaux: [String] = [],
    ageElevesMinimum: Int? = nil, comptesEleves: Bool? = nil, volume: Int? = nil
  ) {
    self.enseignants = enseignants
    self.eleves = eleves
    self.responsablesLegaux = responsablesLegaux
    self.niveaux = niveaux
    self.ageElevesMinimum = ageElevesMinimum
    self.comptesEleves = comptesEleves
    self.volume = volume
  }

  enum CodingKeys: String, CodingKey {
    case enseignants, eleves
    case responsablesLegaux = "responsables_legaux"
    case niveaux
    case ageElevesMinimum = "age_eleves_minimum"
    case comptesEleves = "comptes_eleves"
    case volume
  }
}

/// How users sign in to a candidate tool.
public enum ToolAuthentication: String, EnumeratedValue {
  case gar
  case ssoENT = "sso-ent"
  case educonnect
  case comptesEditeur = "comptes-editeur"
  case comptesGrandPublic = "comptes-grand-public"
  case codeClasse = "code-classe"
  case sansCompte = "sans-compte"

  public var libelle: String {
    switch self {
    case .gar: return "Par le GAR (gestionnaire d'accès aux ressources, identifiant pseudonyme)"
    case .ssoENT: return "Authentification unique par l'ENT"
    case .educonnect: return "ÉduConnect"
    case .comptesEditeur: return "Comptes créés chez l'éditeur (identifiant et mot de passe)"
    case .comptesGrandPublic: return "Comptes personnels grand public (Google, Microsoft, Apple…)"
    case .codeClasse: return "Code de classe, sans compte individuel"
    case .sansCompte: return "Sans compte"
    }
  }
}

/// State of the Art. 28 contract a vendor offers.
public enum ToolContractStatus: String, EnumeratedValue {
  case propose, signe, aucun, inconnu
  public var libelle: String {
    switch self {
    case .propose: return "Proposé par l'éditeur, non signé"
    case .signe: return "Signé"
    case .aucun: return "Aucun contrat possible (CGU seules)"
    case .inconnu: return "Inconnu"
    }
  }
}

/// Trackers a tool sets.
public enum ToolTracker: String, EnumeratedValue {
  case aucun
  case mesureAudienceExemptee = "mesure-audience-exemptee"
  case mesureAudience = "mesure-audience"
  case publicitaires
  case reseauxSociaux = "reseaux-sociaux"
  public var libelle: String {
    switch self {
    case .aucun: return "Aucun traceur"
    case .mesureAudienceExemptee: return "Mesure d'audience exemptée de consentement (CNIL)"
    case .mesureAudience: return "Mesure d'audience soumise à consentement"
    case .publicitaires: return "Traceurs publicitaires"
    case .reseauxSociaux: return "Modules de réseaux sociaux"
    }
  }
}

/// What a vendor does with the data for its own purposes.
public enum DataReuse: String, EnumeratedValue {
  case aucune
  case statistiquesAnonymes = "statistiques-anonymes"
  case ameliorationProduit = "amelioration-produit"
  case entrainementIA = "entrainement-ia"
  case commerciale
  case revente

  public var libelle: String {
    switch self {
    case .aucune: return "Aucune réutilisation"
    case .statistiquesAnonymes: return "Statistiques anonymes"
    case .ameliorationProduit: return "Amélioration du produit de l'éditeur"
    case .entrainementIA: return "Entraînement de modèles d'IA"
    case .commerciale: return "Exploitation commerciale"
    case .revente: return "Cession ou revente à des tiers"
    }
  }

  /// Reuses that serve the vendor's own purposes with personal data.
  public var estPourLEditeur: Bool {
    switch self {
    case .aucune, .statistiquesAnonymes: return false
    case .ameliorationProduit, .entrainementIA, .commerciale, .revente: return true
    }
  }
}

/// AI features of a tool, as the AI Act and the ministry's framework sort them.
public enum AIFeature: String, EnumeratedValue {
  case aucune
  case generative
  case parcoursAdaptatif = "parcours-adaptatif"
  case evaluationAcquis = "evaluation-acquis"
  case orientationAdmission = "orientation-admission"
  case surveillanceExamens = "surveillance-examens"
  case reconnaissanceEmotions = "reconnaissance-emotions"

  public var libelle: String {
    switch self {
    case .aucune: return "Aucune fonctionnalité d'IA"
    case .generative: return "IA générative (texte, image, voix)"
    case .parcoursAdaptatif: return "Parcours d'apprentissage adaptatif"
    case .evaluationAcquis: return "Évaluation des acquis par un système d'IA"
    case .orientationAdmission: return "Admission, affectation ou orientation par un système d'IA"
    case .surveillanceExamens: return "Surveillance des examens (détection de fraude)"
    case .reconnaissanceEmotions: return "Reconnaissance des émotions"
    }
  }
}

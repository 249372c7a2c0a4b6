/// A closed list of values written in the register files as French slugs.
///
/// `rawValue` is what people type in YAML and what the XML holds; `libelle`
/// is the wording shown in documents and messages.
public protocol EnumeratedValue: RawRepresentable, CaseIterable, Codable, Hashable, Sendable
where RawValue == String {
  /// French label for documents and messages.
  var libelle: String { get }
}

/// Status of a register fiche.
public enum RecordStatus: String, EnumeratedValue {
  case brouillon, valide
  public var libelle: String { self == .brouillon ? "Brouillon" : "Validée" }
}

/// Who is the controller of a processing activity.
public enum ControllerKind: String, EnumeratedValue {
  case etablissement, ministere, collectivite, conjoint
  public var libelle: String {
    switch self {
    case .etablissement: return "L'établissement (chef d'établissement)"
    case .ministere: return "Le ministre chargé de l'éducation nationale"
    case .collectivite: return "La collectivité territoriale"
    case .conjoint: return "Responsables conjoints"
    }
  }
}

/// Lawful basis, GDPR Art. 6(1).
public enum LegalBasis: String, EnumeratedValue {
  case consentement, contrat
  case obligationLegale = "obligation-legale"
  case interetsVitaux = "interets-vitaux"
  case missionInteretPublic = "mission-interet-public"
  case interetLegitime = "interet-legitime"

  public var libelle: String {
    switch self {
    case .consentement: return "Consentement (art. 6.1.a RGPD)"
    case .contrat: return "Exécution d'un contrat (art. 6.1.b RGPD)"
    case .obligationLegale: return "Obligation légale (art. 6.1.c RGPD)"
    case .interetsVitaux: return "Sauvegarde des intérêts vitaux (art. 6.1.d RGPD)"
    case .missionInteretPublic: return "Mission d'intérêt public (art. 6.1.e RGPD)"
    case .interetLegitime: return "Intérêt légitime (art. 6.1.f RGPD)"
    }
  }
}

/// Condition that lifts the ban on special-category data, GDPR Art. 9(2).
public enum Article9Condition: String, EnumeratedValue {
  case consentementExplicite = "consentement-explicite"
  case droitTravailProtectionSociale = "droit-travail-protection-sociale"
  case interetsVitaux = "interets-vitaux"
  case organismeSansButLucratif = "organisme-sans-but-lucratif"
  case donneesRenduesPubliques = "donnees-rendues-publiques"
  case justice
  case interetPublicImportant = "interet-public-important"
  case medecinePreventive = "medecine-preventive"
  case santePublique = "sante-publique"
  case archivesRechercheStatistiques = "archives-recherche-statistiques"

  public var libelle: String {
    switch self {
    case .consentementExplicite: return "Consentement explicite (art. 9.2.a RGPD)"
    case .droitTravailProtectionSociale:
      return "Obligations en matière de droit du travail et de protection sociale (art. 9.2.b RGPD)"
    case .interetsVitaux: return "Sauvegarde des intérêts vitaux (art. 9.2.c RGPD)"
    case .organismeSansButLucratif: return "Organisme sans but lucratif (art. 9.2.d RGPD)"
    case .donneesRenduesPubliques: return "Données rendues publiques par la personne (art. 9.2.e RGPD)"
    case .justice: return "Droits en justice (art. 9.2.f RGPD)"
    case .interetPublicImportant: return "Motif d'intérêt public important (art. 9.2.g RGPD)"
    case .medecinePreventive: return "Médecine préventive, prise en charge sanitaire ou sociale (art. 9.2.h RGPD)"
    case .santePublique: return "Intérêt public dans le domaine de la santé publique (art. 9.2.i RGPD)"
    case .archivesRechercheStatistiques:
      return "Archives, recherche ou statistiques (art. 9.2.j RGPD)"
    }
  }
}

/// Categories of data subjects in a school.
public enum DataSubjectCategory: String, EnumeratedValue {
  case elevesMineurs = "eleves-mineurs"
  case elevesMajeurs = "eleves-majeurs"
  case responsablesLegaux = "responsables-legaux"
  case personnels
  case intervenantsExterieurs = "intervenants-exterieurs"
  case visiteurs
  case autres

  public var libelle: String {
    switch self {
    case .elevesMineurs: return "Élèves mineurs"
    case .elevesMajeurs: return "Élèves majeurs"
    case .responsablesLegaux: return "Responsables légaux"
    case .personnels: return "Personnels"
    case .intervenantsExterieurs: return "Intervenants extérieurs"
    case .visiteurs: return "Visiteurs"
    case .autres: return "Autres personnes"
    }
  }

  /// Pupils count as vulnerable persons (WP248 criterion 7).
  public var estEleve: Bool { self == .elevesMineurs || self == .elevesMajeurs }
}

/// Categories of personal data: the CNIL fiche's families, Art. 9 and Art. 10
/// data, the NIR, and a few school-specific families.
public enum DataCategory: String, EnumeratedValue {
  case etatCivil = "etat-civil"
  case viePersonnelle = "vie-personnelle"
  case vieProfessionnelle = "vie-professionnelle"
  case scolarite
  case economiqueFinancier = "economique-financier"
  case connexion
  case localisation
  case internet
  case image
  case nir
  case social
  case discipline
  case sante
  case biometrie
  case origineRaciale = "origine-raciale-ethnique"
  case opinionsPolitiques = "opinions-politiques"
  case convictionsReligieuses = "convictions-religieuses"
  case appartenanceSyndicale = "appartenance-syndicale"
  case genetique
  case vieSexuelle = "vie-sexuelle"
  case infractions
  case autre

  public var libelle: String {
    switch self {
    case .etatCivil: return "État civil, identité, données d'identification"
    case .viePersonnelle: return "Vie personnelle (habitudes de vie, situation familiale…)"
    case .vieProfessionnelle: return "Vie professionnelle (carrière, formation…)"
    case .scolarite: return "Scolarité (classe, évaluations, absences, orientation…)"
    case .economiqueFinancier: return "Informations d'ordre économique et financier"
    case .connexion: return "Données de connexion (adresses IP, journaux…)"
    case .localisation: return "Données de localisation"
    case .internet: return "Internet (cookies, traceurs, navigation…)"
    case .image: return "Images, voix et vidéos"
    case .nir: return "Numéro de sécurité sociale (NIR)"
    case .social: return "Situation sociale (aides, suivi social…)"
    case .discipline: return "Discipline et sanctions"
    case .sante: return "Données concernant la santé"
    case .biometrie: return "Données biométriques aux fins d'identifier une personne"
    case .origineRaciale: return "Données révélant l'origine raciale ou ethnique"
    case .opinionsPolitiques: return "Données révélant les opinions politiques"
    case .convictionsReligieuses: return "Données révélant les convictions religieuses ou philosophiques"
    case .appartenanceSyndicale: return "Données révélant l'appartenance syndicale"
    case .genetique: return "Données génétiques"
    case .vieSexuelle: return "Données concernant la vie sexuelle ou l'orientation sexuelle"
    case .infractions: return "Données relatives aux condamnations pénales et aux infractions"
    case .autre: return "Autres données"
    }
  }

  /// Special categories of GDPR Art. 9(1).
  public var estArticle9: Bool {
    switch self {
    case .sante, .biometrie, .origineRaciale, .opinionsPolitiques, .convictionsReligieuses,
      .appartenanceSyndicale, .genetique, .vieSexuelle:
      return true
    default:
      return false
    }
  }

  /// Sensitive or highly personal data that call for the strongest care (exemptions refused,
  /// MFA on remote access): Art. 9 and 10 data, plus social, NIR, location and disciplinary data.
  public var estSensibleOuHautementPersonnelle: Bool {
    estArticle9 || [.infractions, .social, .nir, .localisation, .discipline].contains(self)
  }

  /// Data that meet WP248 rev.01 criterion 4 (« données sensibles ou à caractère hautement
  /// personnel »): the categories above, and financial data, which the guidelines name
  /// (« financial data that might be used for payment fraud »): a family's income for a grant.
  public var remplitCritere4WP248: Bool {
    estSensibleOuHautementPersonnelle || self == .economiqueFinancier
  }
}

/// What happens to data at the end of their retention.
public enum FinalDisposition: String, EnumeratedValue {
  case destruction, archives, anonymisation, tri
  public var libelle: String {
    switch self {
    case .destruction: return "Destruction"
    case .archives: return "Versement aux archives"
    case .anonymisation: return "Anonymisation"
    case .tri: return "Tri (conservation partielle, visa des archives départementales)"
    }
  }
}

/// Kind of recipient, after the CNIL fiche.
public enum RecipientKind: String, EnumeratedValue {
  case interne, externe
  case sousTraitant = "sous-traitant"
  case paysTiers = "pays-tiers"
  public var libelle: String {
    switch self {
    case .interne: return "Destinataire interne"
    case .externe: return "Organisme externe"
    case .sousTraitant: return "Sous-traitant"
    case .paysTiers: return "Destinataire dans un pays tiers ou organisation internationale"
    }
  }
}

/// Safeguard for a transfer outside the EU/EEA (GDPR Chapter V).
public enum TransferSafeguard: String, EnumeratedValue {
  case adequation, dpf, cct, bcr
  case codeDeConduite = "code-de-conduite"
  case certification
  case derogationArticle49 = "derogation-article-49"
  case aucune

  public var libelle: String {
    switch self {
    case .adequation: return "Décision d'adéquation (art. 45 RGPD)"
    case .dpf: return "Certification Data Privacy Framework (décision (UE) 2023/1795)"
    case .cct: return "Clauses contractuelles types (art. 46.2.c RGPD)"
    case .bcr: return "Règles d'entreprise contraignantes (art. 47 RGPD)"
    case .codeDeConduite: return "Code de conduite (art. 46.2.e RGPD)"
    case .certification: return "Certification (art. 46.2.f RGPD)"
    case .derogationArticle49: return "Dérogation pour une situation particulière (art. 49 RGPD)"
    case .aucune: return "Aucune garantie"
    }
  }

  /// Safeguards that make a transfer lawful in themselves (Art. 45–47).
  public var estGarantieSuffisante: Bool {
    switch self {
    case .adequation, .dpf, .cct, .bcr, .codeDeConduite, .certification: return true
    case .derogationArticle49, .aucune: return false
    }
  }
}

/// The CNIL fiche's families of security measures.
public enum MeasureFamily: String, EnumeratedValue {
  case controleAcces = "controle-acces"
  case tracabilite
  case protectionLogiciels = "protection-logiciels"
  case sauvegarde
  case chiffrement
  case controleSousTraitants = "controle-sous-traitants"
  case autre

  public var libelle: String {
    switch self {
    case .controleAcces: return "Contrôle d'accès des utilisateurs"
    case .tracabilite: return "Mesures de traçabilité"
    case .protectionLogiciels: return "Mesures de protection des logiciels"
    case .sauvegarde: return "Sauvegarde des données"
    case .chiffrement: return "Chiffrement des données"
    case .controleSousTraitants: return "Contrôle des sous-traitants"
    case .autre: return "Autres mesures"
    }
  }
}

/// Channel a data flow travels through.
public enum FlowChannel: String, EnumeratedValue {
  case https, http, sftp, ftp, api, courriel
  case supportAmovible = "support-amovible"
  case papier
  case reseauInterne = "reseau-interne"
  case autre

  public var libelle: String {
    switch self {
    case .https: return "HTTPS"
    case .http: return "HTTP (non chiffré)"
    case .sftp: return "SFTP"
    case .ftp: return "FTP (non chiffré)"
    case .api: return "API"
    case .courriel: return "Courriel"
    case .supportAmovible: return "Support amovible (clé USB, disque)"
    case .papier: return "Papier"
    case .reseauInterne: return "Réseau interne"
    case .autre: return "Autre canal"
    }
  }
}

/// Protocol versions of SSL/TLS.
public enum DeclaredTLSVersion: String, EnumeratedValue, Comparable {
  case ssl3 = "ssl3"
  case tls10 = "1.0"
  case tls11 = "1.1"
  case tls12 = "1.2"
  case tls13 = "1.3"

  public var libelle: String { self == .ssl3 ? "SSL 3.0" : "TLS \(rawValue)" }

  private var rang: Int { DeclaredTLSVersion.allCases.firstIndex(of: self) ?? 0 }
  public static func < (lhs: DeclaredTLSVersion, rhs: DeclaredTLSVersion) -> Bool { lhs.rang < rhs.rang }
}

/// How people sign in.
public enum Authentication: String, EnumeratedValue {
  case ssoENT = "sso-ent"
  case educonnect
  case gar
  case comptesLocaux = "comptes-locaux"
  case aucune
  case autre

  public var libelle: String {
    switch self {
    case .ssoENT: return "Authentification unique par l'ENT"
    case .educonnect: return "ÉduConnect"
    case .gar: return "GAR (identifiant pseudonyme)"
    case .comptesLocaux: return "Comptes locaux (identifiant et mot de passe)"
    case .aucune: return "Aucune authentification"
    case .autre: return "Autre mode d'authentification"
    }
  }
}

/// State of the DPIA (AIPD) of a processing activity.
/// The three feared events of the CNIL's PIA method (sections 3.2, 3.3 and 3.4 of its software).
public enum FearedEvent: String, EnumeratedValue {
  case accesIllegitime = "acces-illegitime"
  case modificationNonDesiree = "modification-non-desiree"
  case disparition

  public var libelle: String {
    switch self {
    case .accesIllegitime: return "Accès illégitime à des données"
    case .modificationNonDesiree: return "Modification non désirée de données"
    case .disparition: return "Disparition de données"
    }
  }
}

/// Severity or likelihood on the CNIL's PIA scale: 1 to 4.
public enum PIAScale: String, EnumeratedValue {
  case negligeable, limitee, importante, maximale

  public var libelle: String {
    switch self {
    case .negligeable: return "Négligeable"
    case .limitee: return "Limitée"
    case .importante: return "Importante"
    case .maximale: return "Maximale"
    }
  }

  /// The PIA software's number (1 to 4).
  public var pia: Int {
    switch self {
    case .negligeable: return 1
    case .limitee: return 2
    case .importante: return 3
    case .maximale: return 4
    }
  }

  /// The level of a PIA gauge; nil for 0 (« non définie ») or out of range.
  public init?(pia: Int) {
    switch pia {
    case 1: self = .negligeable
    case 2: self = .limitee
    case 3: self = .importante
    case 4: self = .maximale
    default: return nil
    }
  }
}

public enum DPIAStatus: String, EnumeratedValue {
  case nonRequise = "non-requise"
  case requise
  case enCours = "en-cours"
  case realisee

  public var libelle: String {
    switch self {
    case .nonRequise: return "Non requise"
    case .requise: return "Requise, non réalisée"
    case .enCours: return "En cours"
    case .realisee: return "Réalisée"
    }
  }
}

/// Screening facts for the DPIA that the data categories and subjects do not
/// already say: the WP248 criteria and the CNIL list 2018-327 situations.
public enum DPIACriterion: String, EnumeratedValue {
  case evaluationNotation = "evaluation-notation"
  case decisionAutomatisee = "decision-automatisee"
  case surveillanceSystematique = "surveillance-systematique"
  case grandeEchelle = "grande-echelle"
  case croisementDonnees = "croisement-donnees"
  case usageInnovant = "usage-innovant"
  case exclusionDroitService = "exclusion-droit-service"
  case alertesSocialesSanitaires = "alertes-sociales-sanitaires"
  case accompagnementSocial = "accompagnement-social"
  case localisationGrandeEchelle = "localisation-grande-echelle"
  case surveillanceConstantePersonnels = "surveillance-constante-personnels"
  case profilageSourcesExternes = "profilage-sources-externes"

  public var libelle: String {
    switch self {
    case .evaluationNotation: return "Évaluation ou notation, y compris profilage"
    case .decisionAutomatisee: return "Décision automatisée avec effet juridique ou similaire"
    case .surveillanceSystematique: return "Surveillance systématique"
    case .grandeEchelle: return "Traitement à grande échelle"
    case .croisementDonnees: return "Croisement ou combinaison de jeux de données"
    case .usageInnovant: return "Usage innovant ou nouvelle technologie (dont IA)"
    case .exclusionDroitService: return "Exclusion du bénéfice d'un droit, d'un service ou d'un contrat"
    case .alertesSocialesSanitaires: return "Gestion d'alertes et de signalements en matière sociale et sanitaire"
    case .accompagnementSocial: return "Accompagnement social ou médico-social"
    case .localisationGrandeEchelle: return "Données de localisation à large échelle"
    case .surveillanceConstantePersonnels: return "Surveillance constante de l'activité des personnels"
    case .profilageSourcesExternes: return "Profilage à partir de données de sources externes"
    }
  }
}

/// Items of the CNIL list of processing for which no DPIA is required
/// (deliberation 2019-118) that a school may invoke.
public enum DPIAExemption: String, EnumeratedValue {
  case affairesScolaires = "affaires-scolaires"
  case controleAccesHoraires = "controle-acces-horaires"
  case relationFournisseurs = "relation-fournisseurs"

  public var libelle: String {
    switch self {
    case .affairesScolaires:
      return "Gestion des services en matière d'affaires scolaires et périscolaires (délib. CNIL 2019-118, item 10)"
    case .controleAccesHoraires:
      return "Contrôles d'accès physiques et horaires, hors biométrie (délib. CNIL 2019-118, item 11)"
    case .relationFournisseurs: return "Gestion de la relation fournisseurs (délib. CNIL 2019-118, item 2)"
    }
  }
}

/// Certifications a processor may hold.
public enum Certification: String, EnumeratedValue {
  case hds
  case iso27001 = "iso-27001"
  case secnumcloud
  case autre

  public var libelle: String {
    switch self {
    case .hds: return "Hébergeur de données de santé (HDS)"
    case .iso27001: return "ISO/IEC 27001"
    case .secnumcloud: return "SecNumCloud (ANSSI)"
    case .autre: return "Autre certification"
    }
  }
}

/// Type of a personal data breach (GDPR Art. 4(12)).
public enum BreachKind: String, EnumeratedValue {
  case confidentialite, integrite, disponibilite
  public var libelle: String {
    switch self {
    case .confidentialite: return "Perte de confidentialité"
    case .integrite: return "Perte d'intégrité"
    case .disponibilite: return "Perte de disponibilité"
    }
  }
}

/// Risk assessment of a breach (GDPR Art. 33–34).
public enum RiskLevel: String, EnumeratedValue {
  case aucun, risque
  case risqueEleve = "risque-eleve"
  public var libelle: String {
    switch self {
    case .aucun: return "Pas de risque"
    case .risque: return "Risque"
    case .risqueEleve: return "Risque élevé"
    }
  }
}

/// Kind of school.
public enum SchoolKind: String, EnumeratedValue {
  case college, lycee
  case lyceeProfessionnel = "lycee-professionnel"
  case citeScolaire = "cite-scolaire"
  case erea
  case autre
  public var libelle: String {
    switch self {
    case .college: return "Collège"
    case .lycee: return "Lycée"
    case .lyceeProfessionnel: return "Lycée professionnel"
    case .citeScolaire: return "Cité scolaire"
    case .erea: return "EREA"
    case .autre: return "Autre établissement"
    }
  }
}

import RegistreModel

/// The register's file format, described once. Keys match the model's
/// `CodingKeys`; a test checks that the two agree.
public enum Format {
  /// Namespace of the canonical XML form.
  public static let espaceDeNoms = "urn:registre-eple:registre:1"

  static let contact = RecordType(
    nom: "Contact", documentation: "Coordonnées d'une personne ou d'un service.",
    champs: [
      Field("nom", .texte, obligatoire: true, "Nom de la personne ou du service.", exemple: "Mme Claire Martin"),
      Field("fonction", .texte, "Fonction.", exemple: "Proviseure"),
      Field("organisme", .texte, "Organisme, si différent de l'établissement.", exemple: "Rectorat de l'académie"),
      Field("adresse", .texte, "Adresse postale."),
      Field("courriel", .texte, "Adresse électronique.", exemple: "dpd@ac-exemple.fr"),
      Field("telephone", .texte, "Téléphone."),
    ])

  static let reference = RecordType(
    nom: "Reference", documentation: "Un texte ou une page qui fonde un fait.",
    champs: [
      Field("texte", .texte, obligatoire: true, "Référence du texte.", exemple: "Code de l'éducation, art. R.511-13"),
      Field("lien", .texte, "Adresse de la source."),
    ])

  public static let etablissement = RecordType(
    nom: "Etablissement",
    documentation: "L'établissement qui tient le registre (fichier `etablissement.yaml`).",
    champs: [
      Field("nom", .texte, obligatoire: true, "Nom de l'établissement.", exemple: "Lycée Jules-Ferry"),
      Field("uai", .uai, obligatoire: true, "Code UAI (ex-RNE).", exemple: "0751234A"),
      Field("type", FieldKind.enumValues(SchoolKind.self, nom: "TypeEtablissement"), "Type d'établissement.", exemple: "lycee"),
      Field("adresse", .texte, "Adresse postale."),
      Field("academie", .texte, "Académie.", exemple: "Paris"),
      Field(
        "responsable_traitement", .objet(contact), obligatoire: true,
        "Le chef d'établissement, responsable des traitements de l'établissement (art. 30.1.a RGPD)."),
      Field("dpd", .objet(contact), "Le délégué à la protection des données (DPD), le plus souvent celui de l'académie."),
      Field("referent_numerique", .objet(contact), "Le référent numérique de l'établissement."),
    ])

  static let responsable = RecordType(
    nom: "Responsable", documentation: "Responsable du traitement.",
    champs: [
      Field(
        "type", FieldKind.enumValues(ControllerKind.self, nom: "TypeResponsable"), obligatoire: true,
        "Qui est responsable : l'établissement, le ministre (applications nationales), la collectivité, ou des responsables conjoints.",
        exemple: "etablissement"),
      Field("nom", .texte, "Nom du responsable quand ce n'est pas l'établissement.", exemple: "Ministre de l'Éducation nationale"),
      Field("coresponsables", .liste(.texte, element: "coresponsable"), "Responsables conjoints (art. 26 RGPD)."),
      Field("acte_reglementaire", .texte, "Acte qui crée le traitement (arrêté…).", exemple: "Arrêté du 22 septembre 1995 modifié"),
      Field("notice_officielle", .texte, "Adresse de la notice d'information du responsable."),
      Field(
        "contact_dpd", .texte,
        "Contact du délégué à la protection des données du responsable, quand ce n'est pas celui de l'établissement (applications nationales) : la notice y renvoie pour l'exercice des droits.",
        exemple: "dpd@education.gouv.fr"),
    ])

  static let fondement = RecordType(
    nom: "FondementJuridique", documentation: "Base légale (art. 6) et, pour les données sensibles, condition de l'art. 9.2.",
    champs: [
      Field(
        "article_6", FieldKind.enumValues(LegalBasis.self, nom: "BaseLegale"), obligatoire: true,
        "Base légale de l'art. 6.1 RGPD.", exemple: "mission-interet-public"),
      Field("texte", .texte, "Texte qui fonde la base légale.", exemple: "Code de l'éducation, art. L.111-1"),
      Field(
        "article_9", FieldKind.enumValues(Article9Condition.self, nom: "ConditionArticle9"),
        "Condition de l'art. 9.2 RGPD, obligatoire quand des données sensibles sont traitées."),
      Field("texte_article_9", .texte, "Texte qui fonde la condition de l'art. 9.2."),
    ])

  static let personnes = RecordType(
    nom: "PersonnesConcernees", documentation: "Une catégorie de personnes concernées.",
    champs: [
      Field(
        "categorie", FieldKind.enumValues(DataSubjectCategory.self, nom: "CategoriePersonnes"), obligatoire: true,
        "Catégorie de personnes.", exemple: "eleves-mineurs"),
      Field("precisions", .texte, "Précisions."),
      Field("volume", .entier, "Nombre approximatif de personnes.", exemple: "850"),
    ])

  static let conservation = RecordType(
    nom: "Conservation", documentation: "Durée de conservation d'une catégorie de données (art. 30.1.f RGPD).",
    champs: [
      Field("duree", .duree, "Durée en base active.", exemple: "1 an"),
      Field("critere", .texte, "Critère, quand aucune durée fixe ne s'applique.", exemple: "jusqu'au départ de l'élève"),
      Field("point_de_depart", .texte, "Événement à partir duquel la durée court.", exemple: "fin de l'année scolaire"),
      Field("archivage_intermediaire", .duree, "Durée d'archivage intermédiaire après la base active."),
      Field("sort_final", FieldKind.enumValues(FinalDisposition.self, nom: "SortFinal"), "Sort final des données.", exemple: "destruction"),
      Field("source", .texte, "D'où vient la durée : texte, guide ou choix du responsable.", exemple: "Code de l'éducation, art. R.511-13 IV"),
      Field("a_confirmer", .texte, "Renseigné quand la durée n'est confirmée par aucun texte."),
    ])

  static let donnees = RecordType(
    nom: "Donnees", documentation: "Une catégorie de données personnelles, avec sa conservation.",
    champs: [
      Field(
        "categorie", FieldKind.enumValues(DataCategory.self, nom: "CategorieDonnees"), obligatoire: true,
        "Catégorie de données (familles de la fiche CNIL, données sensibles, NIR…).", exemple: "scolarite"),
      Field("description", .texte, "Description des données.", exemple: "notes, appréciations, absences"),
      Field("conservation", .objet(conservation), "Durée de conservation de cette catégorie."),
      Field(
        "fourniture_obligatoire", .booleen,
        "La personne est obligée de fournir ces données (art. 13.2.e RGPD). Absent : la notice dit que l'information est à demander à l'établissement."),
      Field(
        "consequence_refus", .texte, "Ce qui se passe si la personne ne les fournit pas (art. 13.2.e RGPD).",
        exemple: "l'élève ne peut pas être inscrit"),
      Field(
        "origine", .texte,
        "D'où viennent ces données (art. 14.2.f RGPD), imprimé tel quel par les notices. Absent : la notice reprend `sources_des_donnees` ou `collecte_aupres_des_personnes` du traitement ; sans eux, elle dit que l'origine n'est pas précisée dans le registre.",
        exemple: "caméras de l'établissement"),
    ])

  static let destinataire = RecordType(
    nom: "Destinataire", documentation: "Un destinataire ou une catégorie de destinataires (art. 30.1.d RGPD).",
    champs: [
      Field("type", FieldKind.enumValues(RecipientKind.self, nom: "TypeDestinataire"), obligatoire: true, "Type de destinataire.", exemple: "interne"),
      Field("nom", .texte, obligatoire: true, "Destinataire.", exemple: "Équipe pédagogique"),
      Field("precisions", .texte, "Précisions."),
    ])

  static let transfert = RecordType(
    nom: "Transfert", documentation: "Un transfert hors de l'Union européenne (art. 30.1.e RGPD).",
    champs: [
      Field("destinataire", .texte, obligatoire: true, "Organisme destinataire."),
      Field("pays", .pays, obligatoire: true, "Pays destinataire.", exemple: "US"),
      Field("garantie", FieldKind.enumValues(TransferSafeguard.self, nom: "GarantieTransfert"), obligatoire: true, "Garantie du transfert.", exemple: "dpf"),
      Field("documentation", .texte, "Lien vers la documentation de la garantie."),
    ])

  static let mesure = RecordType(
    nom: "MesureSecurite", documentation: "Une mesure de sécurité (art. 30.1.g et 32 RGPD).",
    champs: [
      Field("famille", FieldKind.enumValues(MeasureFamily.self, nom: "FamilleMesure"), obligatoire: true, "Famille de mesures de la fiche CNIL.", exemple: "controle-acces"),
      Field("precisions", .texte, "Précisions."),
    ])

  static let flux = RecordType(
    nom: "Flux", documentation: "Un flux de données d'un système à un autre.",
    champs: [
      Field("de", .texte, obligatoire: true, "Système d'origine.", exemple: "Pronote"),
      Field("vers", .texte, obligatoire: true, "Système de destination.", exemple: "ENT"),
      Field("canal", FieldKind.enumValues(FlowChannel.self, nom: "CanalFlux"), obligatoire: true, "Canal.", exemple: "https"),
      Field(
        "versions_tls", .liste(FieldKind.enumValues(DeclaredTLSVersion.self, nom: "VersionTLS"), element: "version_tls"),
        "Versions de SSL/TLS acceptées par le point d'accès.", exemple: "[\"1.2\", \"1.3\"]"),
      Field("chiffrement_transit", .booleen, "Données chiffrées pendant le transport."),
      Field("chiffrement_repos", .booleen, "Données chiffrées au repos (support, pièce jointe)."),
      Field("authentification", FieldKind.enumValues(Authentication.self, nom: "Authentification"), "Mode d'authentification.", exemple: "sso-ent"),
      Field("mfa", .booleen, "Authentification multifacteur."),
      Field("acces_administrateur", .booleen, "Accès d'administration par ce flux."),
      Field("acces_distant", .booleen, "Accès depuis l'extérieur du réseau de l'établissement."),
      Field("donnees", .liste(FieldKind.enumValues(DataCategory.self, nom: "CategorieDonnees"), element: "categorie"), "Catégories de données qui circulent."),
      Field("adresse", .texte, "Adresse du point d'accès (pour la sonde TLS).", exemple: "https://ent.exemple.fr"),
      Field("description", .texte, "Description."),
    ])

  static let aipd = RecordType(
    nom: "AIPD", documentation: "Analyse d'impact relative à la protection des données (art. 35 RGPD).",
    champs: [
      Field("statut", FieldKind.enumValues(DPIAStatus.self, nom: "StatutAIPD"), obligatoire: true, "État de l'AIPD.", exemple: "realisee"),
      Field("motif", .texte, "Pourquoi aucune AIPD n'est requise."),
      Field("date", .date, "Date de l'AIPD.", exemple: "2025-06-30"),
      Field("conclusion", .texte, "Conclusion de l'AIPD."),
      Field("avis_dpd", .texte, "Avis du DPD sur l'AIPD (art. 35.2 RGPD), tel que l'AIPD le consigne."),
      Field(
        "risques_residuels", .liste(.objet(risqueResiduel), element: "risque"),
        "Risques résiduels évalués par l'AIPD (méthode de la CNIL : accès illégitime, modification non désirée, disparition)."),
      Field(
        "fichier_pia", .texte,
        "Fichier de l'AIPD, relatif au dossier du registre (un fichier JSON du logiciel PIA de la CNIL) ; `registre aipd importer` le range dans `aipd/`.",
        exemple: "aipd/vie-scolaire.json"),
    ])

  static let risqueResiduel = RecordType(
    nom: "RisqueResiduel", documentation: "Un risque résiduel d'une AIPD, sur l'échelle du logiciel PIA de la CNIL (1 négligeable à 4 maximale).",
    champs: [
      Field("risque", FieldKind.enumValues(FearedEvent.self, nom: "EvenementRedoute"), obligatoire: true, "Événement redouté.", exemple: "acces-illegitime"),
      Field("gravite", FieldKind.enumValues(PIAScale.self, nom: "EchellePIA"), "Gravité.", exemple: "limitee"),
      Field("vraisemblance", FieldKind.enumValues(PIAScale.self, nom: "EchellePIA"), "Vraisemblance.", exemple: "negligeable"),
    ])

  static let information = RecordType(
    nom: "Information", documentation: "Information des personnes (art. 12 à 14 RGPD).",
    champs: [
      Field("notice_existante", .booleen, obligatoire: true, "Une notice d'information existe."),
      Field("date", .date, "Date de la notice."),
      Field("moyen", .texte, "Comment elle est diffusée.", exemple: "ENT et règlement intérieur"),
      Field("lien", .texte, "Adresse de la notice."),
    ])

  static let decision = RecordType(
    nom: "DecisionAutomatisee", documentation: "Décision individuelle automatisée (art. 22 RGPD).",
    champs: [
      Field("existe", .booleen, obligatoire: true, "Une décision automatisée existe."),
      Field("logique", .texte, "Logique sous-jacente."),
    ])

  static let biometrie = RecordType(
    nom: "DispositifBiometrique", documentation: "Dispositif biométrique (CNIL : consentement explicite et alternative).",
    champs: [
      Field("technique", .texte, obligatoire: true, "Technique.", exemple: "contour de la main"),
      Field("consentement_explicite", .booleen, obligatoire: true, "Consentement explicite recueilli (art. 9.2.a RGPD)."),
      Field("alternative", .texte, "Alternative proposée à ceux qui refusent.", exemple: "badge"),
    ])

  public static let traitement = RecordType(
    nom: "Traitement",
    documentation: "Une fiche du registre : une activité de traitement (fichier `traitements/<id>.yaml`).",
    champs: [
      Field("id", .identifiant, obligatoire: true, "Identifiant stable, aussi nom du fichier.", exemple: "vie-scolaire"),
      Field("nom", .texte, obligatoire: true, "Nom du traitement.", exemple: "Vie scolaire (Pronote)"),
      Field("statut", FieldKind.enumValues(RecordStatus.self, nom: "StatutFiche"), obligatoire: true, "État de la fiche.", exemple: "valide"),
      Field("date_creation", .date, "Date de création de la fiche.", exemple: "2024-09-02"),
      Field("derniere_mise_a_jour", .date, "Dernière mise à jour de la fiche.", exemple: "2026-09-01"),
      Field("logiciel", .texte, "Logiciel ou application utilisé.", exemple: "Pronote"),
      Field("finalite_principale", .texte, obligatoire: true, "Finalité principale (art. 30.1.b RGPD)."),
      Field("sous_finalites", .liste(.texte, element: "sous_finalite"), "Sous-finalités."),
      Field("responsable", .objet(responsable), obligatoire: true, "Responsable du traitement (art. 30.1.a RGPD)."),
      Field("base_legale", .objet(fondement), "Base légale."),
      Field("personnes_concernees", .liste(.objet(personnes), element: "personnes"), "Catégories de personnes concernées (art. 30.1.c RGPD)."),
      Field("donnees", .liste(.objet(donnees), element: "categorie_donnees"), "Catégories de données et leur conservation (art. 30.1.c et f RGPD)."),
      Field("collecte_aupres_des_personnes", .booleen, "Données collectées auprès des personnes elles-mêmes (art. 13) plutôt que reçues d'ailleurs (art. 14) ; la notice le dit des catégories sans `origine`."),
      Field("sources_des_donnees", .liste(.texte, element: "source"), "Origine des données reçues d'ailleurs (art. 14.2.f RGPD).", exemple: "[SIECLE]"),
      Field("destinataires", .liste(.objet(destinataire), element: "destinataire"), "Destinataires (art. 30.1.d RGPD)."),
      Field("sous_traitants", .liste(.identifiant, element: "sous_traitant"), "Identifiants des sous-traitants (fichiers `sous-traitants/<id>.yaml`).", exemple: "[index-education]"),
      Field("transferts", .liste(.objet(transfert), element: "transfert"), "Transferts hors UE (art. 30.1.e RGPD)."),
      Field("mesures_securite", .liste(.objet(mesure), element: "mesure"), "Mesures de sécurité (art. 30.1.g RGPD)."),
      Field("flux", .liste(.objet(flux), element: "flux_donnees"), "Flux de données."),
      Field("aipd", .objet(aipd), "Analyse d'impact (AIPD)."),
      Field(
        "criteres_aipd", .liste(FieldKind.enumValues(DPIACriterion.self, nom: "CritereAIPD"), element: "critere"),
        "Faits utiles au criblage de l'AIPD que les données et les personnes ne disent pas déjà.", exemple: "[evaluation-notation]"),
      Field("exemption_aipd", FieldKind.enumValues(DPIAExemption.self, nom: "ExemptionAIPD"), "Exemption invoquée de la liste CNIL des traitements sans AIPD (délib. 2019-118)."),
      Field("information", .objet(information), "Information des personnes."),
      Field("decision_automatisee", .objet(decision), "Décision automatisée."),
      Field("dispositif_biometrique", .objet(biometrie), "Dispositif biométrique."),
      Field("a_confirmer", .liste(.texte, element: "point"), "Faits encore à confirmer."),
      Field("references", .liste(.objet(reference), element: "reference"), "Textes et sources."),
      Field("remarques", .texte, "Remarques."),
      Field(
        "service_facultatif", .booleen,
        "Service facultatif, sans effet sur le service public en cas de refus (l'un des rares cas où le consentement est la bonne base)."),
    ])

  static let hebergement = RecordType(
    nom: "Hebergement", documentation: "Lieu d'hébergement des données.",
    champs: [
      Field("pays", .pays, obligatoire: true, "Pays des centres de données.", exemple: "FR"),
      Field("prestataire", .texte, "Hébergeur."),
    ])

  static let contrat = RecordType(
    nom: "ContratArticle28", documentation: "Contrat de sous-traitance (art. 28 RGPD).",
    champs: [
      Field("signe", .booleen, obligatoire: true, "Le contrat est signé."),
      Field("date", .date, "Date de signature."),
      Field("reference", .texte, "Référence du contrat."),
    ])

  static let ulterieur = RecordType(
    nom: "SousTraitantUlterieur", documentation: "Sous-traitant ultérieur.",
    champs: [
      Field("nom", .texte, obligatoire: true, "Nom."),
      Field("pays", .pays, obligatoire: true, "Pays."),
      Field("services", .texte, "Services rendus."),
    ])

  public static let sousTraitant = RecordType(
    nom: "SousTraitant",
    documentation: "Un sous-traitant (art. 28 RGPD) (fichier `sous-traitants/<id>.yaml`).",
    champs: [
      Field("id", .identifiant, obligatoire: true, "Identifiant stable, aussi nom du fichier.", exemple: "index-education"),
      Field("nom", .texte, obligatoire: true, "Raison sociale.", exemple: "Index Éducation"),
      Field("pays", .pays, obligatoire: true, "Pays du siège.", exemple: "FR"),
      Field("soumis_droit_extra_europeen", .booleen, "Soumis à un droit non européen qui peut atteindre les données (ex. maison mère américaine)."),
      Field("hebergement", .objet(hebergement), "Hébergement des données."),
      Field("contrat", .objet(contrat), "Contrat art. 28."),
      Field("sous_traitants_ulterieurs", .liste(.objet(ulterieur), element: "sous_traitant_ulterieur"), "Sous-traitants ultérieurs."),
      Field("certifications", .liste(FieldKind.enumValues(Certification.self, nom: "Certification"), element: "certification"), "Certifications."),
      Field("certification_dpf", .booleen, "Certifié Data Privacy Framework (entreprises américaines)."),
      Field("contact_dpd", .texte, "Contact du DPO du sous-traitant."),
      Field("services", .texte, "Services rendus."),
    ])

  static let notification = RecordType(
    nom: "Notification", documentation: "Notification à la CNIL (art. 33) ou information des personnes (art. 34).",
    champs: [
      Field("faite", .booleen, obligatoire: true, "La notification a été faite."),
      Field("date", .date, "Date."),
      Field("reference", .texte, "Numéro de téléservice CNIL ou moyen d'information."),
      Field("justification", .texte, "Pourquoi aucune notification n'a été faite."),
    ])

  public static let violation = RecordType(
    nom: "Violation",
    documentation: "Une entrée du registre des violations (art. 33.5 RGPD) (fichier `violations/<id>.yaml`).",
    champs: [
      Field("id", .identifiant, obligatoire: true, "Identifiant stable, aussi nom du fichier.", exemple: "2026-01-cle-usb"),
      Field("date_decouverte", .date, obligatoire: true, "Date de découverte."),
      Field("date_survenance", .date, "Date de survenance."),
      Field("types", .liste(FieldKind.enumValues(BreachKind.self, nom: "TypeViolation"), element: "type"), "Nature : confidentialité, intégrité, disponibilité."),
      Field("description", .texte, obligatoire: true, "Les faits."),
      Field("traitements", .liste(.identifiant, element: "traitement"), "Traitements concernés."),
      Field("personnes_concernees", .liste(.objet(personnes), element: "personnes"), "Personnes concernées et nombre approximatif."),
      Field("categories_donnees", .liste(FieldKind.enumValues(DataCategory.self, nom: "CategorieDonnees"), element: "categorie"), "Catégories de données."),
      Field("volume_enregistrements", .entier, "Nombre approximatif d'enregistrements."),
      Field("donnees_chiffrees", .booleen, "Les données étaient chiffrées."),
      Field("consequences", .texte, "Conséquences probables (effets)."),
      Field("risque", FieldKind.enumValues(RiskLevel.self, nom: "NiveauRisque"), "Évaluation du risque."),
      Field("notification_cnil", .objet(notification), "Notification à la CNIL (art. 33)."),
      Field("information_personnes", .objet(notification), "Information des personnes (art. 34)."),
      Field("mesures", .texte, "Mesures correctives et préventives prises."),
      Field("dpd_informe_le", .date, "Date à laquelle le DPD a été informé."),
      Field("sous_traitant", .identifiant, "Sous-traitant en cause."),
    ])

  public static let action = RecordType(
    nom: "Action",
    documentation: "Une action du plan d'action (fichier `actions/<id>.yaml`) : ce que l'établissement fait d'un ou plusieurs constats de l'audit ou d'une recommandation du DPD, qui s'en charge et pour quand.",
    champs: [
      Field("id", .identifiant, obligatoire: true, "Identifiant stable, aussi nom du fichier.", exemple: "signer-contrat-mathsfun"),
      Field("titre", .texte, obligatoire: true, "Ce qui est à faire.", exemple: "Signer le contrat art. 28 avec l'éditeur"),
      Field("constats", .liste(.objet(referenceConstat), element: "constat"), "Constats de l'audit auxquels l'action répond."),
      Field("recommandation", .texte, "Recommandation du DPD à laquelle l'action répond."),
      Field("responsable", .texte, "Personne ou fonction de l'établissement qui s'en charge.", exemple: "gestionnaire"),
      Field("echeance", .date, "Date à laquelle l'action doit être faite.", exemple: "2027-01-15"),
      Field("statut", FieldKind.enumValues(ActionStatus.self, nom: "StatutAction"), obligatoire: true, "Où en est l'action.", exemple: "a-faire"),
      Field("motif_abandon", .texte, "Pourquoi l'action est abandonnée (obligatoire pour une action abandonnée)."),
      Field("date_realisation", .date, "Date à laquelle l'action a été faite."),
    ])

  static let referenceConstat = RecordType(
    nom: "ReferenceConstat", documentation: "Un constat de l'audit : la règle et la fiche qu'il concerne.",
    champs: [
      Field("regle", .identifiant, obligatoire: true, "Identifiant de la règle (voir docs/rules.md).", exemple: "sous-traitant-sans-contrat"),
      Field("fiche", .identifiant, obligatoire: true, "Identifiant du traitement, du sous-traitant, de la violation ou de la demande ; `etablissement` pour l'établissement.", exemple: "mathsfun"),
    ])

  public static let demande = RecordType(
    nom: "Demande",
    documentation: "Une demande d'exercice des droits (fichier `demandes/<id>.yaml`) : art. 12 et 15 à 22 RGPD ; réponse dans le mois, prolongeable de deux mois en informant la personne, avec les motifs, dans le premier mois (art. 12.3).",
    champs: [
      Field("id", .identifiant, obligatoire: true, "Identifiant stable, aussi nom du fichier.", exemple: "2026-11-acces-parent"),
      Field("date_reception", .date, obligatoire: true, "Date de réception de la demande (point de départ du délai).", exemple: "2026-11-03"),
      Field("demandeur", FieldKind.enumValues(Requester.self, nom: "Demandeur"), obligatoire: true, "Qui demande.", exemple: "parent"),
      Field("droit", FieldKind.enumValues(DataSubjectRight.self, nom: "DroitExerce"), obligatoire: true, "Droit exercé.", exemple: "acces"),
      Field("traitements", .liste(.identifiant, element: "traitement"), "Traitements concernés."),
      Field("identite_verifiee", .booleen, "L'identité du demandeur a été vérifiée (sans demander plus que nécessaire)."),
      Field("prolongation", .objet(prolongation), "Prolongation du délai (art. 12.3)."),
      Field("reponse", .objet(reponse), "Réponse donnée."),
    ])

  static let prolongation = RecordType(
    nom: "Prolongation", documentation: "Prolongation du délai de réponse de deux mois (art. 12.3 RGPD).",
    champs: [
      Field("date_notification", .date, obligatoire: true, "Date à laquelle la personne a été informée de la prolongation."),
      Field("motif", .texte, "Les motifs du report, dits à la personne."),
    ])

  static let reponse = RecordType(
    nom: "Reponse", documentation: "La réponse à une demande d'exercice des droits.",
    champs: [
      Field("date", .date, obligatoire: true, "Date de la réponse."),
      Field("decision", FieldKind.enumValues(RequestDecision.self, nom: "Decision"), obligatoire: true, "Suite donnée.", exemple: "satisfaite"),
      Field("motif_refus", .texte, "Motifs d'un refus, total ou partiel, dits à la personne avec la possibilité de saisir la CNIL (art. 12.4)."),
      Field("resume", .texte, "Ce qui a été répondu."),
    ])

  static let acceptation = RecordType(
    nom: "Acceptation",
    documentation: "Un constat d'audit accepté par le responsable, avec sa justification : il reste affiché, comme accepté.",
    champs: [
      Field("regle", .identifiant, obligatoire: true, "Identifiant de la règle (voir docs/rules.md).", exemple: "conservation-excessive"),
      Field("traitement", .identifiant, "Traitement concerné."),
      Field("sous_traitant", .identifiant, "Sous-traitant concerné."),
      Field("violation", .identifiant, "Violation concernée."),
      Field("justification", .texte, obligatoire: true, "Pourquoi le constat est accepté."),
      Field("par", .texte, obligatoire: true, "Qui l'accepte (nom et fonction).", exemple: "Mme Claire Martin, proviseure"),
      Field("date", .date, obligatoire: true, "Date de l'acceptation."),
    ])

  /// The optional `acceptations.yaml` file of a register folder.
  public static let acceptations = RecordType(
    nom: "Acceptations",
    documentation: "Le fichier facultatif `acceptations.yaml` : les constats d'audit acceptés avec une justification écrite.",
    champs: [
      Field("acceptations", .liste(.objet(acceptation), element: "acceptation"), obligatoire: true, "Les constats acceptés.")
    ])

  static let noticeDiffusee = RecordType(
    nom: "NoticeDiffusee",
    documentation: "Une notice produite et marquée comme diffusée pour un traitement (`registre notices --marquer`).",
    champs: [
      Field("traitement", .identifiant, obligatoire: true, "Traitement couvert par la notice.", exemple: "vie-scolaire"),
      Field("date", .date, obligatoire: true, "Date à laquelle les notices ont été produites et marquées.", exemple: "2026-09-01"),
      Field(
        "empreinte", .texte, obligatoire: true,
        "Empreinte SHA-256 (hexadécimal) de ce que la notice dit du traitement, calculée par l'outil : si la fiche change ensuite dans ce que la notice imprime, l'audit signale une notice périmée."),
      Field("documents", .liste(.texte, element: "document"), "Fichiers produits.", exemple: "[notice-familles.pdf, notice-eleves.pdf]"),
    ])

  /// The optional `notices-diffusees.yaml` file of a register folder, written by `registre notices --marquer`.
  public static let noticesDiffusees = RecordType(
    nom: "NoticesDiffusees",
    documentation:
      "Le fichier facultatif `notices-diffusees.yaml`, écrit par `registre notices --marquer` (ne pas le modifier à la main) : quels traitements les notices diffusées couvrent, depuis quand, et de quel état de la fiche elles ont été produites. L'audit le lit : une notice inscrite vaut notice existante (`information-manquante`) tant que la fiche ne change pas.",
    champs: [
      Field("notices", .liste(.objet(noticeDiffusee), element: "notice"), obligatoire: true, "Les notices marquées comme diffusées.")
    ])

  static let utilisateursOutil = RecordType(
    nom: "UtilisateursOutil", documentation: "Qui utilise l'outil évalué.",
    champs: [
      Field("enseignants", .booleen, "Des enseignants ou personnels l'utilisent."),
      Field("eleves", .booleen, "Des élèves l'utilisent ou y ont des données."),
      Field("responsables_legaux", .booleen, "Des responsables légaux l'utilisent."),
      Field("niveaux", .liste(.texte, element: "niveau"), "Niveaux concernés.", exemple: "[5e, 4e]"),
      Field("age_eleves_minimum", .entier, "Âge des plus jeunes élèves concernés.", exemple: "11"),
      Field(
        "comptes_eleves", .booleen,
        "Chaque élève a un compte individuel chez l'éditeur (plutôt que sans compte ou par code de classe)."),
      Field("volume", .entier, "Nombre approximatif de personnes concernées.", exemple: "300"),
    ])

  /// A tool sheet (fiche outil), read by `registre evaluer`.
  public static let ficheOutil = RecordType(
    nom: "FicheOutil",
    documentation:
      "La fiche d'un outil numérique envisagé, lue par `registre evaluer` : ce que l'éditeur, ses CGU et sa politique de confidentialité disent. Tout champ inconnu peut être omis : il devient une condition de l'évaluation.",
    champs: [
      Field("nom", .texte, obligatoire: true, "Nom de l'outil.", exemple: "Quiz Express"),
      Field("editeur", .texte, obligatoire: true, "Éditeur (raison sociale).", exemple: "Quiz Express SAS"),
      Field("finalite", .texte, obligatoire: true, "À quoi l'outil sert dans l'établissement.", exemple: "Exercices de mathématiques en classe et à la maison"),
      Field("politique_confidentialite", .texte, "Adresse de la politique de confidentialité ou des CGU."),
      Field("utilisateurs", .objet(utilisateursOutil), "Qui l'utilise."),
      Field("donnees_collectees", .liste(.objet(donnees), element: "categorie_donnees"), "Données personnelles collectées, par catégorie."),
      Field(
        "authentification", .liste(FieldKind.enumValues(ToolAuthentication.self, nom: "AuthentificationOutil"), element: "mode"),
        "Comment on s'y connecte (plusieurs modes possibles).", exemple: "[gar]"),
      Field("age_minimum_cgu", .entier, "Âge minimum exigé par les conditions d'utilisation de l'éditeur.", exemple: "13"),
      Field("grand_public", .booleen, "Service grand public, non conçu pour l'école."),
      Field("hebergement", .objet(hebergement), "Où les données sont hébergées (pays, prestataire)."),
      Field("soumis_droit_extra_europeen", .booleen, "L'éditeur ou son hébergeur est soumis à un droit non européen qui peut atteindre les données (ex. maison mère américaine)."),
      Field("certification_dpf", .booleen, "L'éditeur américain est certifié Data Privacy Framework."),
      Field(
        "garantie_transfert", FieldKind.enumValues(TransferSafeguard.self, nom: "GarantieTransfert"),
        "Garantie annoncée pour les données qui sortent de l'Union européenne (hors DPF).", exemple: "cct"),
      Field(
        "contrat_art28", FieldKind.enumValues(ToolContractStatus.self, nom: "StatutContratOutil"),
        "Contrat de sous-traitance (art. 28 RGPD) : proposé, signé, aucun ou inconnu.", exemple: "propose"),
      Field("sous_traitants_ulterieurs", .liste(.objet(ulterieur), element: "sous_traitant_ulterieur"), "Sous-traitants ultérieurs de l'éditeur."),
      Field("publicite", .booleen, "L'outil affiche de la publicité."),
      Field("profilage_commercial", .booleen, "L'éditeur établit des profils à des fins commerciales."),
      Field(
        "traceurs", .liste(FieldKind.enumValues(ToolTracker.self, nom: "TraceurOutil"), element: "traceur"),
        "Traceurs (cookies…) déposés.", exemple: "[mesure-audience-exemptee]"),
      Field(
        "reutilisation_donnees", .liste(FieldKind.enumValues(DataReuse.self, nom: "ReutilisationDonnees"), element: "reutilisation"),
        "Ce que l'éditeur fait des données pour son propre compte.", exemple: "[aucune]"),
      Field(
        "fonctionnalites_ia", .liste(FieldKind.enumValues(AIFeature.self, nom: "FonctionnaliteIA"), element: "fonctionnalite"),
        "Fonctionnalités d'intelligence artificielle.", exemple: "[aucune]"),
      Field("conservation", .objet(conservation), "Durée de conservation annoncée par l'éditeur."),
      Field("export_suppression", .booleen, "L'éditeur permet d'exporter les données et les supprime en fin d'usage (art. 28.3.g RGPD)."),
      Field("mfa_administrateurs", .booleen, "Les comptes d'administration peuvent utiliser une authentification multifacteur."),
      Field("points_acces", .liste(.texte, element: "adresse"), "Adresses utilisées par l'outil (pour la sonde TLS).", exemple: "[\"https://app.exemple.fr\"]"),
      Field("contact_dpd_editeur", .texte, "Contact du DPD de l'éditeur."),
      Field("remarques", .texte, "Remarques."),
    ])

  /// Every record type, in documentation order.
  public static let types: [RecordType] = [
    etablissement, traitement, sousTraitant, violation, contact, reference, responsable, fondement,
    personnes, donnees, conservation, destinataire, transfert, mesure, flux, aipd, risqueResiduel, information,
    decision, biometrie, hebergement, contrat, ulterieur, notification, acceptations, acceptation,
    noticesDiffusees, noticeDiffusee, ficheOutil, utilisateursOutil, action, referenceConstat, demande,
    prolongation, reponse,
  ]

  /// Placeholder that marks a value the school must still supply.
  public static let marqueurACompleter = "À COMPLÉTER"
}

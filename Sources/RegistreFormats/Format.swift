import RegistreModel

/// The register's file format, described once. Keys match the model's
/// `CodingKeys`; a test checks that the two agree.
public enum Format {
  /// Namespace of the canonical XML form.
  public static let espaceDeNoms = "urn:registre-eple:registre:1"

  static let contact = TypeEnregistrement(
    nom: "Contact", documentation: "Coordonnées d'une personne ou d'un service.",
    champs: [
      Champ("nom", .texte, obligatoire: true, "Nom de la personne ou du service.", exemple: "Mme Claire Martin"),
      Champ("fonction", .texte, "Fonction.", exemple: "Proviseure"),
      Champ("organisme", .texte, "Organisme, si différent de l'établissement.", exemple: "Rectorat de l'académie"),
      Champ("adresse", .texte, "Adresse postale."),
      Champ("courriel", .texte, "Adresse électronique.", exemple: "dpd@ac-exemple.fr"),
      Champ("telephone", .texte, "Téléphone."),
    ])

  static let reference = TypeEnregistrement(
    nom: "Reference", documentation: "Un texte ou une page qui fonde un fait.",
    champs: [
      Champ("texte", .texte, obligatoire: true, "Référence du texte.", exemple: "Code de l'éducation, art. R.511-13"),
      Champ("lien", .texte, "Adresse de la source."),
    ])

  public static let etablissement = TypeEnregistrement(
    nom: "Etablissement",
    documentation: "L'établissement qui tient le registre (fichier `etablissement.yaml`).",
    champs: [
      Champ("nom", .texte, obligatoire: true, "Nom de l'établissement.", exemple: "Lycée Jules-Ferry"),
      Champ("uai", .uai, obligatoire: true, "Code UAI (ex-RNE).", exemple: "0751234A"),
      Champ("type", GenreChamp.valeurs(TypeEtablissement.self, nom: "TypeEtablissement"), "Type d'établissement.", exemple: "lycee"),
      Champ("adresse", .texte, "Adresse postale."),
      Champ("academie", .texte, "Académie.", exemple: "Paris"),
      Champ(
        "responsable_traitement", .objet(contact), obligatoire: true,
        "Le chef d'établissement, responsable des traitements de l'établissement (art. 30.1.a RGPD)."),
      Champ("dpd", .objet(contact), "Le délégué à la protection des données (DPD), le plus souvent celui de l'académie."),
      Champ("referent_numerique", .objet(contact), "Le référent numérique de l'établissement."),
    ])

  static let responsable = TypeEnregistrement(
    nom: "Responsable", documentation: "Responsable du traitement.",
    champs: [
      Champ(
        "type", GenreChamp.valeurs(TypeResponsable.self, nom: "TypeResponsable"), obligatoire: true,
        "Qui est responsable : l'établissement, le ministre (applications nationales), la collectivité, ou des responsables conjoints.",
        exemple: "etablissement"),
      Champ("nom", .texte, "Nom du responsable quand ce n'est pas l'établissement.", exemple: "Ministre de l'Éducation nationale"),
      Champ("coresponsables", .liste(.texte, element: "coresponsable"), "Responsables conjoints (art. 26 RGPD)."),
      Champ("acte_reglementaire", .texte, "Acte qui crée le traitement (arrêté…).", exemple: "Arrêté du 22 septembre 1995 modifié"),
      Champ("notice_officielle", .texte, "Adresse de la notice d'information du responsable."),
      Champ(
        "contact_dpd", .texte,
        "Contact du délégué à la protection des données du responsable, quand ce n'est pas celui de l'établissement (applications nationales) : la notice y renvoie pour l'exercice des droits.",
        exemple: "dpd@education.gouv.fr"),
    ])

  static let fondement = TypeEnregistrement(
    nom: "FondementJuridique", documentation: "Base légale (art. 6) et, pour les données sensibles, condition de l'art. 9.2.",
    champs: [
      Champ(
        "article_6", GenreChamp.valeurs(BaseLegale.self, nom: "BaseLegale"), obligatoire: true,
        "Base légale de l'art. 6.1 RGPD.", exemple: "mission-interet-public"),
      Champ("texte", .texte, "Texte qui fonde la base légale.", exemple: "Code de l'éducation, art. L.111-1"),
      Champ(
        "article_9", GenreChamp.valeurs(ConditionArticle9.self, nom: "ConditionArticle9"),
        "Condition de l'art. 9.2 RGPD, obligatoire quand des données sensibles sont traitées."),
      Champ("texte_article_9", .texte, "Texte qui fonde la condition de l'art. 9.2."),
    ])

  static let personnes = TypeEnregistrement(
    nom: "PersonnesConcernees", documentation: "Une catégorie de personnes concernées.",
    champs: [
      Champ(
        "categorie", GenreChamp.valeurs(CategoriePersonnes.self, nom: "CategoriePersonnes"), obligatoire: true,
        "Catégorie de personnes.", exemple: "eleves-mineurs"),
      Champ("precisions", .texte, "Précisions."),
      Champ("volume", .entier, "Nombre approximatif de personnes.", exemple: "850"),
    ])

  static let conservation = TypeEnregistrement(
    nom: "Conservation", documentation: "Durée de conservation d'une catégorie de données (art. 30.1.f RGPD).",
    champs: [
      Champ("duree", .duree, "Durée en base active.", exemple: "1 an"),
      Champ("critere", .texte, "Critère, quand aucune durée fixe ne s'applique.", exemple: "jusqu'au départ de l'élève"),
      Champ("point_de_depart", .texte, "Événement à partir duquel la durée court.", exemple: "fin de l'année scolaire"),
      Champ("archivage_intermediaire", .duree, "Durée d'archivage intermédiaire après la base active."),
      Champ("sort_final", GenreChamp.valeurs(SortFinal.self, nom: "SortFinal"), "Sort final des données.", exemple: "destruction"),
      Champ("source", .texte, "D'où vient la durée : texte, guide ou choix du responsable.", exemple: "Code de l'éducation, art. R.511-13 IV"),
      Champ("a_confirmer", .texte, "Renseigné quand la durée n'est confirmée par aucun texte."),
    ])

  static let donnees = TypeEnregistrement(
    nom: "Donnees", documentation: "Une catégorie de données personnelles, avec sa conservation.",
    champs: [
      Champ(
        "categorie", GenreChamp.valeurs(CategorieDonnees.self, nom: "CategorieDonnees"), obligatoire: true,
        "Catégorie de données (familles de la fiche CNIL, données sensibles, NIR…).", exemple: "scolarite"),
      Champ("description", .texte, "Description des données.", exemple: "notes, appréciations, absences"),
      Champ("conservation", .objet(conservation), "Durée de conservation de cette catégorie."),
      Champ(
        "fourniture_obligatoire", .booleen,
        "La personne est obligée de fournir ces données (art. 13.2.e RGPD). Absent : la notice dit que l'information est à demander à l'établissement."),
      Champ(
        "consequence_refus", .texte, "Ce qui se passe si la personne ne les fournit pas (art. 13.2.e RGPD).",
        exemple: "l'élève ne peut pas être inscrit"),
      Champ(
        "origine", .texte,
        "D'où viennent ces données (art. 14.2.f RGPD), imprimé tel quel par les notices. Absent : la notice reprend `sources_des_donnees` ou `collecte_aupres_des_personnes` du traitement ; sans eux, elle dit que l'origine n'est pas précisée dans le registre.",
        exemple: "caméras de l'établissement"),
    ])

  static let destinataire = TypeEnregistrement(
    nom: "Destinataire", documentation: "Un destinataire ou une catégorie de destinataires (art. 30.1.d RGPD).",
    champs: [
      Champ("type", GenreChamp.valeurs(TypeDestinataire.self, nom: "TypeDestinataire"), obligatoire: true, "Type de destinataire.", exemple: "interne"),
      Champ("nom", .texte, obligatoire: true, "Destinataire.", exemple: "Équipe pédagogique"),
      Champ("precisions", .texte, "Précisions."),
    ])

  static let transfert = TypeEnregistrement(
    nom: "Transfert", documentation: "Un transfert hors de l'Union européenne (art. 30.1.e RGPD).",
    champs: [
      Champ("destinataire", .texte, obligatoire: true, "Organisme destinataire."),
      Champ("pays", .pays, obligatoire: true, "Pays destinataire.", exemple: "US"),
      Champ("garantie", GenreChamp.valeurs(GarantieTransfert.self, nom: "GarantieTransfert"), obligatoire: true, "Garantie du transfert.", exemple: "dpf"),
      Champ("documentation", .texte, "Lien vers la documentation de la garantie."),
    ])

  static let mesure = TypeEnregistrement(
    nom: "MesureSecurite", documentation: "Une mesure de sécurité (art. 30.1.g et 32 RGPD).",
    champs: [
      Champ("famille", GenreChamp.valeurs(FamilleMesure.self, nom: "FamilleMesure"), obligatoire: true, "Famille de mesures de la fiche CNIL.", exemple: "controle-acces"),
      Champ("precisions", .texte, "Précisions."),
    ])

  static let flux = TypeEnregistrement(
    nom: "Flux", documentation: "Un flux de données d'un système à un autre.",
    champs: [
      Champ("de", .texte, obligatoire: true, "Système d'origine.", exemple: "Pronote"),
      Champ("vers", .texte, obligatoire: true, "Système de destination.", exemple: "ENT"),
      Champ("canal", GenreChamp.valeurs(CanalFlux.self, nom: "CanalFlux"), obligatoire: true, "Canal.", exemple: "https"),
      Champ(
        "versions_tls", .liste(GenreChamp.valeurs(VersionTLS.self, nom: "VersionTLS"), element: "version_tls"),
        "Versions de SSL/TLS acceptées par le point d'accès.", exemple: "[\"1.2\", \"1.3\"]"),
      Champ("chiffrement_transit", .booleen, "Données chiffrées pendant le transport."),
      Champ("chiffrement_repos", .booleen, "Données chiffrées au repos (support, pièce jointe)."),
      Champ("authentification", GenreChamp.valeurs(Authentification.self, nom: "Authentification"), "Mode d'authentification.", exemple: "sso-ent"),
      Champ("mfa", .booleen, "Authentification multifacteur."),
      Champ("acces_administrateur", .booleen, "Accès d'administration par ce flux."),
      Champ("acces_distant", .booleen, "Accès depuis l'extérieur du réseau de l'établissement."),
      Champ("donnees", .liste(GenreChamp.valeurs(CategorieDonnees.self, nom: "CategorieDonnees"), element: "categorie"), "Catégories de données qui circulent."),
      Champ("adresse", .texte, "Adresse du point d'accès (pour la sonde TLS).", exemple: "https://ent.exemple.fr"),
      Champ("description", .texte, "Description."),
    ])

  static let aipd = TypeEnregistrement(
    nom: "AIPD", documentation: "Analyse d'impact relative à la protection des données (art. 35 RGPD).",
    champs: [
      Champ("statut", GenreChamp.valeurs(StatutAIPD.self, nom: "StatutAIPD"), obligatoire: true, "État de l'AIPD.", exemple: "realisee"),
      Champ("motif", .texte, "Pourquoi aucune AIPD n'est requise."),
      Champ("date", .date, "Date de l'AIPD.", exemple: "2025-06-30"),
      Champ("conclusion", .texte, "Conclusion de l'AIPD."),
    ])

  static let information = TypeEnregistrement(
    nom: "Information", documentation: "Information des personnes (art. 12 à 14 RGPD).",
    champs: [
      Champ("notice_existante", .booleen, obligatoire: true, "Une notice d'information existe."),
      Champ("date", .date, "Date de la notice."),
      Champ("moyen", .texte, "Comment elle est diffusée.", exemple: "ENT et règlement intérieur"),
      Champ("lien", .texte, "Adresse de la notice."),
    ])

  static let decision = TypeEnregistrement(
    nom: "DecisionAutomatisee", documentation: "Décision individuelle automatisée (art. 22 RGPD).",
    champs: [
      Champ("existe", .booleen, obligatoire: true, "Une décision automatisée existe."),
      Champ("logique", .texte, "Logique sous-jacente."),
    ])

  static let biometrie = TypeEnregistrement(
    nom: "DispositifBiometrique", documentation: "Dispositif biométrique (CNIL : consentement explicite et alternative).",
    champs: [
      Champ("technique", .texte, obligatoire: true, "Technique.", exemple: "contour de la main"),
      Champ("consentement_explicite", .booleen, obligatoire: true, "Consentement explicite recueilli (art. 9.2.a RGPD)."),
      Champ("alternative", .texte, "Alternative proposée à ceux qui refusent.", exemple: "badge"),
    ])

  public static let traitement = TypeEnregistrement(
    nom: "Traitement",
    documentation: "Une fiche du registre : une activité de traitement (fichier `traitements/<id>.yaml`).",
    champs: [
      Champ("id", .identifiant, obligatoire: true, "Identifiant stable, aussi nom du fichier.", exemple: "vie-scolaire"),
      Champ("nom", .texte, obligatoire: true, "Nom du traitement.", exemple: "Vie scolaire (Pronote)"),
      Champ("statut", GenreChamp.valeurs(StatutFiche.self, nom: "StatutFiche"), obligatoire: true, "État de la fiche.", exemple: "valide"),
      Champ("date_creation", .date, "Date de création de la fiche.", exemple: "2024-09-02"),
      Champ("derniere_mise_a_jour", .date, "Dernière mise à jour de la fiche.", exemple: "2026-09-01"),
      Champ("logiciel", .texte, "Logiciel ou application utilisé.", exemple: "Pronote"),
      Champ("finalite_principale", .texte, obligatoire: true, "Finalité principale (art. 30.1.b RGPD)."),
      Champ("sous_finalites", .liste(.texte, element: "sous_finalite"), "Sous-finalités."),
      Champ("responsable", .objet(responsable), obligatoire: true, "Responsable du traitement (art. 30.1.a RGPD)."),
      Champ("base_legale", .objet(fondement), "Base légale."),
      Champ("personnes_concernees", .liste(.objet(personnes), element: "personnes"), "Catégories de personnes concernées (art. 30.1.c RGPD)."),
      Champ("donnees", .liste(.objet(donnees), element: "categorie_donnees"), "Catégories de données et leur conservation (art. 30.1.c et f RGPD)."),
      Champ("collecte_aupres_des_personnes", .booleen, "Données collectées auprès des personnes elles-mêmes (art. 13) plutôt que reçues d'ailleurs (art. 14) ; la notice le dit des catégories sans `origine`."),
      Champ("sources_des_donnees", .liste(.texte, element: "source"), "Origine des données reçues d'ailleurs (art. 14.2.f RGPD).", exemple: "[SIECLE]"),
      Champ("destinataires", .liste(.objet(destinataire), element: "destinataire"), "Destinataires (art. 30.1.d RGPD)."),
      Champ("sous_traitants", .liste(.identifiant, element: "sous_traitant"), "Identifiants des sous-traitants (fichiers `sous-traitants/<id>.yaml`).", exemple: "[index-education]"),
      Champ("transferts", .liste(.objet(transfert), element: "transfert"), "Transferts hors UE (art. 30.1.e RGPD)."),
      Champ("mesures_securite", .liste(.objet(mesure), element: "mesure"), "Mesures de sécurité (art. 30.1.g RGPD)."),
      Champ("flux", .liste(.objet(flux), element: "flux_donnees"), "Flux de données."),
      Champ("aipd", .objet(aipd), "Analyse d'impact (AIPD)."),
      Champ(
        "criteres_aipd", .liste(GenreChamp.valeurs(CritereAIPD.self, nom: "CritereAIPD"), element: "critere"),
        "Faits utiles au criblage de l'AIPD que les données et les personnes ne disent pas déjà.", exemple: "[evaluation-notation]"),
      Champ("exemption_aipd", GenreChamp.valeurs(ExemptionAIPD.self, nom: "ExemptionAIPD"), "Exemption invoquée de la liste CNIL des traitements sans AIPD (délib. 2019-118)."),
      Champ("information", .objet(information), "Information des personnes."),
      Champ("decision_automatisee", .objet(decision), "Décision automatisée."),
      Champ("dispositif_biometrique", .objet(biometrie), "Dispositif biométrique."),
      Champ("a_confirmer", .liste(.texte, element: "point"), "Faits encore à confirmer."),
      Champ("references", .liste(.objet(reference), element: "reference"), "Textes et sources."),
      Champ("remarques", .texte, "Remarques."),
      Champ(
        "service_facultatif", .booleen,
        "Service facultatif, sans effet sur le service public en cas de refus (l'un des rares cas où le consentement est la bonne base)."),
    ])

  static let hebergement = TypeEnregistrement(
    nom: "Hebergement", documentation: "Lieu d'hébergement des données.",
    champs: [
      Champ("pays", .pays, obligatoire: true, "Pays des centres de données.", exemple: "FR"),
      Champ("prestataire", .texte, "Hébergeur."),
    ])

  static let contrat = TypeEnregistrement(
    nom: "ContratArticle28", documentation: "Contrat de sous-traitance (art. 28 RGPD).",
    champs: [
      Champ("signe", .booleen, obligatoire: true, "Le contrat est signé."),
      Champ("date", .date, "Date de signature."),
      Champ("reference", .texte, "Référence du contrat."),
    ])

  static let ulterieur = TypeEnregistrement(
    nom: "SousTraitantUlterieur", documentation: "Sous-traitant ultérieur.",
    champs: [
      Champ("nom", .texte, obligatoire: true, "Nom."),
      Champ("pays", .pays, obligatoire: true, "Pays."),
      Champ("services", .texte, "Services rendus."),
    ])

  public static let sousTraitant = TypeEnregistrement(
    nom: "SousTraitant",
    documentation: "Un sous-traitant (art. 28 RGPD) (fichier `sous-traitants/<id>.yaml`).",
    champs: [
      Champ("id", .identifiant, obligatoire: true, "Identifiant stable, aussi nom du fichier.", exemple: "index-education"),
      Champ("nom", .texte, obligatoire: true, "Raison sociale.", exemple: "Index Éducation"),
      Champ("pays", .pays, obligatoire: true, "Pays du siège.", exemple: "FR"),
      Champ("soumis_droit_extra_europeen", .booleen, "Soumis à un droit non européen qui peut atteindre les données (ex. maison mère américaine)."),
      Champ("hebergement", .objet(hebergement), "Hébergement des données."),
      Champ("contrat", .objet(contrat), "Contrat art. 28."),
      Champ("sous_traitants_ulterieurs", .liste(.objet(ulterieur), element: "sous_traitant_ulterieur"), "Sous-traitants ultérieurs."),
      Champ("certifications", .liste(GenreChamp.valeurs(Certification.self, nom: "Certification"), element: "certification"), "Certifications."),
      Champ("certification_dpf", .booleen, "Certifié Data Privacy Framework (entreprises américaines)."),
      Champ("contact_dpd", .texte, "Contact du DPO du sous-traitant."),
      Champ("services", .texte, "Services rendus."),
    ])

  static let notification = TypeEnregistrement(
    nom: "Notification", documentation: "Notification à la CNIL (art. 33) ou information des personnes (art. 34).",
    champs: [
      Champ("faite", .booleen, obligatoire: true, "La notification a été faite."),
      Champ("date", .date, "Date."),
      Champ("reference", .texte, "Numéro de téléservice CNIL ou moyen d'information."),
      Champ("justification", .texte, "Pourquoi aucune notification n'a été faite."),
    ])

  public static let violation = TypeEnregistrement(
    nom: "Violation",
    documentation: "Une entrée du registre des violations (art. 33.5 RGPD) (fichier `violations/<id>.yaml`).",
    champs: [
      Champ("id", .identifiant, obligatoire: true, "Identifiant stable, aussi nom du fichier.", exemple: "2026-01-cle-usb"),
      Champ("date_decouverte", .date, obligatoire: true, "Date de découverte."),
      Champ("date_survenance", .date, "Date de survenance."),
      Champ("types", .liste(GenreChamp.valeurs(TypeViolation.self, nom: "TypeViolation"), element: "type"), "Nature : confidentialité, intégrité, disponibilité."),
      Champ("description", .texte, obligatoire: true, "Les faits."),
      Champ("traitements", .liste(.identifiant, element: "traitement"), "Traitements concernés."),
      Champ("personnes_concernees", .liste(.objet(personnes), element: "personnes"), "Personnes concernées et nombre approximatif."),
      Champ("categories_donnees", .liste(GenreChamp.valeurs(CategorieDonnees.self, nom: "CategorieDonnees"), element: "categorie"), "Catégories de données."),
      Champ("volume_enregistrements", .entier, "Nombre approximatif d'enregistrements."),
      Champ("donnees_chiffrees", .booleen, "Les données étaient chiffrées."),
      Champ("consequences", .texte, "Conséquences probables (effets)."),
      Champ("risque", GenreChamp.valeurs(NiveauRisque.self, nom: "NiveauRisque"), "Évaluation du risque."),
      Champ("notification_cnil", .objet(notification), "Notification à la CNIL (art. 33)."),
      Champ("information_personnes", .objet(notification), "Information des personnes (art. 34)."),
      Champ("mesures", .texte, "Mesures correctives et préventives prises."),
      Champ("dpd_informe_le", .date, "Date à laquelle le DPD a été informé."),
      Champ("sous_traitant", .identifiant, "Sous-traitant en cause."),
    ])

  static let acceptation = TypeEnregistrement(
    nom: "Acceptation",
    documentation: "Un constat d'audit accepté par le responsable, avec sa justification : il reste affiché, comme accepté.",
    champs: [
      Champ("regle", .identifiant, obligatoire: true, "Identifiant de la règle (voir docs/rules.md).", exemple: "conservation-excessive"),
      Champ("traitement", .identifiant, "Traitement concerné."),
      Champ("sous_traitant", .identifiant, "Sous-traitant concerné."),
      Champ("violation", .identifiant, "Violation concernée."),
      Champ("justification", .texte, obligatoire: true, "Pourquoi le constat est accepté."),
      Champ("par", .texte, obligatoire: true, "Qui l'accepte (nom et fonction).", exemple: "Mme Claire Martin, proviseure"),
      Champ("date", .date, obligatoire: true, "Date de l'acceptation."),
    ])

  /// The optional `acceptations.yaml` file of a register folder.
  public static let acceptations = TypeEnregistrement(
    nom: "Acceptations",
    documentation: "Le fichier facultatif `acceptations.yaml` : les constats d'audit acceptés avec une justification écrite.",
    champs: [
      Champ("acceptations", .liste(.objet(acceptation), element: "acceptation"), obligatoire: true, "Les constats acceptés.")
    ])

  static let utilisateursOutil = TypeEnregistrement(
    nom: "UtilisateursOutil", documentation: "Qui utilise l'outil évalué.",
    champs: [
      Champ("enseignants", .booleen, "Des enseignants ou personnels l'utilisent."),
      Champ("eleves", .booleen, "Des élèves l'utilisent ou y ont des données."),
      Champ("responsables_legaux", .booleen, "Des responsables légaux l'utilisent."),
      Champ("niveaux", .liste(.texte, element: "niveau"), "Niveaux concernés.", exemple: "[5e, 4e]"),
      Champ("age_eleves_minimum", .entier, "Âge des plus jeunes élèves concernés.", exemple: "11"),
      Champ(
        "comptes_eleves", .booleen,
        "Chaque élève a un compte individuel chez l'éditeur (plutôt que sans compte ou par code de classe)."),
      Champ("volume", .entier, "Nombre approximatif de personnes concernées.", exemple: "300"),
    ])

  /// A tool sheet (fiche outil), read by `registre evaluer`.
  public static let ficheOutil = TypeEnregistrement(
    nom: "FicheOutil",
    documentation:
      "La fiche d'un outil numérique envisagé, lue par `registre evaluer` : ce que l'éditeur, ses CGU et sa politique de confidentialité disent. Tout champ inconnu peut être omis : il devient une condition de l'évaluation.",
    champs: [
      Champ("nom", .texte, obligatoire: true, "Nom de l'outil.", exemple: "Quiz Express"),
      Champ("editeur", .texte, obligatoire: true, "Éditeur (raison sociale).", exemple: "Quiz Express SAS"),
      Champ("finalite", .texte, obligatoire: true, "À quoi l'outil sert dans l'établissement.", exemple: "Exercices de mathématiques en classe et à la maison"),
      Champ("politique_confidentialite", .texte, "Adresse de la politique de confidentialité ou des CGU."),
      Champ("utilisateurs", .objet(utilisateursOutil), "Qui l'utilise."),
      Champ("donnees_collectees", .liste(.objet(donnees), element: "categorie_donnees"), "Données personnelles collectées, par catégorie."),
      Champ(
        "authentification", .liste(GenreChamp.valeurs(AuthentificationOutil.self, nom: "AuthentificationOutil"), element: "mode"),
        "Comment on s'y connecte (plusieurs modes possibles).", exemple: "[gar]"),
      Champ("age_minimum_cgu", .entier, "Âge minimum exigé par les conditions d'utilisation de l'éditeur.", exemple: "13"),
      Champ("grand_public", .booleen, "Service grand public, non conçu pour l'école."),
      Champ("hebergement", .objet(hebergement), "Où les données sont hébergées (pays, prestataire)."),
      Champ("soumis_droit_extra_europeen", .booleen, "L'éditeur ou son hébergeur est soumis à un droit non européen qui peut atteindre les données (ex. maison mère américaine)."),
      Champ("certification_dpf", .booleen, "L'éditeur américain est certifié Data Privacy Framework."),
      Champ(
        "garantie_transfert", GenreChamp.valeurs(GarantieTransfert.self, nom: "GarantieTransfert"),
        "Garantie annoncée pour les données qui sortent de l'Union européenne (hors DPF).", exemple: "cct"),
      Champ(
        "contrat_art28", GenreChamp.valeurs(StatutContratOutil.self, nom: "StatutContratOutil"),
        "Contrat de sous-traitance (art. 28 RGPD) : proposé, signé, aucun ou inconnu.", exemple: "propose"),
      Champ("sous_traitants_ulterieurs", .liste(.objet(ulterieur), element: "sous_traitant_ulterieur"), "Sous-traitants ultérieurs de l'éditeur."),
      Champ("publicite", .booleen, "L'outil affiche de la publicité."),
      Champ("profilage_commercial", .booleen, "L'éditeur établit des profils à des fins commerciales."),
      Champ(
        "traceurs", .liste(GenreChamp.valeurs(TraceurOutil.self, nom: "TraceurOutil"), element: "traceur"),
        "Traceurs (cookies…) déposés.", exemple: "[mesure-audience-exemptee]"),
      Champ(
        "reutilisation_donnees", .liste(GenreChamp.valeurs(ReutilisationDonnees.self, nom: "ReutilisationDonnees"), element: "reutilisation"),
        "Ce que l'éditeur fait des données pour son propre compte.", exemple: "[aucune]"),
      Champ(
        "fonctionnalites_ia", .liste(GenreChamp.valeurs(FonctionnaliteIA.self, nom: "FonctionnaliteIA"), element: "fonctionnalite"),
        "Fonctionnalités d'intelligence artificielle.", exemple: "[aucune]"),
      Champ("conservation", .objet(conservation), "Durée de conservation annoncée par l'éditeur."),
      Champ("export_suppression", .booleen, "L'éditeur permet d'exporter les données et les supprime en fin d'usage (art. 28.3.g RGPD)."),
      Champ("mfa_administrateurs", .booleen, "Les comptes d'administration peuvent utiliser une authentification multifacteur."),
      Champ("points_acces", .liste(.texte, element: "adresse"), "Adresses utilisées par l'outil (pour la sonde TLS).", exemple: "[\"https://app.exemple.fr\"]"),
      Champ("contact_dpd_editeur", .texte, "Contact du DPD de l'éditeur."),
      Champ("remarques", .texte, "Remarques."),
    ])

  /// Every record type, in documentation order.
  public static let types: [TypeEnregistrement] = [
    etablissement, traitement, sousTraitant, violation, contact, reference, responsable, fondement,
    personnes, donnees, conservation, destinataire, transfert, mesure, flux, aipd, information,
    decision, biometrie, hebergement, contrat, ulterieur, notification, acceptations, acceptation,
    ficheOutil, utilisateursOutil,
  ]

  /// Placeholder that marks a value the school must still supply.
  public static let marqueurACompleter = "À COMPLÉTER"
}

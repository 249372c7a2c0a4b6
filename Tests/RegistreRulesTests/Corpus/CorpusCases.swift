import RegistreModel
@testable import RegistreRules

/// One fiche of the corpus: written from a public page (cited in `source`), with the findings a
/// DPD would expect (`expected`, rule ids on the case's subject) and those that must not appear.
/// School names are fictional; no private data is copied. Expectations were written from the
/// sources, not from the rules' output; after the first run only fixture mistakes were
/// corrected (DPIA dates earlier than the fiche's own last update, duplicate case names).
struct CorpusCase: Sendable {
  let name: String
  /// Weakness class of issue 16 the case exercises (0: none in particular).
  let weaknessClass: Int
  let source: String
  let register: Register
  let subject: Subject
  let expected: Set<String>
}

enum Corpus {
  static func day(_ s: String) -> Day { Fixture.day(s) }
  static func d(_ s: String) -> TimeSpan { Fixture.timeSpan(s) }

  /// A lawful EPLE fiche to start from: each case says what the public source describes.
  static func lawfulRecord(_ id: String, _ nom: String, logiciel: String? = nil, finalite: String) -> Treatment {
    Treatment(
      id: id, nom: nom, statut: .valide, dateCreation: day("2024-09-01"), derniereMiseAJour: day("2025-09-01"),
      logiciel: logiciel, finalitePrincipale: finalite, responsable: Controller(type: .etablissement),
      baseLegale: LegalGround(article6: .missionInteretPublic, texte: "Code de l'éducation"),
      personnesConcernees: [DataSubjects(categorie: .elevesMineurs), DataSubjects(categorie: .responsablesLegaux)],
      donnees: [PersonalData(categorie: .etatCivil, conservation: Retention(critere: "jusqu'au départ de l'élève"))],
      destinataires: [Recipient(type: .interne, nom: "Équipe de direction")],
      mesuresSecurite: [SecurityMeasure(famille: .controleAcces)],
      information: Information(noticeExistante: true, date: day("2025-09-02")))
  }

  static func register(_ t: Treatment, processors: [Processor] = [], breaches: [Breach] = [], school: School? = nil) -> Register {
    Register(
      etablissement: school ?? School(
        nom: "Collège des Tilleuls", uai: "0990001A", type: .college,
        responsableTraitement: Contact(nom: "M. le Principal"), dpd: Contact(nom: "DPD académique")),
      traitements: [t], sousTraitants: processors, violations: breaches)
  }

  static func processor(_ id: String, _ nom: String, pays: String = "FR", signed: Bool = true) -> Processor {
    Processor(id: id, nom: nom, pays: pays, hebergement: Hosting(pays: pays), contrat: Article28Contract(signe: signed, date: day("2024-06-01")))
  }

  static func c(_ t: Treatment, _ cls: Int, _ source: String, _ expected: Set<String>, processors: [Processor] = [], breaches: [Breach] = [], subject: Subject? = nil, school: School? = nil, name: String? = nil) -> CorpusCase {
    CorpusCase(
      name: name ?? t.id, weaknessClass: cls, source: source,
      register: register(t, processors: processors, breaches: breaches, school: school),
      subject: subject ?? .traitement(t.id), expected: expected)
  }

  static let cases: [CorpusCase] = {
    var all: [CorpusCase] = []

    // Class 1 — consent on compulsory activities with an image category.
    // CNIL, « La vidéosurveillance – vidéoprotection dans les établissements scolaires », https://cnil.fr/fr/node/1103
    var cctv = lawfulRecord("videosurveillance-hall", "Vidéosurveillance du hall et des entrées", finalite: "Sécurité des biens et des personnes aux accès")
    cctv.baseLegale = LegalGround(article6: .consentement)
    cctv.personnesConcernees.append(DataSubjects(categorie: .personnels))
    cctv.donnees = [PersonalData(categorie: .image, conservation: Retention(duree: d("15 jours")))]
    cctv.aipd = DPIA(statut: .realisee, date: day("2025-09-01"))
    all.append(c(cctv, 1, "https://cnil.fr/fr/node/1103", ["base-legale-consentement-mission"]))

    // Index Éducation, FAQ PRONOTE « La protection des données » : le chef d'établissement est responsable,
    // données de l'arrêté du 22 sept. 1995 (dont la photo) — http://www.index-education.com/fr/faq-pronote-1205-0-0.php
    var vs = lawfulRecord("vie-scolaire-photos", "Vie scolaire", logiciel: "Pronote", finalite: "Suivi des absences, retards et du travail des élèves")
    vs.baseLegale = LegalGround(article6: .consentement)
    vs.donnees += [PersonalData(categorie: .image, description: "photo d'identité", conservation: Retention(critere: "jusqu'au départ de l'élève")),
                   PersonalData(categorie: .scolarite, conservation: Retention(duree: d("1 an")))]
    all.append(c(vs, 1, "http://www.index-education.com/fr/faq-pronote-1205-0-0.php", ["base-legale-consentement-mission"]))

    // Lawful neighbour: publication of class photos on the school's site with written authorisation.
    // CNIL, recommandation 4 sur les droits numériques des mineurs (accord parental, acte usuel), 9 juin 2021.
    var photos = lawfulRecord("photos-site", "Publication de photos d'élèves sur le site du collège", finalite: "Diffusion de photos des activités sur le site internet")
    photos.baseLegale = LegalGround(article6: .consentement)
    photos.donnees.append(PersonalData(categorie: .image, conservation: Retention(duree: d("1 an"))))
    all.append(c(photos, 1, "https://cnil.fr/fr/recommandation-4-rechercher-le-consentement-dun-parent-pour-les-mineurs-de-moins-de-15-ans", []))

    // Class 2 — national applications.
    // Notice SIECLE du ministère: https://education.gouv.fr/application-siecle-information-sur-le-traitement-de-vos-donnees-personnelles-414444
    var siecle = lawfulRecord("base-eleves", "Base élèves établissement", logiciel: "SIECLE (BEE)", finalite: "Gestion administrative des élèves")
    siecle.donnees.append(PersonalData(categorie: .scolarite, conservation: Retention(duree: d("1 an"))))
    all.append(c(siecle, 2, "https://education.gouv.fr/application-siecle-information-sur-le-traitement-de-vos-donnees-personnelles-414444", ["responsable-incorrect"]))

    var siecleOk = siecle
    siecleOk.id = "siecle-ministere"
    siecleOk.responsable = Controller(type: .ministere, acteReglementaire: "arrêté du 22 sept. 1995 modifié",
      noticeOfficielle: "https://education.gouv.fr/application-siecle-information-sur-le-traitement-de-vos-donnees-personnelles-414444")
    siecleOk.information = nil
    all.append(c(siecleOk, 2, "https://education.gouv.fr/application-siecle-information-sur-le-traitement-de-vos-donnees-personnelles-414444", []))

    // LSU: the national application is LSUN (arrêté du 24 oct. 2017, Légifrance JORFTEXT000035944270); a local
    // export of marks from the school's own marks tool to LSU is the school's treatment.
    var lsuExport = lawfulRecord("export-lsu", "Export des bilans périodiques vers LSU", logiciel: "Pronote", finalite: "Saisie des évaluations et export vers le livret scolaire")
    lsuExport.donnees.append(PersonalData(categorie: .scolarite, conservation: Retention(duree: d("1 an"))))
    all.append(c(lsuExport, 2, "https://www.legifrance.gouv.fr/loda/id/JORFTEXT000035944270", []))

    // Parcoursup: arrêté du 31 déc. 2020 (JORFTEXT000042931763). The school's own orientation workshop is local.
    var atelier = lawfulRecord("atelier-parcoursup", "Atelier Parcoursup du lycée", finalite: "Accompagnement des terminales dans la formulation de leurs vœux")
    atelier.personnesConcernees = [DataSubjects(categorie: .elevesMajeurs), DataSubjects(categorie: .elevesMineurs)]
    all.append(c(atelier, 2, "https://www.circulaires.gouv.fr/jorf/id/JORFTEXT000042931763", []))

    // Minister declared controller of a local learning-analytics tool: it is the school's treatment.
    // Guide Canopé 2018 Q2 (traces d'apprentissage), via https://dane.ac-lyon.fr/spip/Choisir-une-application-un-service
    var local = lawfulRecord("remediation-adaptative", "Plateforme d'exercices adaptatifs", logiciel: "MathsAdapt", finalite: "Exercices adaptés au niveau de chaque élève")
    local.responsable = Controller(type: .ministere)
    local.criteresAIPD = [.evaluationNotation]
    local.donnees.append(PersonalData(categorie: .scolarite, conservation: Retention(duree: d("1 an"))))
    all.append(c(local, 2, "https://dane.ac-lyon.fr/spip/Choisir-une-application-un-service", ["responsable-incorrect", "aipd-requise-manquante"]))

    // Class 3 — retention with intermediate archiving and empty criteria.
    // C. éduc. R.511-13 IV (décret 2019-906), synthèse http://vie-scolaire.ac-amiens.fr/432-deux-nouveaux-decrets-relatifs-aux-sanctions-disciplinaires.html
    var sanctions = lawfulRecord("sanctions", "Procédures disciplinaires", finalite: "Gestion des punitions et sanctions disciplinaires")
    sanctions.donnees.append(PersonalData(categorie: .discipline, conservation: Retention(duree: d("1 an"), archivageIntermediaire: d("5 ans"))))
    sanctions.aipd = DPIA(statut: .realisee, date: day("2025-09-01"))
    all.append(c(sanctions, 3, "http://vie-scolaire.ac-amiens.fr/432-deux-nouveaux-decrets-relatifs-aux-sanctions-disciplinaires.html", ["conservation-excessive"]))

    var sanctionsOk = sanctions
    sanctionsOk.id = "sanctions-r511-13"
    sanctionsOk.donnees[1] = PersonalData(categorie: .discipline, conservation: Retention(duree: d("1 an"), archivageIntermediaire: d("1 an")))
    all.append(c(sanctionsOk, 3, "http://vie-scolaire.ac-amiens.fr/432-deux-nouveaux-decrets-relatifs-aux-sanctions-disciplinaires.html", []))

    // CNIL délib. 2021-122 (journalisation, 6 mois à 1 an), https://www.cnil.fr/fr/la-cnil-publie-une-recommandation-relative-aux-mesures-de-journalisation
    var logs = lawfulRecord("journaux-ent", "Journalisation des accès à l'ENT", logiciel: "ENT", finalite: "Traçabilité des connexions à l'espace numérique de travail")
    logs.donnees = [PersonalData(categorie: .connexion, conservation: Retention(duree: d("6 mois"), archivageIntermediaire: d("3 ans")))]
    all.append(c(logs, 3, "https://www.cnil.fr/fr/la-cnil-publie-une-recommandation-relative-aux-mesures-de-journalisation", ["conservation-excessive"]))

    var logsOk = logs
    logsOk.id = "journaux-ent-6-mois"
    logsOk.donnees = [PersonalData(categorie: .connexion, conservation: Retention(duree: d("6 mois"), archivageIntermediaire: d("6 mois")))]
    all.append(c(logsOk, 3, "https://www.cnil.fr/fr/la-cnil-publie-une-recommandation-relative-aux-mesures-de-journalisation", []))

    // A criterion « - » copied from a half-filled register model (CNIL ODS 2019 « Durée de conservation » column).
    var dash = lawfulRecord("cdi-prets", "Prêts du CDI", logiciel: "BCDI", finalite: "Gestion des prêts d'ouvrages du CDI")
    dash.donnees = [PersonalData(categorie: .etatCivil, conservation: Retention(critere: "-"))]
    all.append(c(dash, 3, "https://www.cnil.fr/sites/cnil/files/atoms/files/registre-traitement-simplifie.ods", ["conservation-non-definie", "registre-incomplet"]))

    // ENT arrêté du 30 nov. 2006 modifié, art. 6 (suppression dans les 3 mois), https://legal.tricoteuses.fr/articles/JORFARTI000035840581
    var ent = lawfulRecord("ent", "ENT du collège", logiciel: "ENT", finalite: "Espace numérique de travail")
    ent.donnees = [PersonalData(categorie: .etatCivil, conservation: Retention(duree: d("3 mois"), pointDeDepart: "départ de l'élève"))]
    all.append(c(ent, 3, "https://legal.tricoteuses.fr/articles/JORFARTI000035840581", []))

    // Class 4 — breaches. CNIL, « Vol de matériels et détournement de services dans le cadre scolaire » (15 avril 2024),
    // https://www.cnil.fr/fr/vol-de-materiels-et-detournement-de-services-dans-le-cadre-scolaire-comment-gerer-les-violations-de
    let vsBase = lawfulRecord("vie-scolaire", "Vie scolaire", logiciel: "ENT", finalite: "Suivi des élèves")
    let breachSource = "https://www.cnil.fr/fr/vol-de-materiels-et-detournement-de-services-dans-le-cadre-scolaire-comment-gerer-les-violations-de"
    func breach(_ id: String, risk: RiskLevel, cnil: Notification, people: Notification? = nil, encrypted: Bool? = nil) -> Breach {
      Breach(
        id: id, dateDecouverte: day("2025-12-20"), types: [.integrite, .confidentialite],
        description: "Tablette perdue ; compte ENT d'un enseignant utilisé pour modifier des notes.", traitements: ["vie-scolaire"],
        donneesChiffrees: encrypted, consequences: "Notes d'une classe modifiées, messages envoyés aux familles.", risque: risk,
        notificationCNIL: cnil, informationPersonnes: people, mesures: "Mots de passe réinitialisés, notes restaurées.")
    }
    all.append(c(vsBase, 4, breachSource, ["violation-non-notifiee"],
      breaches: [breach("tablette-risque", risk: .risque, cnil: Notification(faite: false, justification: "Incident interne, corrigé rapidement."))],
      subject: .violation("tablette-risque"), name: "violation-tablette-risque"))
    all.append(c(vsBase, 4, breachSource, ["violation-non-notifiee"],
      breaches: [breach("ent-risque-eleve", risk: .risqueEleve, cnil: Notification(faite: true, date: day("2025-12-21")),
        people: Notification(faite: false, justification: "Pour ne pas inquiéter les familles."))],
      subject: .violation("ent-risque-eleve"), name: "violation-ent-risque-eleve"))
    all.append(c(vsBase, 4, breachSource, [],
      breaches: [breach("cle-chiffree", risk: .aucun, cnil: Notification(faite: false, justification: "Clé USB chiffrée perdue, aucune donnée sensible : pas de risque."), encrypted: true)],
      subject: .violation("cle-chiffree"), name: "violation-cle-chiffree"))
    all.append(c(vsBase, 4, breachSource, [],
      breaches: [breach("chiffre-risque-eleve", risk: .risqueEleve, cnil: Notification(faite: true, date: day("2025-12-21")),
        people: Notification(faite: false, justification: "Données chiffrées, clé non compromise."), encrypted: true)],
      subject: .violation("chiffre-risque-eleve"), name: "violation-chiffre-risque-eleve"))

    // Class 5 — CCTV in DPIA screening and legal cap.
    // Académie de Besançon, https://applilocale.ac-besancon.fr/mediadane/formation/droit-respect-vie-privee/co/4-1_videoprotection.html
    var cam = lawfulRecord("cameras-abords", "Caméras aux entrées du lycée", finalite: "Sécurité des abords et des accès")
    cam.donnees = [PersonalData(categorie: .image, conservation: Retention(duree: d("15 jours")))]
    all.append(c(cam, 5, "https://applilocale.ac-besancon.fr/mediadane/formation/droit-respect-vie-privee/co/4-1_videoprotection.html", ["aipd-requise-manquante"]))
    var camLong = cam
    camLong.id = "cameras-90-jours"
    camLong.aipd = DPIA(statut: .realisee, date: day("2025-09-01"))
    camLong.donnees = [PersonalData(categorie: .image, conservation: Retention(duree: d("90 jours")))]
    all.append(c(camLong, 5, "https://www.clubic.com/actualite-579070-a-l-ecole-les-cameras-de-surveillance-ne-peuvent-pas-filmer-partout-rappelle-la-cnil.html", ["conservation-excessive"]))
    var camOk = cam
    camOk.id = "cameras-aipd"
    camOk.aipd = DPIA(statut: .realisee, date: day("2025-09-01"))
    all.append(c(camOk, 5, "https://cnil.fr/fr/node/1103", []))
    // A filmed EPS lesson is not surveillance: one year keeps the video for the pupils' assessment.
    var eps = lawfulRecord("videos-eps", "Vidéos des séances d'EPS", finalite: "Analyse des gestes sportifs par les élèves et l'enseignant")
    eps.donnees.append(PersonalData(categorie: .image, conservation: Retention(duree: d("1 an"))))
    all.append(c(eps, 5, "https://sites.ac-nancy-metz.fr/eps/", []))

    // Class 7 — placeholders. CNIL modèle de registre (ODS 2019), copied with its template values.
    var tmpl = lawfulRecord("messagerie", "Messagerie ENT", logiciel: "ENT", finalite: "[Finalité du traitement]")
    tmpl.sousTraitants = ["hebergeur"]
    all.append(c(tmpl, 7, "https://www.cnil.fr/sites/cnil/files/atoms/files/registre-traitement-simplifie.ods", ["registre-incomplet"],
      processors: [processor("hebergeur", "[Nom hébergeur]")]))
    all.append(c(tmpl, 7, "https://www.cnil.fr/sites/cnil/files/atoms/files/registre-traitement-simplifie.ods", ["valeur-fictive"],
      processors: [processor("hebergeur", "[Nom hébergeur]")], subject: .sousTraitant("hebergeur"), name: "hebergeur-fictif"))
    var real = lawfulRecord("messagerie-reelle", "Messagerie ENT", logiciel: "ENT", finalite: "Échanges entre familles et équipes")
    real.sousTraitants = ["hebergeur"]
    all.append(c(real, 7, "https://legal.tricoteuses.fr/articles/JORFARTI000035840581", [],
      processors: [processor("hebergeur", "Hébergeur régional de l'ENT")]))

    // Class 8 — contract basis. Edumoov/AppScho-style vendor terms speak of « contrat » with the school;
    // the school's service to families is a public task (https://docs.appscho.com/documentation-technique/-MNXgArw_e7875tju2Rt/vie-privee-et-donnees-personnelles)
    var comptes = lawfulRecord("comptes-eleves", "Comptes élèves de l'application mobile", logiciel: "AppScho", finalite: "Accès des élèves aux services numériques du lycée")
    comptes.baseLegale = LegalGround(article6: .contrat)
    all.append(c(comptes, 8, "https://docs.appscho.com/documentation-technique/-MNXgArw_e7875tju2Rt/vie-privee-et-donnees-personnelles", ["base-legale-contrat-mission"]))
    var fournisseurs = lawfulRecord("fournisseurs", "Gestion des fournisseurs", finalite: "Commandes et paiement des fournisseurs")
    fournisseurs.baseLegale = LegalGround(article6: .contrat)
    fournisseurs.personnesConcernees = [DataSubjects(categorie: .autres, precisions: "contacts des fournisseurs")]
    all.append(c(fournisseurs, 8, "https://www.cnil.fr/fr/liste-traitements-aipd-non-requise", []))

    // Class 9 — flows. CNIL fiche « Sécuriser les échanges avec d'autres organismes » (14 mars 2024).
    var sync = lawfulRecord("synchro-cantine", "Export vers le logiciel de restauration", logiciel: "Logiciel de restauration", finalite: "Transmission des inscriptions à la demi-pension")
    sync.flux = [Flow(de: "SIECLE", vers: "Restauration", canal: .https, adresse: "http://restauration.exemple.fr/import")]
    all.append(c(sync, 9, "https://cnil.fr./securite-securiser-les-echanges-avec-dautres-organismes", ["flux-non-chiffre"]))
    var syncOk = sync
    syncOk.id = "synchro-cantine-https"
    syncOk.flux = [Flow(de: "SIECLE", vers: "Restauration", canal: .https, versionsTLS: [.tls12, .tls13], adresse: "https://restauration.exemple.fr/import")]
    all.append(c(syncOk, 9, "https://cnil.fr./securite-securiser-les-echanges-avec-dautres-organismes", []))
    // eTwinning-style exchange with a partner school in the US: a transfer (Art. 49) but not a cloud suite.
    var echange = lawfulRecord("echange-partenaire", "Échange épistolaire avec un lycée partenaire", finalite: "Correspondance entre élèves de deux établissements")
    echange.transferts = [Transfer(destinataire: "Lycée partenaire de Boston", pays: "US", garantie: .derogationArticle49)]
    echange.destinataires.append(Recipient(type: .paysTiers, nom: "Lycée partenaire de Boston"))
    all.append(c(echange, 9, "https://questions.assemblee-nationale.fr/q16/16-971QE.htm", ["transfert-hors-ue-sans-garantie"]))
    var suite = lawfulRecord("suite-bureautique", "Suite bureautique en ligne", logiciel: "Microsoft 365", finalite: "Travail collaboratif des élèves")
    suite.transferts = [Transfer(destinataire: "Microsoft", pays: "US", garantie: .dpf)]
    all.append(c(suite, 9, "https://questions.assemblee-nationale.fr/q16/16-971QE.htm", ["doctrine-cloud-ministere"]))

    // Class 11/0 — general lawful fiches from public sources (must stay clean).
    var cantine = lawfulRecord("demi-pension", "Gestion de la demi-pension", finalite: "Inscription et facturation de la restauration scolaire")
    cantine.donnees.append(PersonalData(categorie: .economiqueFinancier, conservation: Retention(duree: d("1 an"))))
    cantine.exemptionAIPD = .affairesScolaires
    all.append(c(cantine, 0, "https://www.cnil.fr/fr/liste-traitements-aipd-non-requise", []))
    var main = lawfulRecord("cantine-biometrie", "Accès à la cantine par contour de la main", finalite: "Contrôle d'accès au restaurant scolaire")
    main.baseLegale = LegalGround(article6: .consentement, article9: .consentementExplicite)
    main.donnees.append(PersonalData(categorie: .biometrie, conservation: Retention(critere: "jusqu'au départ de l'élève")))
    main.dispositifBiometrique = BiometricDevice(technique: "contour de la main", consentementExplicite: true, alternative: "badge")
    all.append(c(main, 0, "https://cnil.fr./fr/les-dispositifs-biometriques-pour-lacces-aux-cantines-scolaires", ["aipd-requise-manquante"]))
    var infirmerie = lawfulRecord("infirmerie", "Suivi infirmier des élèves", finalite: "Accueil et soins à l'infirmerie")
    infirmerie.donnees.append(PersonalData(categorie: .sante, conservation: Retention(critere: "jusqu'au départ de l'élève")))
    all.append(c(infirmerie, 0, "https://www.globalsecuritymag.fr/education-nationale-la-cnil-publie-deux-guides-pratiques-sur-les-violations-de.html", ["donnees-sensibles-sans-condition", "aipd-requise-manquante"]))
    var teleservice = lawfulRecord("teleservice-bourses", "Téléservice bourses", logiciel: "Scolarité services", finalite: "Demandes de bourse en ligne")
    teleservice.donnees = [PersonalData(categorie: .economiqueFinancier, conservation: Retention(duree: d("1 an"), archivageIntermediaire: d("1 an")))]
    all.append(c(teleservice, 0, "https://legal.tricoteuses.fr/articles/JORFARTI000048736114", ["aipd-requise-manquante"]))
    var ip = lawfulRecord("interet-legitime", "Annuaire des anciens élèves", finalite: "Entretien du lien avec les anciens élèves")
    ip.baseLegale = LegalGround(article6: .interetLegitime)
    all.append(c(ip, 0, "https://www.cnil.fr/fr/comment-choisir-la-base-legale-dun-traitement-cas-pratiques-avec-certains-traitements-mis-en-oeuvre", ["base-legale-interet-legitime-autorite"]))
    return all
  }()
}

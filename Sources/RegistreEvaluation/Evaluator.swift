import Foundation
public import RegistreModel
import RegistreProbe
import RegistreRules

/// The texts each item cites. Kept together so the docs can list them.
public enum EvaluationReference {
  public static let neutraliteCommerciale =
    "Principe de neutralité commerciale du service public (circulaire n° 2001-053 du 28 mars 2001) ; règlement (UE) 2022/2065 (DSA), art. 28.2 ; CNIL, recommandations sur les droits numériques des mineurs (2021), n° 8"
  public static let traceurs =
    "Loi Informatique et Libertés, art. 82 ; CNIL, lignes directrices « cookies et autres traceurs » (délib. 2020-091)"
  public static let profilage =
    "RGPD, art. 5.1.b et considérant 71 (profilage des enfants) ; CNIL, recommandations sur les droits numériques des mineurs (2021), n° 8"
  public static let reutilisation =
    "RGPD, art. 5.1.b (limitation des finalités), art. 28.3.a (instructions du responsable) et 28.10 (sous-traitant qui détermine ses propres finalités)"
  public static let transfert = "RGPD, art. 44 à 46 ; CJUE, 16 juillet 2020, C-311/18 (Schrems II)"
  public static let adequation = "RGPD, art. 45 (décision d'adéquation de la Commission européenne)"
  public static let dpf =
    "Décision d'exécution (UE) 2023/1795 du 10 juillet 2023 (Data Privacy Framework) ; Trib. UE, 3 septembre 2025, T-553/23 ; pourvoi C-703/25 P pendant"
  public static let doctrineCloud =
    "Consigne du ministère aux recteurs (octobre 2021), rappelée dans la réponse à la question écrite AN n° 971 (2022) ; CNIL, 27 mai 2021, suites collaboratives états-uniennes"
  public static let droitExtraEuropeen =
    "CNIL, 27 mai 2021 (accès par des autorités étrangères) ; RGPD, art. 28.1 (garanties suffisantes) ; CEPD, recommandations 01/2020 (mesures supplémentaires)"
  public static let ageMinimum =
    "Conditions d'utilisation de l'éditeur ; RGPD, considérant 38 (protection spécifique des enfants) et art. 28.1 (garanties suffisantes)"
  public static let contrat = "RGPD, art. 28.3 et 28.9 (contrat écrit avec le sous-traitant)"
  public static let cadreIA =
    "Ministère de l'Éducation nationale, cadre d'usage de l'IA en éducation (14 juin 2025)"
  public static let emotions =
    "Règlement (UE) 2024/1689 (AI Act), art. 5.1.f : reconnaissance des émotions interdite dans les établissements d'enseignement depuis le 2 février 2025"
  public static let hautRisque =
    "Règlement (UE) 2024/1689 (AI Act), annexe III, point 3 (obligations reportées au 2 décembre 2027 par le « Digital Omnibus »)"
  public static let aipd = "RGPD, art. 35 ; lignes directrices WP248 rév. 01 ; délib. CNIL 2018-327"
  public static let information =
    "RGPD, art. 12 à 14 ; CNIL, recommandations sur les droits numériques des mineurs (2021), n° 6"
  public static let conseilAdministration = "Code de l'éducation, art. R.421-23, 2°"
  public static let registre = "RGPD, art. 30.1"
  public static let minimisation = "RGPD, art. 5.1.c (minimisation)"
  /// Only for a tool with AI features: the CNIL FAQ is about AI systems.
  public static let minimisationIA =
    "RGPD, art. 5.1.c (minimisation) ; CNIL, FAQ sur l'usage des systèmes d'IA dans les établissements scolaires"
  public static let sso =
    "CNIL, délib. 2022-100 (mots de passe) ; recommandations académiques : préférer l'ENT, ÉduConnect ou le GAR aux comptes créés chez l'éditeur"
  public static let mfa =
    "ANSSI, recommandations relatives à l'authentification multifacteur et aux mots de passe (PG-078 v2.0, 2021) ; CNIL, recommandation sur l'authentification multifacteur (2025)"
  public static let exportSuppression = "RGPD, art. 28.3.g (suppression ou restitution) et art. 20"
  public static let conservation = "RGPD, art. 5.1.e et 30.1.f"
  public static let gar =
    "Arrêté du 18 décembre 2017 modifié (GAR), art. 1 et 2 ; contrat d'adhésion GAR v2020 ; FAQ du GAR"
  public static let donnees = "RGPD, art. 30.1.c et 5.1.c"
  public static let solutionInstitutionnelle =
    "Guide Canopé « Les données à caractère personnel » (2018, expertise DPD et DAJ du ministère), Q2 ; recommandations des DANE/DRANE (Bordeaux, Lyon, Versailles)"
  public static let grandPublic =
    "Recommandations académiques (DRANE Versailles) : réseaux sociaux et messageries grand public déconseillés ; CNIL, recommandations sur les droits numériques des mineurs (2021), n° 8"
  public static let sonde = "ANSSI, recommandations de sécurité relatives à TLS (SDE-NT-35 v1.2), R3 et R4"
}

/// Evaluates a tool sheet the way a DPD would before adoption. Pure: the same
/// sheet and context always give the same evaluation.
public enum Evaluator {
  /// Evaluates `fiche` in `contexte`.
  public static func evaluate(_ fiche: ToolSheet, contexte: EvaluationContext) -> Evaluation {
    var etat = EvaluationState(fiche: fiche, contexte: contexte)
    etat.checkRules()
    var brouillon = TreatmentDraft.treatment(
      fiche, date: contexte.date, registre: contexte.registre, probes: contexte.probes)
    let dpia = DPIAScreening.screen(brouillon)
    etat.dpia(dpia)
    let verdict: Verdict =
      !etat.raisons.isEmpty ? .aProscrire : (etat.conditions.isEmpty ? .adoptable : .adoptableSousConditions)
    let inconnus = ["-inconnu", "-inconnue", "-inconnus", "-inconnues"]
    brouillon.aConfirmer += etat.conditions.filter { c in inconnus.contains { c.code.hasSuffix($0) } }.map(\.message)
    brouillon.remarques =
      "Brouillon produit par registre evaluer le \(contexte.date) à partir de la fiche de l'outil ; avis : \(verdict.libelle)."
    // A tool « à proscrire » has no conditions of adoption: its reasons say why not to adopt it.
    return Evaluation(
      fiche: fiche, verdict: verdict, reasons: etat.raisons,
      conditions: verdict == .aProscrire ? [] : etat.conditions, notes: etat.notes,
      dpia: dpia, draftEntry: brouillon, probes: contexte.probes, date: contexte.date)
  }

  /// Normalised comparison of names (case, accents, punctuation), to find a
  /// vendor or tool already in the register.
  static func sameName(_ a: String, _ b: String) -> Bool {
    func normalizedKey(_ s: String) -> String {
      s.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: Locale(identifier: "fr_FR"))
        .unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }.map(String.init).joined()
    }
    let ca = normalizedKey(a)
    return !ca.isEmpty && ca == normalizedKey(b)
  }
}

private struct EvaluationState {
  let fiche: ToolSheet
  let contexte: EvaluationContext
  var raisons: [EvaluationItem] = []
  var conditions: [EvaluationItem] = []
  var notes: [EvaluationItem] = []

  init(fiche: ToolSheet, contexte: EvaluationContext) {
    self.fiche = fiche
    self.contexte = contexte
  }

  typealias R = EvaluationReference

  var eleves: Bool { fiche.concerneDesEleves }
  var gar: Bool { fiche.accesParLeGAR }

  mutating func block(_ code: String, _ basis: Basis, _ message: String, _ reference: String) {
    raisons.append(EvaluationItem(code: code, basis: basis, message: message, reference: reference))
  }
  mutating func condition(_ code: String, _ basis: Basis, _ message: String, _ reference: String) {
    conditions.append(EvaluationItem(code: code, basis: basis, message: message, reference: reference))
  }
  mutating func note(_ code: String, _ basis: Basis, _ message: String, _ reference: String) {
    notes.append(EvaluationItem(code: code, basis: basis, message: message, reference: reference))
  }

  mutating func checkRules() {
    safeguards()
    commercial()
    reuse()
    hosting()
    contract()
    age()
    artificialIntelligence()
    authentication()
    formalities()
    lifecycle()
    network()
    registerEntry()
  }

  // MARK: GAR

  mutating func safeguards() {
    guard gar else { return }
    note(
      "gar-responsable-ministre", .law,
      "Ressource accessible par le GAR : le traitement est celui du ministre, seul responsable ; l'éditeur est sous-traitant du ministère, y compris pour les données produites par les utilisateurs.",
      R.gar)
    note(
      "gar-identifiant-pseudonyme", .law,
      "Le GAR ne transmet à l'éditeur qu'un identifiant pseudonyme et les données strictement nécessaires, validées par le GAR.",
      R.gar)
    note(
      "gar-contrat", .law,
      "Aucun contrat art. 28 à signer par l'établissement : le contrat d'adhésion GAR lie l'éditeur au ministère et lui interdit tout autre traitement.",
      R.gar)
    note(
      "gar-information", .law,
      "Pas de notice séparée à rédiger : les mentions d'information du GAR sont publiées par le ministère (gar.education.fr) ; la note aux familles renvoie vers elles.",
      R.gar)
  }

  // MARK: Advertising and profiling

  mutating func commercial() {
    if fiche.publicite == true {
      if eleves {
        block(
          "publicite-eleves", .doctrine,
          "L'outil affiche de la publicité à des élèves : contraire à la neutralité commerciale du service public.",
          R.neutraliteCommerciale)
      } else {
        condition(
          "publicite", .doctrine,
          "L'outil affiche de la publicité : obtenir une version sans publicité (neutralité commerciale).",
          R.neutraliteCommerciale)
      }
    } else if fiche.publicite == nil, eleves, !gar {
      condition(
        "publicite-inconnue", .doctrine,
        "Publicité inconnue : à obtenir de l'éditeur (aucune publicité n'est admise devant des élèves).",
        R.neutraliteCommerciale)
    }
    if fiche.profilageCommercial == true {
      block(
        eleves ? "profilage-commercial-eleves" : "profilage-commercial", .law,
        eleves
          ? "L'éditeur établit des profils commerciaux à partir de l'usage des élèves."
          : "L'éditeur établit des profils commerciaux à partir de l'usage des utilisateurs.",
        R.profilage)
    }
    let traceurs = Set(fiche.traceurs)
    if traceurs.contains(.publicitaires) {
      if eleves {
        block(
          "traceurs-publicitaires-eleves", .law,
          "Des traceurs publicitaires sont déposés chez des élèves : un consentement libre est impossible dans un usage scolaire imposé.",
          R.traceurs)
      } else {
        condition(
          "traceurs-publicitaires", .law,
          "Traceurs publicitaires : à désactiver, ou consentement préalable des utilisateurs.", R.traceurs)
      }
    }
    if traceurs.contains(.reseauxSociaux) {
      condition(
        "traceurs-reseaux-sociaux", .law,
        "Modules de réseaux sociaux : à désactiver, ou consentement préalable (art. 82 LIL).", R.traceurs)
    }
    if traceurs.contains(.mesureAudience) {
      condition(
        "mesure-audience", .law,
        "Mesure d'audience soumise à consentement : exiger une configuration exemptée ou un recueil du consentement.",
        R.traceurs)
    }
    if traceurs.isEmpty, !gar {
      condition(
        "traceurs-inconnus", .law, "Traceurs inconnus : à obtenir de l'éditeur (liste des cookies et traceurs).",
        R.traceurs)
    }
  }

  // MARK: Reuse of the data

  mutating func reuse() {
    let pourEditeur = fiche.reutilisationDonnees.filter(\.estPourLEditeur)
    if !pourEditeur.isEmpty {
      let liste = pourEditeur.map { lowercase($0.libelle) }.joined(separator: ", ")
      block(
        eleves ? "reutilisation-donnees-eleves" : "reutilisation-donnees", .law,
        (eleves ? "L'éditeur réutilise les données des élèves pour son propre compte" : "L'éditeur réutilise les données pour son propre compte")
          + " (\(liste)) : il n'agit plus comme sous-traitant de l'établissement.",
        R.reutilisation)
    } else if fiche.reutilisationDonnees.isEmpty, !gar {
      condition(
        "reutilisation-inconnue", .law,
        "Réutilisation des données par l'éditeur inconnue (amélioration du produit, entraînement d'IA…) : à obtenir par écrit.",
        R.reutilisation)
    }
  }

  // MARK: Hosting, transfers, foreign law

  mutating func hosting() {
    let garantieSuffisante = fiche.garantieTransfert?.estGarantieSuffisante == true
    if let pays = fiche.hebergement?.pays {
      if Country.isInEEA(pays) {
        // Nothing to say: the GDPR applies where the data are.
      } else if Country.adequation.contains(pays) {
        note(
          "transfert-adequation", .law,
          "Hébergement en \(pays) : pays couvert par une décision d'adéquation.", R.adequation)
      } else if pays == "US", fiche.certificationDPF == true {
        note(
          "transfert-dpf", .law,
          "Hébergement aux États-Unis : transfert licite tant que l'éditeur reste certifié Data Privacy Framework (à vérifier sur dataprivacyframework.gov ; décision contestée devant la Cour de justice).",
          R.dpf)
      } else if garantieSuffisante, let garantie = fiche.garantieTransfert {
        note(
          "transfert-garantie", .law,
          "Hébergement en \(pays) : transfert encadré par « \(garantie.libelle) » ; une évaluation du droit du pays tiers reste à documenter.",
          R.transfert)
      } else if fiche.garantieTransfert == nil, fiche.certificationDPF == nil {
        condition(
          "garantie-transfert-inconnue", .law,
          "Hébergement en \(pays), hors de l'Union européenne : garantie du transfert inconnue, à obtenir de l'éditeur.",
          R.transfert)
      } else {
        block(
          "transfert-sans-garantie", .law,
          "Données hébergées en \(pays), hors de l'Union européenne, sans garantie de transfert.", R.transfert)
      }
    } else if !gar {
      condition(
        "hebergement-inconnu", .law, "Hébergement inconnu : à obtenir de l'éditeur (pays et prestataire).",
        R.transfert)
    }

    for st in fiche.sousTraitantsUlterieurs where !Country.isInEEA(st.pays) && !Country.adequation.contains(st.pays) {
      let couvert = garantieSuffisante || (st.pays == "US" && fiche.certificationDPF == true)
      if fiche.garantieTransfert == .aucune || fiche.garantieTransfert == .derogationArticle49 {
        block(
          "transfert-sans-garantie", .law,
          "Sous-traitant ultérieur « \(st.nom) » en \(st.pays) sans garantie de transfert.", R.transfert)
      } else if !couvert {
        condition(
          "garantie-sous-traitant-ulterieur", .law,
          "Sous-traitant ultérieur « \(st.nom) » en \(st.pays) : garantie du transfert à obtenir de l'éditeur.",
          R.transfert)
      }
    }

    let extraEuropeen = fiche.soumisDroitExtraEuropeen == true || fiche.hebergement?.pays == "US"
    if extraEuropeen {
      if fiche.soumisDroitExtraEuropeen == true, let pays = fiche.hebergement?.pays, Country.isInEEA(pays) {
        condition(
          "droit-extra-europeen", .law,
          "L'éditeur ou son hébergeur est soumis à un droit non européen (ex. CLOUD Act) malgré un hébergement dans l'Union : risque d'accès par une autorité étrangère à évaluer (chiffrement, mesures supplémentaires).",
          R.droitExtraEuropeen)
      }
      condition(
        "doctrine-cloud-extra-europeen", .doctrine,
        "Doctrine du ministère, distincte de la légalité : privilégier une solution soumise au seul droit européen (ENT, apps.education.fr, ressource du GAR) ; justifier par écrit l'absence d'alternative.",
        R.doctrineCloud)
    } else if fiche.soumisDroitExtraEuropeen == nil, !gar {
      condition(
        "droit-extra-europeen-inconnu", .law,
        "Soumission de l'éditeur ou de son hébergeur à un droit non européen inconnue : à obtenir de l'éditeur.",
        R.droitExtraEuropeen)
    }
  }

  // MARK: Contract

  mutating func contract() {
    guard !gar else { return }
    if let st = sousTraitantDuRegistre, st.contrat?.signe == true {
      note(
        "contrat-deja-signe", .law,
        "L'éditeur est déjà sous-traitant de l'établissement avec un contrat art. 28 signé (sous-traitant « \(st.id) ») : vérifier qu'il couvre ce nouvel outil.",
        R.contrat)
      return
    }
    switch fiche.contratArt28 {
    case .signe:
      note("contrat-signe", .law, "Contrat art. 28 signé avec l'éditeur.", R.contrat)
    case .propose:
      condition(
        "contrat-art28-a-signer", .law,
        "Signer le contrat de sous-traitance (art. 28) proposé par l'éditeur avant tout usage.", R.contrat)
    case .aucun:
      block(
        "aucun-contrat", .law,
        "Aucun contrat de sous-traitance possible : l'établissement ne peut pas encadrer ce que l'éditeur fait des données.",
        R.contrat)
    case .inconnu, nil:
      condition(
        "contrat-inconnu", .law,
        "Contrat de sous-traitance (art. 28) inconnu : à obtenir de l'éditeur, puis à signer.", R.contrat)
    }
  }

  var sousTraitantDuRegistre: Processor? {
    contexte.registre?.sousTraitants.first { Evaluator.sameName($0.nom, fiche.editeur) }
  }

  // MARK: Age

  mutating func age() {
    guard eleves else { return }
    let minimumEleves = fiche.utilisateurs?.ageElevesMinimum
    switch (fiche.ageMinimumCGU, minimumEleves) {
    case (let cgu?, let eleves?) where cgu > eleves:
      block(
        "age-minimum-cgu", .law,
        "Les conditions d'utilisation exigent \(cgu) ans ; les élèves concernés peuvent avoir \(eleves) ans.",
        R.ageMinimum)
    case (let cgu?, nil) where cgu > 11:
      condition(
        "age-eleves-inconnu", .law,
        "Les conditions d'utilisation exigent \(cgu) ans : vérifier l'âge des plus jeunes élèves concernés.",
        R.ageMinimum)
    case (nil, _) where !gar:
      condition(
        "age-minimum-inconnu", .law,
        "Âge minimum exigé par les conditions d'utilisation inconnu : à vérifier dans les CGU.", R.ageMinimum)
    default:
      break
    }
  }

  // MARK: Artificial intelligence

  mutating func artificialIntelligence() {
    let fonctions = Set(fiche.fonctionnalitesIA)
    if fonctions.contains(.reconnaissanceEmotions) {
      block(
        "reconnaissance-emotions", .law,
        "L'outil reconnaît les émotions : pratique interdite dans les établissements d'enseignement.", R.emotions)
    }
    let hautRisque = fonctions.intersection([.evaluationAcquis, .orientationAdmission, .surveillanceExamens])
    if !hautRisque.isEmpty {
      let liste = AIFeature.allCases.filter(hautRisque.contains).map { lowercase($0.libelle) }
        .joined(separator: ", ")
      condition(
        "ia-haut-risque", .law,
        "Système d'IA à haut risque (\(liste)) : exiger la documentation du fournisseur, garder une décision humaine, et l'inscrire à l'AIPD.",
        R.hautRisque)
    }
    if fonctions.contains(.generative) {
      if fiche.grandPublic == true, eleves {
        if fiche.utilisateurs?.comptesEleves == true || fiche.authentification.contains(.comptesGrandPublic) {
          block(
            "ia-generative-grand-public-comptes-eleves", .doctrine,
            "IA générative grand public qui exige un compte par élève : le cadre d'usage de l'IA interdit de faire créer des comptes aux élèves.",
            R.cadreIA)
        } else if fiche.utilisateurs?.comptesEleves == nil {
          condition(
            "comptes-eleves-inconnu", .doctrine,
            "IA générative grand public : vérifier qu'elle s'utilise sans compte élève (sinon, à proscrire).", R.cadreIA)
        }
      }
      if eleves {
        let jeunes = (fiche.utilisateurs?.ageElevesMinimum).map { $0 < 13 } ?? true
        condition(
          "ia-generative-usage", .doctrine,
          "IA générative : aucune donnée personnelle saisie, usage encadré par l'enseignant"
            + (jeunes ? ", usage autonome des élèves seulement à partir de la 4e." : "."),
          R.cadreIA)
      } else {
        condition(
          "ia-generative-donnees", .doctrine,
          "IA générative : n'y saisir aucune donnée personnelle d'élève ou de collègue.", R.cadreIA)
      }
    }
  }

  // MARK: Sign-in

  mutating func authentication() {
    let modes = Set(fiche.authentification)
    if modes.isEmpty, !gar {
      condition(
        "authentification-inconnue", .security,
        "Mode de connexion inconnu : à obtenir de l'éditeur (GAR, ENT, ÉduConnect ou comptes locaux).", R.sso)
      return
    }
    if modes.contains(.comptesEditeur) {
      let federe = !modes.isDisjoint(with: [.gar, .ssoENT, .educonnect])
      condition(
        "preferer-sso", .security,
        federe
          ? "Utiliser l'accès par le GAR, l'ENT ou ÉduConnect et ne pas créer de comptes chez l'éditeur."
          : "Comptes créés chez l'éditeur : demander une connexion par l'ENT ou ÉduConnect ; à défaut, mots de passe conformes à la recommandation CNIL.",
        R.sso)
    }
    if eleves, modes.contains(.comptesGrandPublic), !raisons.contains(where: { $0.code == "ia-generative-grand-public-comptes-eleves" }) {
      condition(
        "comptes-grand-public-eleves", .doctrine,
        "Ne pas faire utiliser aux élèves un compte personnel grand public (Google, Microsoft, Apple…).", minimisation)
    }
    if eleves, fiche.utilisateurs?.comptesEleves == true, !gar,
      !raisons.contains(where: { $0.code == "ia-generative-grand-public-comptes-eleves" })
    {
      condition(
        "sans-comptes-eleves", .law,
        "Configurer l'outil sans comptes élèves nominatifs (code de classe, pseudonymes ou connexion par l'ENT).",
        minimisation)
    }
    let comptes = !modes.isDisjoint(with: [.comptesEditeur, .ssoENT, .educonnect, .comptesGrandPublic])
    if comptes, !gar {
      switch fiche.mfaAdministrateurs {
      case true?:
        condition(
          "mfa-administrateurs", .security,
          "Activer l'authentification multifacteur des comptes d'administration.", R.mfa)
      case false?:
        condition(
          "mfa-indisponible", .security,
          "Pas d'authentification multifacteur pour les comptes d'administration : la demander à l'éditeur et limiter ces comptes.",
          R.mfa)
      case nil:
        condition(
          "mfa-inconnue", .security,
          "Authentification multifacteur des comptes d'administration inconnue : à vérifier.", R.mfa)
      }
    }
  }

  // MARK: School-level formalities

  mutating func formalities() {
    if fiche.donneesCollectees.isEmpty, gar, fiche.authentification.allSatisfy({ $0 == .gar }) {
      // GAR only: the data are those the GAR sends (pseudonymous id, strictly necessary data),
      // under the minister's sole responsibility (FAQ du GAR) — a note, not a condition.
      note(
        "donnees-transmises-par-le-gar", .law,
        "Accès par le seul GAR : les données sont celles que le GAR transmet (identifiant pseudonyme et données strictement nécessaires), sous la responsabilité du ministre ; demander à l'éditeur la liste des données que les élèves produisent dans la ressource.",
        R.gar)
    } else if fiche.donneesCollectees.isEmpty {
      condition(
        "donnees-inconnues", .law,
        "Données collectées non décrites : obtenir de l'éditeur la liste des données (l'adresse IP et les contenus des élèves en sont).",
        R.donnees)
    }
    guard !gar else { return }
    note(
      "solution-institutionnelle", .doctrine,
      "Vérifier qu'aucune solution institutionnelle (ENT, apps.education.fr, ressource du GAR) ne répond déjà au besoin : elle serait à privilégier.",
      R.solutionInstitutionnelle)
    if fiche.grandPublic == true, eleves, !fiche.fonctionnalitesIA.contains(.generative) {
      condition(
        "outil-grand-public", .doctrine,
        "Service grand public, non conçu pour l'école : à éviter avec des élèves ; sinon, usage sans compte élève et paramètres de confidentialité renforcés.",
        R.grandPublic)
    }
    if dejaAuRegistre.isEmpty {
      condition(
        "inscrire-au-registre", .law,
        "Inscrire le traitement au registre (brouillon de fiche fourni, à compléter).", R.registre)
    }
    condition(
      "informer-personnes", .law,
      eleves
        ? "Informer les familles et les élèves avant l'usage (note aux familles fournie, version élève à prévoir)."
        : "Informer les personnels concernés avant l'usage (notice fournie).",
      R.information)
    if eleves {
      condition(
        "conseil-administration", .law,
        "Présenter l'outil au conseil d'administration, dont l'avis préalable est requis, et consigner l'avis.",
        R.conseilAdministration)
    }
  }

  mutating func dpia(_ depistage: DPIAScreening) {
    guard depistage.required else { return }
    let motifs = depistage.reasons.joined(separator: " ; ")
    if gar {
      note(
        "aipd-ministere", .law,
        "Le dépistage conclut à une AIPD (\(motifs)) ; pour une ressource du GAR, elle relève du ministère, responsable du traitement.",
        R.aipd)
    } else {
      condition("aipd", .law, "Réaliser une analyse d'impact (AIPD) avant l'usage : \(motifs).", R.aipd)
    }
  }

  // MARK: Retention, export, deletion

  mutating func lifecycle() {
    guard !gar else { return }
    if fiche.conservation?.estDefinie != true {
      condition(
        "conservation-inconnue", .law, "Durée de conservation inconnue : à obtenir de l'éditeur.", R.conservation)
    }
    switch fiche.exportSuppression {
    case true?: break
    case false?:
      condition(
        "export-suppression", .law,
        "Obtenir par contrat l'export des données et leur suppression en fin d'usage.", R.exportSuppression)
    case nil:
      condition(
        "export-suppression-inconnu", .law,
        "Export et suppression des données en fin d'usage inconnus : à obtenir de l'éditeur.", R.exportSuppression)
    }
  }

  // MARK: Endpoints and TLS probe

  mutating func network() {
    for adresse in fiche.pointsAcces where adresse.lowercased().hasPrefix("http://") {
      block(
        "flux-non-chiffre", .security,
        "Point d'accès en http:// (\(adresse)) : les données personnelles circulent en clair.", TLSReference.plainHTTP)
    }
    for adresse in fiche.pointsAcces {
      let minuscule = adresse.lowercased()
      if !minuscule.hasPrefix("http://") && !minuscule.hasPrefix("https://") {
        condition(
          "point-acces-invalide", .security,
          "Point d'accès « \(adresse) » : adresse non reconnue (attendu https://…), à corriger dans la fiche.",
          R.sonde)
      }
    }
    guard let probes = contexte.probes else {
      if !fiche.pointsAcces.isEmpty {
        note(
          "tls-non-sonde", .security,
          "Configuration TLS des points d'accès non vérifiée (relancer avec --sonder).", R.sonde)
      }
      return
    }
    if fiche.pointsAcces.isEmpty {
      condition(
        "points-acces-inconnus", .security,
        "Aucun point d'accès dans la fiche : configuration TLS non vérifiable, adresses à obtenir de l'éditeur.",
        R.sonde)
    }
    for rapport in probes where rapport.status != .plainHTTP {
      probe(rapport)
    }
  }

  mutating func probe(_ rapport: TLSProbeReport) {
    let ou = rapport.endpoint
    switch rapport.status {
    case .unreachable, .timeout:
      condition(
        "sonde-impossible", .security,
        "\(ou) : sonde impossible (\(rapport.detail ?? "injoignable")) ; configuration TLS à vérifier.", R.sonde)
      return
    case .plainHTTP, .probed:
      break
    }
    let acceptees = Set(rapport.acceptedVersions)
    let obsoletes = acceptees.intersection([.tls1_0, .tls1_1])
    let modernes = acceptees.intersection([.tls1_2, .tls1_3])
    // ANSSI R4 forbids TLS 1.0/1.1. When the server also offers 1.2 or 1.3,
    // every current client negotiates those and downgrade protections apply:
    // the vendor must fix it, but it is a condition. Old versions only means
    // every connection uses them: blocking.
    if !obsoletes.isEmpty {
      let liste = obsoletes.sorted().map(\.displayName).joined(separator: ", ")
      if modernes.isEmpty {
        block(
          "tls-obsolete-seul", .security,
          "\(ou) n'accepte que des versions obsolètes de TLS (\(liste)).", TLSReference.versions)
      } else {
        condition(
          "tls-obsolete", .security,
          "\(ou) accepte encore \(liste) : demander à l'éditeur de les désactiver.", TLSReference.versions)
      }
    } else if modernes.isEmpty {
      condition(
        "tls-aucune-version", .security,
        "\(ou) : aucune négociation TLS 1.2 ou 1.3 réussie ; configuration à vérifier.", TLSReference.versions)
    }
    let bloquants: Set<String> = [
      "tls.certificat-expire", "tls.certificat-pas-encore-valide", "tls.certificat-auto-signe",
      "tls.certificat-non-reconnu", "tls.nom-hote-incorrect",
    ]
    let dejaTraites: Set<String> = ["tls.version-obsolete", "tls.aucune-version-recommandee", "tls.flux-non-chiffre"]
    for constat in rapport.verdict.findings where !dejaTraites.contains(constat.code) {
      if bloquants.contains(constat.code) {
        block(
          constat.code, .security, "\(ou) : \(constat.message) (le serveur ne peut pas être authentifié).",
          constat.reference)
      } else if constat.severity == .error {
        condition(constat.code, .security, "\(ou) : \(constat.message)", constat.reference)
      } else if constat.severity == .warning {
        note(constat.code, .security, "\(ou) : \(constat.message)", constat.reference)
      }
    }
  }

  // MARK: The register

  /// The minimisation reference: the CNIL FAQ on AI only for a tool with AI features.
  /// A sheet that says « aucune » has no AI feature either.
  var minimisation: String {
    fiche.fonctionnalitesIA.allSatisfy { $0 == .aucune } ? R.minimisation : R.minimisationIA
  }

  /// Treatments of the register that already use this tool.
  var dejaAuRegistre: [Treatment] {
    (contexte.registre?.traitements ?? []).filter { t in
      t.logiciel.map { Evaluator.sameName($0, fiche.nom) } == true || Evaluator.sameName(t.nom, fiche.nom)
    }
  }

  mutating func registerEntry() {
    guard let registre = contexte.registre else { return }
    let existants = dejaAuRegistre
    for t in existants {
      note(
        "deja-au-registre", .law, "L'outil figure déjà au registre : traitement « \(t.id) ».", R.registre)
    }
    let categories = Set(fiche.donneesCollectees.map(\.categorie))
    // One condition naming every treatment that already processes the same data, not one per treatment.
    var overlaps: [String] = []
    for t in registre.traitements where !existants.contains(where: { $0.id == t.id }) {
      let communes = DataCategory.allCases.filter { c in
        categories.contains(c) && t.donnees.contains { $0.categorie == c }
      }
      let memesPersonnes = !eleves || t.concerneDesEleves
      guard !communes.isEmpty, memesPersonnes else { continue }
      let liste = communes.map { lowercase($0.libelle) }.joined(separator: ", ")
      overlaps.append("« \(t.id) » (\(liste))")
    }
    if !overlaps.isEmpty {
      let shown = overlaps.prefix(10).joined(separator: " ; ")
      let more = overlaps.count > 10 ? " ; et \(overlaps.count - 10) autre(s)" : ""
      note(
        "donnees-deja-traitees", .law,
        "Données déjà traitées dans \(overlaps.count) traitement\(overlaps.count > 1 ? "s" : "") du registre : \(shown)\(more) — vérifier que le nouvel outil est nécessaire (minimisation).",
        minimisation)
    }
  }
}

/// Lower-cases the first letter only, so acronyms (IA, ENT) keep their case.
func lowercase(_ s: String) -> String {
  guard let premier = s.first else { return s }
  return premier.lowercased() + s.dropFirst()
}

import RegistreModel

/// `conservation-excessive`: a retention longer than the reference for its category.
struct ExcessiveRetention: Rule {
  let id = "conservation-excessive"
  let severity = Severity.erreur
  let severities: [Severity] = [.erreur, .avertissement]
  let reference =
    "Art. 5(1)(e) RGPD ; CSI art. L.252-5 (vidéoprotection) ; C. éduc. art. R.511-13 IV (sanctions) ; CNIL, délib. 2021-122 (journalisation) ; arrêté du 30 nov. 2006 modifié, art. 6 (ENT)"
  let title = "Durée de conservation excessive"
  let summary =
    "Compare les durées fixes — base active et archivage intermédiaire additionnés, les données restant conservées dans les archives intermédiaires — aux seuls repères établis : images d'un dispositif de vidéosurveillance ou de vidéoprotection (données « image » avec le critère `surveillance-systematique`, ou mots « vidéosurveillance », « vidéoprotection », « caméra ») au-delà d'un mois — erreur, plafond légal de la vidéoprotection (CSI L.252-5) que la CNIL retient aussi pour la vidéosurveillance intérieure (quelques jours suffisent en général) : ce constat ne peut pas être accepté par écrit ; sanctions disciplinaires au-delà de trois ans (R.511-13 IV : effacement au plus tard à l'issue de la deuxième année scolaire suivant le prononcé, sauf exclusion définitive) ; journaux de connexion au-delà d'un an (CNIL 2021-122 : 6 mois à 1 an, jusqu'à 3 ans seulement pour un contrôle interne avec risque démontré — à justifier par une acceptation) ; comptes ENT conservés plus de trois mois après le départ (arrêté du 30 nov. 2006, art. 6). Avertissement pour ces trois derniers cas. Aucune autre durée n'est jugée faute de référence."
  let remediation =
    "Ramener la durée au repère cité, ou justifier l'écart par écrit (fichier d'acceptations) avec le DPD — sauf pour un plafond légal, qui ne s'accepte pas."
  let scopes: Set<Scope> = [.traitement]

  private static let entWords = Phrases(["ENT", "espace numérique de travail"])
  private static let departureWords = Phrases(["départ", "depart", "sortie", "vocation", "fin de scolarité"])

  private func isENT(_ t: Treatment) -> Bool {
    FoldedText([t.nom, t.logiciel ?? ""].joined(separator: " ")).contains(Self.entWords)
  }

  /// More than `months` months in all, with calendar months taken at their word.
  private func exceeds(_ c: Retention, months: Int) -> Bool {
    guard let active = c.duree else { return false }
    if c.archivageIntermediaire == nil && active.unite == .mois { return active.quantite > months }
    if let archive = c.archivageIntermediaire, active.unite == .mois, archive.unite == .mois {
      return active.quantite + archive.quantite > months
    }
    return (RetentionFacts.totalDays(c) ?? 0) > months * 31
  }

  func check(_ t: Treatment, facts: TreatmentFacts, in audit: AuditedRegister, into findings: inout [Finding]) {
    for (index, data) in t.donnees.enumerated() {
      guard let conservation = data.conservation, conservation.duree != nil,
        let total = RetentionFacts.totalDays(conservation)
      else { continue }
      let kept = RetentionFacts.describe(conservation)
      let field =
        conservation.archivageIntermediaire != nil
        ? "donnees[\(index)].conservation" : "donnees[\(index)].conservation.duree"
      switch data.categorie {
      case .image where exceeds(conservation, months: 1) && VideoSurveillance.isVideo(t):
        findings.append(
          finding(
            t.subject,
            "Images de vidéosurveillance conservées \(kept) : au-delà du plafond d'un mois (CSI L.252-5 pour la vidéoprotection ; pour la vidéosurveillance intérieure, la CNIL estime que quelques jours suffisent). Un plafond légal ne peut pas être accepté par écrit.",
            field: field,
            remediation:
              "Ramener la conservation des images à un mois au plus (quelques jours suffisent en général), archivage compris ; configurer l'effacement automatique de l'enregistreur.",
            reference:
              "CSI art. L.252-5 ; CNIL, fiche sur les dispositifs vidéo dans les établissements scolaires (12 sept. 2025)",
            acceptable: false))
      case .discipline where total > 3 * 365:
        findings.append(
          finding(
            t.subject,
            "Sanctions disciplinaires conservées \(kept) : le dossier administratif est effacé au plus tard à l'issue de la deuxième année scolaire suivant le prononcé (exclusions temporaires), sauf exclusion définitive (terme de la scolarité dans le second degré).",
            severity: .avertissement, field: field,
            reference: "C. éduc. art. R.511-13 IV, rédaction du décret n° 2019-906 du 30 août 2019"))
      case .connexion where total > 365:
        findings.append(
          finding(
            t.subject,
            "Journaux de connexion conservés \(kept) : la CNIL recommande 6 mois à 1 an en tout (jusqu'à 3 ans seulement pour un contrôle interne avec risque de détournement démontré).",
            severity: .avertissement, field: field,
            reference: "CNIL, délib. 2021-122 du 14 oct. 2021 (journalisation)"))
      case .etatCivil
      where exceeds(conservation, months: 3) && Text.contains(conservation.pointDeDepart, anyOf: Self.departureWords)
        && isENT(t):
        findings.append(
          finding(
            t.subject,
            "Compte ENT conservé \(kept) après le départ : l'arrêté prévoit la suppression dans un délai de trois mois dès que la personne n'a plus vocation à détenir un compte.",
            severity: .avertissement, field: field, reference: "Arrêté du 30 nov. 2006 modifié (ENT), art. 6"))
      default:
        break
      }
    }
  }
}

import RegistreModel

/// `conservation-excessive`: a retention longer than the reference for its category.
struct ExcessiveRetention: Rule {
  let id = "conservation-excessive"
  let severity = Severity.avertissement
  let reference =
    "Art. 5(1)(e) RGPD ; CSI art. L.252-5 (vidéoprotection) ; C. éduc. art. R.511-13 IV (sanctions) ; CNIL, délib. 2021-122 (journalisation) ; arrêté du 30 nov. 2006 modifié, art. 6 (ENT)"
  let title = "Durée de conservation excessive"
  let summary =
    "Compare les durées fixes aux seuls repères établis : images d'un traitement vidéo (données « image » et critère `surveillance-systematique`, ou mots « vidéo », « caméra », « vidéoprotection », « vidéosurveillance ») au-delà d'un mois (CSI L.252-5 ; pour la vidéosurveillance intérieure la CNIL estime que quelques jours suffisent) ; sanctions disciplinaires au-delà de trois ans (R.511-13 IV : effacement au plus tard à l'issue de la deuxième année scolaire suivant le prononcé, sauf exclusion définitive) ; journaux de connexion au-delà d'un an (CNIL 2021-122 : 6 mois à 1 an, jusqu'à 3 ans seulement pour un contrôle interne avec risque démontré — à justifier par une acceptation) ; comptes ENT conservés plus de trois mois après le départ (arrêté du 30 nov. 2006, art. 6). Aucune autre durée n'est jugée faute de référence."
  let remediation =
    "Ramener la durée au repère cité, ou justifier l'écart par écrit (fichier d'acceptations) avec le DPD."
  let scopes: Set<Scope> = [.traitement]

  private static let videoWords = Phrases([
    "vidéo", "video", "vidéoprotection", "videoprotection", "vidéosurveillance", "videosurveillance", "caméra",
    "caméras", "camera", "cameras",
  ])
  private static let entWords = Phrases(["ENT", "espace numérique de travail"])
  private static let departureWords = Phrases(["départ", "depart", "sortie", "vocation", "fin de scolarité"])

  // Asked only about a retention over a threshold, so that the text is rarely folded.
  private func isVideo(_ t: Treatment) -> Bool {
    t.criteresAIPD.contains(.surveillanceSystematique) || t.foldedDescription.contains(Self.videoWords)
  }

  private func isENT(_ t: Treatment) -> Bool {
    FoldedText([t.nom, t.logiciel ?? ""].joined(separator: " ")).contains(Self.entWords)
  }

  /// More than `months` months, with calendar months taken at their word.
  private func exceeds(_ d: TimeSpan, months: Int) -> Bool {
    d.unite == .mois ? d.quantite > months : d.enJours > months * 31
  }

  func check(_ t: Treatment, facts: TreatmentFacts, in audit: AuditedRegister, into findings: inout [Finding]) {
    for (index, data) in t.donnees.enumerated() {
      guard let conservation = data.conservation, let duree = conservation.duree else { continue }
      var field: String { "donnees[\(index)].conservation.duree" }
      switch data.categorie {
      case .image where exceeds(duree, months: 1) && isVideo(t):
        findings.append(
          finding(
            t.subject,
            "Images de vidéo conservées \(duree) : au-delà du plafond d'un mois de la vidéoprotection (CSI L.252-5) ; pour la vidéosurveillance intérieure, la CNIL estime que quelques jours suffisent.",
            field: field,
            reference:
              "CSI art. L.252-5 ; CNIL, fiche sur les dispositifs vidéo dans les établissements scolaires (12 sept. 2025)"
          ))
      case .discipline where duree.enJours > 3 * 365:
        findings.append(
          finding(
            t.subject,
            "Sanctions disciplinaires conservées \(duree) : le dossier administratif est effacé au plus tard à l'issue de la deuxième année scolaire suivant le prononcé (exclusions temporaires), sauf exclusion définitive (terme de la scolarité dans le second degré).",
            field: field,
            reference: "C. éduc. art. R.511-13 IV, rédaction du décret n° 2019-906 du 30 août 2019"))
      case .connexion where duree.enJours > 365:
        findings.append(
          finding(
            t.subject,
            "Journaux de connexion conservés \(duree) : la CNIL recommande 6 mois à 1 an (jusqu'à 3 ans seulement pour un contrôle interne avec risque de détournement démontré).",
            field: field, reference: "CNIL, délib. 2021-122 du 14 oct. 2021 (journalisation)"))
      case .etatCivil
      where exceeds(duree, months: 3) && Text.contains(conservation.pointDeDepart, anyOf: Self.departureWords)
        && isENT(t):
        findings.append(
          finding(
            t.subject,
            "Compte ENT conservé \(duree) après le départ : l'arrêté prévoit la suppression dans un délai de trois mois dès que la personne n'a plus vocation à détenir un compte.",
            field: field, reference: "Arrêté du 30 nov. 2006 modifié (ENT), art. 6"))
      default:
        break
      }
    }
  }
}

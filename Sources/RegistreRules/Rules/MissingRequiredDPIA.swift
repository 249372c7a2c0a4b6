import RegistreModel

/// `aipd-requise-manquante`: the screening says a DPIA is required and none is recorded.
struct MissingRequiredDPIA: Rule {
  let id = "aipd-requise-manquante"
  let severity = Severity.erreur
  let reference =
    "Art. 35 RGPD ; CNIL, délib. 2018-327 (liste des AIPD requises) ; WP248 rev.01 (9 critères) ; CNIL, délib. 2019-118 (liste des AIPD non requises)"
  let title = "AIPD requise mais absente"
  let summary =
    "Applique le criblage AIPD : AIPD requise si le traitement relève de la liste CNIL 2018-327 (biométrie d'élèves, alertes sociales ou sanitaires, accompagnement social, localisation à large échelle…) ou s'il remplit au moins deux des neuf critères WP248 — les élèves comptent comme personnes vulnérables (critère 7), les données de l'art. 9 et 10, sociales, disciplinaires, de localisation, le NIR et les informations d'ordre économique et financier (que WP248 rev.01 cite comme données hautement personnelles) comme critère 4 — hors exemption de la liste 2019-118 (l'item 10 n'est retenu que pour la restauration et l'hébergement, interprétation à valider avec le DPD). Erreur si aucune AIPD n'est réalisée ni en cours ; le constat liste les critères remplis. La vidéosurveillance (données « image » d'un dispositif vidéo, ou mots « vidéosurveillance », « caméra »…) compte comme surveillance systématique (critère 3). Seules les applications nationales de la liste explicite (voir `responsable-incorrect`) ne sont pas examinées : leur AIPD incombe au ministre ; déclarer le ministre responsable d'un outil local ne dispense pas de l'examen."
  let remediation =
    "Réaliser l'AIPD avant la mise en œuvre, avec le DPD, par ex. avec le logiciel PIA de la CNIL (`registre aipd preparer` en écrit le fichier prérempli depuis la fiche ; `registre aipd importer` relit le PIA terminé dans la fiche), ou l'indiquer dans la fiche (aipd.statut, date, conclusion)."
  let scopes: Set<Scope> = [.traitement]

  func check(_ t: Treatment, facts: TreatmentFacts, in audit: AuditedRegister, into findings: inout [Finding]) {
    if let found = examine(t, facts: facts, in: audit) { findings.append(found) }
  }

  private func examine(_ t: Treatment, facts: TreatmentFacts, in audit: AuditedRegister) -> Finding? {
    // A national application (recognised from the explicit list) has its DPIA made by the
    // minister, even when the fiche wrongly names the school (`responsable-incorrect` says so).
    // Declaring the minister controller of a local tool does not exempt it.
    guard facts.nationalApplication == nil else { return nil }
    let screening = DPIAScreening.screen(t)
    guard screening.required else { return nil }
    let refused = screening.exemption.map { " Exemption invoquée écartée : \($0.explanation)." } ?? ""
    switch t.aipd?.statut {
    case .realisee, .enCours: return nil
    case .nonRequise:
      let motif = t.aipd?.motif.map { " (motif indiqué : « \($0) »)" } ?? ""
      return finding(
        t.subject, "La fiche déclare l'AIPD non requise\(motif), mais \(screening.conclusion).\(refused)",
        field: "aipd.statut", criteria: screening.reasons)
    case .requise, nil:
      return finding(
        t.subject, "Aucune AIPD n'est réalisée : \(screening.conclusion).\(refused)",
        field: "aipd", criteria: screening.reasons)
    }
  }
}

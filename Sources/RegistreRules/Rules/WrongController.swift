import RegistreModel

/// `responsable-incorrect`: the school declared controller of a national application, or the
/// minister declared controller of software that is not a national application.
struct WrongController: Rule {
  let id = "responsable-incorrect"
  let severity = Severity.avertissement
  let severities: [Severity] = [.avertissement, .note]
  let reference =
    "Art. 4(7) RGPD ; actes réglementaires des applications nationales : arrêté du 22 sept. 1995 modifié (SIECLE), arrêté du 25 mai 2023 (ONDE), arrêté du 18 déc. 2017 modifié (GAR), arrêté du 24 oct. 2017 (LSUN), arrêté du 8 févr. 2016 (LSL), arrêté du 31 déc. 2020 (Parcoursup)"
  let title = "Responsable de traitement mal déclaré (application nationale)"
  let summary =
    "Reconnaît les applications nationales d'après une liste explicite et sourcée (SIECLE, ONDE, GAR, LSU/LSUN, LSL, Parcoursup, ÉduConnect, Affelnet, Cyclades, évaluations nationales, apps.education.fr, M@gistère, Tchap, chacune avec son acte réglementaire quand l'outil l'a confirmé — sinon le constat dit que l'acte n'est pas confirmé), en examinant les champs qui identifient le logiciel (`logiciel`, à défaut le nom entier de la fiche, et l'acte réglementaire cité dans `responsable` quand il nomme l'application) : le logiciel doit ne nommer que ces applications, un nom qui en mentionne une (« Export des notes vers LSU », « Atelier Parcoursup ») décrivant un traitement local. Avertissement si l'établissement se déclare responsable d'une application nationale (le responsable est le ministre) ; avertissement aussi si le ministre est déclaré responsable d'un logiciel absent de la liste sans acte réglementaire cité — note si un acte est cité, à vérifier — car ce traitement est alors celui de l'établissement, avec ses propres obligations (AIPD comprise)."
  let remediation =
    "Pour une application nationale : déclarer le ministre comme responsable (responsable.type : ministere), citer l'acte réglementaire et renvoyer vers la notice ministérielle. Pour un outil local : déclarer l'établissement responsable."
  let scopes: Set<Scope> = [.traitement]

  func check(_ t: Treatment, facts: TreatmentFacts, in audit: AuditedRegister, into findings: inout [Finding]) {
    switch (t.responsable.type, facts.nationalApplication) {
    case (.etablissement, let app?):
      findings.append(
        finding(
          t.subject,
          "\(app.labelWithAct) est une application nationale dont le responsable est \(app.controller), non le chef d'établissement ; son AIPD et sa notice incombent au ministère.",
          field: "responsable.type"))
    case (.ministere, nil):
      let software = Text.isBlank(t.logiciel) ? "« \(t.nom) »" : "« \(t.logiciel ?? t.nom) »"
      let cited = !Text.isBlank(t.responsable.acteReglementaire)
      findings.append(
        finding(
          t.subject,
          cited
            ? "Le ministre est déclaré responsable de \(software), absent de la liste des applications nationales connues de l'outil : vérifier que l'acte cité (« \(t.responsable.acteReglementaire ?? "") ») crée bien ce traitement."
            : "Le ministre est déclaré responsable de \(software), qui n'est pas une application nationale connue de l'outil et pour lequel aucun acte réglementaire n'est cité : c'est alors un traitement de l'établissement, avec ses propres obligations (AIPD, notice).",
          severity: cited ? .note : .avertissement, field: "responsable.type",
          remediation:
            "Citer l'acte réglementaire qui crée le traitement (responsable.acte_reglementaire), ou déclarer l'établissement responsable de cet outil local."
        ))
    default:
      break
    }
  }

  /// The national application a fiche is about (see `NationalApplications`).
  static func application(of t: Treatment) -> NationalApplication? {
    NationalApplications.application(of: t)
  }
}

import RegistreModel

/// `violation-non-notifiee`: a breach assessed as a risk but not notified to the CNIL
/// (Art. 33(1)), or as a high risk but not communicated to the people (Art. 34(1)).
struct UnnotifiedBreach: Rule {
  let id = "violation-non-notifiee"
  let severity = Severity.erreur
  let reference =
    "Art. 33(1), 34(1) et 34(3) RGPD ; EDPB, lignes directrices 9/2022 sur la notification des violations de données à caractère personnel (version 2.0 adoptée le 28 mars 2023)"
  let title = "Violation à risque non notifiée"
  let summary =
    "Une justification ne dispense pas de notifier : signale une violation évaluée « risque » ou « risque élevé » que la CNIL n'a pas reçue (art. 33(1) : seule une violation non susceptible d'engendrer un risque échappe à la notification), et une violation à « risque élevé » non communiquée aux personnes, sauf exception de l'art. 34(3) établie : données chiffrées (`donnees_chiffrees`), ou justification citant l'art. 34(3) ou une communication publique."
  let remediation =
    "Notifier la CNIL (téléservice, notification en deux temps possible) et, pour un risque élevé, informer les personnes concernées ; ou revoir l'évaluation du risque avec le DPD et la documenter."
  let scopes: Set<Scope> = [.violation]

  private static let article34Exceptions = Phrases([
    "34(3)", "34 3", "34.3", "article 34 paragraphe 3", "communication publique", "mesures ulterieures",
  ])

  func checkRegister(_ audit: AuditedRegister, into findings: inout [Finding]) {
    for v in audit.registre.violations {
      let subject = Subject.violation(v.id)
      if let risk = v.risque, risk != .aucun, let cnil = v.notificationCNIL, !cnil.faite {
        findings.append(
          finding(
            subject,
            "Violation évaluée « \(risk.libelle.lowercased()) » mais non notifiée à la CNIL : seule une violation non susceptible d'engendrer un risque échappe à la notification (art. 33(1)), quelle que soit la justification écrite.",
            field: "notification_cnil.faite"))
      }
      if v.risque == .risqueEleve, let info = v.informationPersonnes, !info.faite,
        v.donneesChiffrees != true, !FoldedText(info.justification).contains(Self.article34Exceptions)
      {
        findings.append(
          finding(
            subject,
            "Violation à risque élevé non communiquée aux personnes concernées sans exception de l'art. 34(3) établie (données chiffrées, mesures ultérieures, communication publique).",
            field: "information_personnes.faite"))
      }
    }
  }
}

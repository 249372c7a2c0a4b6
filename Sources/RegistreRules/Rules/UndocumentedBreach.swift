import RegistreModel

/// `violation-non-documentee`: a breach entry lacks what Art. 33(5) requires.
struct UndocumentedBreach: Rule {
  let id = "violation-non-documentee"
  let severity = Severity.erreur
  let reference =
    "Art. 33(5) RGPD ; EDPB, lignes directrices 9/2022 sur la notification des violations de données à caractère personnel (version 2.0 adoptée le 28 mars 2023 : documenter aussi la décision de ne pas notifier) ; art. 34 RGPD"
  let title = "Violation de données insuffisamment documentée"
  let summary =
    "Vérifie que chaque violation du registre décrit les faits, les effets (conséquences probables) et les mesures prises, indique si la CNIL a été notifiée et, sinon, pourquoi ; et qu'une violation à risque élevé non communiquée aux personnes est justifiée."
  let remediation =
    "Compléter l'entrée : faits, conséquences, mesures correctives et préventives, décision de notification (et sa justification si la CNIL ou les personnes ne sont pas informées)."
  let scopes: Set<Scope> = [.violation]

  func checkRegister(_ audit: AuditedRegister, into findings: inout [Finding]) {
    findings += registerFindings(audit.registre)
  }

  private func registerFindings(_ registre: Register) -> [Finding] {
    var findings: [Finding] = []
    for v in registre.violations {
      let subject = Subject.violation(v.id)
      if Text.isBlank(v.description) {
        findings.append(finding(subject, "Les faits ne sont pas décrits.", field: "description"))
      }
      if Text.isBlank(v.consequences) {
        findings.append(
          finding(subject, "Les effets (conséquences probables) ne sont pas décrits.", field: "consequences"))
      }
      if Text.isBlank(v.mesures) {
        findings.append(
          finding(subject, "Les mesures prises pour y remédier ne sont pas décrites.", field: "mesures"))
      }
      if let cnil = v.notificationCNIL {
        if !cnil.faite && Text.isBlank(cnil.justification) {
          findings.append(
            finding(
              subject, "Violation non notifiée à la CNIL sans justification.",
              field: "notification_cnil.justification"))
        }
      } else {
        findings.append(
          finding(
            subject, "La décision de notifier ou non la CNIL n'est pas indiquée.", field: "notification_cnil")
        )
      }
      if v.risque == .risqueEleve, v.informationPersonnes?.faite != true,
        Text.isBlank(v.informationPersonnes?.justification)
      {
        findings.append(
          finding(
            subject, "Violation à risque élevé sans information des personnes ni justification (art. 34).",
            field: "information_personnes"))
      }
    }
    return findings
  }
}

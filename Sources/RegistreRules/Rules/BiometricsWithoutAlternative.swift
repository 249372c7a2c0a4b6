import RegistreModel

/// `biometrie-sans-alternative`: biometric access without explicit consent and an alternative.
struct BiometricsWithoutAlternative: Rule {
  let id = "biometrie-sans-alternative"
  let severity = Severity.erreur
  let reference =
    "Art. 9(2)(a) RGPD ; CNIL, « Les dispositifs biométriques pour l'accès aux cantines scolaires »"
  let title = "Biométrie sans consentement explicite ni alternative"
  let summary =
    "Pour un traitement de données biométriques, vérifie que le dispositif est décrit, que le consentement explicite de l'élève (ou de ses responsables légaux s'il est mineur) est recueilli et qu'une alternative sans biométrie (badge…) est offerte à ceux qui refusent."
  let remediation =
    "Recueillir un consentement explicite (case dédiée ou déclaration signée), proposer une alternative sans biométrie, et l'indiquer dans `dispositif_biometrique`."
  let scopes: Set<Scope> = [.traitement]

  func check(_ t: Treatment, facts: TreatmentFacts, in audit: AuditedRegister, into findings: inout [Finding]) {
    guard facts.processesBiometrics else { return }
    guard let device = t.dispositifBiometrique else {
      findings.append(
        finding(
          t.subject,
          "Données biométriques sans description du dispositif : consentement explicite et alternative non établis.",
          field: "donnees"))
      return
    }
    var missing: [String] = []
    if !device.consentementExplicite { missing.append("consentement explicite") }
    if Text.isBlank(device.alternative) { missing.append("alternative sans biométrie") }
    if !missing.isEmpty {
      findings.append(
        finding(
          t.subject,
          "Dispositif biométrique (\(device.technique)) sans \(missing.joined(separator: " ni ")).",
          field: "dispositif_biometrique"))
    }
  }
}

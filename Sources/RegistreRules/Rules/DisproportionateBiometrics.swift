import RegistreModel

/// `biometrie-disproportionnee`: a biometric technique the CNIL or the courts
/// found disproportionate for pupils.
struct DisproportionateBiometrics: Rule {
  let id = "biometrie-disproportionnee"
  let severity = Severity.erreur
  let severities: [Severity] = [.erreur, .avertissement]
  let reference =
    "Art. 5(1)(c) RGPD ; CNIL, avis du 25 oct. 2019 (reconnaissance faciale à l'entrée de deux lycées) ; TA Marseille, 27 févr. 2020, n° 1901249 ; CNIL, refus du réseau veineux pour la cantine d'un collège (communiqué du 30 nov. 2011) ; CNIL, délib. n° 00-015 du 21 mars 2000 (empreinte digitale, avant le RGPD)"
  let title = "Technique biométrique disproportionnée pour des élèves"
  let summary =
    "Pour un dispositif biométrique concernant des élèves, reconnaît la technique employée : reconnaissance faciale ou réseau veineux — erreur (jugés disproportionnés par la CNIL et le TA de Marseille, des moyens moins intrusifs existant) ; empreinte digitale ou paume — avertissement (avis défavorable de la CNIL en 2000 pour l'empreinte, avant le RGPD ; pour la paume, aucune décision : raisonnement par analogie, interprétation à valider avec le DPD). Le contour de la main reste possible avec consentement explicite, alternative et AIPD."
  let remediation =
    "Renoncer à cette technique au profit d'un badge ou, à défaut, du contour de la main, avec consentement explicite, alternative sans biométrie et AIPD."
  let scopes: Set<Scope> = [.traitement]

  private static let faceOrVeins = Phrases([
    "reconnaissance faciale", "faciale", "visage", "réseau veineux", "veineux", "veine", "veines",
  ])
  private static let fingerprintOrPalm = Phrases(["empreinte", "empreintes", "digitale", "digitales", "paume"])

  func check(_ t: Treatment, facts: TreatmentFacts, in audit: AuditedRegister, into findings: inout [Finding]) {
    if let found = examine(t, facts: facts, in: audit) { findings.append(found) }
  }

  private func examine(_ t: Treatment, facts: TreatmentFacts, in audit: AuditedRegister) -> Finding? {
    guard facts.processesBiometrics, t.concerneDesEleves else { return nil }
    let text = FoldedText(joining: [FoldedText(t.dispositifBiometrique?.technique), t.foldedDescription])
    let field = t.dispositifBiometrique == nil ? "donnees" : "dispositif_biometrique.technique"
    if text.contains(Self.faceOrVeins) {
      return finding(
        t.subject,
        "Reconnaissance faciale ou du réseau veineux appliquée à des élèves : dispositif jugé disproportionné (CNIL 2011 et 2019, TA Marseille 2020), des moyens moins intrusifs existant.",
        field: field)
    }
    if text.contains(Self.fingerprintOrPalm) {
      return finding(
        t.subject,
        "Empreinte digitale ou paume de la main appliquée à des élèves : biométrie stable et très identifiante, à écarter au profit du badge ou du contour de la main (interprétation à valider avec le DPD pour la paume).",
        severity: .avertissement, field: field)
    }
    return nil
  }
}

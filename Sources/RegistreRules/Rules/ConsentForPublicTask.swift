import RegistreModel

/// `base-legale-consentement-mission`: consent where a public task or legal obligation is the basis.
struct ConsentForPublicTask: Rule {
  let id = "base-legale-consentement-mission"
  let severity = Severity.avertissement
  let reference =
    "Considérant 43 RGPD ; EDPB, lignes directrices 05/2020 sur le consentement, § 16-17"
  let title = "Consentement utilisé pour une mission de service public"
  let summary =
    "Signale un traitement fondé sur le consentement (6(1)(a)) : face à une autorité publique, le consentement n'est en principe pas libre (considérant 43). Exceptions reconnues, non signalées : biométrie avec consentement explicite (art. 9(2)(a)), droit à l'image (catégorie de données « image » pour une captation ou une diffusion de photos ou de vidéos : « photo », « diffusion », « publication », « droit à l'image »… — jamais pour la vidéosurveillance ni pour une activité obligatoire comme la vie scolaire, où une catégorie « image » parmi d'autres ne change rien), service facultatif sans effet sur le service public (champ `service_facultatif`)."
  let remediation =
    "Fonder le traitement sur la mission d'intérêt public (6(1)(e)) ou l'obligation légale (6(1)(c)) ; ne garder le consentement que pour un service réellement facultatif, le droit à l'image ou la biométrie."
  let scopes: Set<Scope> = [.traitement]

  func check(_ t: Treatment, facts: TreatmentFacts, in audit: AuditedRegister, into findings: inout [Finding]) {
    if let found = examine(t, facts: facts, in: audit) { findings.append(found) }
  }

  private static let imageRightsWords = Phrases([
    "droit à l'image", "photo", "photos", "photographie", "photographies", "diffusion", "diffuser", "publication",
    "publier", "captation", "film", "reportage", "exposition", "album",
  ])

  /// Image rights: pictures are what the treatment is about (taking or publishing them),
  /// not one category among others of a compulsory activity, and no video surveillance.
  private func isImageRights(_ t: Treatment) -> Bool {
    guard t.donnees.contains(where: { $0.categorie == .image }), !VideoSurveillance.isVideo(t) else { return false }
    let purposes = FoldedText([t.nom, t.finalitePrincipale].joined(separator: " \n "))
    return purposes.contains(Self.imageRightsWords)
  }

  private func examine(_ t: Treatment, facts: TreatmentFacts, in audit: AuditedRegister) -> Finding? {
    guard let basis = t.baseLegale, basis.article6 == .consentement else { return nil }
    if facts.processesBiometrics && basis.article9 == .consentementExplicite { return nil }
    if isImageRights(t) { return nil }
    if t.serviceFacultatif == true { return nil }
    return finding(
      t.subject,
      "Base légale « consentement » pour un traitement d'autorité publique : le consentement n'est en principe pas libre face à l'établissement (considérant 43).",
      field: "base_legale.article_6")
  }
}

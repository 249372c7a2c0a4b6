import RegistreModel

/// `doctrine-cloud-ministere`: pupil data entrusted to a US-controlled provider.
struct MinistryCloudDoctrine: Rule {
  let id = "doctrine-cloud-ministere"
  let severity = Severity.avertissement
  let reference =
    "Consigne du ministère de l'Éducation nationale aux recteurs (oct. 2021) d'arrêter tout déploiement ou extension de Microsoft Office 365 et de Google, rappelée dans la réponse à la question écrite AN n° 971 (JO, nov. 2022) ; circulaire du Premier ministre n° 6282-SG du 5 juill. 2021 (« cloud au centre ») ; CNIL, 27 mai 2021"
  let title = "Prestataire soumis à un droit extra-européen (cloud états-unien) pour des données d'élèves"
  let summary =
    "Signale un traitement de données d'élèves confié à un prestataire établi aux États-Unis, hébergeant aux États-Unis ou soumis à un droit extra-européen (CLOUD Act), ou un transfert déclaré vers les États-Unis à destination d'un prestataire (destinataire de type `sous-traitant` ; un échange avec un établissement partenaire à l'étranger n'est pas concerné ; hors applications nationales, choisies par le ministère) — que le transfert soit licite ou non (la légalité relève de `transfert-hors-ue-sans-garantie`). C'est une question de doctrine ministérielle, pas d'illégalité ; la circulaire 6404/SG et la loi SREN ne visent pas directement les EPLE."
  let remediation =
    "Privilégier une solution institutionnelle (ENT, apps.education.fr, GAR) ou un prestataire exclusivement soumis au droit européen hébergeant dans l'UE ; à défaut, consigner la décision et son analyse avec le DPD."
  let scopes: Set<Scope> = [.traitement]

  private static let cloudProviders = Phrases([
    "Google", "Microsoft", "Office 365", "Microsoft 365", "Amazon", "AWS", "Apple", "iCloud", "Zoom", "Meta",
    "Dropbox", "Salesforce", "OpenAI",
  ])

  func check(_ t: Treatment, facts: TreatmentFacts, in audit: AuditedRegister, into findings: inout [Finding]) {
    guard t.concerneDesEleves && t.responsable.type != .ministere else { return }
    for (index, processorID) in t.sousTraitants.enumerated() {
      guard let p = audit.processor(processorID) else { continue }
      var why: [String] = []
      if p.pays == "US" { why.append("siège aux États-Unis") }
      if p.hebergement?.pays == "US" { why.append("hébergement aux États-Unis") }
      if p.soumisDroitExtraEuropeen == true && p.pays != "US" {
        why.append("soumis à un droit extra-européen")
      }
      if !why.isEmpty {
        findings.append(
          finding(
            t.subject,
            "Données d'élèves confiées à \(p.nom) (\(why.joined(separator: ", "))), contrairement à la consigne ministérielle sur les suites collaboratives états-uniennes — constat de doctrine, distinct de la légalité du transfert.",
            field: "sous_traitants[\(index)]"))
      }
    }
    // A transfer counts only when it goes to a provider (a processor recipient): an exchange with
    // a partner school abroad is not a collaborative suite or a cloud service.
    let providers = t.destinataires.filter { $0.type == .sousTraitant }.map { FoldedText($0.nom) }
    for (index, transfer) in t.transferts.enumerated() where transfer.pays == "US" {
      guard !t.sousTraitants.contains(where: { audit.processor($0)?.pays == "US" }) else { continue }
      let recipient = FoldedText(transfer.destinataire)
      guard providers.contains(where: { $0 == recipient }) || recipient.contains(Self.cloudProviders) else { continue }
      findings.append(
        finding(
          t.subject,
          "Données d'élèves transférées aux États-Unis (\(transfer.destinataire)), contrairement à la consigne ministérielle — constat de doctrine, distinct de la légalité du transfert.",
          field: "transferts[\(index)]"))
    }
  }
}

import RegistreModel

/// `transfert-hors-ue-sans-garantie`: data leave the EU/EEA with no valid safeguard.
struct UnsafeTransfer: Rule {
  let id = "transfert-hors-ue-sans-garantie"
  let severity = Severity.erreur
  let severities: [Severity] = [.erreur, .avertissement]
  let reference =
    "Art. 44 à 49 RGPD ; CJUE, C-311/18 « Schrems II » (16 juill. 2020) ; décision d'adéquation (UE) 2023/1795 (Data Privacy Framework)"
  let title = "Transfert hors UE/EEE sans garantie"
  let summary =
    "Examine les transferts déclarés dans la fiche et les sous-traitants du traitement (pays d'hébergement, à défaut pays du siège, et sous-traitants ultérieurs) situés hors de l'UE/EEE. Erreur sans décision d'adéquation, certification DPF (États-Unis seulement), clauses contractuelles types, BCR, code de conduite ou certification ; avertissement pour une dérogation de l'art. 49, réservée à des situations particulières. La légalité du transfert est distincte de la doctrine ministérielle (règle `doctrine-cloud-ministere`)."
  let remediation =
    "Choisir un hébergement dans l'UE/EEE, ou documenter la garantie (adéquation, certification DPF de l'organisme américain, clauses contractuelles types avec mesures supplémentaires, BCR) et la déclarer dans `transferts`."
  let scopes: Set<Scope> = [.traitement]

  private enum Verdict { case lawful, derogation, unlawful(String) }

  private func verdict(country: String, safeguard: TransferSafeguard) -> Verdict {
    if Country.adequation.contains(country) { return .lawful }
    switch safeguard {
    case .cct, .bcr, .codeDeConduite, .certification: return .lawful
    case .dpf:
      return country == "US" ? .lawful : .unlawful("la certification DPF ne vaut que pour les États-Unis")
    case .adequation:
      return .unlawful(
        country == "US"
          ? "les États-Unis n'ont pas d'adéquation générale : seuls les organismes certifiés DPF sont couverts"
          : "\(country) ne bénéficie pas d'une décision d'adéquation")
    case .derogationArticle49: return .derogation
    case .aucune: return .unlawful("aucune garantie")
    }
  }

  /// Whether one name's folded words appear within the other's (« Google » and « Google Cloud »).
  private func sameName(_ a: String, _ b: String) -> Bool {
    let x = FoldedText(a).bytes.dropFirst().dropLast()
    let y = FoldedText(b).bytes.dropFirst().dropLast()
    guard !x.isEmpty, !y.isEmpty else { return false }
    return x.count >= y.count ? x.contains(bytes: y) : y.contains(bytes: x)
  }

  private func covered(_ t: Treatment, country: String, names: [String]) -> Bool {
    t.transferts.contains { transfer in
      guard transfer.pays == country, names.contains(where: { sameName($0, transfer.destinataire) })
      else { return false }
      if case .lawful = verdict(country: country, safeguard: transfer.garantie) { return true }
      return false
    }
  }

  func check(_ t: Treatment, facts: TreatmentFacts, in audit: AuditedRegister, into findings: inout [Finding]) {
    for (index, transfer) in t.transferts.enumerated() where !Country.isInEEA(transfer.pays) {
      switch verdict(country: transfer.pays, safeguard: transfer.garantie) {
      case .lawful: break
      case .derogation:
        findings.append(
          finding(
            t.subject,
            "Transfert vers \(transfer.destinataire) (\(transfer.pays)) fondé sur une dérogation de l'art. 49, réservée à des situations particulières.",
            severity: .avertissement, field: "transferts[\(index)].garantie"))
      case .unlawful(let why):
        findings.append(
          finding(
            t.subject,
            "Transfert vers \(transfer.destinataire) (\(transfer.pays)) sans garantie valable : \(why).",
            field: "transferts[\(index)].garantie"))
      }
    }
    for (index, processorID) in t.sousTraitants.enumerated() {
      guard let processor = audit.processor(processorID) else { continue }
      let hosting = processor.hebergement?.pays ?? processor.pays
      let names = [processor.nom, processor.id] + [processor.hebergement?.prestataire].compactMap { $0 }
      if !Country.isInEEA(hosting) && !Country.adequation.contains(hosting) {
        let dpf = hosting == "US" && processor.certificationDPF == true
        if !dpf && !covered(t, country: hosting, names: names) {
          let place =
            processor.hebergement == nil
            ? "siège en \(hosting), lieu d'hébergement non indiqué" : "hébergement en \(hosting)"
          findings.append(
            finding(
              t.subject,
              "Sous-traitant \(processor.nom) (\(place)) : transfert hors UE/EEE sans adéquation, certification DPF ni transfert déclaré avec garantie.",
              field: "sous_traitants[\(index)]"))
        }
      }
      for sub in processor.sousTraitantsUlterieurs
      where !Country.isInEEA(sub.pays) && !Country.adequation.contains(sub.pays) {
        if !covered(t, country: sub.pays, names: [sub.nom] + names) {
          findings.append(
            finding(
              t.subject,
              "Sous-traitant ultérieur \(sub.nom) de \(processor.nom) en \(sub.pays) : transfert hors UE/EEE sans garantie déclarée.",
              field: "sous_traitants[\(index)]"))
        }
      }
    }
  }
}

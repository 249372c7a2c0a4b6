import RegistreModel

/// `valeur-fictive`: a template placeholder (« [Nom de l'établissement] », « [Nom hébergeur] »,
/// « XXX ») left where the register must name someone.
struct PlaceholderValue: Rule {
  let id = "valeur-fictive"
  let severity = Severity.erreur
  let reference = "Art. 5(2) et 30(1) RGPD (registre exact et tenu à jour) ; art. 28(3) RGPD (contrat avec un sous-traitant identifié)"
  let title = "Valeur fictive laissée d'un modèle"
  let summary =
    "Signale une valeur de modèle restée en place — texte entre crochets ou chevrons (« [Nom de l'établissement] », « <à compléter> »), « XXX », « à compléter », « à définir » — dans les noms de l'établissement, du responsable, du DPD, d'un traitement, de son logiciel, de ses destinataires et sous-traitants, d'un sous-traitant, de son hébergeur ou de la référence de son contrat : le registre ne dit alors pas qui traite les données. Un sous-traitant ainsi nommé dont le contrat est déclaré signé est signalé comme tel."
  let remediation =
    "Remplacer la valeur de modèle par la valeur réelle (nom, organisme, référence du contrat), ou indiquer que l'information est inconnue et la rechercher."
  let scopes: Set<Scope> = [.etablissement, .traitement, .sousTraitant]

  private func flag(_ subject: Subject, _ what: String, _ value: String?, field: String, into findings: inout [Finding]) {
    guard let value, Placeholder.isPlaceholder(value) else { return }
    findings.append(finding(subject, "\(what) : « \(value) » est une valeur de modèle, pas une valeur réelle.", field: field))
  }

  func checkRegister(_ audit: AuditedRegister, into findings: inout [Finding]) {
    let school = audit.registre.etablissement
    flag(.etablissement, "Nom de l'établissement", school.nom, field: "nom", into: &findings)
    flag(
      .etablissement, "Responsable de traitement", school.responsableTraitement.nom, field: "responsable_traitement.nom",
      into: &findings)
    flag(.etablissement, "DPD", school.dpd?.nom, field: "dpd.nom", into: &findings)
    for p in audit.registre.sousTraitants {
      let subject = Subject.sousTraitant(p.id)
      if Placeholder.isPlaceholder(p.nom) {
        let signed = p.contrat?.signe == true ? " dont le contrat est pourtant déclaré signé" : ""
        findings.append(
          finding(
            subject, "Sous-traitant « \(p.nom) »\(signed) : valeur de modèle, le prestataire n'est pas identifié.",
            field: "nom"))
      }
      flag(subject, "Hébergeur", p.hebergement?.prestataire, field: "hebergement.prestataire", into: &findings)
      flag(subject, "Référence du contrat", p.contrat?.reference, field: "contrat.reference", into: &findings)
      for (index, sub) in p.sousTraitantsUlterieurs.enumerated() {
        flag(subject, "Sous-traitant ultérieur", sub.nom, field: "sous_traitants_ulterieurs[\(index)].nom", into: &findings)
      }
    }
  }

  func check(_ t: Treatment, facts: TreatmentFacts, in audit: AuditedRegister, into findings: inout [Finding]) {
    flag(t.subject, "Nom du traitement", t.nom, field: "nom", into: &findings)
    flag(t.subject, "Logiciel", t.logiciel, field: "logiciel", into: &findings)
    flag(t.subject, "Nom du responsable", t.responsable.nom, field: "responsable.nom", into: &findings)
    for (index, d) in t.destinataires.enumerated() {
      flag(t.subject, "Destinataire", d.nom, field: "destinataires[\(index)].nom", into: &findings)
    }
    for (index, transfer) in t.transferts.enumerated() {
      flag(t.subject, "Destinataire du transfert", transfer.destinataire, field: "transferts[\(index)].destinataire", into: &findings)
    }
  }
}

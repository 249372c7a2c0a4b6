import RegistreModel

/// `conservation-non-definie`: a data category with no retention.
struct UndefinedRetention: Rule {
  let id = "conservation-non-definie"
  let severity = Severity.avertissement
  let severities: [Severity] = [.avertissement, .note]
  let reference = "Art. 5(1)(e), 13(2)(a) et 30(1)(f) RGPD"
  let title = "Durée de conservation non définie"
  let summary =
    "Signale chaque catégorie de données d'une fiche sans durée ni critère de conservation — un critère qui ne dit rien (« - », « ? », « [à définir] ») ne compte pas (les durées doivent apparaître par catégorie quand elles diffèrent). Note seulement pour une application nationale, dont l'acte réglementaire fixe les durées."
  let remediation =
    "Indiquer pour cette catégorie une durée (base active, archivage intermédiaire) ou un critère (« jusqu'au départ de l'élève »), son point de départ, le sort final et la source (texte ou choix du responsable)."
  let scopes: Set<Scope> = [.traitement]

  func check(_ t: Treatment, facts: TreatmentFacts, in audit: AuditedRegister, into findings: inout [Finding]) {
    for (index, data) in t.donnees.enumerated() where !RetentionFacts.isDefined(data.conservation) {
      findings.append(
        finding(
          t.subject, data.conservation?.critere.map { "Aucune durée de conservation pour « \(data.categorie.libelle) » : le critère « \($0) » ne dit pas quand les données sont effacées." }
            ?? "Aucune durée de conservation pour « \(data.categorie.libelle) ».",
          severity: t.responsable.type == .ministere ? .note : .avertissement,
          field: "donnees[\(index)].conservation",
          remediation: t.responsable.type == .ministere
            ? "Reprendre la durée fixée par l'acte réglementaire ou la notice du ministère." : nil))
    }
  }
}

public import RegistreModel

/// The nine criteria of the WP248 rev.01 guidelines (EDPB), numbered as there.
public enum WP248Criterion: Int, CaseIterable, Hashable, Sendable, Codable {
  case evaluation = 1, automatedDecision, systematicMonitoring, sensitiveData, largeScale,
    matching, vulnerablePersons, innovativeUse, preventsRight

  /// French label, numbered: « critère 7 : personnes vulnérables (élèves) ».
  public var libelle: String {
    switch self {
    case .evaluation: return "critère 1 : évaluation ou notation, y compris profilage"
    case .automatedDecision: return "critère 2 : décision automatisée avec effet juridique ou similaire"
    case .systematicMonitoring: return "critère 3 : surveillance systématique"
    case .sensitiveData: return "critère 4 : données sensibles ou à caractère hautement personnel"
    case .largeScale: return "critère 5 : traitement à grande échelle"
    case .matching: return "critère 6 : croisement ou combinaison de jeux de données"
    case .vulnerablePersons: return "critère 7 : personnes vulnérables (élèves)"
    case .innovativeUse: return "critère 8 : usage innovant ou nouvelle solution technologique"
    case .preventsRight: return "critère 9 : exclusion du bénéfice d'un droit, d'un service ou d'un contrat"
    }
  }
}

/// Items of the CNIL list of processing that always requires a DPIA
/// (deliberation 2018-327) that the register can recognise.
public enum CNILRequiredItem: Int, CaseIterable, Hashable, Sendable, Codable {
  case geneticVulnerable = 2, employeeMonitoring = 4, socialHealthAlerts = 5,
    profilingExclusion = 8, externalProfiling = 10, biometricsVulnerable = 11,
    socialSupport = 13, largeScaleLocation = 14

  public var libelle: String {
    switch self {
    case .geneticVulnerable:
      return "liste 2018-327, n° 2 : données génétiques de personnes vulnérables"
    case .employeeMonitoring:
      return "liste 2018-327, n° 4 : surveillance constante de l'activité des employés"
    case .socialHealthAlerts:
      return "liste 2018-327, n° 5 : gestion des alertes et signalements en matière sociale et sanitaire"
    case .profilingExclusion:
      return "liste 2018-327, n° 8 : profilage pouvant aboutir à l'exclusion du bénéfice d'un contrat"
    case .externalProfiling:
      return "liste 2018-327, n° 10 : profilage faisant appel à des données de sources externes"
    case .biometricsVulnerable:
      return
        "liste 2018-327, n° 11 : biométrie aux fins de reconnaissance de personnes parmi lesquelles des personnes vulnérables (élèves)"
    case .socialSupport:
      return "liste 2018-327, n° 13 : accompagnement social ou médico-social"
    case .largeScaleLocation:
      return "liste 2018-327, n° 14 : données de localisation à large échelle"
    }
  }
}

/// What became of an exemption (CNIL list 2019-118) the fiche invokes.
public struct DPIAExemptionOutcome: Hashable, Sendable {
  public var exemption: DPIAExemption
  /// Whether the exemption lifts the « two criteria » rule for this treatment.
  public var applied: Bool
  /// The caveat when applied, or why it cannot apply, in French.
  public var explanation: String
}

/// Whether a treatment needs a DPIA, and why: the reasoning the CNIL and the
/// EDPB describe, applied to what the fiche says.
public struct DPIAScreening: Hashable, Sendable {
  public var required: Bool
  /// Items of the CNIL list 2018-327 the treatment matches (each makes a DPIA mandatory).
  public var listItems: [CNILRequiredItem]
  /// WP248 criteria met.
  public var criteria: [WP248Criterion]
  public var exemption: DPIAExemptionOutcome?

  /// French labels of everything that counts: list items, then criteria.
  public var reasons: [String] { listItems.map(\.libelle) + criteria.map(\.libelle) }

  /// French lines for a report: the conclusion, each reason, and the exemption with its caveat.
  public var explanation: [String] {
    var lines = [conclusion]
    lines += reasons.map { "- \($0)" }
    if let exemption {
      let verdict = exemption.applied ? "retenue" : "écartée"
      lines.append(
        "- exemption invoquée (\(exemption.exemption.libelle)) \(verdict) : \(exemption.explanation)")
    }
    return lines
  }

  /// One French sentence saying why a DPIA is or is not required.
  public var conclusion: String {
    var parts: [String] = []
    if !listItems.isEmpty {
      parts.append("le traitement figure sur la liste CNIL des traitements soumis à AIPD (délib. 2018-327)")
    }
    if criteria.count >= 2 {
      parts.append(
        "il remplit \(criteria.count) des 9 critères WP248 (au moins 2 suffisent en règle générale)")
    }
    if let exemption, exemption.applied, listItems.isEmpty {
      return "AIPD non requise : \(exemption.exemption.libelle) — \(exemption.explanation)"
    }
    if parts.isEmpty {
      let count = criteria.count
      return
        "AIPD non requise au vu de la fiche : \(count) critère\(count > 1 ? "s" : "") WP248 rempli\(count > 1 ? "s" : ""), aucun type de la liste 2018-327"
    }
    return "AIPD requise : " + parts.joined(separator: " ; ")
  }

  /// Screens one treatment.
  public static func screen(_ traitement: Treatment) -> DPIAScreening {
    // A fiche declares a handful of criteria and categories: arrays beat building sets.
    let declared = traitement.criteresAIPD
    let pupils = traitement.concerneDesEleves
    let categories = traitement.donnees.map(\.categorie)

    var criteria: [WP248Criterion] = []
    func add(_ criterion: WP248Criterion, _ condition: Bool) {
      if condition { criteria.append(criterion) }
    }
    add(.evaluation, declared.contains(.evaluationNotation) || declared.contains(.profilageSourcesExternes))
    add(
      .automatedDecision,
      declared.contains(.decisionAutomatisee) || traitement.decisionAutomatisee?.existe == true)
    add(
      .systematicMonitoring,
      declared.contains(.surveillanceSystematique) || declared.contains(.surveillanceConstantePersonnels)
        || VideoSurveillance.isVideo(traitement))
    add(.sensitiveData, categories.contains(where: \.remplitCritere4WP248))
    add(.largeScale, declared.contains(.grandeEchelle) || declared.contains(.localisationGrandeEchelle))
    add(.matching, declared.contains(.croisementDonnees) || declared.contains(.profilageSourcesExternes))
    add(.vulnerablePersons, pupils)
    add(.innovativeUse, declared.contains(.usageInnovant))
    add(.preventsRight, declared.contains(.exclusionDroitService))

    var items: [CNILRequiredItem] = []
    func list(_ item: CNILRequiredItem, _ condition: Bool) {
      if condition { items.append(item) }
    }
    list(.geneticVulnerable, categories.contains(.genetique) && pupils)
    list(.employeeMonitoring, declared.contains(.surveillanceConstantePersonnels))
    list(.socialHealthAlerts, declared.contains(.alertesSocialesSanitaires))
    list(
      .profilingExclusion,
      declared.contains(.evaluationNotation) && declared.contains(.exclusionDroitService))
    list(.externalProfiling, declared.contains(.profilageSourcesExternes))
    list(.biometricsVulnerable, traitement.processesBiometrics && pupils)
    list(.socialSupport, declared.contains(.accompagnementSocial))
    list(.largeScaleLocation, declared.contains(.localisationGrandeEchelle))

    let exemption = traitement.exemptionAIPD.map {
      evaluate($0, traitement, listMatched: !items.isEmpty)
    }
    let exempted = exemption?.applied == true
    let required = !items.isEmpty || (criteria.count >= 2 && !exempted)
    return DPIAScreening(required: required, listItems: items, criteria: criteria, exemption: exemption)
  }

  private static let cateringWords = Phrases([
    "restauration", "cantine", "demi-pension", "demi pensionnaire", "internat", "hébergement", "repas", "self",
  ])

  // The limits below come from the notes on deliberation 2019-118: item 10 is
  // read as covering a school's catering and boarding only, an interpretation
  // no CNIL or ministry text confirms; the 2018-327 list always prevails.
  private static func evaluate(
    _ exemption: DPIAExemption, _ t: Treatment, listMatched: Bool
  ) -> DPIAExemptionOutcome {
    func refuse(_ why: String) -> DPIAExemptionOutcome {
      DPIAExemptionOutcome(exemption: exemption, applied: false, explanation: why)
    }
    if listMatched {
      return refuse(
        "exemption sans effet : le traitement relève de la liste des AIPD obligatoires (délib. 2018-327)")
    }
    if t.processesBiometrics {
      return refuse("exemption impossible pour un dispositif biométrique")
    }
    let categories = Set(t.donnees.map(\.categorie))
    switch exemption {
    case .affairesScolaires:
      let catering = Text.contains(t.descriptiveText, anyOf: cateringWords)
      guard catering else {
        return refuse(
          "l'item 10 de la délibération 2019-118 n'est retenu pour un EPLE que pour la gestion de la restauration et de l'hébergement (interprétation à valider avec le DPD) ; jamais pour la vie scolaire, l'évaluation, le suivi pédagogique ou social"
        )
      }
      if let other = categories.first(where: {
        ($0.estArticle9 && $0 != .sante) || [.social, .discipline, .infractions].contains($0)
      }) {
        return refuse("exemption écartée : le traitement porte sur des données « \(other.libelle) »")
      }
      if t.criteresAIPD.contains(.evaluationNotation) || t.criteresAIPD.contains(.accompagnementSocial) {
        return refuse("exemption écartée : évaluation ou suivi social, hors du périmètre de l'item 10")
      }
      let health =
        categories.contains(.sante)
        ? " ; données de santé limitées aux régimes alimentaires et PAI strictement nécessaires" : ""
      return DPIAExemptionOutcome(
        exemption: exemption, applied: true,
        explanation:
          "gestion de la restauration ou de l'hébergement\(health) — interprétation à valider avec le DPD (aucune position CNIL ou ministérielle n'applique l'item 10 aux EPLE)"
      )
    case .controleAccesHoraires:
      if t.concerneDesEleves {
        return refuse(
          "l'item 11 de la délibération 2019-118 vise le contrôle des horaires de travail, pas les élèves")
      }
      if let sensitive = categories.first(where: \.estSensibleOuHautementPersonnelle) {
        return refuse(
          "exemption écartée : données sensibles ou hautement personnelles (« \(sensitive.libelle) »)")
      }
      return DPIAExemptionOutcome(
        exemption: exemption, applied: true,
        explanation: "contrôle d'accès et horaires des personnels, hors biométrie et données sensibles")
    case .relationFournisseurs:
      if t.concerneDesEleves {
        return refuse(
          "l'item 2 de la délibération 2019-118 (relation fournisseurs) ne couvre pas des données d'élèves")
      }
      if let sensitive = categories.first(where: \.estSensibleOuHautementPersonnelle) {
        return refuse(
          "exemption écartée : données sensibles ou hautement personnelles (« \(sensitive.libelle) »)")
      }
      return DPIAExemptionOutcome(
        exemption: exemption, applied: true, explanation: "gestion de la relation fournisseurs")
    }
  }
}

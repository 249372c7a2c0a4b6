import Foundation
public import RegistreModel
import RegistreFormats
public import RegistreProbe
import RegistreRules

/// The draft register entry (a `Treatment`) a tool sheet yields: the sheet's
/// facts, and « À COMPLÉTER » placeholders where the school must decide.
public enum TreatmentDraft {
  static let marqueur = Format.marqueurACompleter

  /// A file-name-safe id from the tool's name: « Quiz Express ! » → `quiz-express`.
  public static func identifier(_ nom: String) -> String {
    let plie = nom.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: Locale(identifier: "fr_FR"))
    var sortie = ""
    for s in plie.unicodeScalars {
      if ("a"..."z").contains(s) || ("0"..."9").contains(s) {
        sortie.unicodeScalars.append(s)
      } else if !sortie.isEmpty, !sortie.hasSuffix("-") {
        sortie += "-"
      }
    }
    while sortie.hasSuffix("-") { sortie.removeLast() }
    let court = String(sortie.prefix(60))
    let resultat = court.hasSuffix("-") ? String(court.dropLast()) : court
    return Codes.isSafeIdentifier(resultat) && !resultat.isEmpty ? resultat : "outil"
  }

  /// The draft entry for `fiche`, with its DPIA status from the audit's screening.
  public static func treatment(
    _ fiche: ToolSheet, date: Day, registre: Register?, probes: [TLSProbeReport]?
  ) -> Treatment {
    let gar = fiche.accesParLeGAR
    var t = Treatment(
      id: identifier(fiche.nom), nom: "Usage de \(fiche.nom)", statut: .brouillon, dateCreation: date,
      derniereMiseAJour: date, logiciel: fiche.nom, finalitePrincipale: fiche.finalite)
    t.responsable =
      gar
      ? Controller(
        type: .ministere, nom: "Ministre chargé de l'éducation nationale",
        acteReglementaire: "Arrêté du 18 décembre 2017 modifié (GAR)", noticeOfficielle: "https://gar.education.fr")
      : Controller(type: .etablissement)
    t.baseLegale = LegalGround(
      article6: .missionInteretPublic,
      texte: gar
        ? "Arrêté du 18 décembre 2017 modifié (GAR)"
        : "\(marqueur) : texte qui fonde la mission (ex. Code de l'éducation, art. L.111-1 et L.312-9)")
    t.personnesConcernees = dataSubjects(fiche)
    t.donnees = fiche.donneesCollectees.map { d in
      var d = d
      if d.conservation == nil {
        d.conservation =
          fiche.conservation
          ?? Retention(critere: "\(marqueur) : durée de conservation à obtenir de l'éditeur")
      }
      return d
    }
    t.collecteAupresDesPersonnes = true
    t.destinataires = [
      Recipient(type: .interne, nom: "Enseignants et personnels habilités de l'établissement"),
      Recipient(type: .sousTraitant, nom: fiche.editeur, precisions: gar ? "sous-traitant du ministère (GAR)" : nil),
    ]
    for st in fiche.sousTraitantsUlterieurs {
      t.destinataires.append(
        Recipient(type: Country.isInEEA(st.pays) ? .sousTraitant : .paysTiers, nom: st.nom, precisions: st.services))
    }
    if !gar {
      if let st = registre?.sousTraitants.first(where: { Evaluator.sameName($0.nom, fiche.editeur) }) {
        t.sousTraitants = [st.id]
      } else {
        t.aConfirmer.append(
          "Créer la fiche du sous-traitant « \(fiche.editeur) » (sous-traitants/<id>.yaml) et la référencer dans sous_traitants.")
      }
    }
    t.transferts = transfers(fiche)
    let modes = fiche.authentification.map(\.libelle).joined(separator: " ; ")
    t.mesuresSecurite = [
      SecurityMeasure(
        famille: .controleAcces,
        precisions: modes.isEmpty ? "\(marqueur) : mode de connexion" : "Connexion : \(modes)")
    ]
    t.flux = fiche.pointsAcces.compactMap { flow($0, fiche: fiche, probes: probes) }
    t.criteresAIPD = criteria(fiche)
    t.information =
      gar
      ? Information(noticeExistante: true, moyen: "Mentions d'information du GAR", lien: "https://gar.education.fr")
      : Information(noticeExistante: false, moyen: "\(marqueur) : note aux familles à diffuser (brouillon fourni)")
    if let lien = fiche.politiqueConfidentialite {
      t.references.append(Reference(texte: "Politique de confidentialité de \(fiche.editeur)", lien: lien))
    }
    if gar { t.references.append(Reference(texte: EvaluationReference.gar)) }
    let depistage = DPIAScreening.screen(t)
    if depistage.required {
      t.aipd = DPIA(statut: gar ? .nonRequise : .requise, motif: gar ? "AIPD du ministère, responsable du traitement (GAR)" : nil)
    }
    return t
  }

  static func dataSubjects(_ fiche: ToolSheet) -> [DataSubjects] {
    var liste: [DataSubjects] = []
    if let u = fiche.utilisateurs {
      if u.eleves == true {
        let niveaux = u.niveaux.isEmpty ? nil : "Niveaux : " + u.niveaux.joined(separator: ", ")
        liste.append(DataSubjects(categorie: .elevesMineurs, precisions: niveaux, volume: u.volume))
      }
      if u.enseignants == true { liste.append(DataSubjects(categorie: .personnels, precisions: "Enseignants")) }
      if u.responsablesLegaux == true { liste.append(DataSubjects(categorie: .responsablesLegaux)) }
    }
    return liste
  }

  static func transfers(_ fiche: ToolSheet) -> [Transfer] {
    var liste: [Transfer] = []
    func safeguard(_ pays: String) -> TransferSafeguard? {
      if Country.adequation.contains(pays) { return .adequation }
      if pays == "US", fiche.certificationDPF == true { return .dpf }
      return fiche.garantieTransfert
    }
    if let pays = fiche.hebergement?.pays, !Country.isInEEA(pays), let g = safeguard(pays) {
      liste.append(Transfer(destinataire: fiche.hebergement?.prestataire ?? fiche.editeur, pays: pays, garantie: g))
    }
    for st in fiche.sousTraitantsUlterieurs where !Country.isInEEA(st.pays) {
      if let g = safeguard(st.pays) { liste.append(Transfer(destinataire: st.nom, pays: st.pays, garantie: g)) }
    }
    return liste
  }

  static func flow(_ adresse: String, fiche: ToolSheet, probes: [TLSProbeReport]?) -> Flow? {
    let minuscule = adresse.lowercased()
    let canal: FlowChannel
    if minuscule.hasPrefix("https://") {
      canal = .https
    } else if minuscule.hasPrefix("http://") {
      canal = .http
    } else {
      return nil
    }
    let rapport = probes?.first { $0.endpoint == adresse || $0.endpoint == URL(string: adresse)?.absoluteString }
    let versions = (rapport?.acceptedRegisterValues ?? []).compactMap(DeclaredTLSVersion.init(rawValue:)).sorted()
    return Flow(
      de: "Postes des utilisateurs", vers: fiche.nom, canal: canal, versionsTLS: versions,
      chiffrementTransit: canal == .https, authentification: fiche.authentification.first.map(authentication),
      mfa: fiche.mfaAdministrateurs, accesDistant: true,
      donnees: Array(Set(fiche.donneesCollectees.map(\.categorie))).sorted { $0.rawValue < $1.rawValue },
      adresse: adresse)
  }

  static func authentication(_ mode: ToolAuthentication) -> Authentication {
    switch mode {
    case .gar: return .gar
    case .ssoENT: return .ssoENT
    case .educonnect: return .educonnect
    case .comptesEditeur, .comptesGrandPublic: return .comptesLocaux
    case .codeClasse: return .autre
    case .sansCompte: return .aucune
    }
  }

  static func criteria(_ fiche: ToolSheet) -> [DPIACriterion] {
    let ia = Set(fiche.fonctionnalitesIA)
    var c: [DPIACriterion] = []
    if !ia.intersection([.evaluationAcquis, .parcoursAdaptatif]).isEmpty || fiche.profilageCommercial == true {
      c.append(.evaluationNotation)
    }
    if ia.contains(.orientationAdmission) { c.append(.decisionAutomatisee) }
    if !ia.intersection([.surveillanceExamens, .reconnaissanceEmotions]).isEmpty { c.append(.surveillanceSystematique) }
    if !ia.subtracting([.aucune]).isEmpty { c.append(.usageInnovant) }
    return c
  }
}

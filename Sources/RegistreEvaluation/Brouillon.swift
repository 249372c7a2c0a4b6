import Foundation
public import RegistreModel
import RegistreFormats
public import RegistreProbe
import RegistreRules

/// The draft register entry (a `Traitement`) a tool sheet yields: the sheet's
/// facts, and « À COMPLÉTER » placeholders where the school must decide.
public enum BrouillonTraitement {
  static let marqueur = Format.marqueurACompleter

  /// A file-name-safe id from the tool's name: « Quiz Express ! » → `quiz-express`.
  public static func identifiant(_ nom: String) -> String {
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
    return Codes.estIdentifiantSur(resultat) && !resultat.isEmpty ? resultat : "outil"
  }

  /// The draft entry for `fiche`, with its DPIA status from the audit's screening.
  public static func traitement(
    _ fiche: FicheOutil, date: Jour, registre: Registre?, probes: [TLSProbeReport]?
  ) -> Traitement {
    let gar = fiche.accesParLeGAR
    var t = Traitement(
      id: identifiant(fiche.nom), nom: "Usage de \(fiche.nom)", statut: .brouillon, dateCreation: date,
      derniereMiseAJour: date, logiciel: fiche.nom, finalitePrincipale: fiche.finalite)
    t.responsable =
      gar
      ? Responsable(
        type: .ministere, nom: "Ministre chargé de l'éducation nationale",
        acteReglementaire: "Arrêté du 18 décembre 2017 modifié (GAR)", noticeOfficielle: "https://gar.education.fr")
      : Responsable(type: .etablissement)
    t.baseLegale = FondementJuridique(
      article6: .missionInteretPublic,
      texte: gar
        ? "Arrêté du 18 décembre 2017 modifié (GAR)"
        : "\(marqueur) : texte qui fonde la mission (ex. Code de l'éducation, art. L.111-1 et L.312-9)")
    t.personnesConcernees = personnes(fiche)
    t.donnees = fiche.donneesCollectees.map { d in
      var d = d
      if d.conservation == nil {
        d.conservation =
          fiche.conservation
          ?? Conservation(critere: "\(marqueur) : durée de conservation à obtenir de l'éditeur")
      }
      return d
    }
    t.collecteAupresDesPersonnes = true
    t.destinataires = [
      Destinataire(type: .interne, nom: "Enseignants et personnels habilités de l'établissement"),
      Destinataire(type: .sousTraitant, nom: fiche.editeur, precisions: gar ? "sous-traitant du ministère (GAR)" : nil),
    ]
    for st in fiche.sousTraitantsUlterieurs {
      t.destinataires.append(
        Destinataire(type: Pays.estDansEEE(st.pays) ? .sousTraitant : .paysTiers, nom: st.nom, precisions: st.services))
    }
    if !gar {
      if let st = registre?.sousTraitants.first(where: { Evaluateur.memeNom($0.nom, fiche.editeur) }) {
        t.sousTraitants = [st.id]
      } else {
        t.aConfirmer.append(
          "Créer la fiche du sous-traitant « \(fiche.editeur) » (sous-traitants/<id>.yaml) et la référencer dans sous_traitants.")
      }
    }
    t.transferts = transferts(fiche)
    let modes = fiche.authentification.map(\.libelle).joined(separator: " ; ")
    t.mesuresSecurite = [
      MesureSecurite(
        famille: .controleAcces,
        precisions: modes.isEmpty ? "\(marqueur) : mode de connexion" : "Connexion : \(modes)")
    ]
    t.flux = fiche.pointsAcces.compactMap { flux($0, fiche: fiche, probes: probes) }
    t.criteresAIPD = criteres(fiche)
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
      t.aipd = AIPD(statut: gar ? .nonRequise : .requise, motif: gar ? "AIPD du ministère, responsable du traitement (GAR)" : nil)
    }
    return t
  }

  static func personnes(_ fiche: FicheOutil) -> [PersonnesConcernees] {
    var liste: [PersonnesConcernees] = []
    if let u = fiche.utilisateurs {
      if u.eleves == true {
        let niveaux = u.niveaux.isEmpty ? nil : "Niveaux : " + u.niveaux.joined(separator: ", ")
        liste.append(PersonnesConcernees(categorie: .elevesMineurs, precisions: niveaux, volume: u.volume))
      }
      if u.enseignants == true { liste.append(PersonnesConcernees(categorie: .personnels, precisions: "Enseignants")) }
      if u.responsablesLegaux == true { liste.append(PersonnesConcernees(categorie: .responsablesLegaux)) }
    }
    return liste
  }

  static func transferts(_ fiche: FicheOutil) -> [Transfert] {
    var liste: [Transfert] = []
    func garantie(_ pays: String) -> GarantieTransfert? {
      if Pays.adequation.contains(pays) { return .adequation }
      if pays == "US", fiche.certificationDPF == true { return .dpf }
      return fiche.garantieTransfert
    }
    if let pays = fiche.hebergement?.pays, !Pays.estDansEEE(pays), let g = garantie(pays) {
      liste.append(Transfert(destinataire: fiche.hebergement?.prestataire ?? fiche.editeur, pays: pays, garantie: g))
    }
    for st in fiche.sousTraitantsUlterieurs where !Pays.estDansEEE(st.pays) {
      if let g = garantie(st.pays) { liste.append(Transfert(destinataire: st.nom, pays: st.pays, garantie: g)) }
    }
    return liste
  }

  static func flux(_ adresse: String, fiche: FicheOutil, probes: [TLSProbeReport]?) -> Flux? {
    let minuscule = adresse.lowercased()
    let canal: CanalFlux
    if minuscule.hasPrefix("https://") {
      canal = .https
    } else if minuscule.hasPrefix("http://") {
      canal = .http
    } else {
      return nil
    }
    let rapport = probes?.first { $0.endpoint == adresse || $0.endpoint == URL(string: adresse)?.absoluteString }
    let versions = (rapport?.acceptedRegisterValues ?? []).compactMap(VersionTLS.init(rawValue:)).sorted()
    return Flux(
      de: "Postes des utilisateurs", vers: fiche.nom, canal: canal, versionsTLS: versions,
      chiffrementTransit: canal == .https, authentification: fiche.authentification.first.map(authentification),
      mfa: fiche.mfaAdministrateurs, accesDistant: true,
      donnees: Array(Set(fiche.donneesCollectees.map(\.categorie))).sorted { $0.rawValue < $1.rawValue },
      adresse: adresse)
  }

  static func authentification(_ mode: AuthentificationOutil) -> Authentification {
    switch mode {
    case .gar: return .gar
    case .ssoENT: return .ssoENT
    case .educonnect: return .educonnect
    case .comptesEditeur, .comptesGrandPublic: return .comptesLocaux
    case .codeClasse: return .autre
    case .sansCompte: return .aucune
    }
  }

  static func criteres(_ fiche: FicheOutil) -> [CritereAIPD] {
    let ia = Set(fiche.fonctionnalitesIA)
    var c: [CritereAIPD] = []
    if !ia.intersection([.evaluationAcquis, .parcoursAdaptatif]).isEmpty || fiche.profilageCommercial == true {
      c.append(.evaluationNotation)
    }
    if ia.contains(.orientationAdmission) { c.append(.decisionAutomatisee) }
    if !ia.intersection([.surveillanceExamens, .reconnaissanceEmotions]).isEmpty { c.append(.surveillanceSystematique) }
    if !ia.subtracting([.aucune]).isEmpty { c.append(.usageInnovant) }
    return c
  }
}

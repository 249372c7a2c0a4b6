public import RegistreModel

/// Outcome of the DPIA screening of a catalogue entry, with the reasons shown to the user.
public struct DepistageAIPD: Hashable, Sendable {
  public enum Issue: String, Hashable, Sendable {
    /// A DPIA is required (CNIL list 2018-327, or two WP248 criteria).
    case requise
    /// No DPIA required a priori (exemption, or fewer than two criteria).
    case nonRequise = "non-requise"
    /// The controller is not the school: the DPIA is the ministry's or the local authority's.
    case sansObjet = "sans-objet"
  }

  public var issue: Issue
  /// Why, in French: list items, criteria, exemption.
  public var motifs: [String]

  public init(issue: Issue, motifs: [String] = []) {
    self.issue = issue
    self.motifs = motifs
  }

  /// Short French label for tables.
  public var libelle: String {
    switch issue {
    case .requise: return "requise"
    case .nonRequise: return "non requise"
    case .sansObjet: return "sans objet (national)"
    }
  }
}

/// A DPIA screening function; the rules module can supply its own.
public typealias Depisteur = @Sendable (Traitement) -> DepistageAIPD

extension Catalogue {
  /// Simple screening used until the rules module provides the audit's: CNIL list
  /// 2018-327, exemption list 2019-118, then the WP248 two-criteria rule where pupils
  /// count as vulnerable persons.
  public static let depistageSimple: Depisteur = { traitement in
    switch traitement.responsable.type {
    case .ministere:
      return DepistageAIPD(issue: .sansObjet, motifs: ["traitement national : AIPD du ressort du ministère"])
    case .collectivite:
      return DepistageAIPD(issue: .sansObjet, motifs: ["AIPD du ressort de la collectivité"])
    case .etablissement, .conjoint:
      break
    }
    let biometrie =
      traitement.dispositifBiometrique != nil || traitement.donnees.contains { $0.categorie == .biometrie }
    if biometrie && traitement.concerneDesEleves {
      return DepistageAIPD(
        issue: .requise, motifs: ["liste CNIL 2018-327, n° 11 : biométrie incluant des élèves"])
    }
    let listeCNIL: [CritereAIPD: String] = [
      .alertesSocialesSanitaires: "liste CNIL 2018-327, n° 5",
      .accompagnementSocial: "liste CNIL 2018-327, n° 13",
      .localisationGrandeEchelle: "liste CNIL 2018-327, n° 14",
      .surveillanceConstantePersonnels: "liste CNIL 2018-327, n° 4",
      .profilageSourcesExternes: "liste CNIL 2018-327, n° 10",
    ]
    let surLaListe = traitement.criteresAIPD.compactMap { critere in
      listeCNIL[critere].map { "\($0) : \(critere.libelle)" }
    }
    if !surLaListe.isEmpty {
      return DepistageAIPD(issue: .requise, motifs: surLaListe)
    }
    if let exemption = traitement.exemptionAIPD, !traitement.traiteDesDonneesArticle9 {
      return DepistageAIPD(issue: .nonRequise, motifs: [exemption.libelle])
    }
    var criteres: [String] = []
    if traitement.concerneDesEleves { criteres.append("personnes vulnérables (élèves)") }
    if traitement.donnees.contains(where: { $0.categorie.estSensibleOuHautementPersonnelle }) {
      criteres.append("données sensibles ou hautement personnelles")
    }
    let wp248: Set<CritereAIPD> = [
      .evaluationNotation, .decisionAutomatisee, .surveillanceSystematique, .grandeEchelle,
      .croisementDonnees, .usageInnovant, .exclusionDroitService,
    ]
    for critere in traitement.criteresAIPD where wp248.contains(critere) {
      criteres.append(critere.libelle.lowercased())
    }
    if criteres.count >= 2 {
      return DepistageAIPD(issue: .requise, motifs: ["au moins deux critères WP248 : " + criteres.joined(separator: ", ")])
    }
    return DepistageAIPD(
      issue: .nonRequise,
      motifs: ["moins de deux critères WP248" + (criteres.isEmpty ? "" : " (" + criteres.joined(separator: ", ") + ")")])
  }
}

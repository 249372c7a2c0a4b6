public import RegistreModel
import RegistreRules

/// Outcome of the DPIA screening of a catalogue entry, with the reasons shown to the user.
public struct DPIAScreeningOutcome: Hashable, Sendable {
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

/// A DPIA screening function, so that callers can substitute their own.
public typealias DPIAScreener = @Sendable (Treatment) -> DPIAScreeningOutcome

extension Catalogue {
  /// The audit's screening (CNIL list 2018-327, exemption list 2019-118, WP248 rule with
  /// pupils as vulnerable persons), applied to the entries the school itself would run;
  /// national applications are the ministry's to assess.
  public static let depistageAudit: DPIAScreener = { traitement in
    switch traitement.responsable.type {
    case .ministere:
      return DPIAScreeningOutcome(issue: .sansObjet, motifs: ["traitement national : AIPD du ressort du ministère"])
    case .collectivite:
      return DPIAScreeningOutcome(issue: .sansObjet, motifs: ["AIPD du ressort de la collectivité"])
    case .etablissement, .conjoint:
      let resultat = DPIAScreening.screen(traitement)
      return DPIAScreeningOutcome(
        issue: resultat.required ? .requise : .nonRequise, motifs: [resultat.conclusion] + resultat.reasons)
    }
  }
}

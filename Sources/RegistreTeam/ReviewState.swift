/// Where a fiche stands in the team's review (issue 18): brouillon → à relire → contrôlé (DPD) → validé (head).
/// Any change of a fiche's file after a move sends it back to brouillon.
public enum ReviewState: String, Codable, Sendable, CaseIterable {
  case brouillon
  case aRelire = "a-relire"
  case controle
  case valide

  public var libelle: String {
    switch self {
    case .brouillon: return "Brouillon"
    case .aRelire: return "À relire"
    case .controle: return "Contrôlé par le DPD"
    case .valide: return "Validé par le chef d'établissement"
    }
  }

  /// The action a move from `self` to `target` needs, or nil when the move is not part of the workflow.
  public func move(to target: ReviewState) -> TeamAction? {
    switch (self, target) {
    case (.brouillon, .aRelire): return .submitForReview
    case (.aRelire, .brouillon): return .sendBack
    case (.aRelire, .controle): return .markControlled
    case (.controle, .valide): return .validate
    default: return nil
    }
  }
}

/// The roles of a register's team (issue 18). The raw values are the words of `comptes.yaml`.
public enum Role: String, Codable, Sendable, CaseIterable {
  /// Edits drafts and submits them for review: the référent numérique, the CPE, the gestionnaire.
  case contributeur
  /// The académie's DPD: reviews, writes recommendations, marks a fiche « contrôlé ».
  case dpd
  /// The head of school, controller of the processing: validates, signs, seals the year.
  case chef
  /// Reads only: for example members of the conseil d'administration.
  case lecteur

  public var libelle: String {
    switch self {
    case .contributeur: return "Contributeur"
    case .dpd: return "Délégué à la protection des données"
    case .chef: return "Chef d'établissement"
    case .lecteur: return "Lecteur"
    }
  }
}

/// Everything a person can ask the application to do; each is checked against the role on the server
/// and in the CLI, never only hidden in a page.
public enum TeamAction: String, Sendable, CaseIterable {
  case read
  /// Create or edit a register file (fiche, sous-traitant, violation, action, demande, établissement).
  case edit
  /// brouillon → à relire.
  case submitForReview
  /// à relire → brouillon, with the reason.
  case sendBack
  /// à relire → contrôlé.
  case markControlled
  /// contrôlé → validé.
  case validate
  case writeRecommendation
  case answerRecommendation
  case closeRecommendation
  /// Produce (and sign) the register's documents.
  case produceDocuments
  /// Seal the yearly export.
  case sealYear
  /// Evaluate a tool (read-only) is `read`; adding its draft to the register is `edit`.
  case importDPIA

  /// The French wording of a refusal.
  public var libelle: String {
    switch self {
    case .read: return "lire le registre"
    case .edit: return "modifier le registre"
    case .submitForReview: return "soumettre une fiche à la relecture"
    case .sendBack: return "renvoyer une fiche en brouillon"
    case .markControlled: return "marquer une fiche « contrôlée »"
    case .validate: return "valider une fiche"
    case .writeRecommendation: return "écrire une recommandation"
    case .answerRecommendation: return "répondre à une recommandation"
    case .closeRecommendation: return "clore une recommandation"
    case .produceDocuments: return "produire les documents"
    case .sealYear: return "sceller l'export de l'année"
    case .importDPIA: return "importer une AIPD"
    }
  }
}

extension Role {
  /// The one permission table of the application.
  public func may(_ action: TeamAction) -> Bool {
    switch (self, action) {
    case (_, .read): return true
    case (.lecteur, _): return false
    case (.contributeur, .edit), (.contributeur, .submitForReview), (.contributeur, .answerRecommendation),
      (.contributeur, .importDPIA):
      return true
    case (.dpd, .sendBack), (.dpd, .markControlled), (.dpd, .writeRecommendation), (.dpd, .closeRecommendation):
      return true
    case (.chef, .edit), (.chef, .submitForReview), (.chef, .validate), (.chef, .answerRecommendation),
      (.chef, .produceDocuments), (.chef, .sealYear), (.chef, .importDPIA), (.chef, .sendBack):
      return true
    default: return false
    }
  }
}

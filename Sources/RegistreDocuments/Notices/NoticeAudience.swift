public import RegistreModel

/// Who a notice is for, chosen from each treatment's data subjects (the same
/// selection as the `audience` variable of `notice-commun.xsl`).
public enum NoticeAudience: String, Sendable, CaseIterable {
  case families, staff, visitors

  /// The document that informs this audience.
  public var kind: DocumentKind {
    switch self {
    case .families: return .noticeFamilies
    case .staff: return .noticeStaff
    case .visitors: return .noticeVisitors
    }
  }

  /// Whether this audience is among the people a treatment concerns.
  public func covers(_ treatment: Treatment) -> Bool {
    treatment.personnesConcernees.contains { people in
      switch self {
      case .families: return people.categorie.estEleve || people.categorie == .responsablesLegaux
      case .staff: return people.categorie == .personnels || people.categorie == .intervenantsExterieurs
      case .visitors: return people.categorie == .visiteurs
      }
    }
  }

  /// The staff and visitors' notices a register calls for (families and pupils always get theirs).
  public static func otherNotices(for register: Register) -> [DocumentKind] {
    [NoticeAudience.staff, .visitors].filter { audience in register.traitements.contains(where: audience.covers) }
      .map(\.kind)
  }
}

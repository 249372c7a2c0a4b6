/// Every rule of the audit. Adding a rule: one file in `Rules/`, one line here, its tests.
public enum Rules {
  public static let all: [any Rule] = [
    IncompleteRecord(),
    PlaceholderValue(),
    MissingLegalBasis(),
    LegitimateInterestPublicAuthority(),
    ConsentForPublicTask(),
    ContractForPublicTask(),
    SpecialCategoryWithoutCondition(),
    MissingRequiredDPIA(),
    DPIAToReview(),
    ProcessorWithoutContract(),
    UnsafeTransfer(),
    MinistryCloudDoctrine(),
    UndefinedRetention(),
    ExcessiveRetention(),
    UnencryptedFlow(),
    ObsoleteTLS(),
    AccessWithoutMFA(),
    MissingNotice(),
    IncompleteNotice(),
    WrongController(),
    BiometricsWithoutAlternative(),
    DisproportionateBiometrics(),
    UndocumentedBreach(),
    UnnotifiedBreach(),
    LateBreachNotification(),
    LateRequest(),
    LateExtension(),
    RefusalWithoutReason(),
    LateAction(),
    DoneActionUnresolved(),
  ]

  /// The rule with this id, if any.
  public static func rule(_ id: String) -> (any Rule)? {
    all.first { $0.id == id }
  }

  public static var ids: [String] { all.map(\.id) }

  /// Position of each rule in `all`, to sort findings.
  static let order = Dictionary(uniqueKeysWithValues: all.enumerated().map { ($1.id, $0) })
}

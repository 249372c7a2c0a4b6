public import RegistreModel

/// A register ready for the rules, with what they look up across it (processors by id).
public struct AuditedRegister: Sendable {
  public let registre: Register
  public let context: AuditContext
  private let processorsByID: [String: Int]

  public init(_ registre: Register, context: AuditContext) {
    self.registre = registre
    self.context = context
    var index: [String: Int] = [:]
    for (position, processor) in registre.sousTraitants.enumerated() where index[processor.id] == nil {
      index[processor.id] = position
    }
    processorsByID = index
  }

  /// The processor with this id (the first one, as `Register.sousTraitant` does).
  public func processor(_ id: String) -> Processor? {
    processorsByID[id].map { registre.sousTraitants[$0] }
  }
}

/// What several rules derive from a treatment, worked out once per audit. (Texts only a
/// rare case needs, such as `Treatment.foldedDescription`, are folded on demand instead.)
public struct TreatmentFacts: Sendable {
  /// The national application the fiche is about, if any (`WrongController.application`).
  let nationalApplication: NationalApplication?

  /// Biometric data or device (`Treatment.processesBiometrics`).
  let processesBiometrics: Bool

  init(_ t: Treatment) {
    processesBiometrics = t.processesBiometrics
    nationalApplication = WrongController.application(of: t)
  }
}

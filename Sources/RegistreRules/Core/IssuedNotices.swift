public import RegistreModel

/// One entry of the register's `notices-diffusees.yaml`: a notice covering one treatment was
/// produced on `date` from the state of the fiche whose fingerprint is `empreinte`.
public struct IssuedNotice: Codable, Hashable, Sendable {
  /// Id of the treatment the notice covers.
  public var traitement: String
  /// Day the notices were produced and marked as issued.
  public var date: Day
  /// SHA-256 (hex) of what the notices print about the treatment (see `NoticeFingerprint`).
  public var empreinte: String
  /// File names of the notices produced (`notice-familles.pdf`…).
  public var documents: [String]

  public init(traitement: String, date: Day, empreinte: String, documents: [String] = []) {
    self.traitement = traitement
    self.date = date
    self.empreinte = empreinte
    self.documents = documents
  }
}

/// The whole `notices-diffusees.yaml` file.
public struct IssuedNotices: Codable, Hashable, Sendable {
  public var notices: [IssuedNotice]

  public init(_ notices: [IssuedNotice] = []) {
    self.notices = notices
  }

  /// The entry of a treatment, if its notice was marked as issued.
  public func notice(for treatment: String) -> IssuedNotice? {
    notices.last { $0.traitement == treatment }
  }
}

/// What the audit knows of a treatment's issued notice, the fingerprints compared by the caller.
public enum IssuedNoticeState: Hashable, Sendable {
  /// Produced on this day from the fiche as it is now.
  case current(Day)
  /// Produced on this day; the fiche has changed since in something the notice prints.
  case outdated(Day)
}

/// One entry of the register's journal (`journal.jsonl`): what happened, who did it, when, and the
/// hash chain that makes a removed, altered or reordered entry detectable. Keys are English (a machine file).
public struct JournalEntry: Codable, Sendable, Equatable {
  /// 1, 2, 3… in file order.
  public var sequence: Int
  /// UTC, ISO 8601 to the second (`2026-12-03T09:15:00Z`).
  public var time: String
  public var actor: JournalActor
  public var event: JournalEvent
  /// `hash` of the previous entry; 64 zeros for the first.
  public var previous: String
  /// SHA-256 (hex) of the canonical JSON of every other field (sorted keys, no `hash`).
  public var hash: String

  public init(sequence: Int, time: String, actor: JournalActor, event: JournalEvent, previous: String, hash: String) {
    self.sequence = sequence
    self.time = time
    self.actor = actor
    self.event = event
    self.previous = previous
    self.hash = hash
  }
}

public enum JournalEventKind: String, Codable, Sendable {
  /// The state of a file when the journal started (first account created).
  case baseline
  /// A register file created, changed or deleted.
  case change
  /// A review move of a fiche (brouillon → à relire …), including the drop back on edit.
  case status
  case recommendation
  case answer
  case close
  /// An account added or removed (never a password or its hash).
  case accountAdded = "account-added"
  case accountRemoved = "account-removed"
  /// The yearly export sealed the journal up to this entry.
  case seal
}

/// What an entry records. Only the fields of its kind are set.
public struct JournalEvent: Codable, Sendable, Equatable {
  public var kind: JournalEventKind
  /// Path relative to the register folder (`traitements/ent.yaml`).
  public var file: String?
  /// SHA-256 (hex) of the file before the change; nil when it did not exist.
  public var before: String?
  /// SHA-256 (hex) of the file after the change (for `status`: the file the move applies to); nil when deleted.
  public var after: String?
  /// The file's whole text after a `baseline` or `change` (nil when deleted), so that any change can be shown as a diff.
  public var content: String?
  public var from: ReviewState?
  public var to: ReviewState?
  /// A recommendation's number within its fiche (1, 2…).
  public var number: Int?
  /// A recommendation, an answer, the reason of a move or of a closing; for `seal`, the archive folder's name
  /// (`2026`, `2026-r2`).
  public var text: String?
  public var account: String?
  public var role: Role?
  public var year: Int?

  public init(
    kind: JournalEventKind, file: String? = nil, before: String? = nil, after: String? = nil, content: String? = nil,
    from: ReviewState? = nil, to: ReviewState? = nil, number: Int? = nil, text: String? = nil,
    account: String? = nil, role: Role? = nil, year: Int? = nil
  ) {
    self.kind = kind
    self.file = file
    self.before = before
    self.after = after
    self.content = content
    self.from = from
    self.to = to
    self.number = number
    self.text = text
    self.account = account
    self.role = role
    self.year = year
  }
}

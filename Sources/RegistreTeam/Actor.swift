/// Who made a change: an account of the web application or of the CLI, or nobody known
/// (a change found on disk that no journaled command made).
public struct JournalActor: Codable, Sendable, Hashable {
  public enum Channel: String, Codable, Sendable {
    /// `registre serveur`, signed in.
    case web
    /// A `registre` command.
    case commandLine = "cli"
    /// Found on disk: made outside the application, by an editor, a copy, a script…
    case outside
  }

  /// The account's identifier, when the change was made by a signed-in or authenticated account.
  public var account: String?
  public var role: Role?
  public var channel: Channel
  /// For CLI changes made without an account: the system user name, as the system gave it.
  public var systemUser: String?

  public init(account: String?, role: Role?, channel: Channel, systemUser: String? = nil) {
    self.account = account
    self.role = role
    self.channel = channel
    self.systemUser = systemUser
  }

  /// A change found on disk.
  public static let outside = JournalActor(account: nil, role: nil, channel: .outside)

  /// How the journal and the pages name this actor, in French.
  public var libelle: String {
    switch channel {
    case .outside: return "hors application (modification trouvée sur le disque)"
    case .web: return "\(account ?? "?") (\(role?.rawValue ?? "?"), application web)"
    case .commandLine:
      if let account { return "\(account) (\(role?.rawValue ?? "?"), ligne de commande)" }
      return "ligne de commande (compte système : \(systemUser ?? "inconnu"))"
    }
  }
}

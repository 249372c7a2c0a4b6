public import Foundation

/// A signed-in person, as the pages and the journal see them.
public struct SignedIn: Sendable, Equatable {
  public var account: String
  public var name: String?
  public var role: Role

  public init(account: String, name: String?, role: Role) {
    self.account = account
    self.name = name
    self.role = role
  }

  public var actor: JournalActor { JournalActor(account: account, role: role, channel: .web) }
  public var displayName: String { name.map { "\($0) (\(account))" } ?? account }
}

/// Server-side sessions, in memory: a random 256-bit token in an HttpOnly, Secure, SameSite=Strict cookie.
/// A session ends after 30 minutes without a request or 8 hours after sign-in, whichever comes first.
public final class SessionStore: @unchecked Sendable {
  public static let cookieName = "registre_session"
  public static let idleLimit: TimeInterval = 30 * 60
  public static let absoluteLimit: TimeInterval = 8 * 3600
  public init() {}

  private struct Session {
    var user: SignedIn
    var created: Date
    var seen: Date
  }
  private let lock = NSLock()
  private var sessions: [String: Session] = [:]

  public func open(_ user: SignedIn, now: Date = Date()) -> String {
    var generator = SystemRandomNumberGenerator()
    let token = (0..<4).map { _ in
      let hex = String(generator.next() as UInt64, radix: 16)
      return String(repeating: "0", count: 16 - hex.count) + hex
    }.joined()
    lock.lock()
    defer { lock.unlock() }
    sessions = sessions.filter { Self.isLive($0.value, now) }
    sessions[token] = Session(user: user, created: now, seen: now)
    return token
  }

  public func user(_ token: String, now: Date = Date()) -> SignedIn? {
    lock.lock()
    defer { lock.unlock() }
    guard var session = sessions[token] else { return nil }
    guard Self.isLive(session, now) else {
      sessions[token] = nil
      return nil
    }
    session.seen = now
    sessions[token] = session
    return session.user
  }

  public func close(_ token: String) {
    lock.lock()
    sessions[token] = nil
    lock.unlock()
  }

  private static func isLive(_ session: Session, _ now: Date) -> Bool {
    now.timeIntervalSince(session.seen) < idleLimit && now.timeIntervalSince(session.created) < absoluteLimit
  }

  public static func setCookie(_ token: String) -> String {
    "\(cookieName)=\(token); Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=\(Int(absoluteLimit))"
  }

  public static let clearCookie = "\(cookieName)=; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=0"

  /// The session token of a `Cookie` header's value, if it holds one.
  public static func token(inCookieHeader field: String) -> String? {
    for part in field.split(separator: ";") {
      let pair = part.trimmingCharacters(in: .whitespaces)
      if pair.hasPrefix(cookieName + "=") { return String(pair.dropFirst(cookieName.count + 1)) }
    }
    return nil
  }
}

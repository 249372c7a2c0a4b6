public import Foundation

/// Limits sign-in attempts (issue 18): after `allowedFailures` wrong passwords for one identifier within
/// `window`, that identifier is refused until `window` has passed since its last failure; past
/// `globalFailures` failures in a window across all identifiers, every attempt waits likewise.
/// In memory: a restart clears it, which a person at the server's console could do anyway.
public final class SignInThrottle: @unchecked Sendable {
  public let allowedFailures: Int
  public let globalFailures: Int
  public let window: TimeInterval
  private let lock = NSLock()
  private var failures: [String: [Date]] = [:]
  private var all: [Date] = []

  public init(allowedFailures: Int = 5, globalFailures: Int = 50, window: TimeInterval = 15 * 60) {
    self.allowedFailures = allowedFailures
    self.globalFailures = globalFailures
    self.window = window
  }

  /// When `identifier` may try again, or nil when it may try now.
  public func blockedUntil(_ identifier: String, now: Date = Date()) -> Date? {
    lock.lock()
    defer { lock.unlock() }
    prune(now)
    if let list = failures[identifier], list.count >= allowedFailures, let last = list.last {
      return last.addingTimeInterval(window)
    }
    if all.count >= globalFailures, let last = all.last { return last.addingTimeInterval(window) }
    return nil
  }

  public func recordFailure(_ identifier: String, now: Date = Date()) {
    lock.lock()
    defer { lock.unlock() }
    prune(now)
    failures[identifier, default: []].append(now)
    all.append(now)
  }

  public func recordSuccess(_ identifier: String) {
    lock.lock()
    defer { lock.unlock() }
    failures[identifier] = nil
  }

  private func prune(_ now: Date) {
    let horizon = now.addingTimeInterval(-window)
    for (key, list) in failures {
      let kept = list.filter { $0 > horizon }
      failures[key] = kept.isEmpty ? nil : kept
    }
    all = all.filter { $0 > horizon }
  }
}

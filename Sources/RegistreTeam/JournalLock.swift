import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The lock of one journal: a recursive in-process lock (so that a journaled write may append from its body)
/// and, while held, an exclusive `flock` on the lock file beside the journal (so that two processes — the
/// server and a command — never interleave their appends).
final class JournalLock: @unchecked Sendable {
  private let mutex = NSRecursiveLock()
  /// How many times the current owner holds the lock; guarded by `mutex`.
  private var depth = 0
  /// The lock file's descriptor while held; guarded by `mutex`.
  private var descriptor: Int32 = -1
  let path: String

  private init(path: String) { self.path = path }

  private final class Registry: @unchecked Sendable {
    let lock = NSLock()
    /// Guarded by `lock`.
    var locks: [String: JournalLock] = [:]
  }
  private static let registry = Registry()

  /// The one lock of the lock file at `path` in this process.
  static func forFile(_ path: String) -> JournalLock {
    registry.lock.lock()
    defer { registry.lock.unlock() }
    if let lock = registry.locks[path] { return lock }
    let lock = JournalLock(path: path)
    registry.locks[path] = lock
    return lock
  }

  /// Whether the calling thread already holds the lock (inside `perform`).
  var isHeldByCaller: Bool {
    guard mutex.try() else { return false }
    defer { mutex.unlock() }
    return depth > 0
  }

  /// Runs `body` under the lock. Throws when the lock file cannot be opened or locked.
  func perform<T>(_ body: () throws -> T) throws -> T {
    mutex.lock()
    defer { mutex.unlock() }
    if depth == 0 {
      let opened = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o640)
      guard opened >= 0 else {
        throw JournalError("\(Journal.lockFileName) : ouverture impossible (\(String(cString: strerror(errno)))).")
      }
      while flock(opened, LOCK_EX) != 0 {
        let code = errno
        if code == EINTR { continue }
        close(opened)
        throw JournalError("\(Journal.lockFileName) : verrouillage impossible (\(String(cString: strerror(code)))).")
      }
      descriptor = opened
    }
    depth += 1
    defer {
      depth -= 1
      if depth == 0 {
        flock(descriptor, LOCK_UN)
        close(descriptor)
        descriptor = -1
      }
    }
    return try body()
  }
}

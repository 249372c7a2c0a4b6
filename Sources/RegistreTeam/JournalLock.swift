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

  static let busy = JournalError(
    "Le journal est occupé par une autre écriture depuis plus de \(Int(patience)) secondes : rien n'a été écrit ; réessayez.")

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

  /// How long a caller waits for another thread or process to finish its journaled write before giving up
  /// with an error (a journaled write takes milliseconds; a holder stuck longer is not waited for forever).
  static let patience: TimeInterval = 30

  /// Runs `body` under the lock. Throws when the lock file cannot be opened or locked.
  func perform<T>(_ body: () throws -> T) throws -> T {
    let deadline = Date(timeIntervalSinceNow: Self.patience)
    guard mutex.lock(before: deadline) else { throw Self.busy }
    defer { mutex.unlock() }
    if depth == 0 {
      let opened = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o640)
      guard opened >= 0 else {
        throw JournalError("\(Journal.lockFileName) : ouverture impossible (\(String(cString: strerror(errno)))).")
      }
      while flock(opened, LOCK_EX | LOCK_NB) != 0 {
        let code = errno
        if code == EINTR { continue }
        guard code == EWOULDBLOCK, Date() < deadline else {
          close(opened)
          if code == EWOULDBLOCK { throw Self.busy }
          throw JournalError("\(Journal.lockFileName) : verrouillage impossible (\(String(cString: strerror(code)))).")
        }
        usleep(5_000)
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

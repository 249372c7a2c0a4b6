import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A child process started with posix_spawn rather than Foundation's `Process`: on Linux a
/// child spawned from a test thread inherits that thread's blocked signals (so SIGTERM is
/// ignored and `waitUntilExit` never returns). Here the child gets an empty signal mask and
/// default handlers, and is killed and reaped directly.
final class ChildProcess {
  let pid: pid_t
  private var reaped = false
  private var exitStatus: Int32 = 0

  /// Starts `arguments` (looked up in PATH) with stdout to /dev/null and stderr to `errorLog`.
  init(_ arguments: [String], errorLog: URL) throws {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, errorLog.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var empty = sigset_t()
    sigemptyset(&empty)
    posix_spawnattr_setsigmask(&attributes, &empty)
    var defaults = sigset_t()
    sigemptyset(&defaults)
    for signal in [SIGTERM, SIGINT, SIGPIPE, SIGHUP] { sigaddset(&defaults, signal) }
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

    let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid: pid_t = 0
    let status = posix_spawnp(&pid, arguments[0], &actions, &attributes, argv, environ)
    guard status == 0 else {
      throw FixtureError(description: "impossible de lancer \(arguments[0]) (\(String(cString: strerror(status))))")
    }
    self.pid = pid
  }

  /// Whether the child still runs (reaps it if it ended).
  var isRunning: Bool {
    if reaped { return false }
    var status: Int32 = 0
    let result = waitpid(pid, &status, WNOHANG)
    if result == pid {
      reaped = true
      exitStatus = status
      return false
    }
    return result == 0
  }

  /// Waits for the end of the child and returns its exit code (-1 when killed by a signal).
  @discardableResult
  func wait() -> Int32 {
    if !reaped {
      var status: Int32 = 0
      while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
      reaped = true
      exitStatus = status
    }
    return (exitStatus & 0x7f) == 0 ? (exitStatus >> 8) & 0xff : -1
  }

  /// Kills the child (SIGKILL: nothing to clean up in a test server) and reaps it.
  func kill() {
    if !reaped {
      _ = Glibc.kill(pid, SIGKILL)
      wait()
    }
  }

  deinit {
    kill()
  }
}

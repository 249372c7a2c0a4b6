public import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Errors of the test fixtures themselves (a tool missing, a server that will not start).
public struct FixtureError: Error, CustomStringConvertible {
  public var description: String
  public init(description: String) { self.description = description }
}

/// A child process started with posix_spawn rather than Foundation's `Process`: on Linux a
/// child spawned from a test thread inherits that thread's blocked signals (so SIGTERM is
/// ignored and `waitUntilExit` never returns). Here the child gets an empty signal mask and
/// default handlers, and is killed and reaped directly. The one way tests start programs.
public final class ChildProcess: @unchecked Sendable {
  public let pid: pid_t
  private var reaped = false
  private var exitStatus: Int32 = 0

  /// Where a standard stream of the child goes.
  public enum Output: Sendable {
    case null
    /// A file, created or truncated, readable by the owner only.
    case file(URL)
    /// The same file as standard output (standard error only).
    case standardOutput
  }

  /// Starts `arguments` (`arguments[0]` looked up in PATH) with standard input from /dev/null, or from `input`.
  /// - Parameters:
  ///   - directory: the child's working directory; the test process's own when nil.
  ///   - environment: variables added to, replacing or (with a nil value) removed from the test process's
  ///     environment.
  ///   - newProcessGroup: the child leads a process group of its own.
  public init(
    _ arguments: [String], output: Output = .null, errors: Output = .null, directory: URL? = nil,
    environment: [String: String?] = [:], newProcessGroup: Bool = false, input: URL? = nil
  ) throws {
    guard !arguments.isEmpty else { throw FixtureError(description: "aucun programme à lancer") }
    // posix_spawn_file_actions_addchdir_np is not visible to Swift: a shell changes folder, then becomes the program.
    let arguments = directory.map { ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", $0.path] + arguments } ?? arguments
    let program = arguments[0]
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, input?.path ?? "/dev/null", O_RDONLY, 0)
    for (descriptor, target) in [(Int32(1), output), (Int32(2), errors)] {
      switch target {
      case .null: posix_spawn_file_actions_addopen(&actions, descriptor, "/dev/null", O_WRONLY, 0)
      case .file(let url):
        posix_spawn_file_actions_addopen(&actions, descriptor, url.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
      case .standardOutput: posix_spawn_file_actions_adddup2(&actions, 1, descriptor)
      }
    }

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
    var flags = POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF
    if newProcessGroup {
      posix_spawnattr_setpgroup(&attributes, 0)
      flags |= POSIX_SPAWN_SETPGROUP
    }
    posix_spawnattr_setflags(&attributes, Int16(flags))

    var variables = ProcessInfo.processInfo.environment
    for (name, value) in environment { variables[name] = value }
    let environ: [UnsafeMutablePointer<CChar>?] = variables.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { environ.forEach { free($0) } }
    let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid: pid_t = 0
    let status = posix_spawnp(&pid, program, &actions, &attributes, argv, environ)
    guard status == 0 else {
      throw FixtureError(description: "impossible de lancer \(program) (\(String(cString: strerror(status))))")
    }
    self.pid = pid
  }

  /// Starts `arguments` with standard output to /dev/null and standard error to `errorLog`.
  public convenience init(_ arguments: [String], errorLog: URL) throws {
    try self.init(arguments, errors: .file(errorLog))
  }

  /// Whether the child still runs (reaps it if it ended).
  public var isRunning: Bool {
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
  public func wait() -> Int32 {
    if !reaped {
      var status: Int32 = 0
      while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
      reaped = true
      exitStatus = status
    }
    return (exitStatus & 0x7f) == 0 ? (exitStatus >> 8) & 0xff : -1
  }

  /// Kills the child (SIGKILL: nothing to clean up in a test) and reaps it.
  public func kill() {
    if !reaped {
      #if canImport(Glibc)
        _ = Glibc.kill(pid, SIGKILL)
      #else
        _ = Darwin.kill(pid, SIGKILL)
      #endif
      wait()
    }
  }

  /// The child's descendants, read from /proc (a descendant may lead a process group of its own, so the
  /// group alone does not find them all).
  public var descendants: [pid_t] {
    var parents: [pid_t: pid_t] = [:]
    for number in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    where number.allSatisfy(\.isNumber) {
      guard let process = pid_t(number),
        let stat = try? String(contentsOfFile: "/proc/\(number)/stat", encoding: .utf8),
        let end = stat.lastIndex(of: ")")
      else { continue }
      let fields = stat[stat.index(after: end)...].split(separator: " ")
      if fields.count > 1, let parent = pid_t(fields[1]) { parents[process] = parent }
    }
    var result: [pid_t] = []
    var toVisit = [pid]
    while let current = toVisit.popLast() {
      for (child, parent) in parents where parent == current && !result.contains(child) {
        result.append(child)
        toVisit.append(child)
      }
    }
    return result
  }

  /// The command line of a process, read from /proc; empty when it has ended.
  public static func commandLine(of process: pid_t) -> String {
    guard let bytes = try? Data(contentsOf: URL(fileURLWithPath: "/proc/\(process)/cmdline")) else { return "" }
    return String(decoding: bytes.map { $0 == 0 ? 0x20 : $0 }, as: UTF8.self)
  }

  /// SIGKILL to the child first, then to what it had started.
  public func killWithDescendants() {
    guard !reaped else { return }
    let remaining = descendants
    kill()
    for process in remaining {
      #if canImport(Glibc)
        _ = Glibc.kill(process, SIGKILL)
      #else
        _ = Darwin.kill(process, SIGKILL)
      #endif
    }
  }

  deinit {
    kill()
  }
}

import CRegistreLimits
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Runs one program to completion without blocking a Swift concurrency thread,
/// with a wall-clock limit and cancellation. Output goes to a file, not a pipe,
/// so a chatty program can never fill a pipe and stall.
///
/// The child is started with `posix_spawn` (not Foundation's `Process`, which
/// puts each child in a process group of its own): it stays in this process's
/// group, so whatever stops the whole group (Ctrl-C in a terminal, a service
/// manager, `kill -9 -PGID`) stops FOP too; on Linux it is also killed when
/// `registre` itself is (`kill -9 PID`), so no JVM outlives a killed export.
/// Its environment is exactly the one given, and no descriptor but the log leaks.
enum ProcessRunner {
  /// Shared between the waiting thread, the watchdog and the caller.
  private final class State: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<Int32, Never>?
    private var finished = false
    private var pid: pid_t = 0
    private var stopRequested = false
    private(set) var timedOut = false

    func arm(_ continuation: CheckedContinuation<Int32, Never>) {
      lock.lock()
      self.continuation = continuation
      lock.unlock()
    }

    func started(_ pid: pid_t) {
      lock.lock()
      self.pid = pid
      // A time-out or a cancellation that came before the child existed.
      let stopNow = stopRequested
      lock.unlock()
      if stopNow { kill(pid, SIGKILL) }
    }

    func finish(_ status: Int32) {
      lock.lock()
      finished = true
      let waiting = continuation
      continuation = nil
      lock.unlock()
      waiting?.resume(returning: status)
    }

    /// Stops the process: SIGTERM, then SIGKILL if it lingers. The pid is not
    /// reaped before `finished` is set, so it cannot name another process.
    func stop(becauseOfTimeout: Bool) {
      lock.lock()
      if becauseOfTimeout { timedOut = true }
      stopRequested = true
      let running = !finished
      let pid = self.pid
      lock.unlock()
      guard running, pid > 0 else { return }
      kill(pid, SIGTERM)
      DispatchQueue.global().asyncAfter(deadline: .now() + 3) { [self] in
        lock.lock()
        let stillRunning = !finished
        lock.unlock()
        if stillRunning { kill(pid, SIGKILL) }
      }
    }
  }

  static func run(
    program: URL, arguments: [String], environment: [String: String], workingDirectory: URL,
    log: URL, timeout: Duration
  ) async throws(RenderError) -> Int32 {
    let logDescriptor = open(log.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o600)
    guard logDescriptor >= 0 else {
      throw .fileSystem(operation: "création", path: log.path, detail: "journal de FOP")
    }
    defer { close(logDescriptor) }

    let state = State()
    let status: Int32 = await withTaskCancellationHandler {
      await withCheckedContinuation { (continuation: CheckedContinuation<Int32, Never>) in
        state.arm(continuation)
        // One plain thread starts the child and blocks in waitpid for it: on Linux the child
        // dies with the thread that started it (PR_SET_PDEATHSIG), so that thread must live
        // as long as the child, and a killed `registre` takes its FOP with it.
        let waiter = Thread {
          guard let pid = spawn(program, arguments, environment, workingDirectory, logDescriptor) else {
            state.finish(-1)
            return
          }
          state.started(pid)
          let raw = registre_wait(pid)
          state.finish(raw < 0 ? -2 : decode(raw))
        }
        waiter.start()
        let seconds = Double(timeout.components.seconds)
          + Double(timeout.components.attoseconds) / 1e18
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds) {
          state.stop(becauseOfTimeout: true)
        }
      }
    } onCancel: {
      state.stop(becauseOfTimeout: false)
    }
    if state.timedOut { throw .timedOut(seconds: Int(timeout.components.seconds)) }
    if Task.isCancelled { throw .cancelled }
    if status == -1 {
      throw .rendererMissing(program: program.path, package: FOPRenderer.package)
    }
    return status
  }

  /// Exit status as `Process.terminationStatus` gives it: the code, or the signal number.
  static func decode(_ raw: Int32) -> Int32 {
    let signal = raw & 0x7f
    return signal == 0 ? (raw >> 8) & 0xff : signal
  }

  /// Starts the child (see `registre_spawn_piped`); `input` and `output` of -1 mean
  /// /dev/null and the log. Call from a thread that lives until the child is reaped.
  static func spawn(
    _ program: URL, _ arguments: [String], _ environment: [String: String], _ directory: URL,
    _ log: Int32, input: Int32 = -1, output: Int32 = -1
  ) -> pid_t? {
    let argv = ([program.path] + arguments).map { strdup($0) }
    let envp = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") }
    defer {
      for pointer in argv { free(pointer) }
      for pointer in envp { free(pointer) }
    }
    guard !argv.contains(nil), !envp.contains(nil) else { return nil }
    var pid: Int32 = 0
    let error = (argv + [nil]).withUnsafeBufferPointer { argvBuffer in
      (envp + [nil]).withUnsafeBufferPointer { envpBuffer in
        registre_spawn_piped(
          &pid, program.path, argvBuffer.baseAddress, envpBuffer.baseAddress, directory.path, input, output, log)
      }
    }
    return error == 0 && pid > 0 ? pid : nil
  }
}

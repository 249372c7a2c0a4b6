import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Runs one program to completion without blocking a Swift concurrency thread,
/// with a wall-clock limit and cancellation. Output goes to a file, not a pipe,
/// so a chatty program can never fill a pipe and stall.
enum ProcessRunner {
  /// Shared between the termination handler, the watchdog and the caller.
  private final class State: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<Int32, Never>?
    private var finished = false
    private(set) var timedOut = false
    let process: Process

    init(process: Process) { self.process = process }

    func arm(_ continuation: CheckedContinuation<Int32, Never>) {
      lock.lock()
      self.continuation = continuation
      lock.unlock()
    }

    func finish(_ status: Int32) {
      lock.lock()
      finished = true
      let waiting = continuation
      continuation = nil
      lock.unlock()
      waiting?.resume(returning: status)
    }

    /// Stops the process: SIGTERM, then SIGKILL if it lingers.
    func stop(becauseOfTimeout: Bool) {
      lock.lock()
      if becauseOfTimeout { timedOut = true }
      let running = !finished
      lock.unlock()
      guard running else { return }
      let pid = process.processIdentifier
      guard pid > 0 else { return }
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
    guard FileManager.default.createFile(atPath: log.path, contents: nil),
      let logHandle = try? FileHandle(forWritingTo: log)
    else {
      throw .fileSystem(operation: "création", path: log.path, detail: "journal de FOP")
    }
    defer { try? logHandle.close() }

    let process = Process()
    process.executableURL = program
    process.arguments = arguments
    process.environment = environment
    process.currentDirectoryURL = workingDirectory
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = logHandle
    process.standardError = logHandle
    let state = State(process: process)
    process.terminationHandler = { finished in state.finish(finished.terminationStatus) }

    let status: Int32 = await withTaskCancellationHandler {
      await withCheckedContinuation { (continuation: CheckedContinuation<Int32, Never>) in
        state.arm(continuation)
        do {
          try process.run()
        } catch {
          state.finish(-1)
          return
        }
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
    if status == -1 && !process.isRunning && process.processIdentifier <= 0 {
      throw .rendererMissing(program: program.path, package: FOPRenderer.package)
    }
    return status
  }
}

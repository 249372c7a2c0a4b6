import Foundation
import HTTPTypes
import RegistreSupport

/// The document jobs of the Documents page (issue 22): a POST starts the work in the background
/// and answers at once with the address of its page, which shows where the work stands (the same
/// `ProgressReport` steps the CLI shows on a terminal) until it shows the outcome.
///
/// One job at a time per server: documents are rendered by one FOP service whose documents in
/// flight are bounded anyway, and two productions into the same `documents/` folder would race for
/// the same files. Jobs live in memory only; a finished one is forgotten `retention` after it ended.
final class DocumentJobs: @unchecked Sendable {
  /// What a finished job shows: the Documents page exactly as it was shown after producing.
  struct Outcome: Sendable {
    var messages: [String]
    var problems: [String]
    var status: HTTPResponse.Status
  }

  /// One job as its page shows it.
  struct Snapshot: Sendable {
    var id: String
    /// French: « production du registre », « export annuel 2026 »…
    var title: String
    /// The last step reported, nil before the first one.
    var step: ProgressStep?
    /// Since the job started, to now or to its end.
    var elapsed: Duration
    var outcome: Outcome?
  }

  enum Start: Sendable, Equatable {
    case started(id: String)
    /// Another job runs: its id.
    case busy(id: String)
  }

  /// The work of a job: reports its steps through the report it is given, returns its outcome.
  typealias Work = @Sendable (_ progress: @escaping ProgressReport) async -> Outcome

  private final class Job {
    let id: String
    let title: String
    let started = ContinuousClock.now
    var step: ProgressStep?
    var outcome: Outcome?
    var ended: ContinuousClock.Instant?
    var task: Task<Void, Never>?

    init(id: String, title: String) {
      self.id = id
      self.title = title
    }
  }

  /// How long a finished job stays readable.
  let retention: Duration
  /// Tests only: awaited after the work and before its outcome is recorded, so that a test sees
  /// a job still running, deterministically, without timing anything.
  private let hold: (@Sendable () async -> Void)?

  private let lock = NSLock()
  private var jobs: [String: Job] = [:]
  private var running: String?
  private var waiters: [CheckedContinuation<Void, Never>] = []

  init(retention: Duration = .seconds(600), hold: (@Sendable () async -> Void)? = nil) {
    self.retention = retention
    self.hold = hold
  }

  /// Starts `work` in the background, unless a job already runs.
  func start(title: String, work: @escaping Work) -> Start {
    lock.lock()
    defer { lock.unlock() }
    prune()
    if let running { return .busy(id: running) }
    let id = Self.newID()
    let job = Job(id: id, title: title)
    jobs[id] = job
    running = id
    let hold = self.hold
    // Detached: the job outlives the request that started it, and is not cancelled with it.
    job.task = Task.detached { [self] in
      let outcome = await work { step in self.report(step, to: id) }
      await hold?()
      self.finish(id, outcome)
    }
    return .started(id: id)
  }

  /// The job `id`, or nil when it is unknown or was forgotten.
  func snapshot(_ id: String) -> Snapshot? {
    lock.lock()
    defer { lock.unlock() }
    prune()
    guard let job = jobs[id] else { return nil }
    return Snapshot(
      id: job.id, title: job.title, step: job.step, elapsed: (job.ended ?? .now) - job.started, outcome: job.outcome)
  }

  /// The running job's id, if any.
  var runningID: String? {
    lock.lock()
    defer { lock.unlock() }
    return running
  }

  /// At server shutdown: the running job, if any, is cancelled (rendering stops at its next check,
  /// `RenderError.cancelled`, and nothing half-written is left: every output is written atomically),
  /// then waited for at most `bound`; past it, shutdown goes on and the process ends with the job.
  func shutDown(within bound: Duration) async {
    let task = lock.withLock { running.flatMap { jobs[$0]?.task } }
    guard let task else { return }
    task.cancel()
    let timer = TimerBox()
    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
      lock.lock()
      guard running != nil else {
        lock.unlock()
        continuation.resume()
        return
      }
      waiters.append(continuation)
      lock.unlock()
      // Not a child of the caller: it sleeps its bound even when the caller is cancelled.
      timer.task = Task.detached { [self] in
        try? await Task.sleep(for: bound)
        if !Task.isCancelled { releaseWaiters() }
      }
    }
    timer.task?.cancel()
  }

  /// The bound's timer, set inside the continuation's body and cancelled by the same task after it.
  private final class TimerBox: @unchecked Sendable {
    var task: Task<Void, Never>?
  }

  // MARK: Private

  private func report(_ step: ProgressStep, to id: String) {
    lock.lock()
    jobs[id]?.step = step
    lock.unlock()
  }

  private func finish(_ id: String, _ outcome: Outcome) {
    lock.lock()
    if let job = jobs[id] {
      job.outcome = outcome
      job.ended = .now
      job.task = nil
    }
    if running == id { running = nil }
    lock.unlock()
    releaseWaiters()
  }

  private func releaseWaiters() {
    lock.lock()
    let waiting = waiters
    waiters = []
    lock.unlock()
    for waiter in waiting { waiter.resume() }
  }

  /// Under the lock: forgets the jobs finished more than `retention` ago.
  private func prune() {
    let now = ContinuousClock.now
    jobs = jobs.filter { _, job in job.ended.map { now - $0 <= retention } ?? true }
  }

  /// 128 random bits in hex: a job's page cannot be guessed from another's.
  private static func newID() -> String {
    var generator = SystemRandomNumberGenerator()
    return (0..<2).map { _ in
      let hex = String(generator.next() as UInt64, radix: 16)
      return String(repeating: "0", count: 16 - hex.count) + hex
    }.joined()
  }
}

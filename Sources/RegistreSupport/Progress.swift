public import Foundation

/// Where a long job stands (issue 22): what is being done, how many of how many, since when.
/// Library entry points take an optional `ProgressReport`; front ends show it (the CLI on
/// standard error when it is a terminal), the library never prints.
public struct ProgressStep: Sendable, Equatable {
  /// French, for the user: « Rendu des PDF », « Audit du lot »…
  public var activity: String
  public var done: Int
  public var total: Int
  /// Since the activity started.
  public var elapsed: Duration

  public init(activity: String, done: Int, total: Int, elapsed: Duration) {
    self.activity = activity
    self.done = done
    self.total = total
    self.elapsed = elapsed
  }

  public var isFinished: Bool { done >= total }

  /// The line every front end shows, in French: « Rendu des PDF : 3 / 40 (12 s) » (the CLI on
  /// standard error, the web application's job page).
  public var summary: String {
    "\(activity) : \(done) / \(total) (\(elapsed.components.seconds) s)"
  }
}

/// Called from any thread, in order for one activity; must be quick.
public typealias ProgressReport = @Sendable (ProgressStep) -> Void

/// Counts the finished items of one activity from any thread and reports each step
/// (0 of N at the start, then every item).
public final class ProgressCounter: @unchecked Sendable {
  private let activity: String
  private let total: Int
  private let report: ProgressReport?
  private let start = ContinuousClock.now
  private let lock = NSLock()
  private var done = 0

  public init(_ activity: String, total: Int, report: ProgressReport?) {
    self.activity = activity
    self.total = total
    self.report = report
    report?(ProgressStep(activity: activity, done: 0, total: total, elapsed: .zero))
  }

  /// One more item done.
  public func advance() {
    guard let report else { return }
    lock.lock()
    done += 1
    let step = ProgressStep(activity: activity, done: done, total: total, elapsed: ContinuousClock.now - start)
    // Reported under the lock, so that steps arrive in order.
    report(step)
    lock.unlock()
  }
}

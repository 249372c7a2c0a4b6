public import Foundation

/// Bounds on probing many endpoints (a vendor's sheet sets how many there are):
/// a pool of a few probes at a time, and a bound on the whole run.
public struct TLSProbeBounds: Sendable, Equatable {
  /// Probes running at once (each on its own thread, blocking waits bounded by the step time-out).
  public var concurrency: Int
  /// Bound on the whole run; endpoints not finished by then are reported as timed out.
  public var total: Duration

  public init(concurrency: Int, total: Duration) {
    self.concurrency = max(1, concurrency)
    self.total = total
  }

  /// 8 probes at a time, 120 s in all.
  public static let standard = TLSProbeBounds(concurrency: 8, total: .seconds(120))
}

extension TLSProbe {
  /// Probes `endpoints` with a bounded pool and a bound on the whole run, results in the
  /// order of `endpoints`. An endpoint still running (or not started) when `bounds.total`
  /// has passed comes back as `timeout`, with a detail saying so; its thread finishes on
  /// its own within its step time-outs and its result is dropped.
  public static func probe(
    endpoints: [URL], timeout: Duration, trustAnchors: TrustAnchors, now: Date, bounds: TLSProbeBounds
  ) -> [Result<TLSProbeReport, TLSProbeError>] {
    let results = ResultSlots(count: endpoints.count)
    let slots = DispatchSemaphore(value: bounds.concurrency)
    let group = DispatchGroup()
    let seconds = Double(bounds.total.components.seconds) + Double(bounds.total.components.attoseconds) / 1e18
    let deadline = DispatchTime.now() + seconds
    for (index, endpoint) in endpoints.enumerated() {
      guard slots.wait(timeout: deadline) == .success else { break }
      group.enter()
      let thread = Thread {
        let result = Result { () throws(TLSProbeError) -> TLSProbeReport in
          try probe(endpoint: endpoint, timeout: timeout, trustAnchors: trustAnchors, now: now)
        }
        results.set(index, result)
        slots.signal()
        group.leave()
      }
      thread.start()
    }
    _ = group.wait(timeout: deadline)
    let detail =
      "non terminé dans la durée totale de la sonde (\(bounds.total.components.seconds) s pour "
      + "\(endpoints.count) adresse(s), \(bounds.concurrency) à la fois)"
    return endpoints.enumerated().map { index, endpoint in
      results.get(index) ?? unfinished(endpoint, detail: detail, now: now)
    }
  }

  /// The report of an endpoint the overall bound cut off.
  static func unfinished(_ endpoint: URL, detail: String, now: Date) -> Result<TLSProbeReport, TLSProbeError> {
    Result { () throws(TLSProbeError) -> TLSProbeReport in
      let target = try Target(endpoint)
      var report = TLSProbeReport(
        endpoint: endpoint.absoluteString, host: target.host, port: target.port, probedAt: now, status: .timeout)
      report.detail = detail
      report.attempts = TLSVersion.probeOrder.map {
        ProtocolAttempt(version: $0, status: .notAttempted, detail: detail)
      }
      report.verdict = TLSJudge.judge(report, now: now)
      return report
    }
  }
}

/// Results written by the probe threads, read by the caller; guarded by a lock.
private final class ResultSlots: @unchecked Sendable {
  private let lock = NSLock()
  private var values: [Result<TLSProbeReport, TLSProbeError>?]

  init(count: Int) {
    values = Array(repeating: nil, count: count)
  }

  func set(_ index: Int, _ value: Result<TLSProbeReport, TLSProbeError>) {
    lock.lock()
    values[index] = value
    lock.unlock()
  }

  func get(_ index: Int) -> Result<TLSProbeReport, TLSProbeError>? {
    lock.lock()
    defer { lock.unlock() }
    return values[index]
  }
}

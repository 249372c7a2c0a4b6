import Foundation

/// A point in time after which a network step gives up. Every blocking wait in the probe goes
/// through `remainingMilliseconds`, which is what keeps a silent server from hanging the tool.
struct Deadline: Sendable {
  let instant: ContinuousClock.Instant

  init(after duration: Duration) {
    instant = ContinuousClock.now.advanced(by: duration)
  }

  var hasPassed: Bool { ContinuousClock.now >= instant }

  /// Milliseconds left, rounded up, never negative; suitable for `poll`.
  var remainingMilliseconds: Int32 {
    let left = ContinuousClock.now.duration(to: instant)
    if left <= .zero { return 0 }
    let (seconds, attoseconds) = left.components
    let milliseconds = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
    return Int32(clamping: milliseconds)
  }
}

/// Why a network step stopped. Messages are French because they end up in reports.
enum NetworkFailure: Error, Equatable {
  /// No answer within the bound.
  case timeout(String)
  /// Name not resolved, connection refused, network unreachable.
  case unreachable(String)
  /// The peer closed or reset the connection.
  case closed(String)
  /// A local failure (socket creation…).
  case local(String)

  var message: String {
    switch self {
    case .timeout(let text), .unreachable(let text), .closed(let text), .local(let text): text
    }
  }
}

extension Duration {
  /// Whole seconds as a French phrase (« 5 s »), for messages.
  var frenchSeconds: String {
    let (seconds, attoseconds) = components
    if attoseconds == 0 { return "\(seconds) s" }
    let value = Double(seconds) + Double(attoseconds) / 1e18
    return String(format: "%.1f s", value).replacingOccurrences(of: ".", with: ",")
  }
}

import Foundation

/// At most one FOP per core in the whole process: several renderers, or
/// several commands in one process, share the machine in turn instead of all
/// starting a JVM at once and racing their time-outs.
actor ProcessGate {
  static let fop = ProcessGate(width: ProcessInfo.processInfo.activeProcessorCount)

  private let width: Int
  private var running = 0
  private var waiting: [CheckedContinuation<Void, Never>] = []

  init(width: Int) {
    self.width = max(1, width)
  }

  /// Waits for a free slot; the caller must `leave()` once done.
  func enter() async {
    if running < width {
      running += 1
      return
    }
    await withCheckedContinuation { waiting.append($0) }
  }

  /// Hands the slot to the next waiting caller, or frees it.
  func leave() {
    if waiting.isEmpty {
      running -= 1
    } else {
      waiting.removeFirst().resume()
    }
  }
}

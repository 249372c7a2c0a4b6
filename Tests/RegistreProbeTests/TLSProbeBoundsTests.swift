import Foundation
import RegistreTestSupport
import Testing

@testable import RegistreProbe

#if canImport(Glibc)
  import Glibc
#endif

/// A vendor's sheet sets how many endpoints are probed (issue 24): 40 silent
/// endpoints once took 81 s in sequence. The probe now runs a bounded pool and
/// bounds the whole run.
@Suite struct TLSProbeBoundsTests {
  /// `count` listeners on 127.0.0.1 that accept TCP (the kernel completes the
  /// handshake) and never answer.
  private func withSilentListeners<T>(_ count: Int, _ body: ([URL]) throws -> T) throws -> T {
    var descriptors: [Int32] = []
    defer { for descriptor in descriptors { close(descriptor) } }
    var urls: [URL] = []
    for _ in 0..<count {
      let descriptor = try LocalServers.listeningSocket(host: "127.0.0.1", port: 0)
      descriptors.append(descriptor)
      urls.append(try #require(URL(string: "https://127.0.0.1:\(try LocalServers.boundPort(descriptor))/")))
    }
    return try body(urls)
  }

  @Test func fortySilentEndpointsAllEndAsTimeoutsWithinTheBound() throws {
    let clock = ContinuousClock()
    let start = clock.now
    let bounds = TLSProbeBounds(concurrency: 8, total: .seconds(60))
    let results = try withSilentListeners(40) { urls in
      TLSProbe.probe(endpoints: urls, timeout: .seconds(1), trustAnchors: .system, now: Date(), bounds: bounds)
    }
    let elapsed = clock.now - start
    #expect(results.count == 40)
    let reports = results.compactMap { try? $0.get() }
    #expect(reports.count == 40)
    #expect(reports.allSatisfy { $0.status == .timeout })
    #expect(reports.allSatisfy { $0.verdict.level == .indetermine })
    // Generous bound on a hang (the whole-run bound plus slack), not a speed measurement.
    #expect(elapsed < .seconds(90))
  }

  @Test func theWholeRunBoundCutsOffWhatIsLeftAndSaysSo() throws {
    // One probe at a time and 3 s in all: most of the 40 endpoints are never started.
    let bounds = TLSProbeBounds(concurrency: 1, total: .seconds(3))
    let results = try withSilentListeners(40) { urls in
      TLSProbe.probe(endpoints: urls, timeout: .seconds(1), trustAnchors: .system, now: Date(), bounds: bounds)
    }
    let reports = results.compactMap { try? $0.get() }
    #expect(reports.count == 40)
    let cut = reports.filter { $0.detail?.contains("durée totale de la sonde (3 s pour 40 adresse(s), 1 à la fois)") == true }
    #expect(cut.count >= 30, "\(cut.count)")
    #expect(cut.allSatisfy { $0.status == .timeout && $0.verdict.level == .indetermine })
    #expect(cut.allSatisfy { $0.attempts.allSatisfy { $0.status == .notAttempted } })
  }

  @Test func resultsKeepTheOrderOfTheEndpoints() throws {
    let bounds = TLSProbeBounds(concurrency: 4, total: .seconds(30))
    let closed = try LocalServers.closedPort()
    let urls = try ["http://exemple.fr/", "https://127.0.0.1:\(closed)/"].map { try #require(URL(string: $0)) }
    let results = TLSProbe.probe(endpoints: urls, timeout: .seconds(1), trustAnchors: .system, now: Date(), bounds: bounds)
    #expect(try results[0].get().status == .plainHTTP)
    #expect(try results[1].get().status == .unreachable)
  }
}

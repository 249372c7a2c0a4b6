public import Foundation
import Hummingbird
import NIOCore
import Logging

extension RegistreWebServer {
  /// Serves until SIGINT or SIGTERM; `onRunning` gets the address to open once listening.
  public static func run(_ options: ServerOptions, onRunning: @escaping @Sendable (String) -> Void) async throws {
    try await run(options, jobs: DocumentJobs(), onRunning: onRunning)
  }

  /// How long shutdown waits for a document job it has cancelled.
  static let jobShutdownBound: Duration = .seconds(5)

  /// `run` with the document jobs given (tests hold a job to see it running).
  static func run(
    _ options: ServerOptions, jobs: DocumentJobs, onRunning: @escaping @Sendable (String) -> Void
  ) async throws {
    let site = try await site(options, jobs: jobs)
    let router = try router(site: site)
    var logger = Logger(label: "registre-serveur")
    logger.logLevel = .warning
    let app = Application(
      router: router,
      configuration: ApplicationConfiguration(address: .hostname(options.host, port: options.port), serverName: nil),
      onServerRunning: { channel in
        let port = channel.localAddress?.port ?? options.port
        let host = options.host.contains(":") ? "[\(options.host)]" : options.host
        onRunning("http://\(host):\(port)/")
      },
      logger: logger)
    // Once the server has stopped answering (SIGINT, SIGTERM, or the task cancelled), a running
    // document job is cancelled and waited for, within a bound: shutdown never hangs on it.
    do {
      try await app.runService()
    } catch {
      await jobs.shutDown(within: jobShutdownBound)
      throw error
    }
    await jobs.shutDown(within: jobShutdownBound)
  }
}

public import Foundation
import Hummingbird
import NIOCore
import Logging

extension RegistreWebServer {
  /// Serves until SIGINT or SIGTERM; `onRunning` gets the address to open once listening.
  public static func run(_ options: ServerOptions, onRunning: @escaping @Sendable (String) -> Void) async throws {
    let router = try await router(options)
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
    try await app.runService()
  }
}

public import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The signing test PKI (`Resources/make-pki.sh`, openssl CLI): root, intermediate, RSA and EC signers, an expired
/// signer, a time-stamping authority, a TLS server certificate for localhost, a PKCS#12 and an encrypted PEM key.
public enum SigningPKI {
  /// Writes the PKI into `folder` (which must exist). Its private keys stay there: the caller removes the folder.
  public static func make(in folder: URL) throws {
    let script = try resource("make-pki.sh")
    let result = try ProcessRunner.run(["sh", script.path, folder.path])
    guard result.status == 0 else { throw FixtureError(description: "make-pki.sh : \(result.output)") }
  }

  static func resource(_ name: String) throws -> URL {
    guard let url = Bundle.module.url(forResource: "Resources/\(name)", withExtension: nil) else {
      throw FixtureError(description: "ressource de test absente : \(name)")
    }
    return url
  }
}

/// A loopback RFC 3161 time-stamping authority (`openssl ts -reply` behind Python's http.server), started by a
/// test and killed when released.
public final class LocalTSA {
  public let url: URL
  private let child: ChildProcess

  /// - Parameters:
  ///   - configuration: the `openssl ts` configuration that `SigningPKI` writes (`tsa.cnf`).
  ///   - tls: certificate and key to serve HTTPS with (on `localhost`); plain HTTP on 127.0.0.1 when nil.
  public init(configuration: URL, tls: (certificate: URL, key: URL)? = nil) throws {
    let script = try SigningPKI.resource("tsa_server.py")
    let portFile = configuration.deletingLastPathComponent().appendingPathComponent("tsa-\(UUID().uuidString).port")
    var arguments = ["python3", script.path, configuration.path]
    if let tls { arguments += [tls.certificate.path, tls.key.path] }
    child = try ChildProcess(arguments, output: .file(portFile))
    // Readiness wait, not a timing assertion: the server prints its port once it listens (at most 15 s).
    var port: Int?
    for _ in 0..<300 {
      let text = (try? String(contentsOf: portFile, encoding: .utf8)) ?? ""
      if text.hasSuffix("\n"), let number = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
        port = number
        break
      }
      guard child.isRunning else { break }
      usleep(50_000)
    }
    try? FileManager.default.removeItem(at: portFile)
    let address = tls == nil ? "http://127.0.0.1" : "https://localhost"
    guard let port, let url = URL(string: "\(address):\(port)/tsa") else {
      child.kill()
      throw FixtureError(description: "l'autorité d'horodatage de test n'a pas démarré")
    }
    self.url = url
  }

  deinit { child.kill() }
}

public import Foundation

/// Certificates made by the openssl CLI in a temporary folder, once per test run: a test CA,
/// and server certificates for localhost (good, expired, RSA-1024), for another host name, and
/// a self-signed one.
public struct TestPKI: Sendable {
  public struct Identity: Sendable {
    public var certificate: URL
    public var key: URL
  }

  public let folder: URL
  public let authority: URL
  public let good: Identity
  public let expired: Identity
  public let wrongHost: Identity
  public let selfSigned: Identity
  public let weakKey: Identity

  /// Shared by every test; made on first use.
  public static let shared: Result<TestPKI, FixtureError> = {
    do { return .success(try TestPKI()) } catch let error as FixtureError { return .failure(error) } catch {
      return .failure(FixtureError(description: "\(error)"))
    }
  }()

  public static func get() throws -> TestPKI { try shared.get() }

  private init() throws {
    folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("registre-sonde-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let caKey = folder.appendingPathComponent("ca.key")
    authority = folder.appendingPathComponent("ca.pem")
    try Self.openssl(
      "req", "-x509", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", caKey.path, "-out", authority.path,
      "-days", "365", "-subj", "/CN=Registre Test CA", "-addext", "basicConstraints=critical,CA:TRUE",
      "-addext", "keyUsage=critical,keyCertSign,cRLSign")
    let localhostNames = "DNS:localhost,IP:127.0.0.1,IP:::1"
    good = try Self.issue(
      "good", in: folder, caKey: caKey, ca: authority, commonName: "localhost", names: localhostNames,
      bits: 2048, days: 90, serial: 2)
    // A negative validity puts notAfter before the signing time: expired from the start.
    expired = try Self.issue(
      "expired", in: folder, caKey: caKey, ca: authority, commonName: "localhost", names: localhostNames,
      bits: 2048, days: -1, serial: 3)
    wrongHost = try Self.issue(
      "wrong-host", in: folder, caKey: caKey, ca: authority, commonName: "autre.example",
      names: "DNS:autre.example", bits: 2048, days: 90, serial: 4)
    weakKey = try Self.issue(
      "weak", in: folder, caKey: caKey, ca: authority, commonName: "localhost", names: localhostNames,
      bits: 1024, days: 30, serial: 5)
    let selfKey = folder.appendingPathComponent("self.key")
    let selfCertificate = folder.appendingPathComponent("self.pem")
    try Self.openssl(
      "req", "-x509", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", selfKey.path, "-out",
      selfCertificate.path, "-days", "30", "-subj", "/CN=localhost", "-addext", "subjectAltName=\(localhostNames)")
    selfSigned = Identity(certificate: selfCertificate, key: selfKey)
  }

  private static func issue(
    _ name: String, in folder: URL, caKey: URL, ca: URL, commonName: String, names: String, bits: Int,
    days: Int, serial: Int
  ) throws -> Identity {
    let key = folder.appendingPathComponent("\(name).key")
    let request = folder.appendingPathComponent("\(name).csr")
    let certificate = folder.appendingPathComponent("\(name).pem")
    let extensions = folder.appendingPathComponent("\(name).ext")
    try Data(
      "subjectAltName=\(names)\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n".utf8
    ).write(to: extensions)
    try openssl(
      "req", "-new", "-newkey", "rsa:\(bits)", "-nodes", "-keyout", key.path, "-out", request.path, "-subj",
      "/CN=\(commonName)")
    try openssl(
      "x509", "-req", "-in", request.path, "-CA", ca.path, "-CAkey", caKey.path, "-set_serial", "\(serial)",
      "-days", "\(days)", "-out", certificate.path, "-extfile", extensions.path)
    return Identity(certificate: certificate, key: key)
  }

  public static func openssl(_ arguments: String...) throws {
    let log = FileManager.default.temporaryDirectory.appendingPathComponent("registre-sonde-\(UUID().uuidString).log")
    defer { try? FileManager.default.removeItem(at: log) }
    let child = try ChildProcess(["openssl"] + arguments, errorLog: log)
    guard child.wait() == 0 else {
      let message = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
      throw FixtureError(description: "openssl \(arguments.joined(separator: " ")) : \(message)")
    }
  }
}

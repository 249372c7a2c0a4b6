import Foundation
import RegistreCrypto
import RegistreTestSupport
import Testing

@testable import RegistreSignature

/// Issue 23: the time-stamping request through the school's proxy (a real proxy on loopback that
/// reaches `*.test` names at 127.0.0.1): plain HTTP in absolute form, HTTPS through a CONNECT
/// tunnel with the authority's certificate still checked, and a refusal said in French.
@Suite("Horodatage par un proxy")
struct TimestampProxyTests {
  static func proxyLog() throws -> URL {
    try TemporaryFolder.make().appendingPathComponent("proxy.log")
  }

  @Test func aTimestampOverHTTPGoesThroughHttpProxy() throws {
    let fixtures = try Fixtures.get()
    let tsa = try LocalTSA(fixtures: fixtures)
    let port = try #require(tsa.url.port)
    let url = try #require(URL(string: "http://tsa.test:\(port)/tsa"))
    let log = try Self.proxyLog()
    let token = try LocalServers.withProxy(log: log) { proxy in
      try TimestampClient.token(for: Array("registre".utf8), url: url, environment: ["http_proxy": "http://127.0.0.1:\(proxy)"])
    }
    #expect(!token.isEmpty)
    #expect(try String(contentsOf: log, encoding: .utf8).contains("POST http://tsa.test:\(port)/tsa HTTP/1.1"))
    // Without the proxy, the .test name does not resolve: the token above came through it.
    #expect(throws: SignatureError.self) {
      try TimestampClient.token(for: Array("registre".utf8), url: url, environment: [:])
    }
  }

  @Test func aTimestampOverHTTPSGoesThroughATunnelAndTheAuthorityIsStillChecked() throws {
    let fixtures = try Fixtures.get()
    let tsa = try LocalTSA(fixtures: fixtures, https: true)
    let port = try #require(tsa.url.port)
    let url = try #require(URL(string: "https://tsa.test:\(port)/tsa"))
    let root = try Certificate.all(fromPEMOrDER: [UInt8](try fixtures.data("root.pem")))
    let log = try Self.proxyLog()
    let (token, unchecked) = try LocalServers.withProxy(log: log) { proxy in
      let environment = ["https_proxy": "http://127.0.0.1:\(proxy)"]
      let token = try TimestampClient.token(for: Array("registre".utf8), url: url, tlsAnchors: root, environment: environment)
      // Without the test root, the authority's TLS certificate is refused through the tunnel too.
      var refusal = ""
      do {
        _ = try TimestampClient.token(for: Array("registre".utf8), url: url, environment: environment)
      } catch {
        refusal = "\(error)"
      }
      return (token, refusal)
    }
    #expect(!token.isEmpty)
    #expect(try String(contentsOf: log, encoding: .utf8).contains("CONNECT tsa.test:\(port) HTTP/1.1"))
    #expect(unchecked.contains("TLS"), "\(unchecked)")
  }

  @Test func aProxyThatWantsCredentialsIsSaidInFrench() throws {
    let fixtures = try Fixtures.get()
    let tsa = try LocalTSA(fixtures: fixtures)
    let port = try #require(tsa.url.port)
    let url = try #require(URL(string: "http://tsa.test:\(port)/tsa"))
    let log = try Self.proxyLog()
    let (refusal, token) = try LocalServers.withProxy(credentials: "lycee:m0tdepasse", log: log) { proxy in
      var refusal = ""
      do {
        _ = try TimestampClient.token(for: [1], url: url, environment: ["http_proxy": "http://127.0.0.1:\(proxy)"])
      } catch {
        refusal = "\(error)"
      }
      let token = try TimestampClient.token(
        for: [1], url: url, environment: ["http_proxy": "http://lycee:m0tdepasse@127.0.0.1:\(proxy)"])
      return (refusal, token)
    }
    #expect(refusal.contains("demande une authentification (HTTP 407)"), "\(refusal)")
    #expect(!refusal.contains("m0tdepasse"))
    #expect(!token.isEmpty)
  }
}

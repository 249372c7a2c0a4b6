import Foundation
import RegistreSupport
import RegistreTestSupport
import Testing

@testable import RegistreProbe

/// Issue 23: the probe through the school's proxy, a real proxy on loopback (`LocalServers.withProxy`)
/// that reaches `*.test` names at 127.0.0.1. A `.test` name does not resolve on its own, so a report
/// that reaches the server shows the tunnel was used.
@Suite("Sonde TLS par un proxy")
struct TLSProbeProxyTests {
  let pki: TestPKI
  let timeout = Duration.seconds(3)

  init() throws {
    pki = try TestPKI.get()
  }

  private func probe(_ port: Int, environment: [String: String]) throws -> TLSProbeReport {
    let endpoint = try #require(URL(string: "https://serveur.test:\(port)/"))
    return try TLSProbe.probe(
      endpoint: endpoint, timeout: timeout, trustAnchors: .pemFiles([pki.authority]), environment: environment)
  }

  @Test func theProbeGoesThroughHttpsProxyAndNoProxyBypassesIt() throws {
    let log = pki.folder.appendingPathComponent("proxy-\(UUID().uuidString).log")
    let (through, direct) = try LocalServers.withOpenSSLServer(pki.good, options: ["-tls1_3"]) { server in
      try LocalServers.withProxy(log: log) { proxy in
        let through = try probe(server, environment: ["https_proxy": "http://127.0.0.1:\(proxy)"])
        let direct = try probe(
          server, environment: ["https_proxy": "http://127.0.0.1:\(proxy)", "no_proxy": "localhost,.test"])
        return (through, direct)
      }
    }
    #expect(through.status == .probed, "\(through.detail ?? "")")
    #expect(through.bestVersion == .tls1_3)
    #expect(through.proxy?.hasPrefix("127.0.0.1:") == true)
    #expect(TLSReportText.render(through).contains("Par le proxy 127.0.0.1:"))
    let requests = try String(contentsOf: log, encoding: .utf8)
    #expect(requests.contains("CONNECT serveur.test:"))
    // no_proxy: a direct connection, and the name does not resolve.
    #expect(direct.proxy == nil)
    #expect(direct.status == .unreachable)
  }

  @Test func aProxyThatAsksForCredentialsIsSaidInFrenchAndCredentialsInTheURLAreSent() throws {
    let log = pki.folder.appendingPathComponent("proxy-\(UUID().uuidString).log")
    let (refused, accepted) = try LocalServers.withOpenSSLServer(pki.good, options: ["-tls1_3"]) { server in
      try LocalServers.withProxy(credentials: "college:s3cret", log: log) { proxy in
        (
          try probe(server, environment: ["HTTPS_PROXY": "http://127.0.0.1:\(proxy)"]),
          try probe(server, environment: ["https_proxy": "http://college:s3cret@127.0.0.1:\(proxy)"])
        )
      }
    }
    #expect(refused.status == .unreachable)
    #expect(refused.detail?.contains("demande une authentification (HTTP 407)") == true, "\(refused.detail ?? "")")
    #expect(accepted.status == .probed, "\(accepted.detail ?? "")")
    // The password never appears in what is printed.
    #expect(!TLSReportText.render(accepted).contains("s3cret"))
    #expect(!TLSReportText.render(refused).contains("s3cret"))
  }

  @Test func proxySettingsAreReadAsCurlReadsThem() {
    let env = ["https_proxy": "http://proxy.ac-exemple.fr:3128", "no_proxy": "intra.example, .lan:8080"]
    #expect(HTTPProxy.forTarget(scheme: "https", host: "cnil.fr", environment: env)?.label == "proxy.ac-exemple.fr:3128")
    #expect(HTTPProxy.forTarget(scheme: "https", host: "www.intra.example", environment: env) == nil)
    #expect(HTTPProxy.forTarget(scheme: "https", host: "imprimante.lan", environment: env) == nil)
    #expect(HTTPProxy.forTarget(scheme: "https", host: "127.0.0.1", environment: env) == nil)
    #expect(HTTPProxy.forTarget(scheme: "http", host: "cnil.fr", environment: env) == nil)
    #expect(HTTPProxy.forTarget(scheme: "http", host: "cnil.fr", environment: ["HTTP_PROXY": "proxy:8080"])?.port == 8080)
    #expect(HTTPProxy.parse("http://a:b@p:1")?.authorization == "Basic " + Data("a:b".utf8).base64EncodedString())
    #expect(HTTPProxy.parse("socks5://p:1") == nil)
  }
}

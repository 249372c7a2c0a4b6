import Foundation
import RegistreTestSupport
import RegistreEvaluation
import RegistreModel
import Testing

@testable import RegistreProbe

/// `--sonder` against `openssl s_server` on loopback (the probe tests' helpers):
/// the probe's results feed the verdict. Nothing leaves the machine.
@Suite("Évaluation avec la sonde TLS, serveurs locaux")
struct ToolSheetProbeTests {
  let pki: TestPKI
  let anchors: TrustAnchors

  init() throws {
    pki = try TestPKI.get()
    anchors = .pemFiles([pki.authority])
  }

  func evaluate(port: Int) throws -> Evaluation {
    var f = F.clean()
    f.pointsAcces = ["https://localhost:\(port)/"]
    let probes = try ToolSheetProbe.probe(f, timeout: .seconds(3), trustAnchors: anchors)
    #expect(probes.count == 1)
    return F.evaluate(f, probes: probes)
  }

  @Test func tls10OnlyBlocks() throws {
    let e = try LocalServers.withOpenSSLServer(pki.good, options: ["-tls1", "-cipher", "DEFAULT:@SECLEVEL=0"]) {
      try evaluate(port: $0)
    }
    #expect(e.raisons.contains("tls-obsolete-seul"))
    #expect(e.reasons.first { $0.code == "tls-obsolete-seul" }?.reference == "ANSSI SDE-NT-35 v1.2, R4")
    #expect(e.verdict == .aProscrire)
  }

  @Test func tls10AcceptedBesideTLS12IsACondition() throws {
    let e = try LocalServers.withOpenSSLServer(
      pki.good, options: ["-no_tls1_3", "-cipher", "DEFAULT:@SECLEVEL=0"]
    ) { try evaluate(port: $0) }
    #expect(e.conditionsCodes.contains("tls-obsolete"))
    #expect(!e.raisons.contains("tls-obsolete-seul"))
    #expect(e.probes?.first?.acceptedVersions.contains(.tls1_2) == true)
    // The draft entry records what the probe saw, for the audit's `flux-tls-obsolete` rule.
    let versions = e.draftEntry.flux.first?.versionsTLS ?? []
    #expect(versions.contains(.tls10) && versions.contains(.tls12))
  }

  @Test func tls13ConformeNAjouteRien() throws {
    let e = try LocalServers.withOpenSSLServer(pki.good, options: ["-tls1_3"]) { try evaluate(port: $0) }
    #expect(!e.codes.contains { $0.hasPrefix("tls") && $0 != "tls.sans-hsts" && $0 != "tls.hsts-non-verifie" })
    #expect(e.reasons.isEmpty)
    #expect(e.draftEntry.flux.first?.versionsTLS == [.tls13])
  }

  @Test func expiredCertificateBlocks() throws {
    let e = try LocalServers.withOpenSSLServer(pki.expired, options: []) { try evaluate(port: $0) }
    #expect(e.raisons.contains("tls.certificat-expire"))
  }

  @Test func unreachableServerIsACondition() throws {
    let port = try LocalServers.closedPort()
    let e = try evaluate(port: port)
    #expect(e.conditionsCodes.contains("sonde-impossible"))
    #expect(e.reasons.isEmpty)
  }

  @Test func anHTTPAddressIsNotProbedButBlocks() throws {
    var f = F.clean()
    f.pointsAcces = ["http://127.0.0.1:9/"]
    let probes = try ToolSheetProbe.probe(f, timeout: .seconds(1), trustAnchors: anchors)
    #expect(probes.first?.status == .plainHTTP)
    #expect(F.evaluate(f, probes: probes).raisons.contains("flux-non-chiffre"))
  }
}

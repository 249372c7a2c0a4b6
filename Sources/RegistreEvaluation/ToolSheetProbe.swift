public import Foundation
public import RegistreModel
public import RegistreProbe

/// The TLS probe of a sheet's endpoints (`registre evaluer --sonder`), with the
/// probe module's own `TLSProbe`.
public enum ToolSheetProbe {
  /// Probes each http(s) endpoint of `fiche` in turn, each step bounded by
  /// `timeout`. Addresses that are not http(s) URLs are skipped: the evaluation
  /// already makes them a condition. http:// endpoints come back flagged, unprobed.
  public static func probe(
    _ fiche: ToolSheet, timeout: Duration, trustAnchors: TrustAnchors = .system, now: Date = Date()
  ) throws(TLSProbeError) -> [TLSProbeReport] {
    try TLSProbe.validate(trustAnchors: trustAnchors)
    var rapports: [TLSProbeReport] = []
    for adresse in fiche.pointsAcces {
      guard let url = URL(string: adresse), (try? TLSProbe.validate(endpoint: url)) != nil else { continue }
      rapports.append(try TLSProbe.probe(endpoint: url, timeout: timeout, trustAnchors: trustAnchors, now: now))
    }
    return rapports
  }
}

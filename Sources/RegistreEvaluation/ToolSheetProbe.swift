public import Foundation
public import RegistreModel
public import RegistreProbe

/// The TLS probe of a sheet's endpoints (`registre evaluer --sonder`), with the
/// probe module's own `TLSProbe`.
public enum ToolSheetProbe {
  /// A sheet is the vendor's word: at most this many of its endpoints are probed.
  public static let maximumEndpoints = 20

  /// The http(s) endpoints of `fiche` that the probe will examine (the first
  /// `maximumEndpoints`), and those it leaves out beyond the cap.
  public static func endpoints(of fiche: ToolSheet) -> (probed: [URL], beyondCap: [String]) {
    var urls: [URL] = []
    var beyond: [String] = []
    for adresse in fiche.pointsAcces {
      guard let url = URL(string: adresse), (try? TLSProbe.validate(endpoint: url)) != nil else { continue }
      if urls.count < maximumEndpoints { urls.append(url) } else { beyond.append(adresse) }
    }
    return (urls, beyond)
  }

  /// Probes the http(s) endpoints of `fiche` (at most `maximumEndpoints`), in a
  /// bounded pool with a bound on the whole run (`TLSProbeBounds`), each step
  /// bounded by `timeout`. Addresses that are not http(s) URLs are skipped: the
  /// evaluation already makes them a condition. http:// endpoints come back
  /// flagged, unprobed.
  public static func probe(
    _ fiche: ToolSheet, timeout: Duration, trustAnchors: TrustAnchors = .system, now: Date = Date(),
    bounds: TLSProbeBounds = .standard
  ) throws(TLSProbeError) -> [TLSProbeReport] {
    try TLSProbe.validate(trustAnchors: trustAnchors)
    let urls = endpoints(of: fiche).probed
    var rapports: [TLSProbeReport] = []
    for resultat in TLSProbe.probe(
      endpoints: urls, timeout: timeout, trustAnchors: trustAnchors, now: now, bounds: bounds)
    {
      rapports.append(try resultat.get())
    }
    return rapports
  }
}

import COpenSSL
import Foundation
import RegistreCrypto

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The probe's reading of a server certificate (read by the crypto door's `Certificate`).
enum CertificateReader {
  static func describe(
    leaf: Certificate, chain: [ChainCertificate], verifyCode: Int, host: String, now: Date
  ) -> CertificateInfo {
    let notBefore = leaf.notBefore
    let notAfter = leaf.notAfter
    let hostnameMatches = isIPAddress(host) ? leaf.matches(ipAddress: host) : leaf.matches(hostName: host)
    let key = leaf.publicKey
    return CertificateInfo(
      subject: leaf.subject, issuer: leaf.issuer, notBefore: notBefore, notAfter: notAfter,
      expired: notAfter.map { $0 < now } ?? false, notYetValid: notBefore.map { $0 > now } ?? false,
      trusted: verifyCode == Int(X509_V_OK), verifyCode: verifyCode,
      verifyMessage: verifyMessage(verifyCode), hostnameMatches: hostnameMatches,
      selfSigned: leaf.isSelfSigned, keyType: key?.type ?? "inconnu", keyBits: key?.bits ?? 0, curve: key?.curve,
      signatureAlgorithm: leaf.signatureAlgorithm ?? "inconnu", chain: chain)
  }

  static func string(fromNulTerminated buffer: [CChar]) -> String {
    String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  static func isIPAddress(_ host: String) -> Bool {
    var v4 = in_addr()
    var v6 = in6_addr()
    return inet_pton(AF_INET, host, &v4) == 1 || inet_pton(AF_INET6, host, &v6) == 1
  }

  /// French reading of the verify results one meets in practice; OpenSSL's text otherwise.
  static func verifyMessage(_ code: Int) -> String {
    switch Int32(code) {
    case X509_V_OK: return "chaîne vérifiée"
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT, X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
      return "autorité émettrice inconnue"
    case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
      return "signature du certificat invérifiable (chaîne incomplète)"
    case X509_V_ERR_CERT_NOT_YET_VALID: return "certificat pas encore valide"
    case X509_V_ERR_CERT_HAS_EXPIRED: return "certificat expiré"
    case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT: return "certificat auto-signé"
    case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN: return "certificat racine auto-signé non reconnu dans la chaîne"
    case X509_V_ERR_CERT_SIGNATURE_FAILURE: return "signature du certificat invalide"
    case X509_V_ERR_CERT_REVOKED: return "certificat révoqué"
    case X509_V_ERR_INVALID_CA: return "autorité intermédiaire invalide"
    case X509_V_ERR_INVALID_PURPOSE: return "usage du certificat inadapté"
    default:
      let text = X509_verify_cert_error_string(code).map { String(cString: $0) } ?? "erreur inconnue"
      return "erreur de vérification \(code) (\(text))"
    }
  }
}

/// The part of an HTTP response the probe reads: status line and headers.
enum HTTPHead {
  static func headerEnd(in bytes: [UInt8]) -> Int? {
    let separator: [UInt8] = [13, 10, 13, 10]
    guard bytes.count >= separator.count else { return nil }
    for index in 0...(bytes.count - separator.count) where bytes[index..<(index + 4)].elementsEqual(separator) {
      return index
    }
    return nil
  }

  /// Reads the HSTS header out of a response head; `nil` when no status line is there.
  static func hsts(from bytes: [UInt8]) -> HSTSInfo? {
    let head = bytes.prefix(headerEnd(in: bytes) ?? bytes.count)
    let text = String(decoding: head, as: UTF8.self)
    let lines = text.split(separator: "\r\n", omittingEmptySubsequences: false).map(String.init)
    guard let statusLine = lines.first, statusLine.hasPrefix("HTTP/") else { return nil }
    let status = statusLine.split(separator: " ").dropFirst().first.flatMap { Int($0) }
    // RFC 6797 § 8.1: only the first header counts when there are several.
    let value = lines.dropFirst().lazy.compactMap { line -> String? in
      guard let colon = line.firstIndex(of: ":") else { return nil }
      let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
      guard name == "strict-transport-security" else { return nil }
      return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }.first
    guard let value else {
      return HSTSInfo(checked: true, sent: false, httpStatus: status)
    }
    var maxAge: Int?
    var includeSubDomains = false
    for directive in value.split(separator: ";") {
      let parts = directive.split(separator: "=", maxSplits: 1).map {
        $0.trimmingCharacters(in: .whitespaces)
      }
      guard let name = parts.first?.lowercased() else { continue }
      if name == "max-age", parts.count == 2 {
        maxAge = Int(parts[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"")))
      } else if name == "includesubdomains" {
        includeSubDomains = true
      }
    }
    return HSTSInfo(
      checked: true, sent: true, httpStatus: status, value: value, maxAge: maxAge,
      includeSubDomains: includeSubDomains)
  }
}

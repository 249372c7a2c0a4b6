import COpenSSL
public import Foundation
import RegistreCrypto

/// Which digests, signature algorithms and key sizes a signature may use to be called valid.
///
/// SHA-1 and MD5 are refused: ETSI TS 119 312 V1.4.2 (2022-02), « Cryptographic Suites », does not admit
/// them for new signatures. Only the SHA-2 and SHA-3 digests of 256 bits or more are admitted here (an
/// allow-list: whatever is not listed is refused). RSA keys under 2048 bits and elliptic-curve keys under
/// 256 bits are refused; these thresholds are this project's rule (see docs/signatures.md).
enum AlgorithmPolicy {
  static let allowedDigests: Set<Int32> = [
    NID_sha256, NID_sha384, NID_sha512, NID_sha3_256, NID_sha3_384, NID_sha3_512,
  ]
  static let minimumRSABits: Int32 = 2048
  static let minimumECBits: Int32 = 256
  static let reference = "ETSI TS 119 312 V1.4.2 (2022-02)"

  /// French reasons why the signer info's algorithms or the signer's key are refused; empty when admitted.
  static func refusals(signerInfo: OpaquePointer, signer: Certificate) -> [String] {
    var reasons: [String] = []
    var digestAlgorithm: UnsafeMutablePointer<X509_ALGOR>?
    var signatureAlgorithm: UnsafeMutablePointer<X509_ALGOR>?
    CMS_SignerInfo_get0_algs(signerInfo, nil, nil, &digestAlgorithm, &signatureAlgorithm)
    let digestNID = nid(of: digestAlgorithm)
    if let reason = digestRefusal(digestNID, what: "algorithme d'empreinte") { reasons.append(reason) }
    let signatureNID = nid(of: signatureAlgorithm)
    var impliedDigest: Int32 = NID_undef
    var keyType: Int32 = NID_undef
    if signatureNID != NID_undef, OBJ_find_sigid_algs(signatureNID, &impliedDigest, &keyType) == 1,
      impliedDigest != NID_undef, impliedDigest != digestNID || !allowedDigests.contains(impliedDigest)
    {
      if let reason = digestRefusal(impliedDigest, what: "algorithme de signature \(name(signatureNID))") {
        reasons.append(reason)
      }
    }
    reasons += keyRefusals(signer)
    return reasons
  }

  /// The signer's public key: RSA at least 2048 bits, EC at least 256 bits, no DSA.
  static func keyRefusals(_ certificate: Certificate) -> [String] {
    guard let key = X509_get0_pubkey(certificate.pointer) else { return ["clé publique du signataire illisible"] }
    let bits = EVP_PKEY_get_bits(key)
    switch EVP_PKEY_get_base_id(key) {
    case EVP_PKEY_RSA, EVP_PKEY_RSA_PSS:
      if bits < minimumRSABits {
        return ["clé RSA de \(bits) bits refusée : au moins \(minimumRSABits) bits sont exigés pour une signature"]
      }
    case EVP_PKEY_EC:
      if bits < minimumECBits {
        return ["clé à courbe elliptique de \(bits) bits refusée : au moins \(minimumECBits) bits sont exigés"]
      }
    case EVP_PKEY_DSA:
      return ["clé DSA refusée : seules RSA, ECDSA et EdDSA sont admises"]
    default: break
    }
    return []
  }

  static func digestRefusal(_ nid: Int32, what: String) -> String? {
    guard !allowedDigests.contains(nid) else { return nil }
    switch nid {
    case NID_sha1, NID_md5, NID_md5_sha1, NID_md4, NID_md2:
      return "\(what) \(name(nid)) refusé : \(reference) ne l'admet pas pour une nouvelle signature"
    default:
      return "\(what) \(name(nid)) refusé : seuls SHA-256, SHA-384, SHA-512 et SHA3-256/384/512 sont admis"
    }
  }

  static func nid(of algorithm: UnsafeMutablePointer<X509_ALGOR>?) -> Int32 {
    guard let algorithm else { return NID_undef }
    var object: OpaquePointer?
    X509_ALGOR_get0(&object, nil, nil, algorithm)
    return OBJ_obj2nid(object)
  }

  static func name(_ nid: Int32) -> String {
    switch nid {
    case NID_sha1: return "SHA-1"
    case NID_md5: return "MD5"
    case NID_undef: return "inconnu"
    default:
      guard let name = OBJ_nid2sn(nid) else { return "inconnu" }
      return String(cString: name)
    }
  }
}

extension Certificate {
  /// SHA-256 of the DER certificate, lower-case hexadecimal: what `--signataire` compares.
  var sha256Fingerprint: String {
    // A SHA-256 of a certificate already in memory cannot fail short of memory exhaustion.
    ((try? Digest.compute(.sha256, over: [der[...]])) ?? []).map { String(format: "%02x", $0) }.joined()
  }
}

extension PDFVerifier {
  /// SHA-256 fingerprints (lower-case hex) of the certificates in a PEM or DER file's contents.
  public static func certificateFingerprints(in data: Data) -> [String] {
    ((try? Certificate.all(fromPEMOrDER: [UInt8](data))) ?? []).map(\.sha256Fingerprint)
  }

  /// A SHA-256 fingerprint typed by a user (hexadecimal, with or without `:` or spaces), lower-cased;
  /// nil when it is not 64 hexadecimal digits.
  public static func normalizedFingerprint(_ text: String) -> String? {
    let digits = text.filter { $0 != ":" && $0 != " " }.lowercased()
    guard digits.count == 64, digits.allSatisfy({ $0.isHexDigit && $0.isASCII }) else { return nil }
    return digits
  }
}

extension SigningCredentials {
  /// SHA-256 fingerprint of the signer's certificate, as `--signataire` takes it.
  public var certificateFingerprint: String { certificate.sha256Fingerprint }
}

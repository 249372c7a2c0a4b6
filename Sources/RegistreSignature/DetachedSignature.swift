import COpenSSL
public import Foundation
import RegistreCrypto

/// Result of checking a detached CMS signature over some bytes.
public struct DetachedVerification: Codable, Equatable, Sendable {
  /// The signed bytes' digest matches and the signature value verifies with the signer's key.
  public var signatureValid: Bool
  /// The signer's certificate chains to a trust anchor.
  public var trusted: Bool
  public var signer: CertificateInfo?
  public var problems: [String]
  /// SHA-256 of the signer's DER certificate (lower-case hexadecimal).
  public var signerFingerprint: String? = nil
  public var valid: Bool { signatureValid && trusted && problems.isEmpty }
}

/// Detached CMS (PKCS#7) signatures of arbitrary bytes, e.g. an archive's manifest (`.p7s`).
public enum DetachedSignature {
  /// Signs `content` and returns the DER CMS SignedData, without the content itself.
  public static func sign(
    _ content: Data, credentials: SigningCredentials, allowInvalidCertificate: Bool = false, now: Date = Date()
  ) throws(SignatureError) -> Data {
    if !allowInvalidCertificate { try credentials.checkValidity(at: now) }
    if let weak = AlgorithmPolicy.keyRefusals(credentials.certificate).first { throw .cryptography(weak) }
    return Data(try CMSSigner.sign(content: [UInt8](content), credentials: credentials))
  }

  /// Checks `signature` (DER, or PEM) over `content`.
  ///
  /// - Parameters:
  ///   - trustAnchors: PEM (or DER) files' contents with trusted certificates.
  ///   - useSystemStore: also trust the system's certificate store.
  public static func verify(
    _ content: Data, signature: Data, trustAnchors: [Data] = [], useSystemStore: Bool = false, now: Date = Date()
  ) -> DetachedVerification {
    var result = DetachedVerification(signatureValid: false, trusted: false, signer: nil, problems: [])
    guard let cms = CMSContainer(der: [UInt8](signature)), let signerInfo = cms.signerInfos.first else {
      result.problems = ["signature CMS illisible"]
      return result
    }
    if cms.signerInfos.count != 1 { result.problems.append("le CMS doit contenir exactement un signataire") }
    CMS_set1_signers_certs(cms.pointer, nil, 0)
    var signerPointer: OpaquePointer?
    CMS_SignerInfo_get0_algs(signerInfo, nil, &signerPointer, nil, nil)
    guard let signerPointer else {
      result.problems.append("certificat du signataire absent du CMS")
      return result
    }
    let signer = Certificate(retaining: signerPointer)
    result.signer = signer.info
    result.signerFingerprint = signer.sha256Fingerprint
    result.problems += AlgorithmPolicy.refusals(signerInfo: signerInfo, signer: signer)
    if let data = try? MemoryBIO(bytes: [UInt8](content)) {
      let flags = UInt32(CMS_BINARY | CMS_DETACHED | CMS_NO_SIGNER_CERT_VERIFY)
      result.signatureValid = CMS_verify(cms.pointer, nil, nil, data.pointer, nil, flags) == 1
      ERR_clear_error()
    }
    if !result.signatureValid { result.problems.append("signature invalide : le contenu signé a été modifié") }
    var anchors: [Certificate] = []
    for anchor in trustAnchors { anchors += (try? Certificate.all(fromPEMOrDER: [UInt8](anchor))) ?? [] }
    if let store = try? TrustStore(anchors: anchors, useSystemStore: useSystemStore) {
      let (trusted, problem) = PDFVerifier.verifyChain(signer, untrusted: cms.certificates, store: store, at: now)
      result.trusted = trusted
      if let problem { result.problems.append("certificat non reconnu : \(problem)") }
    } else {
      result.problems.append("aucune autorité de confiance disponible")
    }
    return result
  }
}

import COpenSSL
import Foundation
import RegistreCrypto

/// An owned `CMS_ContentInfo*`.
final class CMSContainer {
  let pointer: OpaquePointer

  init(owning pointer: OpaquePointer) { self.pointer = pointer }

  /// Parses DER; trailing bytes (the zero padding of `/Contents`) are ignored.
  convenience init?(der: [UInt8]) {
    let parsed: OpaquePointer? = der.withUnsafeBufferPointer { buffer in
      var cursor: UnsafePointer<UInt8>? = buffer.baseAddress
      return d2i_CMS_ContentInfo(nil, &cursor, buffer.count)
    }
    guard let parsed else {
      ERR_clear_error()
      return nil
    }
    self.init(owning: parsed)
  }

  deinit { CMS_ContentInfo_free(pointer) }

  func encoded() throws(SignatureError) -> [UInt8] {
    var output: UnsafeMutablePointer<UInt8>?
    let length = i2d_CMS_ContentInfo(pointer, &output)
    guard length > 0, let output else { throw SignatureError.drainOpenSSLErrors("i2d_CMS_ContentInfo") }
    defer { registre_openssl_free(output) }
    return Array(UnsafeBufferPointer(start: output, count: Int(length)))
  }

  /// The signer infos (borrowed pointers, valid while this container lives).
  var signerInfos: [OpaquePointer] {
    guard let stack = CMS_get0_SignerInfos(pointer) else { return [] }
    return (0..<max(0, OPENSSL_sk_num(stack))).compactMap { OPENSSL_sk_value(stack, $0).map(OpaquePointer.init) }
  }

  /// New references to the certificates carried in the container.
  var certificates: [Certificate] {
    guard let stack = CMS_get1_certs(pointer) else { return [] }
    defer { CertificateStack.free(stack) }
    return CertificateStack.certificates(in: stack)
  }
}

/// Bytes of an `ASN1_STRING` (or `ASN1_OCTET_STRING`).
func asn1Bytes(_ string: UnsafePointer<ASN1_STRING>?) -> [UInt8] {
  guard let string, let data = ASN1_STRING_get0_data(string) else { return [] }
  return Array(UnsafeBufferPointer(start: data, count: Int(ASN1_STRING_length(string))))
}

/// Builds the CAdES-style detached CMS SignedData that PAdES B-B requires.
enum CMSSigner {
  /// Signed attributes PAdES allows: content-type, message-digest, signing-certificate-v2.
  static let allowedSignedAttributes: Set<Int32> = [
    NID_pkcs9_contentType, NID_pkcs9_messageDigest, NID_id_smime_aa_signingCertificateV2,
  ]

  /// Signs `content` (the two ByteRange segments, concatenated).
  ///
  /// - Parameter tlsAnchors: certificates trusted for an HTTPS time-stamping authority, besides the system's.
  /// - Parameter timestampURL: a time-stamping authority; its RFC 3161 token over the signature value
  ///   is added as the unsigned attribute `id-aa-signatureTimeStampToken`.
  static func sign(
    content: [UInt8], credentials: SigningCredentials, timestampURL: URL? = nil, tlsAnchors: [Certificate] = []
  ) throws(SignatureError) -> [UInt8] {
    try sign(parts: [content[...]], credentials: credentials, timestampURL: timestampURL, tlsAnchors: tlsAnchors)
  }

  /// Signs the concatenation of `parts` without building it: a PDF's two byte ranges are hashed where
  /// they lie, which spares copying a large file twice.
  static func sign(
    parts: [ArraySlice<UInt8>], credentials: SigningCredentials, timestampURL: URL? = nil,
    tlsAnchors: [Certificate] = []
  ) throws(SignatureError) -> [UInt8] {
    let flags = UInt32(CMS_DETACHED | CMS_BINARY | CMS_PARTIAL | CMS_NOSMIMECAP | CMS_CADES)
    guard let raw = CMS_sign(nil, nil, nil, nil, flags) else { throw SignatureError.drainOpenSSLErrors("CMS_sign") }
    let cms = CMSContainer(owning: raw)
    guard let signerInfo = CMS_add1_signer(cms.pointer, credentials.certificate.pointer, credentials.key.pointer,
      EVP_sha256(), flags)
    else { throw SignatureError.drainOpenSSLErrors("CMS_add1_signer") }
    for certificate in credentials.chain where X509_cmp(certificate.pointer, credentials.certificate.pointer) != 0 {
      guard CMS_add1_cert(cms.pointer, certificate.pointer) == 1 else {
        throw SignatureError.drainOpenSSLErrors("CMS_add1_cert")
      }
    }
    // What CMS_final does, minus its copy of the content: the digest BIOs hash each part as it is written
    // (detached content: the chain ends in a null sink).
    guard let chain = CMS_dataInit(cms.pointer, nil) else { throw SignatureError.drainOpenSSLErrors("CMS_dataInit") }
    defer { BIO_free_all(chain) }
    guard writeAll(parts, to: chain) else { throw SignatureError.drainOpenSSLErrors("BIO_write") }
    _ = BIO_ctrl(chain, BIO_CTRL_FLUSH, 0, nil)
    guard CMS_dataFinal(cms.pointer, chain) == 1 else {
      throw SignatureError.drainOpenSSLErrors("CMS_dataFinal")
    }
    // OpenSSL 3.0 always adds signing-time (and may add others); PAdES forbids it, so drop
    // everything but the three allowed attributes and sign the attributes again.
    var index = CMS_signed_get_attr_count(signerInfo) - 1
    while index >= 0 {
      let attribute = CMS_signed_get_attr(signerInfo, index)
      let nid = OBJ_obj2nid(X509_ATTRIBUTE_get0_object(attribute))
      if !allowedSignedAttributes.contains(nid) {
        X509_ATTRIBUTE_free(CMS_signed_delete_attr(signerInfo, index))
      }
      index -= 1
    }
    try resign(signerInfo, key: credentials.key)
    if let timestampURL {
      let signatureValue = asn1Bytes(UnsafePointer(CMS_SignerInfo_get0_signature(signerInfo)))
      let token = try TimestampClient.token(for: signatureValue, url: timestampURL, tlsAnchors: tlsAnchors)
      let added = token.withUnsafeBytes { raw in
        CMS_unsigned_add1_attr_by_NID(signerInfo, NID_id_smime_aa_timeStampToken, V_ASN1_SEQUENCE,
          raw.baseAddress, Int32(raw.count))
      }
      guard added == 1 else { throw SignatureError.drainOpenSSLErrors("ajout du jeton d'horodatage") }
    }
    return try cms.encoded()
  }

  /// Signs the DER `SET OF` signed attributes again and stores the new signature value.
  private static func resign(_ signerInfo: OpaquePointer, key: PrivateKey) throws(SignatureError) {
    var encodings: [[UInt8]] = []
    for index in 0..<CMS_signed_get_attr_count(signerInfo) {
      guard let attribute = CMS_signed_get_attr(signerInfo, index) else { continue }
      var output: UnsafeMutablePointer<UInt8>?
      let length = i2d_X509_ATTRIBUTE(attribute, &output)
      guard length > 0, let output else { throw SignatureError.drainOpenSSLErrors("i2d_X509_ATTRIBUTE") }
      encodings.append(Array(UnsafeBufferPointer(start: output, count: Int(length))))
      registre_openssl_free(output)
    }
    // DER orders a SET OF by its elements' encodings.
    encodings.sort { $0.lexicographicallyPrecedes($1) }
    let body = encodings.flatMap { $0 }
    let toBeSigned = [0x31] + derLength(body.count) + body
    guard let context = EVP_MD_CTX_new() else { throw SignatureError.drainOpenSSLErrors("EVP_MD_CTX_new") }
    defer { EVP_MD_CTX_free(context) }
    guard EVP_DigestSignInit(context, nil, EVP_sha256(), nil, key.pointer) == 1 else {
      throw SignatureError.drainOpenSSLErrors("EVP_DigestSignInit")
    }
    var length = 0
    guard EVP_DigestSign(context, nil, &length, toBeSigned, toBeSigned.count) == 1 else {
      throw SignatureError.drainOpenSSLErrors("EVP_DigestSign")
    }
    var signature = [UInt8](repeating: 0, count: length)
    guard EVP_DigestSign(context, &signature, &length, toBeSigned, toBeSigned.count) == 1 else {
      throw SignatureError.drainOpenSSLErrors("EVP_DigestSign")
    }
    guard let target = CMS_SignerInfo_get0_signature(signerInfo),
      ASN1_STRING_set(target, signature, Int32(length)) == 1
    else { throw SignatureError.drainOpenSSLErrors("ASN1_STRING_set") }
  }

  /// Writes every part into a BIO chain, in pieces `BIO_write`'s `Int32` length can carry.
  static func writeAll(_ parts: [ArraySlice<UInt8>], to bio: OpaquePointer) -> Bool {
    for part in parts {
      let written = part.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Bool in
        guard let base = raw.baseAddress else { return true }
        var offset = 0
        while offset < raw.count {
          let length = min(raw.count - offset, 1 << 30)
          guard BIO_write(bio, base + offset, Int32(length)) == Int32(length) else { return false }
          offset += length
        }
        return true
      }
      if !written { return false }
    }
    return true
  }

  static func derLength(_ length: Int) -> [UInt8] {
    if length < 0x80 { return [UInt8(length)] }
    var bytes: [UInt8] = []
    var remaining = length
    while remaining > 0 {
      bytes.insert(UInt8(remaining & 0xFF), at: 0)
      remaining >>= 8
    }
    return [0x80 | UInt8(bytes.count)] + bytes
  }
}

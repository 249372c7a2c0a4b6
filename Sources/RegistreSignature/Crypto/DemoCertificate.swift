import COpenSSL
public import Foundation
import RegistreCrypto

/// A throw-away certificate authority and signer, made in memory for `registre demo`.
public struct DemoCredentials: Sendable {
  /// Credentials whose certificate's common name contains « DÉMONSTRATION ».
  public let credentials: SigningCredentials
  /// The demonstration CA in PEM, to pass to `registre verifier --ac`.
  public let authorityPEM: String
}

extension SigningCredentials {
  /// Creates a self-signed demonstration CA and a signer it certifies (EC P-256, valid 30 days).
  /// Nothing is written to disk; the keys vanish with the returned value.
  public static func demonstration(
    organization: String = "Registre", now: Date = Date()
  ) throws(SignatureError) -> DemoCredentials {
    let authorityKey = try generateKey()
    let authorityName = [("O", organization), ("CN", "Autorité de DÉMONSTRATION (non valable)")]
    let authority = try makeCertificate(
      subject: authorityName, issuer: authorityName, publicKey: authorityKey, signingKey: authorityKey,
      issuerCertificate: nil, serial: 1, now: now, extensions: [
        (NID_basic_constraints, "critical,CA:TRUE"), (NID_key_usage, "critical,keyCertSign,cRLSign"),
        (NID_subject_key_identifier, "hash"),
      ])
    let signerKey = try generateKey()
    let signer = try makeCertificate(
      subject: [("O", organization), ("CN", "Signataire de DÉMONSTRATION (non valable)")], issuer: authorityName,
      publicKey: signerKey, signingKey: authorityKey, issuerCertificate: authority, serial: 2, now: now,
      extensions: [
        (NID_basic_constraints, "CA:FALSE"), (NID_key_usage, "critical,digitalSignature,nonRepudiation"),
        (NID_subject_key_identifier, "hash"), (NID_authority_key_identifier, "keyid"),
      ])
    let credentials = try SigningCredentials(key: signerKey, certificate: signer, chain: [authority])
    return DemoCredentials(credentials: credentials, authorityPEM: authority.pem)
  }

  private static func generateKey() throws(SignatureError) -> PrivateKey {
    guard let key = registre_ec_p256_generate() else { throw SignatureError.drainOpenSSLErrors("génération de clé") }
    return PrivateKey(owning: key)
  }

  private static func makeCertificate(
    subject: [(String, String)], issuer: [(String, String)], publicKey: PrivateKey, signingKey: PrivateKey,
    issuerCertificate: Certificate?, serial: Int, now: Date, extensions: [(Int32, String)]
  ) throws(SignatureError) -> Certificate {
    guard let x509 = X509_new() else { throw SignatureError.drainOpenSSLErrors("X509_new") }
    let certificate = Certificate(owning: x509)
    X509_set_version(x509, 2)
    var serialBytes = randomBytes(15)
    serialBytes[0] &= 0x7F
    serialBytes[14] = UInt8(serial & 0xFF)
    if let bignum = BN_bin2bn(serialBytes, Int32(serialBytes.count), nil) {
      BN_to_ASN1_INTEGER(bignum, X509_get_serialNumber(x509))
      BN_free(bignum)
    }
    var start = time_t(now.timeIntervalSince1970) - 3600
    X509_time_adj_ex(X509_getm_notBefore(x509), 0, 0, &start)
    X509_time_adj_ex(X509_getm_notAfter(x509), 30, 0, &start)
    guard let subjectName = makeName(subject), let issuerName = makeName(issuer) else {
      throw SignatureError.drainOpenSSLErrors("X509_NAME")
    }
    defer {
      X509_NAME_free(subjectName)
      X509_NAME_free(issuerName)
    }
    X509_set_subject_name(x509, subjectName)
    X509_set_issuer_name(x509, issuerName)
    X509_set_pubkey(x509, publicKey.pointer)
    var context = X509V3_CTX()
    X509V3_set_ctx(&context, issuerCertificate?.pointer ?? x509, x509, nil, nil, 0)
    for (nid, value) in extensions {
      guard let extensionPointer = X509V3_EXT_conf_nid(nil, &context, nid, value) else {
        throw SignatureError.drainOpenSSLErrors("extension X.509")
      }
      X509_add_ext(x509, extensionPointer, -1)
      X509_EXTENSION_free(extensionPointer)
    }
    guard X509_sign(x509, signingKey.pointer, EVP_sha256()) > 0 else {
      throw SignatureError.drainOpenSSLErrors("X509_sign")
    }
    return certificate
  }

  private static func makeName(_ parts: [(String, String)]) -> OpaquePointer? {
    guard let name = X509_NAME_new() else { return nil }
    for (field, value) in parts {
      let bytes = Array(value.utf8)
      X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8, bytes, Int32(bytes.count), -1, 0)
    }
    return name
  }
}

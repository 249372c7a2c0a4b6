import COpenSSL
public import Foundation
public import RegistreCrypto
import RegistreSupport

/// A signer's private key, certificate and chain, loaded from PKCS#12 or PEM.
///
/// The key stays in OpenSSL's memory; nothing here can print or write it.
public final class SigningCredentials: @unchecked Sendable {
  let key: PrivateKey
  /// The signer's certificate.
  public let certificate: Certificate
  /// Intermediate (and possibly root) certificates, put in the CMS so verifiers can build the chain.
  public let chain: [Certificate]

  init(key: PrivateKey, certificate: Certificate, chain: [Certificate]) throws(SignatureError) {
    // No core file may ever hold the key (issue 24).
    ProcessHardening.disableCoreDumps()
    guard X509_check_private_key(certificate.pointer, key.pointer) == 1 else {
      ERR_clear_error()
      throw .keyDoesNotMatchCertificate
    }
    self.key = key
    self.certificate = certificate
    self.chain = chain
  }

  /// Loads a PKCS#12 file (`.p12`, `.pfx`).
  public static func pkcs12(_ data: Data, password: SecretPassword) throws(SignatureError) -> SigningCredentials {
    ProcessHardening.disableCoreDumps()
    var bytes = [UInt8](data)
    defer {
      bytes.withUnsafeMutableBytes { raw in
        if let base = raw.baseAddress { registre_openssl_cleanse(base, raw.count) }
      }
    }
    let bio = try crypto { () throws(CryptoError) in try MemoryBIO(secret: bytes) }
    guard let p12 = d2i_PKCS12_bio(bio.pointer, nil) else {
      ERR_clear_error()
      throw .unreadableCredentials("fichier PKCS#12")
    }
    defer { PKCS12_free(p12) }
    return try password.withCString { (secret) throws(SignatureError) -> SigningCredentials in
      if PKCS12_mac_present(p12) == 1, PKCS12_verify_mac(p12, secret, Int32(password.count)) != 1 {
        ERR_clear_error()
        throw .wrongPassword
      }
      var key: OpaquePointer?
      var certificate: OpaquePointer?
      var authorities: OpaquePointer?
      var parsed = PKCS12_parse(p12, secret, &key, &certificate, &authorities) == 1
      if !parsed {
        // Older exports (RC2, single DES) need OpenSSL 3's legacy provider; load it only then.
        ERR_clear_error()
        SigningCredentials.loadLegacyProvider()
        parsed = PKCS12_parse(p12, secret, &key, &certificate, &authorities) == 1
      }
      guard parsed else {
        ERR_clear_error()
        if let key { EVP_PKEY_free(key) }
        if let certificate { X509_free(certificate) }
        throw .unreadableCredentials("fichier PKCS#12 (algorithmes non pris en charge ou contenu incomplet)")
      }
      let chain = CertificateStack.certificates(in: authorities)
      if let authorities { CertificateStack.free(authorities) }
      guard let key else {
        if let certificate { X509_free(certificate) }
        throw .unreadableCredentials("fichier PKCS#12 (aucune clé privée)")
      }
      let ownedKey = PrivateKey(owning: key)
      guard let certificate else { throw .unreadableCredentials("fichier PKCS#12 (aucun certificat)") }
      return try SigningCredentials(key: ownedKey, certificate: Certificate(owning: certificate), chain: chain)
    }
  }

  private static let legacyProviders: Bool = {
    // The default provider must be loaded explicitly once another one is.
    let legacy = OSSL_PROVIDER_load(nil, "legacy")
    let standard = OSSL_PROVIDER_load(nil, "default")
    ERR_clear_error()
    return legacy != nil && standard != nil
  }()

  static func loadLegacyProvider() { _ = legacyProviders }

  /// Loads a PEM private key (possibly encrypted), its certificate and an optional chain.
  public static func pem(
    key keyData: Data, certificate certificateData: Data, chain chainData: Data? = nil,
    password: SecretPassword? = nil
  ) throws(SignatureError) -> SigningCredentials {
    ProcessHardening.disableCoreDumps()
    var keyBytes = [UInt8](keyData)
    defer {
      keyBytes.withUnsafeMutableBytes { raw in
        if let base = raw.baseAddress { registre_openssl_cleanse(base, raw.count) }
      }
    }
    let keyBIO = try crypto { () throws(CryptoError) in try MemoryBIO(secret: keyBytes) }
    let isEncrypted = keyBytes.count < 1_000_000
      && PDFDocument.find(Array("ENCRYPTED".utf8), in: keyBytes, range: 0..<keyBytes.count) != nil
    if isEncrypted && password == nil { throw .passwordRequired }
    // With no callback, OpenSSL reads the passphrase from `u`; an empty string stops it from
    // prompting on the terminal for an unexpectedly encrypted key.
    var empty: [CChar] = [0]
    let parsed: OpaquePointer? =
      if let password {
        password.withCString { secret in PEM_read_bio_PrivateKey(keyBIO.pointer, nil, nil, secret) }
      } else {
        PEM_read_bio_PrivateKey(keyBIO.pointer, nil, nil, &empty)
      }
    guard let parsed else {
      ERR_clear_error()
      if isEncrypted { throw .wrongPassword }
      throw .unreadableCredentials("fichier de clé privée (PEM attendu)")
    }
    let key = PrivateKey(owning: parsed)
    guard let certificate = try crypto({ () throws(CryptoError) in try Certificate.all(fromPEMOrDER: [UInt8](certificateData)) }).first
    else {
      throw .unreadableCredentials("fichier de certificat")
    }
    var chain: [Certificate] = []
    if let chainData {
      chain = try crypto { () throws(CryptoError) in try Certificate.all(fromPEMOrDER: [UInt8](chainData)) }
      if chain.isEmpty { throw .unreadableCredentials("fichier de chaîne de certificats") }
    }
    return try SigningCredentials(key: key, certificate: certificate, chain: chain)
  }

  /// Throws when the certificate is not valid at `date`.
  func checkValidity(at date: Date) throws(SignatureError) {
    if let notBefore = certificate.notBefore, date < notBefore { throw .certificateNotYetValid(notBefore: notBefore) }
    if let notAfter = certificate.notAfter, date > notAfter { throw .certificateExpired(notAfter: notAfter) }
  }
}

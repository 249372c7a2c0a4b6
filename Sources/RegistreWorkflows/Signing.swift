public import Foundation
public import RegistreSignature
import RegistreSupport

#if canImport(Glibc)
  import Glibc
#endif

/// Where a signing identity comes from.
public enum SigningSource: Sendable {
  /// A PKCS#12 file (`.p12`, `.pfx`); always protected by a password.
  case pkcs12(file: URL)
  /// A PEM private key (encrypted or not), its certificate and optional intermediate certificates.
  case pem(key: URL, certificate: URL, chain: URL?)
  /// A throw-away demonstration authority and signer, made in memory for `organization`
  /// (no evidential value; the key is never written).
  case demonstration(organization: String)
}

/// A signing identity could not be loaded; `description` is French and never holds a secret.
public struct SigningSetupError: Error, Sendable, CustomStringConvertible {
  public let description: String

  public init(_ description: String) {
    self.description = description
  }
}

/// The one signing step of every PDF: credentials loaded once (a password is asked once), the
/// signature's options and, for a demonstration certificate, its authority to publish beside
/// the documents.
public struct SigningIdentity: Sendable {
  public let credentials: SigningCredentials
  public var options: SignatureOptions
  /// PEM certificate of the demonstration authority; `nil` for a real certificate.
  public let demonstrationAuthorityPEM: String?

  /// The one file name of the demonstration authority, written beside the signed documents.
  public static let demonstrationAuthorityFileName = "ac-demonstration.pem"

  public init(credentials: SigningCredentials, options: SignatureOptions, demonstrationAuthorityPEM: String? = nil) {
    self.credentials = credentials
    self.options = options
    self.demonstrationAuthorityPEM = demonstrationAuthorityPEM
  }

  public var isDemonstration: Bool { demonstrationAuthorityPEM != nil }

  /// Loads the identity. `password` is called only when the key needs one (PKCS#12, encrypted
  /// PEM key); the front end reads it from a file, the environment or the terminal. Key and
  /// password bytes are wiped once OpenSSL holds the key.
  public static func load(
    _ source: SigningSource, options: SignatureOptions, password: () throws -> SecretPassword?
  ) throws(SigningSetupError) -> SigningIdentity {
    do {
      switch source {
      case .pkcs12(let file):
        var data = try read(file, "fichier PKCS#12")
        defer { data.resetBytes(in: 0..<data.count) }
        let secret = try password() ?? SecretPassword("")
        return SigningIdentity(credentials: try SigningCredentials.pkcs12(data, password: secret), options: options)
      case .pem(let keyFile, let certificateFile, let chainFile):
        var key = try read(keyFile, "clé privée")
        defer { key.resetBytes(in: 0..<key.count) }
        let encrypted = String(decoding: key.prefix(4096), as: UTF8.self).contains("ENCRYPTED")
        let certificate = try read(certificateFile, "certificat")
        let chain = try chainFile.map { try read($0, "chaîne") }
        let credentials = try SigningCredentials.pem(
          key: key, certificate: certificate, chain: chain, password: encrypted ? try password() : nil)
        return SigningIdentity(credentials: credentials, options: options)
      case .demonstration(let organization):
        let demo = try SigningCredentials.demonstration(organization: organization)
        // The other options (reason, location, time-stamping…) apply as with a real certificate.
        var options = options
        options.name = options.name ?? "Signataire de démonstration"
        options.reason = options.reason ?? "Démonstration de Registre (signature sans valeur)"
        return SigningIdentity(
          credentials: demo.credentials, options: options, demonstrationAuthorityPEM: demo.authorityPEM)
      }
    } catch let error as SigningSetupError {
      throw error
    } catch let error as SignatureError {
      throw SigningSetupError(error.description)
    } catch let error as any CustomStringConvertible & Error {
      throw SigningSetupError(error.description)
    } catch {
      throw SigningSetupError("\(error)")
    }
  }

  /// Largest key, certificate or PKCS#12 file read (1 MiB).
  public static let maximumCredentialsFileSize = 1 << 20

  private static func read(_ url: URL, _ role: String) throws(SigningSetupError) -> Data {
    // Keys and certificates weigh a few kilobytes: a pipe, a device or a large file is refused unread.
    do {
      return try BoundedFile.read(url, limit: maximumCredentialsFileSize)
    } catch {
      throw SigningSetupError("\(role) illisible : \(error.message)")
    }
  }

  /// Signs a PDF (PAdES B-B, or B-T with a time-stamping authority).
  public func sign(_ pdf: Data) throws(SignatureError) -> Data {
    try PDFSigner.sign(pdf, credentials: credentials, options: options)
  }

  /// Signs in place, appending the signed revision to `pdf` without copying it.
  public func sign(appendingTo pdf: inout [UInt8]) throws(SignatureError) {
    try PDFSigner.sign(appendingTo: &pdf, credentials: credentials, options: options)
  }

  /// The detached CMS signature of a manifest (the yearly archive's `MANIFEST.sha256.p7s`).
  public func signDetached(_ data: Data) throws(SignatureError) -> Data {
    try DetachedSignature.sign(data, credentials: credentials, allowInvalidCertificate: options.allowInvalidCertificate)
  }

  /// Where the demonstration authority goes for documents written in `folder`.
  public static func demonstrationAuthorityFile(in folder: URL) -> URL {
    folder.appendingPathComponent(demonstrationAuthorityFileName)
  }

  /// Writes the demonstration authority into `folder` (nothing for a real certificate);
  /// returns the file written.
  @discardableResult
  public func writeDemonstrationAuthority(in folder: URL) throws(WorkflowError) -> URL? {
    guard let demonstrationAuthorityPEM else { return nil }
    let file = Self.demonstrationAuthorityFile(in: folder)
    do {
      try AtomicFile.write(Data(demonstrationAuthorityPEM.utf8), to: file, permissions: 0o644)
    } catch {
      throw WorkflowError(.failed, "Erreur : écriture impossible de « \(file.path) » (\(error)).")
    }
    return file
  }
}

/// A PDF signed by `SigningWorkflow.signFile`.
public struct SignedFile: Sendable {
  public let destination: URL
  /// « PAdES B-B », or « PAdES B-T » with a time-stamping authority.
  public let level: String
  /// The signer's common name (or subject).
  public let signer: String
}

/// `registre signer`: one PDF read, signed and written, or nothing written.
public enum SigningWorkflow {
  /// Reads `source` (a regular file, bounded), appends the signed revision and writes `destination`
  /// atomically, owner and group only (a signed register document may name pupils or staff).
  /// An existing destination is refused, never replaced.
  public static func signFile(
    _ source: String, to destination: String, identity: () throws(SigningSetupError) -> SigningIdentity
  ) throws(WorkflowError) -> SignedFile {
    let output = URL(fileURLWithPath: destination)
    func refused(_ message: String) -> WorkflowError {
      WorkflowError(.signing, "erreur : \(message) ; rien n'a été écrit.")
    }
    if FileManager.default.fileExists(atPath: output.path) { throw refused("\(destination) existe déjà") }
    // Room for the signed revision: it is appended in place, without copying the file.
    var signed: [UInt8]
    do {
      signed = try BoundedFile.readBytes(source, limit: BoundedFile.maximumDocumentSize, reserve: 256 * 1024)
    } catch {
      throw refused(error.message)
    }
    let signing: SigningIdentity
    do {
      signing = try identity()
    } catch {
      throw refused(error.description)
    }
    do {
      try signing.sign(appendingTo: &signed)
    } catch {
      throw refused(error.description)
    }
    do {
      // The Data only borrows the array's bytes for the write, sparing one more copy of the file.
      try signed.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) throws in
        let view = bytes.baseAddress.map {
          Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: $0), count: bytes.count, deallocator: .none)
        } ?? Data()
        try AtomicFile.write(view, to: output, permissions: 0o640, existing: .refuse)
      }
    } catch let error as AtomicFileError {
      switch error {
      case .destinationExists: throw refused("\(destination) existe déjà")
      case .destinationIsSymbolicLink: throw refused("\(destination) est un lien symbolique")
      case .systemError(let operation, _, let code):
        throw WorkflowError(
          .signing, "erreur : écriture de \(destination) impossible (\(operation), \(String(cString: strerror(code)))).")
      }
    } catch {
      throw refused("écriture de \(destination) impossible (\(error))")
    }
    let certificate = signing.credentials.certificate.info
    return SignedFile(
      destination: output, level: signing.options.timestampURL == nil ? "PAdES B-B" : "PAdES B-T",
      signer: certificate.commonName ?? certificate.subject)
  }
}

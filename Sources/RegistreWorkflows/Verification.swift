public import Foundation
public import RegistreArchive
public import RegistreSignature
import RegistreSupport
public import RegistreTeam

/// What `registre verifier` checks: signed PDFs, or sealed years of the archive.
public enum VerificationWorkflow {
  /// Largest authority or signer certificate file read (1 MiB).
  public static let maximumCertificateFileSize = 1 << 20

  /// The reports of one verification, and the inputs that could not be read (French lines, in order).
  public struct Outcome<Report: Encodable & Sendable>: Sendable {
    public var reports: [Report]
    public var unreadable: [String]

    /// Exit code for a front end: 2 when an input was unreadable, 1 when a report is not valid, else 0.
    public func exitCode(valid: (Report) -> Bool) -> Int32 {
      if !unreadable.isEmpty { return 2 }
      return reports.allSatisfy(valid) ? 0 : 1
    }
  }

  /// What the paths name: all PDF files, or all archive folders (a mix is refused).
  public enum Target: Sendable { case documents, archives }

  public static func target(of paths: [String]) throws(WorkflowError) -> Target {
    let folders = paths.filter { path in
      var isFolder: ObjCBool = false
      return FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && isFolder.boolValue
    }
    if folders.isEmpty { return .documents }
    guard folders.count == paths.count else {
      throw WorkflowError(.failed, "erreur : vérifiez soit des PDF, soit des dossiers d'archive, pas les deux à la fois.")
    }
    return .archives
  }

  /// Trust anchors from PEM files. An authority file is a few kilobytes: a pipe, a device or a large
  /// file is refused before any read, and a file without a certificate is refused.
  public static func trustAnchors(_ paths: [String]) throws(WorkflowError) -> [Data] {
    var anchors: [Data] = []
    for path in paths {
      let data: Data
      do {
        data = try BoundedFile.read(URL(fileURLWithPath: path), limit: maximumCertificateFileSize)
      } catch {
        throw WorkflowError(.failed, "erreur : certificat d'autorité illisible : \(TerminalText.escaped(error.message))")
      }
      guard PDFVerifier.certificateCount(in: data) > 0 else {
        throw WorkflowError(.failed, "erreur : aucun certificat dans \(TerminalText.escaped(path)) (--ac attend des certificats PEM)")
      }
      anchors.append(data)
    }
    return anchors
  }

  /// Expected signers as SHA-256 fingerprints: a certificate file's (PEM or DER), or a fingerprint given as is.
  public static func expectedSigners(_ values: [String]) throws(WorkflowError) -> [String] {
    var fingerprints: [String] = []
    for value in values {
      var isFolder: ObjCBool = false
      if FileManager.default.fileExists(atPath: value, isDirectory: &isFolder), !isFolder.boolValue {
        guard let data = try? BoundedFile.read(URL(fileURLWithPath: value), limit: maximumCertificateFileSize) else {
          throw WorkflowError(.failed, "erreur : certificat du signataire illisible : \(TerminalText.escaped(value))")
        }
        let found = PDFVerifier.certificateFingerprints(in: data)
        guard !found.isEmpty else {
          throw WorkflowError(
            .failed,
            "erreur : aucun certificat dans \(TerminalText.escaped(value)) (--signataire attend un certificat PEM ou DER, ou une empreinte SHA-256)")
        }
        fingerprints += found
      } else if let fingerprint = PDFVerifier.normalizedFingerprint(value) {
        fingerprints.append(fingerprint)
      } else {
        throw WorkflowError(
          .failed,
          "erreur : --signataire \(TerminalText.escaped(value)) : ni un fichier de certificat, ni une empreinte SHA-256 (64 chiffres hexadécimaux)")
      }
    }
    return fingerprints
  }

  /// Verifies each PDF's signatures; with no anchor, the system's store is trusted.
  public static func verifyDocuments(_ paths: [String], trustAnchors: [Data]) -> Outcome<DocumentVerification> {
    var outcome = Outcome<DocumentVerification>(reports: [], unreadable: [])
    for path in paths {
      let bytes: [UInt8]
      do {
        bytes = try BoundedFile.readBytes(path, limit: BoundedFile.maximumDocumentSize)
      } catch {
        outcome.unreadable.append("erreur : \(TerminalText.escaped(path)) : \(error.message)")
        continue
      }
      do {
        outcome.reports.append(
          try PDFVerifier.verify(bytes: bytes, trustAnchors: trustAnchors, useSystemStore: trustAnchors.isEmpty, file: path))
      } catch {
        outcome.unreadable.append("erreur : \(TerminalText.escaped(path)) : \(error.description)")
      }
    }
    return outcome
  }

  /// Verifies the journal of a register folder (`journal.jsonl`): its chain, and the register files against
  /// its last records. A folder that is unreadable or has no journal is an error (exit code 2).
  ///
  /// - Parameter archive: a yearly archive folder (`registre exporter --archive`): each sealed year holding a
  ///   journal is compared with the folder's journal, which must begin with it. Nil: the folder's own
  ///   `archive/` (where the web application seals), when it exists.
  public static func verifyJournal(_ path: String, archive: String? = nil) throws(WorkflowError) -> JournalVerification {
    let url = URL(fileURLWithPath: path)
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue,
      (try? FileManager.default.contentsOfDirectory(atPath: url.path)) != nil
    else {
      throw WorkflowError(.failed, "erreur : dossier de registre illisible : \(TerminalText.escaped(path))")
    }
    let journal = Journal(folder: url)
    guard journal.exists else {
      throw WorkflowError(
        .failed,
        "erreur : \(TerminalText.escaped(path)) n'a pas de journal (\(Journal.fileName)) : il est créé avec le premier "
          + "compte de l'équipe (registre comptes ajouter).")
    }
    var verification = journal.verify()
    let archiveURL = archive.map { URL(fileURLWithPath: $0) } ?? url.appendingPathComponent("archive")
    if let archive {
      var isArchiveFolder: ObjCBool = false
      guard FileManager.default.fileExists(atPath: archiveURL.path, isDirectory: &isArchiveFolder),
        isArchiveFolder.boolValue
      else {
        throw WorkflowError(.failed, "erreur : dossier d'archive illisible : \(TerminalText.escaped(archive))")
      }
    }
    guard let current = try? BoundedFile.read(journal.url, limit: Journal.maximumSize, followSymlinks: false) else {
      return verification
    }
    for year in YearArchive.sealedYears(in: archiveURL) {
      let sealedURL = year.url.appendingPathComponent(Journal.fileName)
      guard AtomicFile.exists(sealedURL) else { continue }
      guard let sealed = try? BoundedFile.read(sealedURL, limit: Journal.maximumSize, followSymlinks: false) else {
        verification.sealedCopies.append(
          .init(name: year.name, entryCount: 0, headHash: nil, problem: "copie scellée du journal illisible"))
        continue
      }
      verification.sealedCopies.append(Journal.compare(current, withSealed: sealed, name: year.name))
    }
    return verification
  }

  /// Verifies sealed years: manifest, hashes, the manifest's signature, the PDFs' signatures, one signer.
  public static func verifyArchives(
    _ paths: [String], trustAnchors: [Data], expectedSigners: [String]
  ) -> Outcome<ArchiveVerification> {
    var outcome = Outcome<ArchiveVerification>(reports: [], unreadable: [])
    for path in paths {
      let url = URL(fileURLWithPath: path)
      guard FileManager.default.isReadableFile(atPath: url.path),
        (try? FileManager.default.contentsOfDirectory(atPath: url.path)) != nil
      else {
        outcome.unreadable.append("erreur : dossier illisible : \(TerminalText.escaped(path))")
        continue
      }
      var report = ArchiveVerification.check(
        url, trustAnchors: trustAnchors, useSystemStore: trustAnchors.isEmpty, expectedSigners: expectedSigners)
      report.folder = path
      outcome.reports.append(report)
    }
    return outcome
  }
}

public import Foundation
import RegistreCrypto
public import RegistreSignature
import RegistreTeam

/// What `registre verifier DOSSIER/2026` found.
public struct ArchiveVerification: Codable, Equatable, Sendable {
  public var folder: String
  /// Files listed in the manifest whose content no longer matches.
  public var changed: [String]
  /// Files listed in the manifest that are missing.
  public var removed: [String]
  /// Files present but not listed (and any sub-folder).
  public var added: [String]
  public var manifestReadable: Bool
  public var manifestSignature: DetachedVerification?
  public var pdfSignatures: [DocumentVerification]
  public var problems: [String]
  /// The manifest's signer is not the documents' signer (or not one named with `--signataire`).
  public var signerProblems: [String] = []
  /// The team's journal sealed with the year (`journal.jsonl`), when the register had one.
  public var journal: SealedJournal? = nil

  /// The chain of the journal inside a sealed year (issue 18).
  public struct SealedJournal: Codable, Equatable, Sendable {
    public var entryCount: Int
    /// The last entry's hash: any later copy of the register's journal must still hold this entry.
    public var headHash: String?
    /// The year of the closing `seal` entry, nil when the journal does not end with one.
    public var sealYear: Int?
    /// French, with line numbers.
    public var problems: [String]

    /// Checks the chain of a sealed journal, and that it ends with the seal of `year` (when known).
    public static func check(_ data: Data, year: Int?) -> SealedJournal {
      let verification = Journal.verify(data: data)
      var problems = verification.problems.map(\.description)
      let last = Journal.wellFormedEntries(data).last
      let sealYear = last?.event.kind == .seal ? last?.event.year : nil
      if sealYear == nil {
        problems.append("le journal ne se termine pas par son entrée de scellement (seal)")
      } else if let year, sealYear != year {
        problems.append("le journal est scellé pour \(sealYear.map(String.init) ?? "?"), pas pour \(year)")
      }
      return SealedJournal(
        entryCount: verification.entryCount, headHash: verification.headHash, sealYear: sealYear, problems: problems)
    }
  }

  public var valid: Bool {
    manifestReadable && changed.isEmpty && removed.isEmpty && added.isEmpty && manifestSignature?.valid == true
      && pdfSignatures.allSatisfy(\.valid) && problems.isEmpty && signerProblems.isEmpty
      && (journal?.problems.isEmpty ?? true)
  }

  /// Checks the folder: manifest, every file's hash, the manifest's signature, every PDF's signatures, and
  /// that one signer sealed it all.
  ///
  /// - Parameter expectedSigners: SHA-256 fingerprints (lower-case hex) of the accepted signers' certificates.
  ///   Empty: the manifest's signer must be the signer of every PDF. Otherwise the manifest's signer and a
  ///   signer of every PDF must be among them. Any certificate of the trusted CA is not enough: a colleague's
  ///   certificate from the same CA could otherwise re-seal altered files.
  public static func check(
    _ folder: URL, trustAnchors: [Data] = [], useSystemStore: Bool = false, expectedSigners: [String] = [],
    now: Date = Date()
  ) -> ArchiveVerification {
    var result = ArchiveVerification(folder: folder.path, changed: [], removed: [], added: [], manifestReadable: false,
      manifestSignature: nil, pdfSignatures: [], problems: [])
    let manifestURL = folder.appendingPathComponent(YearArchive.manifestName)
    guard let manifest = try? Data(contentsOf: manifestURL) else {
      result.problems.append("\(YearArchive.manifestName) absent ou illisible")
      return result
    }
    var expected: [String: String] = [:]
    var order: [String] = []
    for line in String(decoding: manifest, as: UTF8.self).split(separator: "\n") {
      let parts = line.split(separator: " ", maxSplits: 1)
      guard parts.count == 2, parts[0].count == 64, parts[0].allSatisfy(\.isHexDigit), parts[1].hasPrefix(" ") else {
        result.problems.append("ligne de manifeste mal formée : \(line.prefix(80))")
        continue
      }
      let name = String(parts[1].dropFirst())
      guard YearArchive.isSafeName(name) else {
        result.problems.append("nom refusé dans le manifeste : \(name)")
        continue
      }
      expected[name] = String(parts[0]).lowercased()
      order.append(name)
    }
    result.manifestReadable = !expected.isEmpty
    if let signature = try? Data(contentsOf: folder.appendingPathComponent(YearArchive.signatureName)) {
      result.manifestSignature = DetachedSignature.verify(
        manifest, signature: signature, trustAnchors: trustAnchors, useSystemStore: useSystemStore, now: now)
    } else {
      result.problems.append("\(YearArchive.signatureName) absent : le manifeste n'est pas signé")
    }
    let present = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    for name in present where name != YearArchive.manifestName && name != YearArchive.signatureName {
      if expected[name] == nil { result.added.append(name) }
    }
    for name in order {
      let url = folder.appendingPathComponent(name)
      var status = stat()
      guard lstat(url.path, &status) == 0 else {
        result.removed.append(name)
        continue
      }
      guard (status.st_mode & S_IFMT) == S_IFREG, let data = try? Data(contentsOf: url) else {
        result.changed.append(name)
        continue
      }
      // A digest that cannot be computed cannot vouch for the file: it counts as changed.
      if (try? Digest.sha256Hex(data)) != expected[name] {
        result.changed.append(name)
        // A changed journal is still read, to say which entries were touched.
        if name == Journal.fileName { result.journal = SealedJournal.check(data, year: year(of: folder)) }
        continue
      }
      if name == Journal.fileName {
        result.journal = SealedJournal.check(data, year: year(of: folder))
      }
      if name.lowercased().hasSuffix(".pdf") {
        do {
          result.pdfSignatures.append(
            try PDFVerifier.verify(data, trustAnchors: trustAnchors, useSystemStore: useSystemStore, file: name, now: now))
        } catch {
          result.problems.append("\(name) : \(error.description)")
        }
      }
    }
    result.signerProblems = signerProblems(
      manifest: result.manifestSignature, documents: result.pdfSignatures, expected: Set(expectedSigners))
    return result
  }

  /// The year of a sealed folder's name (`2026`, `2026-r2`), nil for another name.
  static func year(of folder: URL) -> Int? {
    let name = folder.standardizedFileURL.lastPathComponent
    guard let first = name.split(separator: "-", maxSplits: 1).first, first.count == 4 else { return nil }
    return Int(first)
  }

  /// Who signed what: the manifest against `expected` and against each PDF's signers.
  static func signerProblems(manifest: DetachedVerification?, documents: [DocumentVerification], expected: Set<String>)
    -> [String]
  {
    guard let manifest, let manifestSigner = manifest.signerFingerprint else { return [] }
    let manifestName = manifest.signer.map { $0.commonName ?? $0.subject } ?? "signataire inconnu"
    var problems: [String] = []
    if !expected.isEmpty && !expected.contains(manifestSigner) {
      problems.append(
        "le manifeste est signé par \(manifestName) (empreinte SHA-256 \(manifestSigner)), qui n'est pas un "
          + "signataire attendu (--signataire)")
    }
    let accepted = expected.isEmpty ? [manifestSigner] : expected
    for document in documents {
      let signatures = document.signatures.filter { $0.level != "horodatage de document" }
      guard !signatures.contains(where: { $0.signerFingerprint.map(accepted.contains) ?? false }) else { continue }
      let names = signatures.compactMap { $0.signer.map { $0.commonName ?? $0.subject } }
      let who = names.isEmpty ? "personne" : names.joined(separator: ", ")
      problems.append(expected.isEmpty
        ? "changement de signataire : le manifeste est signé par \(manifestName), \(document.file ?? "un document") par \(who)"
        : "\(document.file ?? "un document") est signé par \(who), qui n'est pas un signataire attendu (--signataire)")
    }
    if expected.isEmpty && documents.isEmpty {
      problems.append(
        "aucun document signé de l'archive ne confirme le signataire du manifeste (\(manifestName)) : "
          + "indiquez le signataire attendu avec --signataire")
    }
    return problems
  }

  /// French report.
  public var text: String {
    var lines = ["Archive \(folder)"]
    lines.append(manifestReadable ? "  Manifeste : lu" : "  Manifeste : ILLISIBLE ou absent")
    if let signature = manifestSignature {
      let who = signature.signer.map { " par \($0.commonName ?? $0.subject)" } ?? ""
      lines.append("  Signature du manifeste : \(signature.valid ? "valide" : "NON VALIDE")\(who)")
      for problem in signature.problems { lines.append("    ! \(problem)") }
    }
    for name in changed { lines.append("  ! fichier modifié : \(name)") }
    for name in removed { lines.append("  ! fichier supprimé : \(name)") }
    for name in added { lines.append("  ! fichier ajouté : \(name)") }
    for report in pdfSignatures {
      let problems = report.signatures.flatMap(\.problems)
      lines.append("  Signature PDF \(report.file ?? "") : \(report.valid ? "valide" : "NON VALIDE")"
        + (report.signatures.isEmpty ? " (aucune signature)" : ""))
      for problem in problems { lines.append("    ! \(problem)") }
    }
    if let journal {
      let seal = journal.sealYear.map { ", scellé pour \($0)" } ?? ""
      lines.append(
        "  Journal de l'équipe : \(journal.entryCount) entrée(s)\(seal), "
          + (journal.problems.isEmpty ? "chaîne intacte" : "CHAÎNE ROMPUE"))
      lines.append("    empreinte de la dernière entrée : \(journal.headHash ?? "aucune")")
      for problem in journal.problems { lines.append("    ! \(problem)") }
    }
    for problem in problems { lines.append("  ! \(problem)") }
    for problem in signerProblems { lines.append("  ! \(problem)") }
    lines.append(valid
      ? "  Résultat : archive intègre ; manifeste et documents signés valides."
      : "  Résultat : NON VALIDE.")
    return lines.joined(separator: "\n")
  }
}

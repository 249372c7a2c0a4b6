public import Foundation
public import RegistreSignature

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

  public var valid: Bool {
    manifestReadable && changed.isEmpty && removed.isEmpty && added.isEmpty && manifestSignature?.valid == true
      && pdfSignatures.allSatisfy(\.valid) && problems.isEmpty
  }

  /// Checks the folder: manifest, every file's hash, the manifest's signature, every PDF's signatures.
  public static func check(
    _ folder: URL, trustAnchors: [Data] = [], useSystemStore: Bool = false, now: Date = Date()
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
      if SHA256.hex(data) != expected[name] {
        result.changed.append(name)
        continue
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
    return result
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
    for problem in problems { lines.append("  ! \(problem)") }
    lines.append(valid
      ? "  Résultat : archive intègre ; manifeste et documents signés valides."
      : "  Résultat : NON VALIDE.")
    return lines.joined(separator: "\n")
  }
}

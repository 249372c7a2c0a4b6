import Foundation
import RegistreFormats
import RegistreModel
import RegistreSupport

#if canImport(Glibc)
  import Glibc
#endif

/// The kinds of record a form edits, with their file and descriptor.
enum RecordKind: String, CaseIterable, Sendable {
  case school = "etablissement"
  case treatment = "traitements"
  case processor = "sous-traitants"
  case breach = "violations"
  case action = "actions"
  case request = "demandes"

  var type: RecordType {
    switch self {
    case .school: return Format.etablissement
    case .treatment: return Format.traitement
    case .processor: return Format.sousTraitant
    case .breach: return Format.violation
    case .action: return Format.action
    case .request: return Format.demande
    }
  }

  /// French name, for titles: « l'établissement », « le traitement »…
  var title: String {
    switch self {
    case .school: return "l'établissement"
    case .treatment: return "un traitement"
    case .processor: return "un sous-traitant"
    case .breach: return "une violation"
    case .action: return "une action du plan d'action"
    case .request: return "une demande d'exercice des droits"
    }
  }

  /// The file of a record, relative to the register folder.
  func relativePath(id: String?) -> String {
    switch self {
    case .school: return "etablissement.yaml"
    default: return "\(rawValue)/\(id ?? "").yaml"
    }
  }

  /// Decodes `data` with the reader `valider` uses, and runs the cross-file checks with the
  /// record put in place of its previous version in `registre`.
  func check(_ data: Data, id: String?, in registre: Register?) -> [Diagnostic] {
    let file = relativePath(id: id)
    switch self {
    case .school:
      let (record, found) = FormFields.check(data, file: file, type: type, as: School.self)
      guard let record, var r = registre else { return found }
      r.etablissement = record
      return FormFields.crossChecks(r)
    case .treatment:
      let (record, found) = FormFields.check(data, file: file, type: type, as: Treatment.self)
      guard let record else { return found }
      if let id, record.id != id { return [idMismatch(file, id)] }
      guard var r = registre else { return [] }
      r.traitements.removeAll { $0.id == record.id }
      r.traitements.append(record)
      return located(FormFields.crossChecks(r), file: file, id: record.id, prefix: "traitements/")
    case .processor:
      let (record, found) = FormFields.check(data, file: file, type: type, as: Processor.self)
      guard let record else { return found }
      if let id, record.id != id { return [idMismatch(file, id)] }
      guard var r = registre else { return [] }
      r.sousTraitants.removeAll { $0.id == record.id }
      r.sousTraitants.append(record)
      return located(FormFields.crossChecks(r), file: file, id: record.id, prefix: "sous-traitants/")
    case .breach:
      let (record, found) = FormFields.check(data, file: file, type: type, as: Breach.self)
      guard let record else { return found }
      if let id, record.id != id { return [idMismatch(file, id)] }
      guard var r = registre else { return [] }
      r.violations.removeAll { $0.id == record.id }
      r.violations.append(record)
      return located(FormFields.crossChecks(r), file: file, id: record.id, prefix: "violations/")
    case .action:
      let (record, found) = FormFields.check(data, file: file, type: type, as: PlannedAction.self)
      guard let record else { return found }
      if let id, record.id != id { return [idMismatch(file, id)] }
      guard var r = registre else { return [] }
      r.actions.removeAll { $0.id == record.id }
      r.actions.append(record)
      return located(FormFields.crossChecks(r), file: file, id: record.id, prefix: "actions/")
    case .request:
      let (record, found) = FormFields.check(data, file: file, type: type, as: RightsRequest.self)
      guard let record else { return found }
      if let id, record.id != id { return [idMismatch(file, id)] }
      guard var r = registre else { return [] }
      r.demandes.removeAll { $0.id == record.id }
      r.demandes.append(record)
      return located(FormFields.crossChecks(r), file: file, id: record.id, prefix: "demandes/")
    }
  }

  private func idMismatch(_ file: String, _ id: String) -> Diagnostic {
    Diagnostic(Location(fichier: file, champ: "id"), "l'identifiant ne correspond pas au nom du fichier", attendu: "id: \(id)")
  }

  /// Only the cross-file problems of this record matter here (others were there before).
  private func located(_ found: [Diagnostic], file: String, id: String, prefix: String) -> [Diagnostic] {
    found.filter { $0.emplacement.fichier.hasPrefix("\(prefix)\(id)") || $0.emplacement.fichier == rawValue }
  }
}

/// What a form was built from: the file's bytes, or their absence, as a short tag.
struct FileVersion: Equatable, Sendable {
  let tag: String

  /// FNV-1a of the bytes: enough to notice that the file changed since the page was built.
  init(_ data: Data?) {
    guard let data else {
      tag = "absent"
      return
    }
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in data {
      hash ^= UInt64(byte)
      hash = hash &* 0x100_0000_01b3
    }
    tag = "\(data.count)-\(String(hash, radix: 16))"
  }
}

/// Safe access to the register folder: paths built from checked ids only, never a link followed.
enum RegisterFolder {
  /// `folder/relative` when `relative` stays inside the folder and names no symbolic link.
  static func url(_ folder: URL, _ relative: String) -> URL? {
    let parts = relative.split(separator: "/", omittingEmptySubsequences: false)
    guard !parts.isEmpty, parts.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." && !$0.hasPrefix(".") }) else {
      return nil
    }
    let url = folder.appendingPathComponent(relative)
    guard url.standardizedFileURL.path.hasPrefix(folder.path + "/") else { return nil }
    // No component under the folder may be a link.
    var current = folder
    for part in parts {
      current = current.appendingPathComponent(String(part))
      var status = stat()
      if lstat(current.path, &status) == 0, (status.st_mode & S_IFMT) == S_IFLNK { return nil }
    }
    return url
  }

  /// The bytes of a record file, nil when absent or unsafe.
  static func read(_ folder: URL, _ relative: String) -> Data? {
    guard let url = url(folder, relative) else { return nil }
    var status = stat()
    guard lstat(url.path, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG, status.st_size <= 2_000_000 else {
      return nil
    }
    return try? Data(contentsOf: url)
  }

  /// Size and modification time of every YAML file: the cache key of the loaded register.
  static func fingerprint(_ folder: URL) -> [String] {
    var entries: [String] = []
    for relative in yamlFiles(folder) {
      var status = stat()
      let path = folder.appendingPathComponent(relative).path
      if lstat(path, &status) == 0 {
        entries.append("\(relative):\(status.st_size):\(status.st_mtim.tv_sec).\(status.st_mtim.tv_nsec):\(status.st_ino)")
      }
    }
    return entries
  }

  /// The register's YAML files, relative to the folder.
  static func yamlFiles(_ folder: URL) -> [String] {
    var files: [String] = []
    for name in ["etablissement.yaml", "acceptations.yaml"]
    where (try? FileManager.default.destinationOfSymbolicLink(atPath: folder.appendingPathComponent(name).path)) != nil
      || FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path)
    {
      files.append(name)
    }
    for sub in ["traitements", "sous-traitants", "violations", "actions", "demandes"] {
      let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(sub).path)) ?? []
      files += names.filter { !$0.hasPrefix(".") && ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) }.sorted().map { "\(sub)/\($0)" }
    }
    return files
  }

  /// Register files that are symbolic links (the server refuses to read through them).
  static func symbolicLinks(_ folder: URL) -> [String] {
    (["traitements", "sous-traitants", "violations", "actions", "demandes"] + yamlFiles(folder)).filter { relative in
      var status = stat()
      return lstat(folder.appendingPathComponent(relative).path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFLNK
    }
  }

  /// Writes a record atomically; creates its sub-folder if needed.
  static func write(_ data: Data, _ folder: URL, _ relative: String, creating: Bool) throws {
    guard let url = url(folder, relative) else { throw AtomicFileError.destinationIsSymbolicLink(path: relative) }
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try AtomicFile.write(data, to: url, permissions: 0o640, existing: creating ? .refuse : .replace)
  }
}

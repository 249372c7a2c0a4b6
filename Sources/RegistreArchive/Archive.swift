public import Foundation
import RegistreSupport

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One file of a yearly export.
public struct ArchiveFile: Sendable {
  public var name: String
  public var data: Data
  /// POSIX mode: 0o640 for files that hold personal data.
  public var permissions: UInt32

  public init(name: String, data: Data, permissions: UInt32 = 0o640) {
    self.name = name
    self.data = data
    self.permissions = permissions
  }
}

/// Errors of the yearly archive, with a French description.
public enum ArchiveError: Error, Equatable, Sendable, CustomStringConvertible {
  case invalidYear(Int)
  case invalidName(String)
  case alreadyExists(String)
  case io(String)
  case signing(String)

  public var description: String {
    switch self {
    case .invalidYear(let year): return "année invalide : \(year)"
    case .invalidName(let name): return "nom de fichier refusé dans l'archive : \(name)"
    case .alreadyExists(let path): return "\(path) existe déjà ; une année scellée n'est jamais remplacée"
    case .io(let message): return message
    case .signing(let message): return "signature impossible : \(message)"
    }
  }
}

/// A sealed year in the archive folder: `2026/`, or a revision `2026-r2/`.
public struct SealedYear: Equatable, Sendable {
  public var year: Int
  public var revision: Int
  public var url: URL
  public var name: String { revision == 1 ? "\(year)" : "\(year)-r\(revision)" }
}

/// The archive folder: sealed years side by side, never overwritten.
public enum YearArchive {
  public static let manifestName = "MANIFEST.sha256"
  public static let signatureName = "MANIFEST.sha256.p7s"
  static let temporaryPrefix = ".registre-export-"

  /// The sealed years found in `archive`, oldest first (then by revision).
  public static func sealedYears(in archive: URL) -> [SealedYear] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: archive.path)) ?? []
    return names.compactMap { name -> SealedYear? in
      let parts = name.split(separator: "-", maxSplits: 1)
      guard let first = parts.first, first.count == 4, let year = Int(first), (1900...2999).contains(year) else {
        return nil
      }
      var revision = 1
      if parts.count == 2 {
        guard parts[1].hasPrefix("r"), let r = Int(parts[1].dropFirst()), r >= 2 else { return nil }
        revision = r
      }
      let url = archive.appendingPathComponent(name, isDirectory: true)
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else {
        return nil
      }
      return SealedYear(year: year, revision: revision, url: url)
    }.sorted { ($0.year, $0.revision) < ($1.year, $1.revision) }
  }

  /// The newest revision of the latest year before `year`, if any.
  public static func previous(before year: Int, in archive: URL) -> SealedYear? {
    sealedYears(in: archive).last { $0.year < year }
  }

  /// The next folder for `year`: the year itself, or its next revision when it is already sealed.
  public static func nextFolder(for year: Int, in archive: URL) -> SealedYear {
    let existing = sealedYears(in: archive).filter { $0.year == year }
    let revision = (existing.map(\.revision).max() ?? 0) + 1
    let name = revision == 1 ? "\(year)" : "\(year)-r\(revision)"
    return SealedYear(year: year, revision: revision, url: archive.appendingPathComponent(name, isDirectory: true))
  }

  /// `sha256sum`-compatible manifest: one `<hex>  <name>` line per file, sorted by name.
  public static func manifest(_ files: [ArchiveFile]) -> Data {
    let lines = files.sorted { $0.name < $1.name }.map { "\(SHA256.hex($0.data))  \($0.name)\n" }
    return Data(lines.joined().utf8)
  }

  /// Writes `files`, the manifest and its detached signature into a temporary folder inside `archive`,
  /// then renames it to `target` in one step: an interrupted export leaves no partial year.
  ///
  /// - Parameter sign: returns the DER CMS signature of the manifest.
  public static func seal(
    _ files: [ArchiveFile], as target: SealedYear, in archive: URL, sign: (Data) throws -> Data
  ) throws(ArchiveError) -> URL {
    for file in files {
      guard isSafeName(file.name), file.name != manifestName, file.name != signatureName else {
        throw .invalidName(file.name)
      }
    }
    guard Set(files.map(\.name)).count == files.count else { throw .invalidName("doublon") }
    do {
      try FileManager.default.createDirectory(at: archive, withIntermediateDirectories: true)
    } catch { throw .io("création de \(archive.path) impossible") }
    removeAbandonedTemporaryFolders(in: archive)
    if FileManager.default.fileExists(atPath: target.url.path) { throw .alreadyExists(target.url.path) }
    let temporary = archive.appendingPathComponent(
      "\(temporaryPrefix)\(target.name)-\(getpid())-\(UUID().uuidString.prefix(8))", isDirectory: true)
    guard mkdir(temporary.path, 0o750) == 0 else { throw .io("création du dossier temporaire impossible") }
    var done = false
    defer { if !done { try? FileManager.default.removeItem(at: temporary) } }
    do {
      for file in files {
        try AtomicFile.write(file.data, to: temporary.appendingPathComponent(file.name), permissions: file.permissions,
          existing: .refuse)
      }
      let manifest = manifest(files)
      try AtomicFile.write(manifest, to: temporary.appendingPathComponent(manifestName), permissions: 0o644,
        existing: .refuse)
      let signature: Data
      do { signature = try sign(manifest) } catch { throw ArchiveError.signing("\(error)") }
      try AtomicFile.write(signature, to: temporary.appendingPathComponent(signatureName), permissions: 0o644,
        existing: .refuse)
    } catch let error as ArchiveError {
      throw error
    } catch {
      throw .io("écriture dans le dossier temporaire impossible (\(error))")
    }
    if let descriptor = Optional(open(temporary.path, O_RDONLY | O_DIRECTORY)), descriptor >= 0 {
      fsync(descriptor)
      close(descriptor)
    }
    try renameNoReplace(temporary, to: target.url)
    done = true
    if let descriptor = Optional(open(archive.path, O_RDONLY | O_DIRECTORY)), descriptor >= 0 {
      fsync(descriptor)
      close(descriptor)
    }
    return target.url
  }

  /// Moves `source` to `destination` only when the destination does not exist (Linux `RENAME_NOREPLACE`).
  static func renameNoReplace(_ source: URL, to destination: URL) throws(ArchiveError) {
    let result: Int32
    #if os(Linux)
      // renameat2 is not in Swift's Glibc module; look it up (glibc ≥ 2.28). RENAME_NOREPLACE is 1.
      typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
      if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") {
        let function = unsafeBitCast(symbol, to: RenameAt2.self)
        result = function(AT_FDCWD, source.path, AT_FDCWD, destination.path, 1)
      } else {
        // Older C library: a narrow race with another exporter, which the existence check reports.
        guard !FileManager.default.fileExists(atPath: destination.path) else { throw .alreadyExists(destination.path) }
        result = rename(source.path, destination.path)
      }
    #else
      result = renamex_np(source.path, destination.path, UInt32(RENAME_EXCL))
    #endif
    if result == 0 { return }
    if errno == EEXIST { throw .alreadyExists(destination.path) }
    throw .io("mise en place de \(destination.lastPathComponent) impossible (\(String(cString: strerror(errno))))")
  }

  /// Temporary folders left by an export that was killed: their process no longer runs.
  static func removeAbandonedTemporaryFolders(in archive: URL) {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: archive.path)) ?? []
    for name in names where name.hasPrefix(temporaryPrefix) {
      let parts = name.dropFirst(temporaryPrefix.count).split(separator: "-")
      guard parts.count >= 3, let pid = Int32(parts[parts.count - 2]) else { continue }
      if pid != getpid() && kill(pid, 0) != 0 && errno == ESRCH {
        try? FileManager.default.removeItem(at: archive.appendingPathComponent(name))
      }
    }
  }

  /// A plain file name: no folder, no parent reference, no control character.
  public static func isSafeName(_ name: String) -> Bool {
    !name.isEmpty && name != "." && name != ".." && !name.hasPrefix(".") && !name.contains("/")
      && !name.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F } && name.utf8.count <= 200
  }
}

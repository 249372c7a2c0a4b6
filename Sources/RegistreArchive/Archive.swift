public import Foundation
import RegistreCrypto
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

  public init(year: Int, revision: Int, url: URL) {
    self.year = year
    self.revision = revision
    self.url = url
  }
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
  public static func manifest(_ files: [ArchiveFile]) throws(ArchiveError) -> Data {
    var lines = ""
    for file in files.sorted(by: { $0.name < $1.name }) {
      do { lines += "\(try Digest.sha256Hex(file.data))  \(file.name)\n" } catch {
        throw .io("empreinte SHA-256 de \(file.name) impossible (\(error))")
      }
    }
    return Data(lines.utf8)
  }

  /// Writes `files`, the manifest and its detached signature into a temporary folder inside `archive`,
  /// then renames it to `target` in one step: an interrupted export leaves no partial year.
  ///
  /// - Parameter sign: returns the DER CMS signature of the manifest.
  public static func seal(
    _ files: [ArchiveFile], as target: SealedYear, in archive: URL, sign: (Data) throws -> Data
  ) throws(ArchiveError) -> URL {
    let build = try YearBuild(target: target, in: archive)
    for file in files { try build.add(file) }
    return try build.seal(sign: sign)
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

/// A year being exported: files go to a hidden temporary folder inside the archive (same file system),
/// which becomes the year's folder in one rename when sealed. Until then no year folder exists; a killed
/// export leaves only the hidden folder, removed by the next export.
public final class YearBuild {
  public let target: SealedYear
  public let archive: URL
  /// The hidden temporary folder.
  public let folder: URL
  private var files: [ArchiveFile] = []
  private var sealed = false

  /// Creates the temporary folder; refuses when the target already exists.
  public init(target: SealedYear, in archive: URL) throws(ArchiveError) {
    self.target = target
    self.archive = archive
    do {
      try FileManager.default.createDirectory(at: archive, withIntermediateDirectories: true)
    } catch { throw .io("création de \(archive.path) impossible") }
    YearArchive.removeAbandonedTemporaryFolders(in: archive)
    if FileManager.default.fileExists(atPath: target.url.path) { throw .alreadyExists(target.url.path) }
    folder = archive.appendingPathComponent(
      "\(YearArchive.temporaryPrefix)\(target.name)-\(getpid())-\(UUID().uuidString.prefix(8))", isDirectory: true)
    guard mkdir(folder.path, 0o750) == 0 else {
      throw .io("création du dossier temporaire dans \(archive.path) impossible (\(String(cString: strerror(errno))))")
    }
  }

  deinit { if !sealed { abandon() } }

  /// Writes one file into the temporary folder.
  public func add(_ file: ArchiveFile) throws(ArchiveError) {
    guard YearArchive.isSafeName(file.name), file.name != YearArchive.manifestName,
      file.name != YearArchive.signatureName, !files.contains(where: { $0.name == file.name })
    else { throw .invalidName(file.name) }
    do {
      try AtomicFile.write(file.data, to: folder.appendingPathComponent(file.name), permissions: file.permissions,
        existing: .refuse)
    } catch { throw .io("écriture de \(file.name) impossible (\(error))") }
    files.append(file)
  }

  /// Writes the manifest and its signature, then moves the folder into place. Returns the year's folder.
  public func seal(sign: (Data) throws -> Data) throws(ArchiveError) -> URL {
    let manifest = try YearArchive.manifest(files)
    let signature: Data
    do { signature = try sign(manifest) } catch { throw .signing("\(error)") }
    do {
      try AtomicFile.write(manifest, to: folder.appendingPathComponent(YearArchive.manifestName), permissions: 0o644,
        existing: .refuse)
      try AtomicFile.write(signature, to: folder.appendingPathComponent(YearArchive.signatureName),
        permissions: 0o644, existing: .refuse)
    } catch { throw .io("écriture du manifeste impossible (\(error))") }
    YearBuild.sync(folder)
    try YearArchive.renameNoReplace(folder, to: target.url)
    sealed = true
    YearBuild.sync(archive)
    return target.url
  }

  /// Removes the temporary folder.
  public func abandon() {
    guard !sealed else { return }
    try? FileManager.default.removeItem(at: folder)
  }

  static func sync(_ url: URL) {
    let descriptor = open(url.path, O_RDONLY | O_DIRECTORY)
    guard descriptor >= 0 else { return }
    fsync(descriptor)
    close(descriptor)
  }
}

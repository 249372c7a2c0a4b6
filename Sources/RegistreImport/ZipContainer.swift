import Foundation
import ZIPFoundation

/// A zip container (`.ods`, `.xlsx`) opened in memory with ZIPFoundation, read with the same care as the
/// project's other readers: bounded entry count, declared and actual uncompressed sizes, compression ratio,
/// and entry names that could leave a folder (`..`, absolute paths, backslashes) refused outright, even though
/// nothing is ever extracted to disk.
struct ZipContainer {
  /// Entries in one container; an office file has a dozen.
  static let maximumEntries = 4_096
  /// Uncompressed bytes of one entry read (`content.xml`): the XML reader's own limit.
  static let maximumEntrySize = 50 * 1024 * 1024
  /// Uncompressed bytes of all entries together, as declared.
  static let maximumTotalSize = 200 * 1024 * 1024
  /// Largest uncompressed/compressed ratio for an entry above 1 MiB. XML compresses about 10 to 1,
  /// a sheet of repeated empty cells up to 100 to 1; a bomb, hundreds or thousands.
  static let maximumRatio: UInt64 = 200

  let name: String
  private let archive: Archive
  /// Entry paths, in the central directory's order.
  let paths: [String]

  init(_ data: Data, name: String) throws(ImportError) {
    self.name = name
    let archive: Archive
    do {
      archive = try Self.open(data)
    } catch {
      throw ImportError("\(name) : archive zip illisible (fichier abîmé ou pas un tableur)")
    }
    var paths: [String] = []
    var total: UInt64 = 0
    for entry in archive {
      guard paths.count < Self.maximumEntries else {
        throw ImportError("\(name) : plus de \(Self.maximumEntries) fichiers dans l'archive (refusé)")
      }
      let path = entry.path
      guard Self.isSafe(path) else {
        throw ImportError("\(name) : nom de fichier dangereux dans l'archive (« \(path) » : chemin absolu ou qui remonte d'un dossier) ; refusé")
      }
      let size = entry.uncompressedSize
      let (sum, overflow) = total.addingReportingOverflow(size)
      guard !overflow, sum <= UInt64(Self.maximumTotalSize) else {
        throw ImportError("\(name) : l'archive se décompresse en plus de \(Self.maximumTotalSize / 1_048_576) Mio (bombe zip ?) ; refusée")
      }
      total = sum
      if size > 1_048_576, size / max(entry.compressedSize, 1) > Self.maximumRatio {
        throw ImportError(
          "\(name) : « \(path) » se décompresse \(size / max(entry.compressedSize, 1)) fois plus gros qu'il n'est "
            + "(au plus \(Self.maximumRatio)) : bombe zip probable ; refusée")
      }
      paths.append(path)
    }
    self.archive = archive
    self.paths = paths
  }

  /// Opens the archive from a private temporary file, unlinked as soon as it is open. Not from memory:
  /// ZIPFoundation 0.9.20's in-memory backend traps (`Range requires lowerBound <= upperBound` in
  /// `MemoryFile.readData`) when an offset of the archive points past its end, which the fuzzer found with a
  /// 60-byte file; its file backend reads nothing there, and ZIPFoundation reports the archive unreadable.
  private static func open(_ data: Data) throws -> Archive {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("registre-import-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("archive.zip")
    guard FileManager.default.createFile(atPath: file.path, contents: data, attributes: [.posixPermissions: 0o600]) else {
      throw CocoaError(.fileWriteUnknown)
    }
    return try Archive(url: file, accessMode: .read)
  }

  /// Relative paths only, no `..` segment, no backslash, no NUL, no drive letter.
  static func isSafe(_ path: String) -> Bool {
    guard !path.isEmpty, !path.hasPrefix("/"), !path.contains("\\"), !path.contains("\0") else { return false }
    if path.count >= 2, path.dropFirst().first == ":" { return false }
    return !path.split(separator: "/", omittingEmptySubsequences: false).contains("..")
  }

  func contains(_ path: String) -> Bool { paths.contains(path) }

  /// The bytes of `path`, stopped as soon as they pass the limit (declared sizes can lie).
  func data(_ path: String) throws(ImportError) -> Data {
    guard let entry = archive[path] else { throw ImportError("\(name) : « \(path) » absent de l'archive") }
    var out = Data()
    let limit = Self.maximumEntrySize
    do {
      _ = try archive.extract(entry, skipCRC32: false) { chunk in
        guard out.count + chunk.count <= limit else { throw SizeExceeded() }
        out.append(chunk)
      }
    } catch is SizeExceeded {
      throw ImportError("\(name) : « \(path) » se décompresse en plus de \(limit / 1_048_576) Mio (bombe zip ?) ; refusé")
    } catch {
      throw ImportError("\(name) : « \(path) » illisible dans l'archive (données compressées abîmées ou somme de contrôle fausse)")
    }
    return out
  }

  private struct SizeExceeded: Error {}
}

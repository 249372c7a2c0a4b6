import CSystemZlib
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
  private let bytes: [UInt8]
  private let directory: [String: DirectoryEntry]
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
      // A declared compressed size larger than the file itself is a lie; ZIPFoundation would read (nothing)
      // chunk by chunk up to it, which takes a minute for 4 GiB (found by the import fuzzer).
      guard entry.compressedSize <= UInt64(data.count) else {
        throw ImportError("\(name) : « \(path) » se déclare plus grand (\(entry.compressedSize) octets compressés) que l'archive entière (\(data.count) octets) : archive abîmée ou forgée ; refusée")
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
    self.bytes = [UInt8](data)
    self.directory = try Self.readDirectory(self.bytes, name: name)
    for path in paths where directory[path] == nil {
      throw ImportError("\(name) : « \(path) » absent du répertoire central (archive abîmée)")
    }
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
  ///
  /// ZIPFoundation lists and checks the archive; the entry's bytes are read here, from the offsets of the
  /// central directory, and inflated with zlib with the input bounded by the entry's compressed size.
  /// ZIPFoundation 0.9.20's own `extract` loops for ever on a deflate stream that stops without its final
  /// block: past the end of the file its reader returns no bytes, and its inflate loop asks again (found by
  /// the import fuzzer).
  func data(_ path: String) throws(ImportError) -> Data {
    guard let entry = directory[path] else { throw ImportError("\(name) : « \(path) » absent de l'archive") }
    let limit = Self.maximumEntrySize
    guard entry.uncompressedSize <= limit else {
      throw ImportError("\(name) : « \(path) » se décompresse en plus de \(limit / 1_048_576) Mio (bombe zip ?) ; refusé")
    }
    let bytes = self.bytes
    func u16(_ i: Int) -> Int { Int(bytes[i]) | Int(bytes[i + 1]) << 8 }
    func u32(_ i: Int) -> UInt32 { UInt32(bytes[i]) | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2]) << 16 | UInt32(bytes[i + 3]) << 24 }
    let header = entry.localHeaderOffset
    guard header >= 0, header + 30 <= bytes.count, u32(header) == 0x0403_4b50 else {
      throw ImportError("\(name) : « \(path) » : en-tête local introuvable (archive abîmée)")
    }
    let start = header + 30 + u16(header + 26) + u16(header + 28)
    let (end, overflow) = start.addingReportingOverflow(entry.compressedSize)
    guard !overflow, start <= bytes.count, end <= bytes.count else {
      throw ImportError("\(name) : « \(path) » : données au-delà de la fin de l'archive (archive abîmée ou forgée) ; refusé")
    }
    var out: [UInt8]
    switch entry.method {
    case 0:
      out = Array(bytes[start..<end])
    case 8:
      out = try Self.inflate(bytes[start..<end], limit: limit, name: name, path: path)
    default:
      throw ImportError("\(name) : « \(path) » : méthode de compression \(entry.method) non prise en charge")
    }
    guard out.count == entry.uncompressedSize else {
      throw ImportError("\(name) : « \(path) » : taille décompressée (\(out.count) octets) différente de la taille déclarée (\(entry.uncompressedSize)) ; archive abîmée")
    }
    let crc = out.withUnsafeBufferPointer { UInt32(truncatingIfNeeded: crc32(0, $0.baseAddress, uInt($0.count))) }
    guard crc == entry.crc else { throw ImportError("\(name) : « \(path) » : somme de contrôle fausse (archive abîmée)") }
    return Data(out)
  }

  /// Raw deflate, input bounded by the slice, output by `limit`; a stream without its end is refused.
  static func inflate(_ input: ArraySlice<UInt8>, limit: Int, name: String, path: String) throws(ImportError) -> [UInt8] {
    var stream = z_stream()
    guard registre_inflate_init_raw(&stream) == Z_OK else { throw ImportError("\(name) : zlib indisponible") }
    defer { inflateEnd(&stream) }
    var output: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 64 * 1024)
    var source = Array(input)
    let status: Int32 = source.withUnsafeMutableBufferPointer { inputBuffer -> Int32 in
      stream.next_in = inputBuffer.baseAddress
      stream.avail_in = uInt(inputBuffer.count)
      while true {
        let result = chunk.withUnsafeMutableBufferPointer { chunkBuffer -> Int32 in
          stream.next_out = chunkBuffer.baseAddress
          stream.avail_out = uInt(chunkBuffer.count)
          return CSystemZlib.inflate(&stream, Z_NO_FLUSH)
        }
        let produced = chunk.count - Int(stream.avail_out)
        output.append(contentsOf: chunk[0..<produced])
        if output.count > limit { return Z_MEM_ERROR }
        if result == Z_STREAM_END { return Z_STREAM_END }
        if result != Z_OK { return result }
        if produced == 0 && stream.avail_in == 0 { return Z_BUF_ERROR }
      }
    }
    switch status {
    case Z_STREAM_END: return output
    case Z_MEM_ERROR: throw ImportError("\(name) : « \(path) » se décompresse en plus de \(limit / 1_048_576) Mio (bombe zip ?) ; refusé")
    case Z_BUF_ERROR: throw ImportError("\(name) : « \(path) » : données compressées tronquées (archive abîmée ou forgée) ; refusé")
    default: throw ImportError("\(name) : « \(path) » : données compressées illisibles (archive abîmée)")
    }
  }

  /// One record of the central directory, read by Registre for the offsets ZIPFoundation keeps to itself.
  struct DirectoryEntry {
    var method: Int
    var crc: UInt32
    var compressedSize: Int
    var uncompressedSize: Int
    var localHeaderOffset: Int
  }

  /// The central directory's records by name (end-of-central-directory record found from the end, ZIP64
  /// refused: an office file never needs it).
  static func readDirectory(_ bytes: [UInt8], name: String) throws(ImportError) -> [String: DirectoryEntry] {
    func u16(_ i: Int) -> Int { Int(bytes[i]) | Int(bytes[i + 1]) << 8 }
    func u32(_ i: Int) -> Int { Int(bytes[i]) | Int(bytes[i + 1]) << 8 | Int(bytes[i + 2]) << 16 | Int(bytes[i + 3]) << 24 }
    guard bytes.count >= 22 else { throw ImportError("\(name) : archive zip illisible (trop courte)") }
    var eocd: Int?
    var i = bytes.count - 22
    while i >= max(0, bytes.count - 22 - 65_535) {
      if u32(i) == 0x0605_4b50 {
        eocd = i
        break
      }
      i -= 1
    }
    guard let e = eocd else { throw ImportError("\(name) : archive zip illisible (fin du répertoire central introuvable)") }
    let count = u16(e + 10)
    let offset = u32(e + 16)
    guard count != 0xFFFF, offset != 0xFFFF_FFFF else { throw ImportError("\(name) : archive ZIP64 non prise en charge") }
    var entries: [String: DirectoryEntry] = [:]
    var p = offset
    for _ in 0..<count {
      guard p >= 0, p + 46 <= bytes.count, u32(p) == 0x0201_4b50 else {
        throw ImportError("\(name) : archive zip illisible (répertoire central abîmé)")
      }
      let nameLength = u16(p + 28)
      let next = p + 46 + nameLength + u16(p + 30) + u16(p + 32)
      guard next <= bytes.count else { throw ImportError("\(name) : archive zip illisible (répertoire central abîmé)") }
      let entryName = String(decoding: bytes[(p + 46)..<(p + 46 + nameLength)], as: UTF8.self)
      entries[entryName] = DirectoryEntry(
        method: u16(p + 10), crc: UInt32(u32(p + 16)), compressedSize: u32(p + 20), uncompressedSize: u32(p + 24),
        localHeaderOffset: u32(p + 42))
      p = next
    }
    return entries
  }

}

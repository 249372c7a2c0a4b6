public import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

#if canImport(Glibc)
  private let systemRead = Glibc.read
#elseif canImport(Darwin)
  private let systemRead = Darwin.read
#endif

/// Why an input file was not read.
public enum BoundedReadError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The path does not exist, or cannot be opened (`code` is `errno`).
  case unreadable(path: String, code: Int32)
  /// Not a regular file: a folder, a named pipe, a device (`/dev/zero`), a socket.
  case notRegularFile(path: String, kind: String)
  /// A symbolic link where links are refused.
  case symbolicLink(path: String)
  /// Larger than the reader accepts; found before any byte was read.
  case tooLarge(path: String, size: Int64, limit: Int)

  public var description: String { message }

  /// French text for the user: the path, then the reason.
  public var message: String { "\(path) : \(reason)" }

  public var path: String {
    switch self {
    case .unreadable(let path, _), .notRegularFile(let path, _), .symbolicLink(let path), .tooLarge(let path, _, _):
      return path
    }
  }

  /// French reason, without the path.
  public var reason: String {
    switch self {
    case .unreadable(_, let code):
      return code == ENOENT ? "fichier introuvable" : "fichier illisible (\(String(cString: strerror(code))))"
    case .notRegularFile(_, let kind):
      return "\(kind), pas un fichier ordinaire ; seuls les fichiers ordinaires sont lus"
    case .symbolicLink:
      return "lien symbolique refusé"
    case .tooLarge(_, let size, let limit):
      return "fichier trop grand (\(size) octets, au plus \(limit))"
    }
  }
}

/// Reads input files with their bounds checked first: the file type (regular
/// files only: no pipe that never ends, no `/dev/zero`, no folder) and the size
/// the file system reports (a sparse 8 GiB file is refused without reading a
/// byte). Opening never blocks (a named pipe without writer is refused at once),
/// and a file that grows while it is read is cut at the limit and refused.
public enum BoundedFile {
  /// Largest PDF that `signer` and `verifier` read (512 MiB); the register's own
  /// documents weigh a few megabytes.
  public static let maximumDocumentSize = 512 * 1024 * 1024

  /// The bytes of `url`, at most `limit` of them.
  ///
  /// - Parameter followSymlinks: `false` refuses a symbolic link itself.
  public static func read(_ url: URL, limit: Int, followSymlinks: Bool = true) throws(BoundedReadError) -> Data {
    let bytes = try readBytes(url.path, limit: limit, followSymlinks: followSymlinks)
    return Data(bytes)
  }

  /// Same as `read`, into a byte array with `reserve` bytes of spare capacity.
  public static func readBytes(
    _ path: String, limit: Int, reserve: Int = 0, followSymlinks: Bool = true
  ) throws(BoundedReadError) -> [UInt8] {
    var flags = O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY
    if !followSymlinks { flags |= O_NOFOLLOW }
    let descriptor = open(path, flags)
    guard descriptor >= 0 else {
      let code = errno
      if code == ELOOP && !followSymlinks { throw .symbolicLink(path: path) }
      throw .unreadable(path: path, code: code)
    }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else { throw .unreadable(path: path, code: errno) }
    let type = status.st_mode & S_IFMT
    guard type == S_IFREG else { throw .notRegularFile(path: path, kind: kindName(type)) }
    let size = Int64(status.st_size)
    guard size <= Int64(limit) else { throw .tooLarge(path: path, size: size, limit: limit) }
    // Back to blocking reads for an ordinary file.
    _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
    // One byte more than the limit tells a file that grew since fstat.
    let capacity = min(Int(size), limit) + 1
    var failure: Int32 = 0
    let bytes = [UInt8](unsafeUninitializedCapacity: capacity + reserve) { buffer, count in
      count = 0
      guard let base = buffer.baseAddress else { return }
      while count < capacity {
        let got = systemRead(descriptor, base + count, capacity - count)
        if got < 0 && errno == EINTR { continue }
        if got < 0 { failure = errno }
        if got <= 0 { return }
        count += got
      }
    }
    if failure != 0 { throw .unreadable(path: path, code: failure) }
    guard bytes.count <= limit else { throw .tooLarge(path: path, size: Int64(bytes.count), limit: limit) }
    return bytes
  }

  static func kindName(_ type: mode_t) -> String {
    switch type {
    case S_IFDIR: return "dossier"
    case S_IFIFO: return "tube nommé"
    case S_IFCHR: return "périphérique caractère"
    case S_IFBLK: return "périphérique bloc"
    case S_IFSOCK: return "socket"
    case S_IFLNK: return "lien symbolique"
    default: return "fichier spécial"
    }
  }

  /// Whether `url`, after resolving every link, lies inside `folder` (also resolved).
  public static func isInside(_ url: URL, folder: URL) -> Bool {
    let base = resolved(folder)
    let path = resolved(url)
    return path == base || path.hasPrefix(base == "/" ? "/" : base + "/")
  }

  static func resolved(_ url: URL) -> String {
    var path = url.standardizedFileURL.resolvingSymlinksInPath().path
    while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
    return path
  }

  /// Whether `url` itself is a symbolic link (not followed).
  public static func isSymbolicLink(_ url: URL) -> Bool {
    var status = stat()
    return lstat(url.path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFLNK
  }
}

/// Text from the input made safe for a terminal: control characters (ESC and
/// the other C0 codes except line feed and tab, DEL, the C1 codes U+0080–U+009F,
/// and the bidirectional overrides) are written as `\u{…}`, so a field holding
/// `\u{1B}[2J` or an OSC sequence cannot clear the screen or retitle the window.
public enum TerminalText {
  /// - Parameter keepingColour: keep the colour sequences (`ESC [ digits ; … m`)
  ///   that the tool itself writes; every other control sequence is escaped.
  public static func escaped(_ text: String, keepingColour: Bool = false) -> String {
    guard text.unicodeScalars.contains(where: needsEscape) else { return text }
    var result = ""
    result.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
    let scalars = Array(text.unicodeScalars)
    var keep = 0
    for (index, scalar) in scalars.enumerated() {
      if keep > 0 {
        keep -= 1
        result.unicodeScalars.append(scalar)
        continue
      }
      if keepingColour, scalar.value == 0x1B, let length = colourSequenceLength(scalars, at: index) {
        keep = length - 1
        result.unicodeScalars.append(scalar)
        continue
      }
      if needsEscape(scalar) {
        result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
      } else {
        result.unicodeScalars.append(scalar)
      }
    }
    return result
  }

  /// Length of `ESC [ [0-9;]* m` starting at `index`, or `nil`.
  static func colourSequenceLength(_ scalars: [Unicode.Scalar], at index: Int) -> Int? {
    guard index + 2 < scalars.count, scalars[index + 1] == "[" else { return nil }
    var position = index + 2
    while position < scalars.count, scalars[position] == ";" || ("0"..."9").contains(scalars[position]) {
      position += 1
    }
    guard position < scalars.count, scalars[position] == "m" else { return nil }
    return position - index + 1
  }

  static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
    let value = scalar.value
    if value == 0x0A || value == 0x09 { return false }
    if value < 0x20 || value == 0x7F || (0x80...0x9F).contains(value) { return true }
    // Bidirectional embeddings, overrides and isolates (« Trojan Source »).
    return (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
  }
}

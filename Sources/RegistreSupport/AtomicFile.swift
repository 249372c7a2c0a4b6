public import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Errors raised while writing an output file.
public enum AtomicFileError: Error, Equatable, Sendable {
  /// The destination exists and overwriting was not allowed.
  case destinationExists(path: String)
  /// The destination is a symbolic link, which is never followed.
  case destinationIsSymbolicLink(path: String)
  /// A system call failed; `operation` names it, `code` is `errno`.
  case systemError(operation: String, path: String, code: Int32)
}

/// Writes files so that readers see either the old content or the new one,
/// never a half-written file: data goes to a temporary file in the same
/// folder, is flushed, then renamed over the destination.
public enum AtomicFile {
  /// What to do when the destination already exists.
  public enum ExistingFile: Sendable {
    case replace
    case refuse
  }

  /// Whether something (a file, a folder, a link, even a dangling one) is at `url`.
  public static func exists(_ url: URL) -> Bool {
    var status = stat()
    return lstat(url.path, &status) == 0
  }

  /// Writes `data` to `url` atomically.
  ///
  /// - Parameters:
  ///   - permissions: POSIX mode of the new file (default `0o644`; use
  ///     `0o640` for files that hold personal data).
  ///   - existing: whether an existing destination may be replaced.
  public static func write(
    _ data: Data, to url: URL, permissions: UInt32 = 0o644, existing: ExistingFile = .replace
  ) throws(AtomicFileError) {
    let path = url.path
    var status = stat()
    if lstat(path, &status) == 0 {
      if (status.st_mode & S_IFMT) == S_IFLNK {
        throw .destinationIsSymbolicLink(path: path)
      }
      if existing == .refuse {
        throw .destinationExists(path: path)
      }
    }
    let folder = url.deletingLastPathComponent().path
    var template = Array("\(folder)/.\(url.lastPathComponent).XXXXXX".utf8CString)
    let descriptor = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
      guard let base = buffer.baseAddress else { return -1 }
      return mkstemp(base)
    }
    guard descriptor >= 0 else {
      throw .systemError(operation: "mkstemp", path: path, code: errno)
    }
    let temporaryPath = template.withUnsafeBufferPointer { buffer in
      buffer.baseAddress.map { String(cString: $0) } ?? ""
    }
    var succeeded = false
    defer {
      if !succeeded { unlink(temporaryPath) }
    }
    guard fchmod(descriptor, mode_t(permissions)) == 0 else {
      let code = errno
      close(descriptor)
      throw .systemError(operation: "fchmod", path: path, code: code)
    }
    let writeError = writeAll(data, to: descriptor)
    let syncFailed = writeError == nil && fsync(descriptor) != 0
    let syncCode = errno
    close(descriptor)
    if let code = writeError {
      throw .systemError(operation: "write", path: path, code: code)
    }
    if syncFailed {
      throw .systemError(operation: "fsync", path: path, code: syncCode)
    }
    if existing == .refuse {
      // link(2) fails if the destination appeared meanwhile: no overwrite race.
      guard link(temporaryPath, path) == 0 else {
        let code = errno
        if code == EEXIST { throw .destinationExists(path: path) }
        throw .systemError(operation: "link", path: path, code: code)
      }
      unlink(temporaryPath)
    } else {
      guard rename(temporaryPath, path) == 0 else {
        throw .systemError(operation: "rename", path: path, code: errno)
      }
    }
    succeeded = true
  }

  /// Writes every byte, retrying on EINTR; returns `errno` on failure.
  private static func writeAll(_ data: Data, to descriptor: Int32) -> Int32? {
    data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) -> Int32? in
      guard let base = buffer.baseAddress else { return nil }
      var offset = 0
      while offset < buffer.count {
        let written = Glibc.write(descriptor, base + offset, buffer.count - offset)
        if written < 0 {
          if errno == EINTR { continue }
          return errno
        }
        offset += written
      }
      return nil
    }
  }
}

public import Foundation
import RegistreCrypto
import RegistreFormats
import RegistreSupport

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A refusal or failure of the journal, in French.
public struct JournalError: Error, Sendable, Equatable, CustomStringConvertible {
  public var message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}

/// The register's journal, `FOLDER/journal.jsonl` (issue 18): one JSON entry per line, each holding the hash
/// of the one before, so that an altered, removed or reordered entry is found by `verify()`.
///
/// Appends are serialized across threads (a recursive in-process lock) and processes (`flock` on
/// `journal.lock` beside the journal), written in one `write` and flushed with `fsync`; a failed write is
/// cut back, so only a crash can leave a torn last line, which `verify()` reports and `append` refuses
/// to write after.
public struct Journal: Sendable {
  public static let fileName = "journal.jsonl"
  /// The lock file beside the journal (empty; only its `flock` matters).
  public static let lockFileName = "journal.lock"
  /// `previous` of the first entry.
  public static let zeroHash = String(repeating: "0", count: 64)

  public let folder: URL
  public var url: URL { folder.appendingPathComponent(Self.fileName) }
  var lockURL: URL { folder.appendingPathComponent(Self.lockFileName) }

  public init(folder: URL) { self.folder = folder }

  /// Whether `journal.jsonl` exists (it is created by the first append).
  public var exists: Bool { AtomicFile.exists(url) }

  private var lock: JournalLock {
    JournalLock.forFile(folder.standardizedFileURL.resolvingSymlinksInPath().appendingPathComponent(Self.lockFileName).path)
  }

  // MARK: Reading

  /// Every entry, in file order. A line that is not an entry (malformed, torn) is an error naming its line.
  public func entries() throws(JournalError) -> [JournalEntry] {
    guard exists else { return [] }
    let data = try read()
    return try Self.parse(data).entries
  }

  /// The file's bytes; read under the lock when the folder allows it, so that no append is seen half-done.
  private func read() throws(JournalError) -> Data {
    let load = { () throws(JournalError) -> Data in try Self.readBytes(self.url) }
    if AtomicFile.exists(lockURL) || access(folder.path, W_OK) == 0 {
      do {
        return try lock.perform { try load() }
      } catch let error as JournalError {
        throw error
      } catch {
        throw JournalError("\(Self.fileName) : lecture impossible (\(error)).")
      }
    }
    return try load()
  }

  /// Largest journal read (512 MiB): far beyond years of a school's edits.
  public static let maximumSize = BoundedFile.maximumDocumentSize

  /// The journal's bytes (empty when absent); a link, a special file or a giant is refused.
  static func readBytes(_ url: URL) throws(JournalError) -> Data {
    guard AtomicFile.exists(url) else { return Data() }
    do {
      return try BoundedFile.read(url, limit: maximumSize, followSymlinks: false)
    } catch {
      switch error {
      case .symbolicLink, .notRegularFile:
        throw JournalError("\(fileName) : ce n'est pas un fichier ordinaire (lien symbolique ou autre) : refusé.")
      case .tooLarge(_, let size, let limit):
        throw JournalError("\(fileName) : trop grand (\(size) octets, au plus \(limit)).")
      case .unreadable:
        throw JournalError("\(fileName) : lecture impossible.")
      }
    }
  }

  /// The well-formed entries of `data`, or the first line that is not one.
  static func parse(_ data: Data) throws(JournalError) -> (entries: [JournalEntry], endsWithNewline: Bool) {
    let lines = Self.lines(data)
    var entries: [JournalEntry] = []
    let decoder = JSONDecoder()
    for line in lines {
      guard line.complete, let entry = try? decoder.decode(JournalEntry.self, from: line.bytes) else {
        let why = line.complete ? "ligne illisible (une entrée JSON attendue)" : "dernière ligne tronquée (écriture interrompue)"
        throw JournalError(
          "\(fileName), ligne \(line.number) : \(why). Le journal est endommagé : vérifiez-le avec « registre verifier --journal DOSSIER ».")
      }
      entries.append(entry)
    }
    return (entries, data.isEmpty || data.last == UInt8(ascii: "\n"))
  }

  struct Line {
    var number: Int
    var bytes: Data
    /// Whether the line ends with a newline.
    var complete: Bool
  }

  /// The lines of `data`, numbered from 1; the last one, without its newline, is incomplete.
  static func lines(_ data: Data) -> [Line] {
    var result: [Line] = []
    var start = data.startIndex
    var number = 1
    while start < data.endIndex {
      if let newline = data[start...].firstIndex(of: UInt8(ascii: "\n")) {
        result.append(Line(number: number, bytes: Data(data[start..<newline]), complete: true))
        start = data.index(after: newline)
      } else {
        result.append(Line(number: number, bytes: Data(data[start...]), complete: false))
        start = data.endIndex
      }
      number += 1
    }
    return result
  }

  // MARK: Hashes

  /// The canonical JSON of an entry or of its hashed fields: sorted keys, slashes not escaped.
  static func canonicalJSON<T: Encodable>(_ value: T) throws(JournalError) -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    do {
      return try encoder.encode(value)
    } catch {
      throw JournalError("\(fileName) : entrée impossible à écrire (\(error)).")
    }
  }

  private struct HashedFields: Encodable {
    var sequence: Int
    var time: String
    var actor: JournalActor
    var event: JournalEvent
    var previous: String
  }

  /// SHA-256 (hex) of the canonical JSON of every field of `entry` but `hash`.
  public static func expectedHash(of entry: JournalEntry) throws(JournalError) -> String {
    let fields = HashedFields(
      sequence: entry.sequence, time: entry.time, actor: entry.actor, event: entry.event, previous: entry.previous)
    return try sha256Hex(canonicalJSON(fields))
  }

  static func sha256Hex(_ data: Data) throws(JournalError) -> String {
    do {
      return try Digest.sha256Hex(data)
    } catch {
      throw JournalError("Empreinte SHA-256 impossible à calculer (\(error)).")
    }
  }

  /// SHA-256 hex of a register file's current bytes (nil if absent or unreadable); the same hash the entries hold.
  public func currentHash(of relativePath: String) -> String? {
    guard case .bytes(let data) = Self.fileState(folder, relativePath) else { return nil }
    return try? Self.sha256Hex(data)
  }

  /// A register file as the journal sees it.
  enum FileState {
    case absent
    case bytes(Data)
    /// Present but not read: a link (never followed), a special file, more than `maximumRegisterFileSize`.
    case unreadable
  }

  /// Largest register file hashed (16 MiB; the loader itself refuses more than 2 MB).
  static let maximumRegisterFileSize = 16 * 1024 * 1024

  static func fileState(_ folder: URL, _ relativePath: String) -> FileState {
    let url = folder.appendingPathComponent(relativePath)
    guard AtomicFile.exists(url) else { return .absent }
    guard let data = try? BoundedFile.read(url, limit: maximumRegisterFileSize, followSymlinks: false) else {
      return .unreadable
    }
    return .bytes(data)
  }

  // MARK: Appending

  /// Runs `body` under the journal lock (re-entrant within the calling thread).
  public func withLock<T>(_ body: () throws -> T) throws -> T {
    try lock.perform(body)
  }

  /// Appends one entry: next sequence, UTC time, the last entry's hash as `previous`.
  @discardableResult
  public func append(_ event: JournalEvent, by actor: JournalActor, at date: Date = Date()) throws(JournalError)
    -> JournalEntry
  {
    let written = try locked { () throws(JournalError) in try appendLocked([(event, actor)], at: date) }
    guard let entry = written.first else { throw JournalError("\(Self.fileName) : entrée non écrite.") }
    return entry
  }

  /// `body` under the lock, its errors kept typed.
  private func locked<T>(_ body: () throws(JournalError) -> T) throws(JournalError) -> T {
    do {
      return try lock.perform { try body() }
    } catch let error as JournalError {
      throw error
    } catch {
      throw JournalError("\(Self.fileName) : \(error)")
    }
  }

  /// Appends `events` in one write; the caller holds the lock.
  private func appendLocked(_ events: [(JournalEvent, JournalActor)], at date: Date) throws(JournalError)
    -> [JournalEntry]
  {
    guard !events.isEmpty else { return [] }
    let (existing, endsWithNewline) = try Self.parse(Self.readBytes(url))
    var sequence = existing.last?.sequence ?? 0
    var previous = existing.last?.hash ?? Self.zeroHash
    let time = Self.timestamp(date)
    var entries: [JournalEntry] = []
    var bytes = Data()
    if !endsWithNewline { bytes.append(UInt8(ascii: "\n")) }
    for (event, actor) in events {
      sequence += 1
      var entry = JournalEntry(sequence: sequence, time: time, actor: actor, event: event, previous: previous, hash: "")
      entry.hash = try Self.expectedHash(of: entry)
      previous = entry.hash
      bytes.append(try Self.canonicalJSON(entry))
      bytes.append(UInt8(ascii: "\n"))
      entries.append(entry)
    }
    try Self.appendDurably(bytes, to: url)
    return entries
  }

  /// UTC, ISO 8601 to the second.
  static func timestamp(_ date: Date) -> String {
    date.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(secondsFromGMT: 0) ?? .current))
  }

  /// Appends `bytes` in one `write`, then `fsync`; on failure the file is cut back to its former length.
  static func appendDurably(_ bytes: Data, to url: URL) throws(JournalError) {
    let created = !AtomicFile.exists(url)
    let descriptor = open(url.path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o640)
    guard descriptor >= 0 else {
      throw JournalError("\(fileName) : ouverture impossible (\(String(cString: strerror(errno)))).")
    }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
      throw JournalError("\(fileName) : ce n'est pas un fichier ordinaire : refusé.")
    }
    let formerLength = status.st_size
    let failure: Int32? = bytes.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) -> Int32? in
      guard let base = buffer.baseAddress else { return nil }
      var offset = 0
      while offset < buffer.count {
        let written = write(descriptor, base + offset, buffer.count - offset)
        if written < 0 {
          if errno == EINTR { continue }
          return errno
        }
        offset += written
      }
      return fsync(descriptor) == 0 ? nil : errno
    }
    if let code = failure {
      _ = ftruncate(descriptor, formerLength)
      _ = fsync(descriptor)
      throw JournalError("\(fileName) : écriture impossible (\(String(cString: strerror(code)))) ; aucune entrée ajoutée.")
    }
    if created {
      // The new file's name must survive a crash too.
      let directory = open(url.deletingLastPathComponent().path, O_RDONLY | O_CLOEXEC)
      if directory >= 0 {
        _ = fsync(directory)
        close(directory)
      }
    }
  }

  // MARK: Register files

  /// The hash of every register file as the journal last recorded it (`baseline` / `change` entries);
  /// a file whose last record is a deletion is absent.
  public func lastKnownHashes() throws(JournalError) -> [String: String] {
    Self.lastKnownHashes(try entries())
  }

  public static func lastKnownHashes(_ entries: [JournalEntry]) -> [String: String] {
    var hashes: [String: String] = [:]
    for entry in entries where entry.event.kind == .baseline || entry.event.kind == .change {
      guard let file = entry.event.file else { continue }
      hashes[file] = entry.event.after
    }
    return hashes
  }

  /// The register files present and readable, with their current hashes; and those present but unreadable
  /// (a link, a special file, a giant), which are neither recorded nor taken for deleted.
  /// The files `known` to the journal inside a record sub-folder that now leads out of the folder are
  /// unreadable too: never read through the link, never taken for deleted.
  func currentHashes(known: some Sequence<String>) throws(JournalError) -> (
    files: [String: (hash: String, content: String?)], unreadable: Set<String>
  ) {
    var result: [String: (hash: String, content: String?)] = [:]
    var unreadable = Set<String>()
    let refused = RegisterFiles.refusedFolders(in: folder)
    for file in known where refused.contains(where: { file.hasPrefix($0 + "/") }) { unreadable.insert(file) }
    for file in RegisterFiles.present(in: folder) {
      switch Self.fileState(folder, file) {
      case .absent: continue
      case .unreadable: unreadable.insert(file)
      case .bytes(let data): result[file] = (try Self.sha256Hex(data), String(data: data, encoding: .utf8))
      }
    }
    return (result, unreadable)
  }

  /// Appends a `change` entry for every register file whose hash differs from the journal's last record of it
  /// (or which appeared or disappeared); while the journal has recorded no file yet (empty, or only account
  /// entries), a `baseline` entry for every file instead.
  @discardableResult
  public func recordChanges(by actor: JournalActor, at date: Date = Date()) throws(JournalError) -> [JournalEntry] {
    try locked { () throws(JournalError) in try recordChangesLocked(by: actor, at: date) }
  }

  @discardableResult
  private func recordChangesLocked(by actor: JournalActor, at date: Date) throws(JournalError) -> [JournalEntry] {
    let existing = try Self.parse(Self.readBytes(url)).entries
    let (current, unreadable) = try currentHashes(known: Self.lastKnownHashes(existing).keys)
    var events: [(JournalEvent, JournalActor)] = []
    // No file recorded yet (the journal may already hold the first account's entry): the files found are
    // the starting state, not creations.
    if !existing.contains(where: { $0.event.kind == .baseline || $0.event.kind == .change }) {
      for file in current.keys.sorted() {
        guard let state = current[file] else { continue }
        events.append((JournalEvent(kind: .baseline, file: file, after: state.hash, content: state.content), actor))
      }
    } else {
      let known = Self.lastKnownHashes(existing)
      for file in Set(known.keys).union(current.keys).subtracting(unreadable).sorted()
      where known[file] != current[file]?.hash {
        let event = JournalEvent(
          kind: .change, file: file, before: known[file], after: current[file]?.hash, content: current[file]?.content)
        events.append((event, actor))
      }
    }
    return try appendLocked(events, at: date)
  }

  /// Under the journal lock: records outside changes (as `JournalActor.outside`), runs `body`, then records
  /// the changes it made under `actor` — even when it throws, before its error is passed on.
  public func performJournaled<T>(by actor: JournalActor, _ body: () throws -> T) throws -> T {
    try lock.perform {
      try recordChangesLocked(by: .outside, at: Date())
      let result: T
      do {
        result = try body()
      } catch {
        try recordChangesLocked(by: actor, at: Date())
        throw error
      }
      try recordChangesLocked(by: actor, at: Date())
      return result
    }
  }

  // MARK: Seal

  /// What `sealing` gives back: the body's result, and the error of the final append if it failed
  /// (the sealed copy then holds one entry more than the folder's journal).
  public struct Sealed<T> {
    public var result: T
    public var appendError: JournalError?
  }

  /// For the yearly export, under the journal lock: records outside changes, builds the `seal` entry
  /// (`year`, and the archive folder's name in `text`) without writing it, passes the journal's bytes
  /// followed by that entry to `body` (which puts them in the sealed archive), then appends the entry once
  /// `body` has returned. When `body` throws, nothing is appended: the journal never claims a seal that
  /// did not happen.
  public func sealing<T>(
    year: Int, archiveName: String, by actor: JournalActor, at date: Date = Date(), _ body: (Data) throws -> T
  ) throws -> Sealed<T> {
    try lock.perform {
      try recordChangesLocked(by: .outside, at: date)
      let data = try Self.readBytes(url)
      let (existing, endsWithNewline) = try Self.parse(data)
      var entry = JournalEntry(
        sequence: (existing.last?.sequence ?? 0) + 1, time: Self.timestamp(date), actor: actor,
        event: JournalEvent(kind: .seal, text: archiveName, year: year),
        previous: existing.last?.hash ?? Self.zeroHash, hash: "")
      entry.hash = try Self.expectedHash(of: entry)
      var line = endsWithNewline ? Data() : Data([UInt8(ascii: "\n")])
      line.append(try Self.canonicalJSON(entry))
      line.append(UInt8(ascii: "\n"))
      let result = try body(data + line)
      do {
        try Self.appendDurably(line, to: url)
        return Sealed(result: result, appendError: nil)
      } catch let error as JournalError {
        return Sealed(result: result, appendError: error)
      } catch {
        return Sealed(result: result, appendError: JournalError("\(Self.fileName) : \(error)"))
      }
    }
  }

  // MARK: Verification

  /// Checks the chain of the journal and compares the register files with its last records.
  public func verify() -> JournalVerification {
    let data: Data
    do {
      data = try read()
    } catch {
      return JournalVerification(
        exists: exists, entryCount: 0, headHash: nil,
        problems: [.init(line: nil, message: error.message)], unjournaledChanges: [])
    }
    var verification = Self.verify(data: data)
    verification.exists = exists
    guard exists else { return verification }
    let entries = (try? Self.parse(data).entries) ?? Self.wellFormedEntries(data)
    let known = Self.lastKnownHashes(entries)
    guard let (current, unreadable) = try? currentHashes(known: known.keys) else { return verification }
    verification.unjournaledChanges = Set(known.keys).union(current.keys).union(unreadable).sorted().compactMap {
      file in
      if unreadable.contains(file) {
        return UnjournaledChange(file: file, recorded: known[file], current: nil, unreadable: true)
      }
      return known[file] == current[file]?.hash
        ? nil : UnjournaledChange(file: file, recorded: known[file], current: current[file]?.hash)
    }
    return verification
  }

  /// The entries of the lines that decode, skipping the others (for a report on a damaged journal).
  public static func wellFormedEntries(_ data: Data) -> [JournalEntry] {
    let decoder = JSONDecoder()
    return lines(data).compactMap { line in
      line.complete ? try? decoder.decode(JournalEntry.self, from: line.bytes) : nil
    }
  }
}

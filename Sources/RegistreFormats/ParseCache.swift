public import Foundation

/// The parsed form of each register file, kept while its bytes do not change, for a process that
/// reads the same register again and again (the web server, after each edit). Off unless switched on:
/// a batch audit reads thousands of files once and must not keep them.
public final class ParseCache: @unchecked Sendable {
  /// The one cache the loaders consult.
  public static let shared = ParseCache()

  struct Entry {
    var data: Data
    var lenient: Bool
    var value: Value?
    var diagnostics: [Diagnostic]
    var incomplete: [Diagnostic]
    var locations: [String: Location]
  }

  private let lock = NSLock()
  private var entries: [String: Entry] = [:]
  private var isOn = false
  private var hits = 0
  private var misses = 0
  private var parsed: [String: Int] = [:]

  /// Switches the cache on or off (off empties it).
  public func enable(_ on: Bool) {
    lock.lock()
    defer { lock.unlock() }
    isOn = on
    if !on { entries = [:] }
  }

  /// Files parsed and files served from the cache since the cache was switched on.
  public var counts: (parsed: Int, reused: Int) {
    lock.lock()
    defer { lock.unlock() }
    return (misses, hits)
  }

  /// How many times the file at `url` was parsed while the cache was on.
  public func timesParsed(_ url: URL) -> Int {
    lock.lock()
    defer { lock.unlock() }
    return parsed.filter { $0.key.hasPrefix(url.path + "\u{0}") }.values.reduce(0, +)
  }

  func entry(_ path: String, data: Data, lenient: Bool) -> Entry? {
    lock.lock()
    defer { lock.unlock() }
    guard isOn, let entry = entries[path], entry.lenient == lenient, entry.data == data else { return nil }
    hits += 1
    return entry
  }

  func store(_ path: String, _ entry: Entry) {
    lock.lock()
    defer { lock.unlock() }
    guard isOn else { return }
    misses += 1
    parsed[path, default: 0] += 1
    entries[path] = entry
  }
}

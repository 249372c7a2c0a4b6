/// One line of a change shown as a diff.
public struct DiffLine: Sendable, Equatable {
  public enum Kind: String, Sendable {
    case removed, added, kept
    /// Unchanged lines left out, more than `JournalDiff.context` away from any change.
    case skipped
  }

  public var kind: Kind
  /// The line's number in the old text (from 1); for `skipped`, the first line left out. Nil for `added`.
  public var oldNumber: Int?
  /// The line's number in the new text (from 1); for `skipped`, the first line left out. Nil for `removed`.
  public var newNumber: Int?
  /// The line without its newline; empty for `skipped`.
  public var text: String
  /// How many lines `skipped` leaves out (1 for the other kinds).
  public var count: Int = 1

  public init(kind: Kind, oldNumber: Int?, newNumber: Int?, text: String, count: Int = 1) {
    self.kind = kind
    self.oldNumber = oldNumber
    self.newNumber = newNumber
    self.text = text
    self.count = count
  }
}

/// A line diff of two states of a register file (from the journal's `content`), for display.
public enum JournalDiff {
  /// Unchanged lines kept around each change.
  public static let context = 3

  /// The lines of `new` against `old` (nil: the file did not exist, or is deleted): removed, added and kept
  /// lines in order, unchanged lines farther than `context` from a change folded into one `skipped` line.
  public static func lines(from old: String?, to new: String?) -> [DiffLine] {
    let before = split(old)
    let after = split(new)
    let difference = after.difference(from: before)
    var removed = Set<Int>()
    var inserted = Set<Int>()
    for change in difference {
      switch change {
      case .remove(let offset, _, _): removed.insert(offset)
      case .insert(let offset, _, _): inserted.insert(offset)
      }
    }
    var all: [DiffLine] = []
    var i = 0
    var j = 0
    while i < before.count || j < after.count {
      if i < before.count, removed.contains(i) {
        all.append(DiffLine(kind: .removed, oldNumber: i + 1, newNumber: nil, text: before[i]))
        i += 1
      } else if j < after.count, inserted.contains(j) {
        all.append(DiffLine(kind: .added, oldNumber: nil, newNumber: j + 1, text: after[j]))
        j += 1
      } else if i < before.count, j < after.count {
        all.append(DiffLine(kind: .kept, oldNumber: i + 1, newNumber: j + 1, text: before[i]))
        i += 1
        j += 1
      } else {
        break  // Unreachable for a consistent difference; never loop forever.
      }
    }
    return trimmed(all)
  }

  /// Folds kept lines farther than `context` from any change.
  static func trimmed(_ lines: [DiffLine]) -> [DiffLine] {
    let changes = lines.indices.filter { lines[$0].kind != .kept }
    var shown = Set<Int>()
    for index in changes {
      for near in max(0, index - context)...min(lines.count - 1, index + context) { shown.insert(near) }
    }
    var result: [DiffLine] = []
    var index = 0
    while index < lines.count {
      if shown.contains(index) {
        result.append(lines[index])
        index += 1
        continue
      }
      let start = index
      while index < lines.count, !shown.contains(index) { index += 1 }
      result.append(
        DiffLine(
          kind: .skipped, oldNumber: lines[start].oldNumber, newNumber: lines[start].newNumber, text: "",
          count: index - start))
    }
    return result
  }

  /// The lines of a text, without a last empty line after its final newline.
  static func split(_ text: String?) -> [String] {
    guard let text, !text.isEmpty else { return [] }
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if lines.last == "" { lines.removeLast() }
    return lines
  }
}

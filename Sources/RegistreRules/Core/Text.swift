import Foundation
import RegistreModel

/// Phrases a rule looks for, folded once instead of at every call.
struct Phrases: Sendable {
  /// Each phrase as folded bytes between spaces (« ␠espace␠numerique␠de␠travail␠»); empty ones dropped.
  let patterns: [[UInt8]]

  init(_ phrases: [String]) {
    patterns = phrases.map { FoldedText($0).bytes }.filter { $0.count > 1 }
  }

  /// Each phrase's words, for the few checks that compare words one by one.
  var words: [[String]] { patterns.map { FoldedText(bytes: $0).words } }
}

/// The first words of some phrases, by their first two letters and length: one pass over a
/// folded text tells whether any phrase can occur in it, before each one is looked for.
struct WordStarts: Sendable {
  private let keys: [UInt32]
  /// First two bytes (second one 0x20 for a one-letter word) of every first word.
  private let pairs: Set<UInt16>
  /// First byte of every first word.
  private let initials: Set<UInt8>

  init(_ phrases: [Phrases]) {
    var keys: Set<UInt32> = []
    var pairs: Set<UInt16> = []
    var initials: Set<UInt8> = []
    for pattern in phrases.flatMap(\.patterns) {
      let length = (pattern.dropFirst().firstIndex(of: 0x20) ?? pattern.count) - 1
      let second = pattern.count > 2 ? pattern[2] : 0x20
      keys.insert(Self.key(pattern[1], second, length))
      pairs.insert(UInt16(pattern[1]) << 8 | UInt16(second))
      initials.insert(pattern[1])
    }
    self.keys = keys.sorted()
    self.pairs = pairs
    self.initials = initials
  }

  /// Whether a word of `text`, once folded, may start like one of the phrases' first words —
  /// read on the raw UTF-8, without folding. It may answer yes wrongly (a word starting with
  /// a non-ASCII letter always may), never no wrongly: every place a folded word can start
  /// is looked at (the text's start, after an ASCII separator, after any non-ASCII byte).
  func mayOccur(inUnfolded text: String) -> Bool {
    var copy = text
    return copy.withUTF8 { bytes in
      func isAlphanumeric(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
      }
      for index in bytes.indices where index == 0 || !isAlphanumeric(bytes[index - 1]) {
        let first = bytes[index]
        if first >= 0xC0 { return true }
        guard isAlphanumeric(first) else { continue }
        let lower = first | 0x20
        var end = index + 1
        while end < bytes.count && isAlphanumeric(bytes[end]) { end += 1 }
        let second = end > index + 1 ? bytes[index + 1] | (bytes[index + 1] >= 0x41 ? 0x20 : 0) : 0x20
        if end < bytes.count && bytes[end] >= 0x80 {
          // A non-ASCII character may continue the word (é) or end it (’): length unknown.
          if end == index + 1 ? initials.contains(lower) : pairs.contains(UInt16(lower) << 8 | UInt16(second)) {
            return true
          }
        } else if keys.contains(Self.key(lower, second, end - index)) {
          return true
        }
      }
      return false
    }
  }

  private static func key(_ first: UInt8, _ second: UInt8, _ length: Int) -> UInt32 {
    UInt32(first) << 16 | UInt32(second) << 8 | UInt32(min(length, 255))
  }

  /// False when no word of `text` starts and ends like one of the phrases' first words.
  func mayOccur(in text: FoldedText) -> Bool {
    let bytes = text.bytes
    var start = 1
    var index = 1
    while index < bytes.count {
      if bytes[index] == 0x20 {
        let length = index - start
        if length > 0 {
          let key = Self.key(bytes[start], length > 1 ? bytes[start + 1] : 0x20, length)
          if keys.contains(key) { return true }
        }
        start = index + 1
      }
      index += 1
    }
    return false
  }
}

/// A text folded for keyword matching: lower case, no accents, its words (runs of letters
/// and digits) joined by single spaces, with a space before the first and after the last,
/// so that a phrase matches whole words by a plain byte search.
struct FoldedText: Sendable, Hashable {
  /// UTF-8 of « ␠word␠word␠ » (just « ␠ » for a text without words).
  let bytes: [UInt8]

  init(bytes: [UInt8]) {
    self.bytes = bytes
  }

  /// Folds `text`. French register text is almost always ASCII plus Latin-1 accented letters:
  /// those are folded byte by byte; any other character sends the whole text through
  /// Foundation's folding, which gives the same words, a hundred times slower.
  init(_ text: String?) {
    guard let text else {
      bytes = [0x20]
      return
    }
    bytes = Self.latin(text) ?? Self.foundation(text)
  }

  /// Joins folded texts, as folding their concatenation with a separator would.
  init(joining parts: [FoldedText]) {
    var joined: [UInt8] = [0x20]
    for part in parts where part.bytes.count > 1 { joined += part.bytes.dropFirst() }
    bytes = joined
  }

  /// The words, in order.
  var words: [String] {
    bytes.split(separator: 0x20).map { String(decoding: $0, as: UTF8.self) }
  }

  var isEmpty: Bool { bytes.count <= 1 }

  /// Whether one of `phrases` occurs as whole words.
  func contains(_ phrases: Phrases) -> Bool {
    phrases.patterns.contains { firstMatch(of: $0, from: 0) != nil }
  }

  /// Like `contains`, but ignores an occurrence negated by the word before it
  /// (« hors GAR », « sans ÉduConnect », « hors du GAR »).
  func containsAffirmed(_ phrases: Phrases) -> Bool {
    for pattern in phrases.patterns {
      var start = 0
      while let found = firstMatch(of: pattern, from: start) {
        if !isNegated(before: found) { return true }
        start = found + 1
      }
    }
    return false
  }

  private static let negations: Set<[UInt8]> = Set(["hors", "sans", "non", "pas"].map { Array($0.utf8) })
  private static let articles: Set<[UInt8]> = Set(["du", "de", "d", "des", "le", "la", "l"].map { Array($0.utf8) })

  /// Whether the word before the one starting after the space at `position`, articles
  /// skipped, is a negation.
  private func isNegated(before position: Int) -> Bool {
    var end = position  // index of the space that ends the previous word
    while end > 0 {
      var start = end - 1
      while start > 0 && bytes[start] != 0x20 { start -= 1 }
      let word = Array(bytes[(start + 1)..<end])
      if Self.articles.contains(word) {
        end = start
        continue
      }
      return Self.negations.contains(word)
    }
    return false
  }

  /// Index of the leading space of the first occurrence of `pattern` at or after `start`.
  private func firstMatch(of pattern: [UInt8], from start: Int) -> Int? {
    guard pattern.count > 1, bytes.count - start >= pattern.count else { return nil }
    return bytes.withUnsafeBytes { haystack in
      pattern.withUnsafeBytes { needle in
        guard let base = haystack.baseAddress, let needleBase = needle.baseAddress else { return nil }
        // memchr finds each candidate first letter; the byte before it must be a space.
        let firstLetter = Int32(needle[1])
        var from = start + 1
        while from < haystack.count,
          let hit = memchr(base + from, firstLetter, haystack.count - from)
        {
          let letter = base.distance(to: UnsafeRawPointer(hit))
          let position = letter - 1
          if position + needle.count > haystack.count { return nil }
          if haystack[position] == 0x20 && memcmp(base + position, needleBase, needle.count) == 0 {
            return position
          }
          from = letter + 1
        }
        return nil
      }
    }
  }

  /// Whether every word satisfies `predicate`; stops at the first that does not.
  func allWords(_ predicate: (String) -> Bool) -> Bool {
    var start = 1
    for index in 1..<max(1, bytes.count) where bytes[index] == 0x20 {
      if !predicate(String(decoding: bytes[start..<index], as: UTF8.self)) { return false }
      start = index + 1
    }
    return true
  }

  /// Foundation's case and diacritic folding, split on `Character`s: the reference.
  static func foundation(_ text: String) -> [UInt8] {
    let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    var joined: [UInt8] = [0x20]
    for word in folded.split(whereSeparator: { !($0.isLetter || $0.isNumber) }) {
      joined += word.utf8
      joined.append(0x20)
    }
    return joined
  }

  /// The fast folding, or `nil` when `text` holds a character it does not know.
  static func latin(_ text: String) -> [UInt8]? {
    var copy = text
    return copy.withUTF8 { source -> [UInt8]? in
      var out: [UInt8] = [0x20]
      out.reserveCapacity(source.count + 2)
      // Appends a separator unless the last byte already is one.
      func separate() {
        if out[out.count - 1] != 0x20 { out.append(0x20) }
      }
      var index = 0
      let count = source.count
      while index < count {
        let byte = source[index]
        if byte < 0x80 {
          switch byte {
          case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): out.append(byte)
          case UInt8(ascii: "A")...UInt8(ascii: "Z"): out.append(byte | 0x20)
          default: separate()
          }
          index += 1
          continue
        }
        guard index + 1 < count else { return nil }
        let next = source[index + 1]
        switch byte {
        case 0xC3:
          // U+00C0…U+00FF: accented Latin letters fold to their base letter; × and ÷ separate.
          let folded = latin1Base[Int(next & 0x3F)]
          if folded == 0 { return nil }
          if folded == separator { separate() } else { out.append(folded) }
          index += 2
        case 0xC2:
          // U+0080…U+00BF: punctuation and spaces, except ª º µ and the superscript digits and fractions.
          if [0xAA, 0xB2, 0xB3, 0xB5, 0xB9, 0xBA, 0xBC, 0xBD, 0xBE].contains(next) { return nil }
          separate()
          index += 2
        case 0xC5 where next == 0x92 || next == 0x93:
          // Œ and œ: a ligature, not an accent — folded to lower case only, as Foundation does.
          out += [0xC5, 0x93]
          index += 2
        case 0xE2 where next == 0x80 && index + 2 < count:
          // U+2000…U+203F: spaces, dashes, quotes, bullets — except the zero-width joiners and
          // marks, which change grapheme clusters.
          if (0x8B...0x8F).contains(source[index + 2]) { return nil }
          separate()
          index += 3
        default:
          return nil
        }
      }
      separate()
      return out
    }
  }

  private static let separator: UInt8 = 0xFF

  /// Base letter of U+00C0 + i (0: unknown, fall back; `separator`: not a letter).
  private static let latin1Base: [UInt8] = {
    var table = [UInt8](repeating: 0, count: 64)
    let groups: [(ClosedRange<Int>, Character)] = [
      (0x00...0x05, "a"), (0x07...0x07, "c"), (0x08...0x0B, "e"), (0x0C...0x0F, "i"), (0x11...0x11, "n"),
      (0x12...0x16, "o"), (0x19...0x1C, "u"), (0x1D...0x1D, "y"),
      (0x20...0x25, "a"), (0x27...0x27, "c"), (0x28...0x2B, "e"), (0x2C...0x2F, "i"), (0x31...0x31, "n"),
      (0x32...0x36, "o"), (0x39...0x3C, "u"), (0x3D...0x3D, "y"), (0x3F...0x3F, "y"),
    ]
    for (range, letter) in groups {
      for i in range { table[i] = letter.asciiValue ?? 0 }
    }
    table[0x17] = separator  // ×
    table[0x37] = separator  // ÷
    return table
  }()
}

/// Keyword matching on free text, insensitive to case and accents.
enum Text {
  /// Lower-case, accent-free words of `text` (split on anything not a letter or digit).
  static func words(_ text: String?) -> [String] {
    FoldedText(text).words
  }

  /// Whether `text` contains one of `phrases` as whole words.
  static func contains(_ text: String?, anyOf phrases: Phrases) -> Bool {
    FoldedText(text).contains(phrases)
  }


  /// `text` without its parenthesised parts: « SIECLE (module bourses) » → « SIECLE ».
  static func withoutParentheses(_ text: String) -> String {
    // Parentheses are ASCII, so bytes suffice and multi-byte characters are kept whole.
    var depth = 0
    var kept: [UInt8] = []
    kept.reserveCapacity(text.utf8.count)
    for byte in text.utf8 {
      if byte == UInt8(ascii: "(") {
        depth += 1
      } else if byte == UInt8(ascii: ")") {
        depth = max(0, depth - 1)
      } else if depth == 0 {
        kept.append(byte)
      }
    }
    return String(decoding: kept, as: UTF8.self)
  }

  static func isBlank(_ text: String?) -> Bool {
    guard let text else { return true }
    // Byte scan: ASCII settles it; Foundation is asked only when the first other byte may
    // start a Unicode space (U+0085, U+00A0, U+1680, U+2000…U+205F, U+3000).
    for byte in text.utf8 where byte != 0x20 && !(0x09...0x0D).contains(byte) {
      guard [0xC2, 0xE1, 0xE2, 0xE3].contains(byte) else { return false }
      return text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
    }
    return true
  }
}

extension ArraySlice<UInt8> {
  /// Whether `part` occurs in these bytes.
  func contains(bytes part: ArraySlice<UInt8>) -> Bool {
    guard part.count <= count else { return false }
    guard let first = part.first else { return true }
    var position = startIndex
    while position + part.count <= endIndex {
      if self[position] == first && self[position..<position + part.count].elementsEqual(part) { return true }
      position += 1
    }
    return false
  }
}

extension Treatment {
  /// Name, software, purposes: the free text that says what a treatment is.
  var descriptiveText: String {
    ([nom, logiciel ?? "", finalitePrincipale] + sousFinalites).joined(separator: " \n ")
  }

  /// `descriptiveText`, folded.
  var foldedDescription: FoldedText { FoldedText(descriptiveText) }

  func categories(_ predicate: (DataCategory) -> Bool) -> [DataCategory] {
    donnees.map(\.categorie).filter(predicate)
  }

  var processesBiometrics: Bool {
    dispositifBiometrique != nil || donnees.contains { $0.categorie == .biometrie }
  }

  /// The fiche's subject, for findings.
  var subject: Subject { .traitement(id) }
}

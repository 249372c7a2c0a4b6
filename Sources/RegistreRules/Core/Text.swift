import Foundation
import RegistreModel

/// Phrases a rule looks for, split into folded words once instead of at every call.
struct Phrases: Sendable {
  /// Each phrase as its lower-case, accent-free words; empty phrases are dropped.
  let words: [[String]]

  init(_ phrases: [String]) {
    words = phrases.map { Text.words($0) }.filter { !$0.isEmpty }
  }
}

/// Keyword matching on free text, insensitive to case and accents.
enum Text {
  /// Lower-case, accent-free words of `text` (split on anything not a letter or digit).
  ///
  /// French register text is almost always ASCII plus Latin-1 accented letters: those are
  /// folded byte by byte; any other character sends the whole text through Foundation's
  /// folding, which gives the same words, a hundred times slower.
  static func words(_ text: String?) -> [String] {
    guard let text else { return [] }
    return latinWords(text) ?? foundationWords(text)
  }

  /// The reference folding: Foundation's case and diacritic folding, split on `Character`s.
  static func foundationWords(_ text: String) -> [String] {
    let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    return folded.split { !($0.isLetter || $0.isNumber) }.map(String.init)
  }

  /// The fast folding, or `nil` when `text` holds a character it does not know.
  static func latinWords(_ text: String) -> [String]? {
    var copy = text
    return copy.withUTF8 { bytes -> [String]? in
      var words: [String] = []
      var word: [UInt8] = []
      word.reserveCapacity(32)
      func endWord() {
        guard !word.isEmpty else { return }
        words.append(String(decoding: word, as: UTF8.self))
        word.removeAll(keepingCapacity: true)
      }
      var index = 0
      let count = bytes.count
      while index < count {
        let byte = bytes[index]
        if byte < 0x80 {
          switch byte {
          case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): word.append(byte)
          case UInt8(ascii: "A")...UInt8(ascii: "Z"): word.append(byte | 0x20)
          default: endWord()
          }
          index += 1
          continue
        }
        guard index + 1 < count else { return nil }
        let next = bytes[index + 1]
        switch byte {
        case 0xC3:
          // U+00C0…U+00FF: accented Latin letters fold to their base letter; × and ÷ separate.
          let folded = latin1Base[Int(next & 0x3F)]
          if folded == 0 { return nil }
          if folded == separator { endWord() } else { word.append(folded) }
          index += 2
        case 0xC2:
          // U+0080…U+00BF: punctuation and spaces, except ª º µ and the superscript digits and fractions.
          if [0xAA, 0xB2, 0xB3, 0xB5, 0xB9, 0xBA, 0xBC, 0xBD, 0xBE].contains(next) { return nil }
          endWord()
          index += 2
        case 0xE2 where next == 0x80 && index + 2 < count:
          // U+2000…U+203F: spaces, dashes, quotes, bullets — except the zero-width joiners and
          // marks, which change grapheme clusters.
          if (0x8B...0x8F).contains(bytes[index + 2]) { return nil }
          endWord()
          index += 3
        default:
          return nil
        }
      }
      endWord()
      return words
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

  /// Whether `text` contains one of `phrases` as whole words.
  static func contains(_ text: String?, anyOf phrases: Phrases) -> Bool {
    contains(words: words(text), anyOf: phrases)
  }

  /// Whether the folded `haystack` contains one of `phrases` as whole words.
  static func contains(words haystack: [String], anyOf phrases: Phrases) -> Bool {
    guard !haystack.isEmpty else { return false }
    return phrases.words.contains { firstMatch(of: $0, in: haystack, from: 0) != nil }
  }

  /// Like `contains`, but ignores an occurrence negated by the word before it
  /// (« hors GAR », « sans ÉduConnect », « hors du GAR »).
  static func containsAffirmed(_ text: String?, anyOf phrases: Phrases) -> Bool {
    containsAffirmed(words: words(text), anyOf: phrases)
  }

  static func containsAffirmed(words haystack: [String], anyOf phrases: Phrases) -> Bool {
    for needle in phrases.words {
      var start = 0
      while let found = firstMatch(of: needle, in: haystack, from: start) {
        var before = found - 1
        while before >= 0 && articles.contains(haystack[before]) { before -= 1 }
        if before < 0 || !negations.contains(haystack[before]) { return true }
        start = found + 1
      }
    }
    return false
  }

  private static let negations: Set<String> = ["hors", "sans", "non", "pas"]
  private static let articles: Set<String> = ["du", "de", "d", "des", "le", "la", "l"]

  /// Index in `haystack` where the words of `needle` appear in a row, from `start` on.
  private static func firstMatch(of needle: [String], in haystack: [String], from start: Int) -> Int? {
    guard let first = needle.first, haystack.count - start >= needle.count else { return nil }
    var position = start
    while position + needle.count <= haystack.count {
      if haystack[position] == first {
        var offset = 1
        while offset < needle.count && haystack[position + offset] == needle[offset] { offset += 1 }
        if offset == needle.count { return position }
      }
      position += 1
    }
    return nil
  }

  /// `text` without its parenthesised parts: « SIECLE (module bourses) » → « SIECLE ».
  static func withoutParentheses(_ text: String) -> String {
    var depth = 0
    var kept = ""
    for c in text {
      if c == "(" {
        depth += 1
      } else if c == ")" {
        depth = max(0, depth - 1)
      } else if depth == 0 {
        kept.append(c)
      }
    }
    return kept
  }

  static func isBlank(_ text: String?) -> Bool {
    guard let text else { return true }
    // Byte scan first: a non-space ASCII byte settles it without Foundation.
    for byte in text.utf8 where byte != 0x20 && !(0x09...0x0D).contains(byte) {
      if byte < 0x80 { return false }
      return text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
    }
    return true
  }
}

extension Traitement {
  /// Name, software, purposes: the free text that says what a treatment is.
  var descriptiveText: String {
    ([nom, logiciel ?? "", finalitePrincipale] + sousFinalites).joined(separator: " \n ")
  }

  func categories(_ predicate: (CategorieDonnees) -> Bool) -> [CategorieDonnees] {
    donnees.map(\.categorie).filter(predicate)
  }

  var processesBiometrics: Bool {
    dispositifBiometrique != nil || donnees.contains { $0.categorie == .biometrie }
  }

  /// The fiche's subject, for findings.
  var subject: Subject { .traitement(id) }
}

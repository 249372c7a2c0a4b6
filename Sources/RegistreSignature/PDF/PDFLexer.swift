import Foundation

/// Parses PDF objects from a byte buffer. Every loop advances or stops, nesting is bounded:
/// hostile input yields a `PDFError`, never a crash or a hang.
struct PDFLexer {
  static let maximumNesting = 64

  let bytes: [UInt8]
  var position: Int

  init(bytes: [UInt8], position: Int = 0) {
    self.bytes = bytes
    self.position = position
  }

  static func isWhitespace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 || byte == 0x0C || byte == 0x00
  }

  static func isDelimiter(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "<"), UInt8(ascii: ">"),
      UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"),
      UInt8(ascii: "/"), UInt8(ascii: "%"):
      return true
    default: return false
    }
  }

  var atEnd: Bool { position >= bytes.count }

  func peek(_ offset: Int = 0) -> UInt8? {
    let index = position + offset
    return index >= 0 && index < bytes.count ? bytes[index] : nil
  }

  mutating func skipWhitespaceAndComments() {
    while position < bytes.count {
      let byte = bytes[position]
      if PDFLexer.isWhitespace(byte) {
        position += 1
      } else if byte == UInt8(ascii: "%") {
        while position < bytes.count, bytes[position] != 0x0A, bytes[position] != 0x0D {
          position += 1
        }
      } else {
        return
      }
    }
  }

  /// Reads a run of regular characters (a keyword or a number).
  mutating func readRegularToken() -> [UInt8] {
    let start = position
    while position < bytes.count, !PDFLexer.isWhitespace(bytes[position]),
      !PDFLexer.isDelimiter(bytes[position])
    {
      position += 1
    }
    return Array(bytes[start..<position])
  }

  /// True and consumes the keyword if it comes next (after whitespace).
  mutating func consumeKeyword(_ keyword: String) -> Bool {
    skipWhitespaceAndComments()
    let saved = position
    let token = readRegularToken()
    if token == Array(keyword.utf8) { return true }
    position = saved
    return false
  }

  mutating func expectKeyword(_ keyword: String) throws(PDFError) {
    guard consumeKeyword(keyword) else {
      throw .damaged("mot-clé « \(keyword) » attendu à l'octet \(position)")
    }
  }

  /// Reads an unsigned integer token, or nil (position unchanged).
  mutating func readUnsignedInteger() -> Int? {
    skipWhitespaceAndComments()
    let saved = position
    var value = 0
    var digits = 0
    while position < bytes.count, bytes[position] >= 0x30, bytes[position] <= 0x39 {
      if digits >= 18 { position = saved; return nil }
      value = value * 10 + Int(bytes[position] - 0x30)
      digits += 1
      position += 1
    }
    if digits == 0 || (position < bytes.count && !PDFLexer.isWhitespace(bytes[position])
      && !PDFLexer.isDelimiter(bytes[position]))
    {
      position = saved
      return nil
    }
    return value
  }

  /// Parses one object. `N G R` becomes a reference.
  mutating func parseObject(depth: Int = 0) throws(PDFError) -> PDFObject {
    guard depth < PDFLexer.maximumNesting else {
      throw .limitExceeded("imbrication de plus de \(PDFLexer.maximumNesting) niveaux")
    }
    skipWhitespaceAndComments()
    guard let byte = peek() else { throw .damaged("fin de fichier inattendue") }
    switch byte {
    case UInt8(ascii: "["):
      position += 1
      var items: [PDFObject] = []
      while true {
        skipWhitespaceAndComments()
        guard let next = peek() else { throw .damaged("tableau non terminé") }
        if next == UInt8(ascii: "]") {
          position += 1
          return .array(items)
        }
        items.append(try parseObject(depth: depth + 1))
      }
    case UInt8(ascii: "<"):
      if peek(1) == UInt8(ascii: "<") {
        position += 2
        return .dictionary(try parseDictionaryBody(depth: depth))
      }
      position += 1
      return .string(try parseHexString())
    case UInt8(ascii: "("):
      position += 1
      return .string(try parseLiteralString())
    case UInt8(ascii: "/"):
      position += 1
      return .name(parseName())
    case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."), 0x30...0x39:
      return try parseNumberOrReference()
    default:
      let start = position
      let token = readRegularToken()
      switch token {
      case Array("true".utf8): return .bool(true)
      case Array("false".utf8): return .bool(false)
      case Array("null".utf8): return .null
      default:
        if token.isEmpty { position += 1 }
        throw .damaged("élément inattendu à l'octet \(start)")
      }
    }
  }

  mutating func parseDictionaryBody(depth: Int) throws(PDFError) -> PDFDictionary {
    var dictionary = PDFDictionary()
    while true {
      skipWhitespaceAndComments()
      guard let next = peek() else { throw .damaged("dictionnaire non terminé") }
      if next == UInt8(ascii: ">") {
        guard peek(1) == UInt8(ascii: ">") else { throw .damaged("« >> » attendu à l'octet \(position)") }
        position += 2
        return dictionary
      }
      guard next == UInt8(ascii: "/") else { throw .damaged("clé de dictionnaire attendue à l'octet \(position)") }
      position += 1
      let key = parseName()
      let value = try parseObject(depth: depth + 1)
      // A null value is the same as an absent key (ISO 32000-1 §7.3.7).
      if value != .null { dictionary[key] = value }
    }
  }

  mutating func parseName() -> String {
    var raw: [UInt8] = []
    while position < bytes.count, !PDFLexer.isWhitespace(bytes[position]),
      !PDFLexer.isDelimiter(bytes[position])
    {
      let byte = bytes[position]
      if byte == UInt8(ascii: "#"), position + 2 < bytes.count,
        let high = PDFLexer.hexValue(bytes[position + 1]), let low = PDFLexer.hexValue(bytes[position + 2])
      {
        raw.append(high << 4 | low)
        position += 3
      } else {
        raw.append(byte)
        position += 1
      }
    }
    return String(decoding: raw, as: UTF8.self)
  }

  static func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case 0x30...0x39: return byte - 0x30
    case 0x41...0x46: return byte - 0x41 + 10
    case 0x61...0x66: return byte - 0x61 + 10
    default: return nil
    }
  }

  mutating func parseHexString() throws(PDFError) -> [UInt8] {
    var result: [UInt8] = []
    var high: UInt8?
    while position < bytes.count {
      let byte = bytes[position]
      position += 1
      if byte == UInt8(ascii: ">") {
        if let high { result.append(high << 4) }
        return result
      }
      if PDFLexer.isWhitespace(byte) { continue }
      guard let value = PDFLexer.hexValue(byte) else {
        throw .damaged("chaîne hexadécimale invalide à l'octet \(position - 1)")
      }
      if let pending = high {
        result.append(pending << 4 | value)
        high = nil
      } else {
        high = value
      }
    }
    throw .damaged("chaîne hexadécimale non terminée")
  }

  mutating func parseLiteralString() throws(PDFError) -> [UInt8] {
    var result: [UInt8] = []
    var nesting = 1
    while position < bytes.count {
      let byte = bytes[position]
      position += 1
      switch byte {
      case UInt8(ascii: "("):
        nesting += 1
        result.append(byte)
      case UInt8(ascii: ")"):
        nesting -= 1
        if nesting == 0 { return result }
        result.append(byte)
      case UInt8(ascii: "\\"):
        guard position < bytes.count else { break }
        let escaped = bytes[position]
        position += 1
        switch escaped {
        case UInt8(ascii: "n"): result.append(0x0A)
        case UInt8(ascii: "r"): result.append(0x0D)
        case UInt8(ascii: "t"): result.append(0x09)
        case UInt8(ascii: "b"): result.append(0x08)
        case UInt8(ascii: "f"): result.append(0x0C)
        case 0x0D:
          if peek() == 0x0A { position += 1 }
        case 0x0A: break
        case 0x30...0x37:
          var value = Int(escaped - 0x30)
          var count = 1
          while count < 3, let next = peek(), next >= 0x30, next <= 0x37 {
            value = value * 8 + Int(next - 0x30)
            position += 1
            count += 1
          }
          result.append(UInt8(value & 0xFF))
        default: result.append(escaped)
        }
      default:
        result.append(byte)
      }
    }
    throw .damaged("chaîne littérale non terminée")
  }

  mutating func parseNumberOrReference() throws(PDFError) -> PDFObject {
    let start = position
    let token = readRegularToken()
    guard !token.isEmpty else {
      position += 1
      throw .damaged("nombre invalide à l'octet \(start)")
    }
    let text = String(decoding: token, as: UTF8.self)
    if !token.contains(UInt8(ascii: ".")), let first = Int(text) {
      // Look ahead for "G R".
      let saved = position
      if first >= 0, let generation = readUnsignedInteger() {
        skipWhitespaceAndComments()
        if peek() == UInt8(ascii: "R"), peek(1).map({ PDFLexer.isWhitespace($0) || PDFLexer.isDelimiter($0) }) ?? true
        {
          position += 1
          return .reference(PDFReference(number: first, generation: generation))
        }
      }
      position = saved
      return .integer(first)
    }
    if let value = Double(text), value.isFinite { return .real(value) }
    // Tolerate forms such as "--1" or "1.2.3" as zero, as common readers do, rather than fail the file.
    return .integer(0)
  }
}

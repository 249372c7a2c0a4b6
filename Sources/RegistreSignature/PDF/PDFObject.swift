import Foundation

/// A reference to an indirect object: `12 0 R`.
public struct PDFReference: Hashable, Sendable, Codable {
  public var number: Int
  public var generation: Int

  public init(number: Int, generation: Int = 0) {
    self.number = number
    self.generation = generation
  }
}

/// A PDF value. Streams keep their dictionary and raw (still encoded) bytes.
public indirect enum PDFObject: Equatable, Sendable {
  case null
  case bool(Bool)
  case integer(Int)
  case real(Double)
  /// A string's bytes, whether it was written literal or hexadecimal.
  case string([UInt8])
  case name(String)
  case array([PDFObject])
  case dictionary(PDFDictionary)
  case reference(PDFReference)
  case stream(PDFDictionary, [UInt8])

  var dictionaryValue: PDFDictionary? {
    switch self {
    case .dictionary(let d): return d
    case .stream(let d, _): return d
    default: return nil
    }
  }

  var arrayValue: [PDFObject]? {
    if case .array(let a) = self { return a }
    return nil
  }

  var integerValue: Int? {
    switch self {
    case .integer(let i): return i
    case .real(let r) where r.rounded() == r && abs(r) < 1e15: return Int(r)
    default: return nil
    }
  }

  var nameValue: String? {
    if case .name(let n) = self { return n }
    return nil
  }

  var stringValue: [UInt8]? {
    if case .string(let s) = self { return s }
    return nil
  }

  var referenceValue: PDFReference? {
    if case .reference(let r) = self { return r }
    return nil
  }
}

/// A PDF dictionary that keeps its keys' order, so a rewritten object stays close to the original.
public struct PDFDictionary: Equatable, Sendable {
  public private(set) var entries: [(key: String, value: PDFObject)] = []

  public init() {}

  public init(_ entries: [(String, PDFObject)]) {
    for (key, value) in entries { self[key] = value }
  }

  public subscript(key: String) -> PDFObject? {
    get { entries.first { $0.key == key }?.value }
    set {
      if let index = entries.firstIndex(where: { $0.key == key }) {
        if let newValue { entries[index].value = newValue } else { entries.remove(at: index) }
      } else if let newValue {
        entries.append((key, newValue))
      }
    }
  }

  public static func == (lhs: PDFDictionary, rhs: PDFDictionary) -> Bool {
    lhs.entries.count == rhs.entries.count
      && zip(lhs.entries, rhs.entries).allSatisfy { $0.key == $1.key && $0.value == $1.value }
  }
}

// MARK: - Serialisation

extension PDFObject {
  /// The object written in PDF syntax.
  func serialized() -> [UInt8] {
    var out: [UInt8] = []
    write(to: &out)
    return out
  }

  func write(to out: inout [UInt8]) {
    switch self {
    case .null: out += Array("null".utf8)
    case .bool(let b): out += Array((b ? "true" : "false").utf8)
    case .integer(let i): out += Array(String(i).utf8)
    case .real(let r): out += Array(PDFObject.formatReal(r).utf8)
    case .string(let bytes): PDFObject.writeLiteralString(bytes, to: &out)
    case .name(let n): PDFObject.writeName(n, to: &out)
    case .array(let items):
      out.append(UInt8(ascii: "["))
      for (index, item) in items.enumerated() {
        if index > 0 { out.append(UInt8(ascii: " ")) }
        item.write(to: &out)
      }
      out.append(UInt8(ascii: "]"))
    case .dictionary(let d): PDFObject.writeDictionary(d, to: &out)
    case .reference(let r): out += Array("\(r.number) \(r.generation) R".utf8)
    case .stream(let d, let data):
      var dictionary = d
      dictionary["Length"] = .integer(data.count)
      PDFObject.writeDictionary(dictionary, to: &out)
      out += Array("\nstream\n".utf8)
      out += data
      out += Array("\nendstream".utf8)
    }
  }

  static func writeDictionary(_ d: PDFDictionary, to out: inout [UInt8]) {
    out += Array("<<".utf8)
    for (key, value) in d.entries {
      writeName(key, to: &out)
      out.append(UInt8(ascii: " "))
      value.write(to: &out)
    }
    out += Array(">>".utf8)
  }

  static func formatReal(_ r: Double) -> String {
    guard r.isFinite else { return "0" }
    if r.rounded() == r && abs(r) < 1e15 { return String(Int(r)) }
    var text = String(format: "%.6f", r)
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text
  }

  static func writeName(_ name: String, to out: inout [UInt8]) {
    out.append(UInt8(ascii: "/"))
    for byte in Array(name.utf8) {
      if byte < 0x21 || byte > 0x7E || PDFLexer.isDelimiter(byte) || byte == UInt8(ascii: "#") {
        out += Array(String(format: "#%02X", byte).utf8)
      } else {
        out.append(byte)
      }
    }
  }

  static func writeLiteralString(_ bytes: [UInt8], to out: inout [UInt8]) {
    // Binary content (identifiers, UTF-16 text) is clearer and safer from EOL rewriting as hexadecimal.
    if bytes.contains(where: { $0 < 0x20 || $0 > 0x7E }) {
      out.append(UInt8(ascii: "<"))
      for byte in bytes { out += Array(String(format: "%02X", byte).utf8) }
      out.append(UInt8(ascii: ">"))
      return
    }
    out.append(UInt8(ascii: "("))
    for byte in bytes {
      switch byte {
      case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "\\"):
        out.append(UInt8(ascii: "\\"))
        out.append(byte)
      case 0x0D: out += Array("\\r".utf8)
      case 0x0A: out += Array("\\n".utf8)
      default: out.append(byte)
      }
    }
    out.append(UInt8(ascii: ")"))
  }

  /// A text string for the PDF: PDFDocEncoding-compatible ASCII as is, anything else as UTF-16BE with BOM.
  static func textString(_ text: String) -> PDFObject {
    if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return .string(Array(text.utf8)) }
    var bytes: [UInt8] = [0xFE, 0xFF]
    for unit in text.utf16 {
      bytes.append(UInt8(unit >> 8))
      bytes.append(UInt8(unit & 0xFF))
    }
    return .string(bytes)
  }

  /// Decodes a PDF text string (UTF-16BE with BOM, UTF-8 with BOM, or PDFDocEncoding read as Latin-1).
  static func decodeText(_ bytes: [UInt8]) -> String {
    if bytes.count >= 2, bytes[0] == 0xFE, bytes[1] == 0xFF {
      var units: [UInt16] = []
      var index = 2
      while index + 1 < bytes.count {
        units.append(UInt16(bytes[index]) << 8 | UInt16(bytes[index + 1]))
        index += 2
      }
      return String(decoding: units, as: UTF16.self)
    }
    if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
      return String(decoding: bytes[3...], as: UTF8.self)
    }
    return String(bytes.map { Character(Unicode.Scalar($0)) })
  }
}

import Foundation
import RegistreCrypto

/// Appends a revision to a PDF: the original bytes are kept, new and changed objects follow,
/// then a cross-reference section of the same kind as the previous one (table or stream).
struct IncrementalUpdate {
  let document: PDFDocument
  private(set) var nextNumber: Int
  /// Serialised bodies of new or rewritten objects (without `N G obj` / `endobj`).
  private var objects: [PDFReference: [UInt8]] = [:]
  /// The second element of the new trailer's `/ID`: random unless set (a reproducible document).
  var updateIdentifier: [UInt8]?

  init(document: PDFDocument) throws(PDFError) {
    self.document = document
    let declared = document.trailer["Size"]?.integerValue ?? 0
    let highest = (document.xref.keys.max() ?? 0) + 1
    nextNumber = max(declared, highest)
    guard nextNumber < PDFDocument.maximumObjectNumber - 16 else {
      throw .limitExceeded("trop d'objets")
    }
  }

  mutating func allocate() -> PDFReference {
    defer { nextNumber += 1 }
    return PDFReference(number: nextNumber, generation: 0)
  }

  mutating func set(_ reference: PDFReference, _ object: PDFObject) {
    objects[reference] = object.serialized()
  }

  mutating func setRaw(_ reference: PDFReference, _ body: [UInt8]) {
    objects[reference] = body
  }

  /// The complete new file and the offset at which each object's body starts.
  func write() -> (bytes: [UInt8], bodyOffsets: [PDFReference: Int]) {
    let (tail, bodyOffsets) = appendedBytes()
    var output: [UInt8] = []
    output.reserveCapacity(document.bytes.count + tail.count)
    output += document.bytes
    output += tail
    return (output, bodyOffsets)
  }

  /// Only the bytes to append to the original file (the new revision), and the offset in the whole new
  /// file at which each object's body starts: a signer hashes and writes the original bytes in place
  /// instead of copying megabytes into a new buffer.
  func appendedBytes() -> (bytes: [UInt8], bodyOffsets: [PDFReference: Int]) {
    let base = document.bytes.count
    var output: [UInt8] = []
    output.reserveCapacity(4096)
    if let last = document.bytes.last, last != 0x0A, last != 0x0D { output.append(0x0A) }
    var offsets: [Int: (offset: Int, generation: Int)] = [:]
    var bodyOffsets: [PDFReference: Int] = [:]
    for reference in objects.keys.sorted(by: { $0.number < $1.number }) {
      offsets[reference.number] = (base + output.count, reference.generation)
      output += Array("\(reference.number) \(reference.generation) obj\n".utf8)
      bodyOffsets[reference] = base + output.count
      output += objects[reference] ?? []
      output += Array("\nendobj\n".utf8)
    }
    var trailer = PDFDictionary()
    var size = nextNumber
    let usesStream = document.sections.first?.isStream ?? false
    let xrefNumber = size
    if usesStream { size += 1 }
    trailer["Size"] = .integer(size)
    if let root = document.trailer["Root"] { trailer["Root"] = root }
    if let info = document.trailer["Info"] { trailer["Info"] = info }
    trailer["ID"] = .array([.string(firstIdentifier()), .string(updateIdentifier ?? randomBytes(16))])
    trailer["Prev"] = .integer(document.startXref)
    let xrefOffset = base + output.count
    if usesStream {
      offsets[xrefNumber] = (xrefOffset, 0)
      let maximum = max(xrefOffset, 1)
      var width = 1
      while width < 8, maximum >> (8 * width) > 0 { width += 1 }
      var data: [UInt8] = []
      var index: [PDFObject] = []
      for (start, numbers) in IncrementalUpdate.runs(offsets.keys.sorted()) {
        index += [.integer(start), .integer(numbers.count)]
        for number in numbers {
          let (offset, generation) = offsets[number] ?? (0, 0)
          data.append(1)
          for shift in stride(from: width - 1, through: 0, by: -1) { data.append(UInt8((offset >> (8 * shift)) & 0xFF)) }
          data.append(UInt8((generation >> 8) & 0xFF))
          data.append(UInt8(generation & 0xFF))
        }
      }
      var dictionary = PDFDictionary()
      dictionary["Type"] = .name("XRef")
      for (key, value) in trailer.entries { dictionary[key] = value }
      dictionary["W"] = .array([.integer(1), .integer(width), .integer(2)])
      dictionary["Index"] = .array(index)
      output += Array("\(xrefNumber) 0 obj\n".utf8)
      output += PDFObject.stream(dictionary, data).serialized()
      output += Array("\nendobj\n".utf8)
    } else {
      output += Array("xref\n0 1\n0000000000 65535 f\r\n".utf8)
      for (start, numbers) in IncrementalUpdate.runs(offsets.keys.sorted()) {
        output += Array("\(start) \(numbers.count)\n".utf8)
        for number in numbers {
          let (offset, generation) = offsets[number] ?? (0, 0)
          output += Array((pad(offset, 10) + " " + pad(generation, 5) + " n\r\n").utf8)
        }
      }
      output += Array("trailer\n".utf8)
      output += PDFObject.dictionary(trailer).serialized()
      output += Array("\n".utf8)
    }
    output += Array("startxref\n\(xrefOffset)\n%%EOF\n".utf8)
    return (output, bodyOffsets)
  }

  private func pad(_ value: Int, _ width: Int) -> String {
    let text = String(value)
    return String(repeating: "0", count: max(0, width - text.count)) + text
  }

  /// The first `/ID` element is kept: it identifies the document across revisions (ISO 32000-1 §14.4).
  func firstIdentifier() -> [UInt8] {
    if let first = document.trailer["ID"]?.arrayValue?.first?.stringValue, !first.isEmpty { return first }
    return randomBytes(16)
  }

  /// Groups sorted numbers into consecutive runs, one xref subsection each.
  static func runs(_ numbers: [Int]) -> [(Int, [Int])] {
    var result: [(Int, [Int])] = []
    for number in numbers {
      if let last = result.last, let end = last.1.last, end + 1 == number {
        result[result.count - 1].1.append(number)
      } else {
        result.append((number, [number]))
      }
    }
    return result
  }
}

func randomBytes(_ count: Int) -> [UInt8] { SecureRandom.bytes(count) }

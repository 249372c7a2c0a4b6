public import Foundation

/// Where an object lives according to the cross-reference data.
enum XrefEntry: Equatable, Sendable {
  case free
  case offset(Int, generation: Int)
  case compressed(stream: Int, index: Int)
}

/// One cross-reference section (one revision), as found by following `/Prev`.
struct XrefSection: Sendable {
  /// Offset of the `xref` keyword or of the xref stream object.
  var offset: Int
  var isStream: Bool
  var entries: [Int: XrefEntry]
  var trailer: PDFDictionary
}

/// A read-only view of a PDF file: its bytes, its revisions and its objects.
///
/// Reading is bounded everywhere (nesting, revision count, stream sizes), so a hostile file gives a
/// `PDFError` rather than a crash or a hang.
public final class PDFDocument {
  static let maximumRevisions = 512
  static let maximumObjectNumber = 8_388_607
  static let maximumResolutionDepth = 32

  public let bytes: [UInt8]
  /// Sections newest first.
  let sections: [XrefSection]
  /// The merged table: the newest entry for each object number.
  let xref: [Int: XrefEntry]
  /// The newest trailer.
  let trailer: PDFDictionary
  /// Offset of the newest cross-reference section (the value after the last `startxref`).
  let startXref: Int

  private var objectCache: [Int: PDFObject] = [:]
  private var objectStreamCache: [Int: [Int: PDFObject]] = [:]
  private var resolutionDepth = 0

  /// Parses the file's structure. Throws `PDFError.encrypted` for encrypted files.
  public convenience init(data: Data) throws(PDFError) {
    try self.init(bytes: [UInt8](data))
  }

  public init(bytes: [UInt8]) throws(PDFError) {
    self.bytes = bytes
    let headerWindow = bytes.prefix(1024)
    guard PDFDocument.find(Array("%PDF-".utf8), in: bytes, range: 0..<headerWindow.count) != nil else {
      throw .notAPDF
    }
    startXref = try PDFDocument.lastStartXref(bytes)
    var sections: [XrefSection] = []
    var visited: Set<Int> = []
    var pending: [Int] = [startXref]
    while let offset = pending.popLast() {
      guard !visited.contains(offset) else { continue }
      visited.insert(offset)
      guard sections.count < PDFDocument.maximumRevisions else {
        throw .limitExceeded("plus de \(PDFDocument.maximumRevisions) sections de références croisées")
      }
      var section = try PDFDocument.readXrefSection(bytes: bytes, at: offset)
      // Hybrid files: the table's trailer points to a stream with the compressed objects.
      if !section.isStream, let streamOffset = section.trailer["XRefStm"]?.integerValue,
        !visited.contains(streamOffset)
      {
        visited.insert(streamOffset)
        if let extra = try? PDFDocument.readXrefSection(bytes: bytes, at: streamOffset) {
          for (number, entry) in extra.entries where section.entries[number] == nil || section.entries[number] == .free {
            section.entries[number] = entry
          }
        }
      }
      sections.append(section)
      if let previous = section.trailer["Prev"]?.integerValue {
        guard previous >= 0, previous < bytes.count else {
          throw .damaged("/Prev hors du fichier (\(previous))")
        }
        pending.append(previous)
      }
    }
    guard let newest = sections.first else { throw .damaged("aucune table de références croisées") }
    var merged: [Int: XrefEntry] = [:]
    for section in sections {
      for (number, entry) in section.entries where merged[number] == nil {
        merged[number] = entry
      }
    }
    self.sections = sections
    self.xref = merged
    self.trailer = newest.trailer
    if trailer["Encrypt"] != nil { throw .encrypted }
    guard trailer["Root"]?.referenceValue != nil else { throw .damaged("/Root absent du trailer") }
  }

  // MARK: Objects

  /// The object with this number, or `.null` when it is free or absent (as the specification says).
  func object(_ number: Int) throws(PDFError) -> PDFObject {
    if let cached = objectCache[number] { return cached }
    guard resolutionDepth < PDFDocument.maximumResolutionDepth else {
      throw .limitExceeded("références indirectes trop imbriquées")
    }
    resolutionDepth += 1
    defer { resolutionDepth -= 1 }
    let result: PDFObject
    switch xref[number] {
    case nil, .free?: result = .null
    case .offset(let offset, _)?:
      result = try readIndirectObject(at: offset, expectedNumber: number).object
    case .compressed(let streamNumber, let index)?:
      result = try objectFromStream(streamNumber, index: index, number: number)
    }
    objectCache[number] = result
    return result
  }

  /// Follows a reference; other values are returned as they are.
  func resolve(_ value: PDFObject?) throws(PDFError) -> PDFObject {
    guard let value else { return .null }
    if case .reference(let reference) = value { return try object(reference.number) }
    return value
  }

  func resolveDictionary(_ value: PDFObject?) throws(PDFError) -> PDFDictionary? {
    try resolve(value).dictionaryValue
  }

  /// Parses `N G obj … endobj` at `offset`; the stream body is cut with `/Length` when it is sane.
  func readIndirectObject(at offset: Int, expectedNumber: Int?) throws(PDFError) -> (
    reference: PDFReference, object: PDFObject
  ) {
    guard offset >= 0, offset < bytes.count else { throw .damaged("décalage d'objet hors du fichier (\(offset))") }
    var lexer = PDFLexer(bytes: bytes, position: offset)
    guard let number = lexer.readUnsignedInteger(), let generation = lexer.readUnsignedInteger() else {
      throw .damaged("objet attendu à l'octet \(offset)")
    }
    if let expectedNumber, expectedNumber != number {
      throw .damaged("l'objet \(expectedNumber) n'est pas à l'octet \(offset)")
    }
    try lexer.expectKeyword("obj")
    let value = try lexer.parseObject()
    let reference = PDFReference(number: number, generation: generation)
    guard case .dictionary(let dictionary) = value, lexer.consumeKeyword("stream") else {
      return (reference, value)
    }
    // The keyword is followed by CRLF or LF (a lone CR is tolerated).
    if lexer.peek() == 0x0D { lexer.position += 1 }
    if lexer.peek() == 0x0A { lexer.position += 1 }
    let start = lexer.position
    var end: Int?
    if let length = try streamLength(dictionary["Length"], streamNumber: number), length >= 0,
      length <= bytes.count - start
    {
      var check = PDFLexer(bytes: bytes, position: start + length)
      if check.consumeKeyword("endstream") { end = start + length }
    }
    if end == nil {
      guard let found = PDFDocument.find(Array("endstream".utf8), in: bytes, range: start..<bytes.count) else {
        throw .damaged("flux de l'objet \(number) non terminé")
      }
      var cut = found
      if cut > start, bytes[cut - 1] == 0x0A { cut -= 1 }
      if cut > start, bytes[cut - 1] == 0x0D { cut -= 1 }
      end = cut
    }
    let data = Array(bytes[start..<(end ?? start)])
    return (reference, .stream(dictionary, data))
  }

  private func streamLength(_ value: PDFObject?, streamNumber: Int) throws(PDFError) -> Int? {
    switch value {
    case .integer(let length)?: return length
    case .reference(let reference)?:
      // A stream whose length points to itself would loop; treat it as unknown.
      if reference.number == streamNumber { return nil }
      return (try? object(reference.number))?.integerValue
    default: return nil
    }
  }

  /// The decoded content of a stream object.
  func decodedStream(_ object: PDFObject) throws(PDFError) -> [UInt8] {
    guard case .stream(let dictionary, let data) = object else { throw .damaged("flux attendu") }
    return try StreamDecoder.decode(data, dictionary: dictionary)
  }

  private func objectFromStream(_ streamNumber: Int, index: Int, number: Int) throws(PDFError) -> PDFObject {
    if let objects = objectStreamCache[streamNumber] { return objects[number] ?? .null }
    guard case .offset(let offset, _)? = xref[streamNumber] else {
      throw .damaged("flux d'objets \(streamNumber) introuvable")
    }
    let container = try readIndirectObject(at: offset, expectedNumber: streamNumber).object
    guard case .stream(let dictionary, _) = container, dictionary["Type"]?.nameValue == "ObjStm",
      let count = dictionary["N"]?.integerValue, let first = dictionary["First"]?.integerValue,
      count >= 0, count <= 1_000_000, first >= 0
    else { throw .damaged("flux d'objets \(streamNumber) invalide") }
    let content = try decodedStream(container)
    guard first <= content.count else { throw .damaged("flux d'objets \(streamNumber) tronqué") }
    var header = PDFLexer(bytes: content, position: 0)
    var objects: [Int: PDFObject] = [:]
    for _ in 0..<count {
      guard let objectNumber = header.readUnsignedInteger(), let relative = header.readUnsignedInteger() else {
        throw .damaged("en-tête du flux d'objets \(streamNumber) invalide")
      }
      guard first + relative < content.count else { continue }
      var parser = PDFLexer(bytes: content, position: first + relative)
      if let value = try? parser.parseObject(), objects[objectNumber] == nil {
        objects[objectNumber] = value
      }
    }
    objectStreamCache[streamNumber] = objects
    return objects[number] ?? .null
  }

  // MARK: Structure helpers

  /// The catalog's reference and dictionary.
  func catalog() throws(PDFError) -> (PDFReference, PDFDictionary) {
    guard let reference = trailer["Root"]?.referenceValue,
      let dictionary = try resolveDictionary(.reference(reference))
    else { throw .damaged("catalogue (/Root) illisible") }
    return (reference, dictionary)
  }

  /// The first page, found by following the first kid at each level of the page tree.
  func firstPage() throws(PDFError) -> (PDFReference, PDFDictionary) {
    let (_, catalog) = try catalog()
    guard var current = catalog["Pages"]?.referenceValue else { throw .damaged("arbre des pages absent") }
    var seen: Set<Int> = []
    for _ in 0..<PDFLexer.maximumNesting {
      guard !seen.contains(current.number) else { throw .damaged("boucle dans l'arbre des pages") }
      seen.insert(current.number)
      guard let node = try resolveDictionary(.reference(current)) else {
        throw .damaged("nœud de page \(current.number) illisible")
      }
      if node["Type"]?.nameValue == "Page" || node["Kids"] == nil { return (current, node) }
      guard let kids = try resolve(node["Kids"]).arrayValue, let first = kids.first?.referenceValue else {
        throw .damaged("le document n'a aucune page")
      }
      current = first
    }
    throw .limitExceeded("arbre des pages trop profond")
  }

  // MARK: Low-level file structure

  /// First occurrence of `needle` inside `range` of `haystack`. memchr finds each candidate first byte
  /// (a byte-by-byte Swift loop over a 10 MB file costs tens of milliseconds), memcmp checks the rest.
  static func find(_ needle: [UInt8], in haystack: [UInt8], range: Range<Int>) -> Int? {
    let range = range.clamped(to: 0..<haystack.count)
    guard !needle.isEmpty, range.count >= needle.count else { return nil }
    return haystack.withUnsafeBytes { (hay: UnsafeRawBufferPointer) -> Int? in
      needle.withUnsafeBytes { (pin: UnsafeRawBufferPointer) -> Int? in
        guard let base = hay.baseAddress, let pattern = pin.baseAddress else { return nil }
        let first = Int32(needle[0])
        var start = range.lowerBound
        // Candidates start no later than `last`, so the comparison stays inside the range.
        let last = range.upperBound - needle.count
        while start <= last {
          guard let hit = memchr(base + start, first, last - start + 1) else { return nil }
          let offset = UnsafeRawPointer(hit) - base
          if memcmp(hit, pattern, needle.count) == 0 { return offset }
          start = offset + 1
        }
        return nil
      }
    }
  }

  static func findLast(_ needle: [UInt8], in haystack: [UInt8], range: Range<Int>) -> Int? {
    guard !needle.isEmpty, range.count >= needle.count else { return nil }
    var index = range.upperBound - needle.count
    while index >= range.lowerBound {
      var matches = true
      for k in 0..<needle.count where haystack[index + k] != needle[k] {
        matches = false
        break
      }
      if matches { return index }
      index -= 1
    }
    return nil
  }

  static func lastStartXref(_ bytes: [UInt8]) throws(PDFError) -> Int {
    let window = max(0, bytes.count - 4096)..<bytes.count
    guard let keyword = findLast(Array("startxref".utf8), in: bytes, range: window) else {
      throw .damaged("mot-clé startxref introuvable à la fin du fichier")
    }
    var lexer = PDFLexer(bytes: bytes, position: keyword + 9)
    guard let offset = lexer.readUnsignedInteger(), offset < bytes.count else {
      throw .damaged("valeur de startxref invalide")
    }
    return offset
  }

  static func readXrefSection(bytes: [UInt8], at offset: Int) throws(PDFError) -> XrefSection {
    guard offset >= 0, offset < bytes.count else { throw .damaged("table xref hors du fichier (\(offset))") }
    var lexer = PDFLexer(bytes: bytes, position: offset)
    if lexer.consumeKeyword("xref") {
      return try readXrefTable(&lexer, offset: offset)
    }
    return try readXrefStream(bytes: bytes, at: offset)
  }

  private static func readXrefTable(_ lexer: inout PDFLexer, offset: Int) throws(PDFError) -> XrefSection {
    var entries: [Int: XrefEntry] = [:]
    while true {
      if lexer.consumeKeyword("trailer") { break }
      guard let start = lexer.readUnsignedInteger(), let count = lexer.readUnsignedInteger() else {
        throw .damaged("sous-section de table xref invalide à l'octet \(lexer.position)")
      }
      guard start + count <= maximumObjectNumber + 1 else {
        throw .limitExceeded("numéros d'objets trop grands dans la table xref")
      }
      guard count * 18 <= lexer.bytes.count - lexer.position else {
        throw .damaged("table xref tronquée")
      }
      for index in 0..<count {
        guard let position = lexer.readUnsignedInteger(), let generation = lexer.readUnsignedInteger() else {
          throw .damaged("entrée de table xref invalide à l'octet \(lexer.position)")
        }
        lexer.skipWhitespaceAndComments()
        let kind = lexer.readRegularToken()
        let number = start + index
        guard entries[number] == nil else { continue }
        switch kind {
        case [UInt8(ascii: "n")]: entries[number] = .offset(position, generation: generation)
        case [UInt8(ascii: "f")]: entries[number] = .free
        default: throw .damaged("entrée de table xref invalide à l'octet \(lexer.position)")
        }
      }
    }
    let trailerObject = try lexer.parseObject()
    guard case .dictionary(let trailer) = trailerObject else { throw .damaged("trailer invalide") }
    return XrefSection(offset: offset, isStream: false, entries: entries, trailer: trailer)
  }

  private static func readXrefStream(bytes: [UInt8], at offset: Int) throws(PDFError) -> XrefSection {
    // An xref stream's /Length is direct (ISO 32000-1 §7.5.8.2), so no document is needed yet.
    var lexer = PDFLexer(bytes: bytes, position: offset)
    guard lexer.readUnsignedInteger() != nil, lexer.readUnsignedInteger() != nil, lexer.consumeKeyword("obj") else {
      throw .damaged("aucune table xref à l'octet \(offset)")
    }
    guard case .dictionary(let dictionary) = try lexer.parseObject(), lexer.consumeKeyword("stream") else {
      throw .damaged("flux xref attendu à l'octet \(offset)")
    }
    guard dictionary["Type"]?.nameValue == "XRef" else { throw .damaged("objet à l'octet \(offset) : pas un flux xref") }
    if lexer.peek() == 0x0D { lexer.position += 1 }
    if lexer.peek() == 0x0A { lexer.position += 1 }
    let start = lexer.position
    guard let length = dictionary["Length"]?.integerValue, length >= 0, length <= bytes.count - start else {
      throw .damaged("longueur du flux xref invalide")
    }
    let decoded = try StreamDecoder.decode(Array(bytes[start..<(start + length)]), dictionary: dictionary)
    guard let widths = dictionary["W"]?.arrayValue?.compactMap({ $0.integerValue }), widths.count == 3,
      widths.allSatisfy({ (0...8).contains($0) })
    else { throw .damaged("/W du flux xref invalide") }
    guard let size = dictionary["Size"]?.integerValue, size >= 0, size <= maximumObjectNumber + 1 else {
      throw .damaged("/Size du flux xref invalide")
    }
    var ranges: [(Int, Int)] = []
    if let index = dictionary["Index"]?.arrayValue {
      let numbers = index.compactMap { $0.integerValue }
      guard numbers.count == index.count, numbers.count % 2 == 0 else { throw .damaged("/Index du flux xref invalide") }
      for pair in stride(from: 0, to: numbers.count, by: 2) {
        guard (0...maximumObjectNumber).contains(numbers[pair]), (0...maximumObjectNumber).contains(numbers[pair + 1]),
          numbers[pair] + numbers[pair + 1] <= maximumObjectNumber + 1
        else { throw .damaged("/Index du flux xref invalide") }
        ranges.append((numbers[pair], numbers[pair + 1]))
      }
    } else {
      ranges = [(0, size)]
    }
    let rowWidth = widths[0] + widths[1] + widths[2]
    guard rowWidth > 0 else { throw .damaged("/W du flux xref invalide") }
    var entries: [Int: XrefEntry] = [:]
    var position = 0
    func field(_ width: Int, default defaultValue: Int) -> Int {
      guard width > 0 else { return defaultValue }
      var value = 0
      for k in 0..<width { value = value << 8 | Int(decoded[position + k]) }
      position += width
      return value
    }
    outer: for (first, count) in ranges {
      for index in 0..<count {
        guard position + rowWidth <= decoded.count else { break outer }
        let type = field(widths[0], default: 1)
        let second = field(widths[1], default: 0)
        let third = field(widths[2], default: 0)
        let number = first + index
        guard entries[number] == nil else { continue }
        switch type {
        case 0: entries[number] = .free
        case 1: entries[number] = .offset(second, generation: third)
        case 2: entries[number] = .compressed(stream: second, index: third)
        default: break  // Unknown types are to be ignored (ISO 32000-1 §7.5.8.3).
        }
      }
    }
    return XrefSection(offset: offset, isStream: true, entries: entries, trailer: dictionary)
  }
}

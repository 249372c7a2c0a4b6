import CLibXML2
public import Foundation

/// A parsed or built XML document; owns its libxml2 `xmlDoc` and frees it on deinit.
///
/// Not `Sendable`: libxml2 documents must not be touched from two threads at once,
/// so keep each instance inside one task. Different documents may be parsed,
/// validated and transformed concurrently on different threads.
public final class XMLDocument {
  /// Largest input `parse` accepts (50 MiB); a register is a few hundred kilobytes.
  public static let maximumInputSize = 50 * 1024 * 1024

  /// libxml2 refuses deeper documents unless `XML_PARSE_HUGE` is given (it never is);
  /// the writer applies the same limit so that what it writes can be read back.
  public static let maximumDepth = 256

  /// libxml2 checks each attribute against all earlier ones of its element, so
  /// 200,000 attributes on one element cost hours; a register element has a few.
  public static let maximumAttributesPerElement = 256

  let pointer: xmlDocPtr
  private var owned = true

  init(taking pointer: xmlDocPtr) {
    self.pointer = pointer
  }

  deinit {
    if owned { xmlFreeDoc(pointer) }
  }

  /// Hands the `xmlDoc` over to another owner (libxslt's stylesheet); deinit will not free it.
  func relinquish() {
    owned = false
  }

  /// Parses untrusted bytes safely: no network, no entity expansion, no DTD loading or
  /// validation, no XInclude, libxml2's default size and depth limits. Any `<!DOCTYPE>`
  /// is refused as soon as the parser meets it, before its internal subset is read.
  ///
  /// - Parameters:
  ///   - data: the document bytes (UTF-8, or the encoding its declaration names).
  ///   - name: the document's name (file path or label), used as its base URI.
  public static func parse(data: Data, name: String) throws(XMLError) -> XMLDocument {
    XMLDocument(taking: try parsePointer(data: data, name: name))
  }

  static let safeOptions: Int32 = Int32(XML_PARSE_NONET.rawValue)

  /// The parser behind `parse`. `extraOptions` may only add harmless options
  /// (`XML_PARSE_NOCDATA` for stylesheets); `dict` lets libxslt share its dictionary.
  static func parsePointer(
    data: Data, name: String, extraOptions: Int32 = 0, dictionary: OpaquePointer? = nil
  ) throws(XMLError) -> xmlDocPtr {
    XMLLibrary.initialized
    guard !data.isEmpty else { throw .emptyInput }
    guard data.count <= maximumInputSize else {
      throw .inputTooLarge(size: data.count, limit: maximumInputSize)
    }
    if let line = firstElementWithTooManyAttributes(data, limit: maximumAttributesPerElement) {
      throw .malformed([
        XMLDiagnostic(
          severity: .fatal, line: line, column: nil, path: nil,
          message: "un élément porte plus de \(maximumAttributesPerElement) attributs (limite de Registre)")
      ])
    }
    guard let context = xmlNewParserCtxt() else {
      throw .libraryFailure("xmlNewParserCtxt returned NULL")
    }
    defer { xmlFreeParserCtxt(context) }
    if let dictionary {
      // Same hand-over as libxslt's own loader: the document's strings must live in
      // the stylesheet's dictionary.
      xmlDictFree(context.pointee.dict)
      context.pointee.dict = dictionary
      xmlDictReference(dictionary)
    }
    let state = ParseState()
    context.pointee._private = Unmanaged.passUnretained(state).toOpaque()
    context.pointee.sax.pointee.internalSubset = refuseDoctype

    let collector = DiagnosticCollector()
    let options = safeOptions | extraOptions
    let document: xmlDocPtr? = withCollectedErrors(collector) {
      data.withUnsafeBytes { raw -> xmlDocPtr? in
        guard let base = raw.baseAddress?.assumingMemoryBound(to: CChar.self) else { return nil }
        return xmlCtxtReadMemory(context, base, Int32(raw.count), name, nil, options)
      }
    }
    if let doctype = state.doctype {
      if let document { xmlFreeDoc(document) }
      throw .doctypeForbidden(line: doctype.line, column: doctype.column)
    }
    let wellFormed = context.pointee.wellFormed != 0
    guard let document, wellFormed else {
      if let document { xmlFreeDoc(document) }
      var errors = collector.errors
      if errors.isEmpty {
        errors = [
          XMLDiagnostic(
            severity: .fatal, line: Int(context.pointee.input?.pointee.line ?? 0),
            column: nil, path: nil, message: "document could not be parsed")
        ]
      }
      throw .malformed(errors)
    }
    // Belt and braces: the SAX hook above should make this unreachable.
    if document.pointee.intSubset != nil || document.pointee.extSubset != nil {
      xmlFreeDoc(document)
      throw .doctypeForbidden(line: 1, column: 1)
    }
    guard xmlDocGetRootElement(document) != nil else {
      xmlFreeDoc(document)
      throw .malformed([
        XMLDiagnostic(severity: .fatal, line: nil, column: nil, path: nil, message: "no root element")
      ])
    }
    return document
  }

  /// The root element and everything below it, as a Swift value (comments and
  /// processing instructions are left out). Converts the whole tree on each call.
  public func rootElement() -> XMLElementNode? {
    guard let root = xmlDocGetRootElement(pointer) else { return nil }
    return XMLElementNode(node: root)
  }

  /// Serializes the document as UTF-8 with an XML declaration and two-space
  /// indentation. Output is deterministic: same tree, same bytes.
  public func serialized() throws(XMLError) -> Data {
    var buffer: UnsafeMutablePointer<xmlChar>?
    var size: Int32 = 0
    xmlDocDumpFormatMemoryEnc(pointer, &buffer, &size, "UTF-8", 1)
    guard let buffer, size >= 0 else { throw .libraryFailure("xmlDocDumpFormatMemoryEnc failed") }
    defer { registre_xmlFree(buffer) }
    return Data(bytes: buffer, count: Int(size))
  }
}

/// The line of the first start tag with more than `limit` attributes, found by
/// one pass over the bytes (comments, CDATA sections, processing instructions
/// and quoted values skipped), before libxml2 sees the document.
func firstElementWithTooManyAttributes(_ data: Data, limit: Int) -> Int? {
  data.withUnsafeBytes { raw -> Int? in
    let bytes = raw.bindMemory(to: UInt8.self)
    let count = bytes.count
    var index = 0
    var line = 1
    func starts(_ text: StaticString, at position: Int) -> Bool {
      let length = text.utf8CodeUnitCount
      guard position + length <= count else { return false }
      for offset in 0..<length where bytes[position + offset] != text.utf8Start[offset] { return false }
      return true
    }
    /// Moves past `end`, counting lines; at the end of the data if absent.
    func skip(to end: StaticString) {
      while index < count && !starts(end, at: index) {
        if bytes[index] == 0x0A { line += 1 }
        index += 1
      }
      index = min(count, index + end.utf8CodeUnitCount)
    }
    while index < count {
      let byte = bytes[index]
      if byte == 0x0A { line += 1 }
      guard byte == UInt8(ascii: "<") else {
        index += 1
        continue
      }
      if starts("<!--", at: index) {
        index += 4
        skip(to: "-->")
      } else if starts("<![CDATA[", at: index) {
        index += 9
        skip(to: "]]>")
      } else if starts("<?", at: index) {
        index += 2
        skip(to: "?>")
      } else if starts("<!", at: index) || starts("</", at: index) {
        index += 2
        skip(to: ">")
      } else {
        // A start tag: count `=` outside quoted values up to its `>`.
        let tagLine = line
        var attributes = 0
        var quote: UInt8 = 0
        index += 1
        while index < count {
          let current = bytes[index]
          if current == 0x0A { line += 1 }
          if quote != 0 {
            if current == quote { quote = 0 }
          } else if current == UInt8(ascii: "\"") || current == UInt8(ascii: "'") {
            quote = current
          } else if current == UInt8(ascii: "=") {
            attributes += 1
            if attributes > limit { return tagLine }
          } else if current == UInt8(ascii: ">") {
            break
          }
          index += 1
        }
        index += 1
      }
    }
    return nil
  }
}

@available(*, unavailable, message: "libxml2 documents are confined to one task")
extension XMLDocument: Sendable {}

/// What the SAX hook learned during one parse.
private final class ParseState {
  var doctype: (line: Int, column: Int)?
}

/// SAX `internalSubset` hook: called when `<!DOCTYPE name …` has been read and before
/// the internal subset is, so no entity declaration is ever processed.
private let refuseDoctype: internalSubsetSAXFunc = { userData, _, _, _ in
  guard let userData else { return }
  let context = userData.assumingMemoryBound(to: xmlParserCtxt.self)
  if let raw = context.pointee._private {
    let state = Unmanaged<ParseState>.fromOpaque(raw).takeUnretainedValue()
    let line = Int(context.pointee.input?.pointee.line ?? 1)
    let column = Int(context.pointee.input?.pointee.col ?? 1)
    state.doctype = (line, column)
  }
  xmlStopParser(context)
}

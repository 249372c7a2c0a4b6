import CLibXML2
public import Foundation

/// A compiled W3C XML Schema; owns its `xmlSchema` (and the XSD document it was read from).
///
/// Not `Sendable`: keep it inside one task. Validating different documents with
/// different `XMLSchema` instances on different threads is safe.
public final class XMLSchema {
  private let schema: xmlSchemaPtr
  /// libxml2's compiled schema may point into its source document; kept alive with it.
  private let source: XMLDocument

  /// Compiles an XSD held in memory. The XSD is parsed with the same safe options as
  /// any document, and `xs:include`, `xs:import` or `xs:redefine` with a
  /// `schemaLocation` are refused: a schema never makes libxml2 read a file or the network.
  ///
  /// - Throws: `XMLError.malformed` when the XSD is not well-formed XML,
  ///   `XMLError.invalidSchema` when it is not a valid schema.
  public init(xsd data: Data, name: String) throws(XMLError) {
    let document = try XMLDocument.parse(data: data, name: name)
    if let external = Self.externalReference(in: document) {
      throw .invalidSchema([external])
    }
    guard let parser = xmlSchemaNewDocParserCtxt(document.pointer) else {
      throw .libraryFailure("xmlSchemaNewDocParserCtxt returned NULL")
    }
    defer { xmlSchemaFreeParserCtxt(parser) }
    let collector = DiagnosticCollector()
    let context = Unmanaged.passUnretained(collector).toOpaque()
    xmlSchemaSetParserStructuredErrors(parser, collectStructuredError, context)
    let compiled = withCollectedErrors(collector) { xmlSchemaParse(parser) }
    guard let compiled else {
      var errors = collector.errors
      if errors.isEmpty {
        errors = [
          XMLDiagnostic(
            severity: .error, line: nil, column: nil, path: nil, message: "schema could not be compiled")
        ]
      }
      throw .invalidSchema(errors)
    }
    schema = compiled
    source = document
  }

  deinit {
    xmlSchemaFree(schema)
  }

  /// Validates `document`; an empty result means valid. Diagnostics come in document
  /// order with line, element path and libxml2's English message, e.g.
  /// "Element 'autre': This element is not expected. Expected is ( traitement ).".
  /// At most 100 diagnostics are returned.
  public func validate(_ document: XMLDocument) -> [XMLDiagnostic] {
    guard let validator = xmlSchemaNewValidCtxt(schema) else {
      return [
        XMLDiagnostic(
          severity: .fatal, line: nil, column: nil, path: nil,
          message: "xmlSchemaNewValidCtxt returned NULL")
      ]
    }
    defer { xmlSchemaFreeValidCtxt(validator) }
    let collector = DiagnosticCollector()
    xmlSchemaSetValidStructuredErrors(
      validator, collectStructuredError, Unmanaged.passUnretained(collector).toOpaque())
    let status = withCollectedErrors(collector) { xmlSchemaValidateDoc(validator, document.pointer) }
    var diagnostics = collector.diagnostics.map(Self.pointingAtAttribute)
    if status != 0 && collector.errors.isEmpty {
      diagnostics.append(
        XMLDiagnostic(
          severity: .fatal, line: nil, column: nil, path: nil,
          message: status < 0
            ? "internal error during schema validation" : "document is not valid (code \(status))",
          code: Int(status)))
    }
    return diagnostics
  }

  /// libxml2 reports attribute errors on the owner element, naming the attribute only
  /// in the message ("Element 'x', attribute 'y': …"); the path is extended to `…/@y`.
  private static func pointingAtAttribute(_ diagnostic: XMLDiagnostic) -> XMLDiagnostic {
    guard let path = diagnostic.path, !path.contains("/@"),
      let marker = diagnostic.message.range(of: "', attribute '")
    else { return diagnostic }
    let rest = diagnostic.message[marker.upperBound...]
    guard let end = rest.firstIndex(of: "'") else { return diagnostic }
    var name = String(rest[..<end])
    // Namespaced attributes are spelled {uri}local.
    if let brace = name.lastIndex(of: "}") { name = String(name[name.index(after: brace)...]) }
    guard !name.isEmpty else { return diagnostic }
    var copy = diagnostic
    copy.path = path + "/@" + name
    return copy
  }

  private static let xsdNamespace = "http://www.w3.org/2001/XMLSchema"

  /// The first schema composition element that would load another file.
  private static func externalReference(in document: XMLDocument) -> XMLDiagnostic? {
    guard let root = document.rootElement() else { return nil }
    var pending = [root]
    while let element = pending.popLast() {
      if element.namespace == xsdNamespace,
        ["include", "import", "redefine", "override"].contains(element.name),
        let location = element.attribute("schemaLocation")
      {
        return XMLDiagnostic(
          severity: .error, line: element.line, column: nil, path: nil,
          message: "xs:\(element.name) of '\(location)' refused: schemas are compiled from memory only")
      }
      pending.append(contentsOf: element.children)
    }
    return nil
  }
}

@available(*, unavailable, message: "libxml2 schemas are confined to one task")
extension XMLSchema: Sendable {}

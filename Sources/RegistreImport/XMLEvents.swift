import Foundation
#if canImport(FoundationXML)
  import FoundationXML
#endif
import RegistreXML

/// Streams an XML part of an office file after libxml2 has checked it with the project's safe parser
/// (no DOCTYPE, no entity expansion, depth and size limits): the tree is dropped, then Foundation's
/// event parser gives the text in document order, which mixed content (`<text:span>`, `<text:s/>`) needs.
final class XMLEvents: NSObject, XMLParserDelegate {
  enum Event {
    case start(String, [String: String])
    case end(String)
    case text(String)
  }

  private var handler: (Event) throws(ImportError) -> Void
  private var failure: ImportError?

  private init(handler: @escaping (Event) throws(ImportError) -> Void) {
    self.handler = handler
  }

  /// Checks `data` safely, then calls `handler` for each element and text, qualified names as written
  /// (`table:table-cell`). A handler error stops the parse and is thrown.
  static func parse(_ data: Data, name: String, handler: @escaping (Event) throws(ImportError) -> Void) throws(ImportError) {
    do {
      _ = try XMLDocument.parse(data: data, name: name)
    } catch .doctypeForbidden(let line, _) {
      throw ImportError("\(name), ligne \(line) : déclaration <!DOCTYPE> refusée (un tableur n'en a pas ; porte des entités et des chargements externes)")
    } catch .inputTooLarge(let size, let limit) {
      throw ImportError("\(name) : XML trop grand (\(size) octets, au plus \(limit))")
    } catch {
      throw ImportError("\(name) : XML illisible (\(error))")
    }
    let events = XMLEvents(handler: handler)
    let parser = XMLParser(data: data)
    parser.shouldProcessNamespaces = false
    parser.shouldResolveExternalEntities = false
    parser.delegate = events
    let ok = parser.parse()
    if let failure = events.failure { throw failure }
    guard ok else { throw ImportError("\(name) : XML illisible") }
  }

  func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
    deliver(.start(qualifiedName ?? name, attributes), parser)
  }

  func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
    deliver(.end(qualifiedName ?? name), parser)
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) {
    deliver(.text(string), parser)
  }

  private func deliver(_ event: Event, _ parser: XMLParser) {
    guard failure == nil else { return }
    do {
      try handler(event)
    } catch {
      failure = error
      parser.abortParsing()
    }
  }
}

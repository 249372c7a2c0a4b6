import CLibXML2
public import Foundation

/// An attribute of an `XMLElementNode`.
public struct XMLAttribute: Hashable, Sendable {
  /// Local name (no prefix).
  public var name: String
  /// Namespace URI, `nil` for an unqualified attribute (the usual case).
  public var namespace: String?
  public var value: String

  public init(name: String, namespace: String? = nil, value: String) {
    self.name = name
    self.namespace = namespace
    self.value = value
  }
}

/// A pure Swift copy of an XML element, for data-oriented documents (no mixed content).
///
/// Reading: `text` is the concatenation of the element's own text and CDATA children;
/// when the element also has child elements and that text is only whitespace
/// (indentation), `text` is empty. Comments and processing instructions are dropped.
///
/// Equality and hashing ignore `line`, which records where the element was read.
public struct XMLElementNode: Hashable, Sendable {
  /// Local name (no prefix).
  public var name: String
  /// Namespace URI, `nil` when the element is in no namespace.
  public var namespace: String?
  public var attributes: [XMLAttribute]
  public var children: [XMLElementNode]
  public var text: String
  /// 1-based line of the start tag when read from a document, 0 when built in Swift.
  public var line: Int

  public init(
    name: String, namespace: String? = nil, attributes: [XMLAttribute] = [],
    children: [XMLElementNode] = [], text: String = "", line: Int = 0
  ) {
    self.name = name
    self.namespace = namespace
    self.attributes = attributes
    self.children = children
    self.text = text
    self.line = line
  }

  /// Value of the unqualified (or `namespace`-qualified) attribute `name`.
  public func attribute(_ name: String, namespace: String? = nil) -> String? {
    attributes.first { $0.name == name && $0.namespace == namespace }?.value
  }

  /// Child elements with local name `name` (any namespace).
  public func children(named name: String) -> [XMLElementNode] {
    children.filter { $0.name == name }
  }

  /// First child element with local name `name` (any namespace).
  public func child(named name: String) -> XMLElementNode? {
    children.first { $0.name == name }
  }

  public static func == (lhs: XMLElementNode, rhs: XMLElementNode) -> Bool {
    lhs.name == rhs.name && lhs.namespace == rhs.namespace && lhs.attributes == rhs.attributes
      && lhs.text == rhs.text && lhs.children == rhs.children
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(name)
    hasher.combine(namespace)
    hasher.combine(attributes)
    hasher.combine(text)
    hasher.combine(children)
  }
}

// MARK: - libxml2 tree → Swift

extension XMLElementNode {
  /// Iterative, so that a document at the parser's depth limit needs little stack
  /// even on a small secondary thread.
  init(node root: UnsafeMutablePointer<xmlNode>) {
    struct Frame {
      var element: XMLElementNode
      var next: UnsafeMutablePointer<xmlNode>?
    }
    var stack = [Frame(element: XMLElementNode(shallow: root), next: root.pointee.children)]
    while let top = stack.indices.last {
      if let current = stack[top].next {
        stack[top].next = current.pointee.next
        switch current.pointee.type {
        case XML_ELEMENT_NODE:
          stack.append(
            Frame(element: XMLElementNode(shallow: current), next: current.pointee.children))
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
          if let content = current.pointee.content { stack[top].element.text += String(cString: content) }
        default:
          break
        }
        continue
      }
      var finished = stack.removeLast().element
      if !finished.children.isEmpty, Self.isBlank(finished.text) {
        finished.text = ""
      }
      guard let parent = stack.indices.last else {
        self = finished
        return
      }
      stack[parent].element.children.append(finished)
    }
    self = XMLElementNode(shallow: root)
  }

  /// Whether every `Character` of `text` is whitespace. Indentation is ASCII, where
  /// each byte is its own `Character` (CR LF aside, whitespace too): the bytes answer
  /// without grapheme breaking; any other text takes the `Character` path.
  static func isBlank(_ text: String) -> Bool {
    var ascii = true
    for byte in text.utf8 {
      if byte >= 0x80 {
        ascii = false
        break
      }
      if byte != 0x20 && !(0x09...0x0D).contains(byte) { return false }
    }
    return ascii || text.allSatisfy { $0.isWhitespace }
  }

  /// Name, namespace, attributes and line of `node`, without its content.
  private init(shallow node: UnsafeMutablePointer<xmlNode>) {
    var attributes: [XMLAttribute] = []
    var property = node.pointee.properties
    while let attribute = property {
      let attributeNode = UnsafeMutableRawPointer(attribute).assumingMemoryBound(to: xmlNode.self)
      attributes.append(
        XMLAttribute(
          name: attribute.pointee.name.map { String(cString: $0) } ?? "",
          namespace: attribute.pointee.ns?.pointee.href.map { String(cString: $0) },
          value: takeXMLString(xmlNodeGetContent(attributeNode)) ?? ""))
      property = attribute.pointee.next
    }
    self.init(
      name: localName(node),
      namespace: node.pointee.ns?.pointee.href.map { String(cString: $0) },
      attributes: attributes, line: Int(xmlGetLineNo(node)))
  }
}

// MARK: - Swift → libxml2 tree

/// Writes `XMLElementNode` trees as XML bytes.
public enum XMLWriter {
  /// Serializes `root` as a UTF-8 document with indentation; see `XMLDocument.serialized()`.
  /// An element with both text and child elements has its text written first; such an
  /// element is written without indentation inside, so its text survives a round trip.
  public static func data(for root: XMLElementNode) throws(XMLError) -> Data {
    try XMLDocument(root: root).serialized()
  }
}

extension XMLDocument {
  /// Builds a document from a Swift tree, e.g. to validate it against an XSD or
  /// transform it before writing. Element namespaces become default-namespace
  /// declarations (`xmlns="…"`) where they change; namespaced attributes get a prefix
  /// (`xsi` for XML Schema instance, `xml` for the XML namespace, `ns1`… otherwise).
  public convenience init(root: XMLElementNode) throws(XMLError) {
    XMLLibrary.initialized
    guard let document = xmlNewDoc(xmlString("1.0")) else {
      throw .libraryFailure("xmlNewDoc returned NULL")
    }
    self.init(taking: document)
    // The builder attaches the root itself, so a failure halfway is freed with the document.
    try TreeBuilder(document: document).buildTree(root)
  }
}

private let xmlNamespaceURI = "http://www.w3.org/XML/1998/namespace"
private let xmlnsNamespaceURI = "http://www.w3.org/2000/xmlns/"
private let xsiNamespaceURI = "http://www.w3.org/2001/XMLSchema-instance"

/// Holds a Swift string as a NUL-terminated `xmlChar` buffer for the duration of a call.
private func xmlString(_ string: String) -> [xmlChar] {
  Array(string.utf8) + [0]
}

private struct TreeBuilder {
  let document: xmlDocPtr

  /// Builds the whole tree under `root`, depth first with an explicit stack (no recursion).
  func buildTree(_ root: XMLElementNode) throws(XMLError) {
    var pending: [(element: XMLElementNode, parent: UnsafeMutablePointer<xmlNode>?, path: String, depth: Int)] =
      [(root, nil, "", 1)]
    while let (element, parent, path, depth) = pending.popLast() {
      let node = try build(element, parent: parent, path: path, depth: depth)
      let here = path + "/" + element.name
      for child in element.children.reversed() {
        pending.append((child, node, here, depth + 1))
      }
    }
  }

  /// Creates and attaches one element with its attributes and text (not its children).
  private func build(
    _ element: XMLElementNode, parent: UnsafeMutablePointer<xmlNode>?, path: String, depth: Int
  ) throws(XMLError) -> UnsafeMutablePointer<xmlNode> {
    let here = path + "/" + element.name
    guard depth <= XMLDocument.maximumDepth else {
      throw .invalidTree("\(here): deeper than \(XMLDocument.maximumDepth) levels")
    }
    try checkName(element.name, at: here)
    let name = xmlString(element.name)
    guard let node = xmlNewDocNode(document, nil, name, nil) else {
      throw .libraryFailure("xmlNewDocNode returned NULL")
    }
    if let parent {
      xmlAddChild(parent, node)
    } else {
      // Attach before anything else so that the node is freed with the document
      // if a later check throws.
      xmlDocSetRootElement(document, node)
    }
    try applyNamespace(element.namespace, to: node, at: here)
    for attribute in element.attributes {
      try addAttribute(attribute, to: node, at: here)
    }
    if !element.text.isEmpty {
      try checkCharacters(element.text, at: here)
      let text = xmlString(element.text)
      guard let textNode = xmlNewDocText(document, text) else {
        throw .libraryFailure("xmlNewDocText returned NULL")
      }
      xmlAddChild(node, textNode)
    }
    return node
  }

  private func applyNamespace(
    _ namespace: String?, to node: UnsafeMutablePointer<xmlNode>, at path: String
  ) throws(XMLError) {
    let inherited = xmlSearchNs(document, node, nil)
    let inheritedURI = inherited?.pointee.href.map { String(cString: $0) } ?? ""
    if let namespace, !namespace.isEmpty {
      try checkCharacters(namespace, at: path)
      guard namespace != xmlNamespaceURI, namespace != xmlnsNamespaceURI else {
        throw .invalidTree("\(path): reserved namespace \(namespace)")
      }
      if inheritedURI == namespace, let inherited {
        xmlSetNs(node, inherited)
      } else {
        guard let declared = xmlNewNs(node, xmlString(namespace), nil) else {
          throw .libraryFailure("xmlNewNs returned NULL")
        }
        xmlSetNs(node, declared)
      }
    } else if !inheritedURI.isEmpty {
      // Undeclare the parent's default namespace: xmlns="".
      guard xmlNewNs(node, xmlString(""), nil) != nil else {
        throw .libraryFailure("xmlNewNs returned NULL")
      }
    }
  }

  private func addAttribute(
    _ attribute: XMLAttribute, to node: UnsafeMutablePointer<xmlNode>, at path: String
  ) throws(XMLError) {
    let here = path + "/@" + attribute.name
    try checkName(attribute.name, at: here)
    try checkCharacters(attribute.value, at: here)
    var namespace: xmlNsPtr?
    if let uri = attribute.namespace, !uri.isEmpty {
      try checkCharacters(uri, at: here)
      guard uri != xmlnsNamespaceURI else {
        throw .invalidTree("\(here): namespace declarations are not attributes")
      }
      namespace = try prefixedNamespace(uri, on: node)
    } else if attribute.name == "xmlns" {
      throw .invalidTree("\(here): namespace declarations are not attributes")
    }
    if xmlHasNsProp(node, xmlString(attribute.name), namespace?.pointee.href) != nil {
      throw .invalidTree("\(here): duplicate attribute")
    }
    guard xmlNewNsProp(node, namespace, xmlString(attribute.name), xmlString(attribute.value)) != nil
    else {
      throw .libraryFailure("xmlNewNsProp returned NULL")
    }
  }

  /// A prefixed namespace for `uri` in scope at `node`, declaring one on `node` if needed.
  private func prefixedNamespace(_ uri: String, on node: UnsafeMutablePointer<xmlNode>)
    throws(XMLError) -> xmlNsPtr
  {
    if uri == xmlNamespaceURI {
      guard let found = xmlSearchNsByHref(document, node, xmlString(uri)) else {
        throw .libraryFailure("xml namespace not found")
      }
      return found
    }
    if let found = xmlSearchNsByHref(document, node, xmlString(uri)), found.pointee.prefix != nil {
      return found
    }
    var candidate = uri == xsiNamespaceURI ? "xsi" : "ns1"
    var counter = 1
    while xmlSearchNs(document, node, xmlString(candidate)) != nil {
      counter += 1
      candidate = "ns\(counter)"
    }
    guard let declared = xmlNewNs(node, xmlString(uri), xmlString(candidate)) else {
      throw .libraryFailure("xmlNewNs returned NULL")
    }
    return declared
  }

  private func checkName(_ name: String, at path: String) throws(XMLError) {
    guard !name.isEmpty, xmlValidateNCName(xmlString(name), 0) == 0 else {
      throw .invalidTree("\(path): invalid XML name \"\(name)\"")
    }
  }

  /// XML 1.0 forbids most control characters even as character references.
  private func checkCharacters(_ string: String, at path: String) throws(XMLError) {
    for scalar in string.unicodeScalars {
      let value = scalar.value
      let allowed =
        value == 0x9 || value == 0xA || value == 0xD || (0x20...0xD7FF).contains(value)
        || (0xE000...0xFFFD).contains(value) || value >= 0x10000
      if !allowed {
        throw .invalidTree(
          "\(path): character U+\(String(value, radix: 16, uppercase: true)) is not allowed in XML")
      }
    }
  }
}

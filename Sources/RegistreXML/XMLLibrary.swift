import CLibXML2
import CRegistreLimits
import Foundation

/// Process-wide set-up of libxml2, done once. `xmlCleanupParser` is never called:
/// other threads may still be using the library.
enum XMLLibrary {
  static let initialized: Void = {
    // Plain malloc/free that count against the calling thread's budget while an
    // XSLT transformation runs (`XSLTLimits.memoryBytes`); set before any other use.
    xmlMemSetup(registre_budget_free, registre_budget_malloc, registre_budget_realloc, registre_budget_strdup)
    xmlInitParser()
  }()
}

/// Collects libxml2 structured errors for one operation (one parse, one validation).
/// Confined to the thread running that operation.
final class DiagnosticCollector {
  /// A hostile document can produce errors by the thousand; the first ones are enough.
  static let limit = 100
  private(set) var diagnostics: [XMLDiagnostic] = []
  private(set) var dropped = 0

  func record(_ error: UnsafePointer<xmlError>) {
    guard diagnostics.count < Self.limit else {
      dropped += 1
      return
    }
    diagnostics.append(XMLDiagnostic(libxmlError: error))
  }

  func append(_ diagnostic: XMLDiagnostic) {
    if diagnostics.count < Self.limit { diagnostics.append(diagnostic) } else { dropped += 1 }
  }

  var errors: [XMLDiagnostic] { diagnostics.filter { $0.severity != .warning } }
}

/// Structured error handler shared by every operation: the context pointer is an
/// unretained `DiagnosticCollector` that outlives the operation.
let collectStructuredError: xmlStructuredErrorFunc = { context, error in
  guard let context, let error else { return }
  Unmanaged<DiagnosticCollector>.fromOpaque(context).takeUnretainedValue().record(error)
}

/// Runs `body` with the current thread's structured error handler pointing at
/// `collector`, then restores whatever handler was there. libxml2 keeps this handler
/// per thread, so concurrent operations on other threads are not affected.
func withCollectedErrors<T, E: Error>(
  _ collector: DiagnosticCollector, _ body: () throws(E) -> T
) throws(E) -> T {
  let savedFunction = registre_currentStructuredErrorFunc()
  let savedContext = registre_currentStructuredErrorContext()
  xmlSetStructuredErrorFunc(Unmanaged.passUnretained(collector).toOpaque(), collectStructuredError)
  defer { xmlSetStructuredErrorFunc(savedContext, savedFunction) }
  return try body()
}

extension XMLDiagnostic {
  init(libxmlError pointer: UnsafePointer<xmlError>) {
    let error = pointer.pointee
    let severity: Severity
    switch error.level {
    case XML_ERR_WARNING: severity = .warning
    case XML_ERR_FATAL: severity = .fatal
    default: severity = .error
    }
    var message = error.message.map { String(cString: $0) } ?? "unknown error"
    while message.last?.isNewline == true || message.last == " " { message.removeLast() }
    var line: Int? = error.line > 0 ? Int(error.line) : nil
    let column: Int? =
      error.domain == Int32(XML_FROM_PARSER.rawValue) && error.int2 > 0 ? Int(error.int2) : nil
    var path: String?
    if let node = error.node {
      let nodePointer = node.assumingMemoryBound(to: xmlNode.self)
      path = nodePath(nodePointer)
      if line == nil {
        let nodeLine = xmlGetLineNo(nodePointer)
        if nodeLine > 0 { line = Int(nodeLine) }
      }
    }
    self.init(
      severity: severity, line: line, column: column, path: path, message: message,
      domain: Int(error.domain), code: Int(error.code))
  }
}

/// Local name of an element or attribute node.
func localName(_ node: UnsafeMutablePointer<xmlNode>) -> String {
  node.pointee.name.map { String(cString: $0) } ?? ""
}

/// XPath-like path built from local names. libxml2's `xmlGetNodePath` writes `*` for
/// elements in a default namespace, which says nothing to a reader, hence this one.
func nodePath(_ start: UnsafeMutablePointer<xmlNode>) -> String? {
  var steps: [String] = []
  var current: UnsafeMutablePointer<xmlNode>? = start
  if start.pointee.type == XML_ATTRIBUTE_NODE {
    steps.append("@" + localName(start))
    current = start.pointee.parent
  } else if start.pointee.type == XML_TEXT_NODE || start.pointee.type == XML_CDATA_SECTION_NODE {
    current = start.pointee.parent
  }
  while let node = current, node.pointee.type == XML_ELEMENT_NODE {
    let name = localName(node)
    var position = 1
    var sameNamed = 0
    var sibling = node.pointee.parent?.pointee.children
    while let candidate = sibling {
      if candidate.pointee.type == XML_ELEMENT_NODE, localName(candidate) == name,
        sameNamespace(candidate, node)
      {
        sameNamed += 1
        if candidate == node { position = sameNamed }
      }
      sibling = candidate.pointee.next
    }
    steps.append(sameNamed > 1 ? "\(name)[\(position)]" : name)
    current = node.pointee.parent
  }
  guard !steps.isEmpty else { return nil }
  return "/" + steps.reversed().joined(separator: "/")
}

private func sameNamespace(_ a: UnsafeMutablePointer<xmlNode>, _ b: UnsafeMutablePointer<xmlNode>)
  -> Bool
{
  let first = a.pointee.ns?.pointee.href.map { String(cString: $0) }
  let second = b.pointee.ns?.pointee.href.map { String(cString: $0) }
  return first == second
}

/// Copies a libxml2-allocated string into Swift and frees it.
func takeXMLString(_ pointer: UnsafeMutablePointer<xmlChar>?) -> String? {
  guard let pointer else { return nil }
  defer { registre_xmlFree(pointer) }
  return String(cString: pointer)
}

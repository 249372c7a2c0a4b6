import CLibXML2
import CLibXSLT
public import Foundation

/// Why a stylesheet could not be loaded or applied. Messages are libxslt's, in English.
public enum XSLTError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The stylesheet file is not inside the templates directory.
  case outsideTemplatesDirectory(path: String)
  /// The stylesheet file could not be read.
  case unreadable(path: String, reason: String)
  /// The stylesheet is not well-formed XML (or carries a DOCTYPE).
  case malformedStylesheet(path: String, error: XMLError)
  /// libxslt refused to compile the stylesheet.
  case invalidStylesheet(path: String, messages: [String])
  /// A parameter name is not a valid XML name, or its value holds a NUL character.
  case invalidParameter(name: String)
  /// The transformation stopped: runtime error, `xsl:message terminate="yes"`, or a
  /// refused file, directory or network access.
  case transformFailed(messages: [String])
  /// libxslt failed for a reason unrelated to the input (allocation failure, output).
  case libraryFailure(String)

  public var description: String {
    switch self {
    case .outsideTemplatesDirectory(let path): return "\(path): outside the templates directory"
    case .unreadable(let path, let reason): return "\(path): unreadable: \(reason)"
    case .malformedStylesheet(let path, let error): return "\(path): \(error)"
    case .invalidStylesheet(let path, let messages):
      return "\(path): invalid stylesheet: " + messages.joined(separator: "; ")
    case .invalidParameter(let name): return "invalid XSLT parameter \(name)"
    case .transformFailed(let messages):
      return "transformation failed: " + messages.joined(separator: "; ")
    case .libraryFailure(let reason): return "libxslt failure: \(reason)"
    }
  }
}

/// A compiled XSLT 1.0 stylesheet (with EXSLT); owns its `xsltStylesheet`.
///
/// Sandbox: a stylesheet and the transformations it runs may read files only inside
/// its templates directory (so `xsl:include`, `xsl:import` and `document()` work on
/// siblings); writing files, creating directories and any network access are refused.
/// Every document it reads is parsed like `XMLDocument.parse` (no DOCTYPE, no entities).
///
/// Not `Sendable`: keep it inside one task; other stylesheets may run on other threads.
public final class XSLTStylesheet {
  private let style: xsltStylesheetPtr
  /// Deepest nesting of template calls a transformation may reach before it fails.
  public static let maximumTemplateDepth: Int32 = 1000

  /// Resolved (symlink-free) templates directory, without trailing slash.
  public let templatesDirectory: String

  /// Compiles the stylesheet at `file`, which must lie inside `templatesDirectory`
  /// (both resolved through symbolic links).
  public init(contentsOf file: URL, templatesDirectory: URL) throws(XSLTError) {
    XSLTLibrary.initialized
    let directory = resolvedPath(templatesDirectory)
    let path = resolvedPath(file)
    guard path.hasPrefix(directory + "/") else {
      throw .outsideTemplatesDirectory(path: file.path)
    }
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw .unreadable(path: file.path, reason: error.localizedDescription)
    }
    let document: XMLDocument
    do {
      document = XMLDocument(
        taking: try XMLDocument.parsePointer(
          data: data, name: path, extraOptions: Int32(XML_PARSE_NOCDATA.rawValue)))
    } catch {
      throw .malformedStylesheet(path: file.path, error: error)
    }
    let session = XSLTSession(allowedDirectory: directory)
    let collector = DiagnosticCollector()
    let compiled = ThreadSession.with(session) {
      withCollectedErrors(collector) { xsltParseStylesheetDoc(document.pointer) }
    }
    guard let compiled else {
      // On failure libxslt leaves the document to its caller: `document` frees it.
      throw .invalidStylesheet(path: file.path, messages: session.messages(adding: collector))
    }
    document.relinquish()
    guard compiled.pointee.errors == 0 else {
      xsltFreeStylesheet(compiled)
      throw .invalidStylesheet(path: file.path, messages: session.messages(adding: collector))
    }
    style = compiled
    self.templatesDirectory = directory
  }

  deinit {
    xsltFreeStylesheet(style)
  }

  /// Applies the stylesheet to `document` and returns the serialized result
  /// (as `xsl:output` describes it).
  ///
  /// - Parameter parameters: global `xsl:param` values, passed as literal strings
  ///   (never evaluated as XPath), so any value — quotes included — is safe.
  /// - Note: like any libxslt transformation, `xsl:strip-space` strips whitespace
  ///   from `document` itself.
  public func transform(_ document: XMLDocument, parameters: [String: String] = [:])
    throws(XSLTError) -> Data
  {
    for (name, value) in parameters {
      guard !name.isEmpty, xmlValidateQName(name, 0) == 0, !value.contains("\0") else {
        throw .invalidParameter(name: name)
      }
    }
    let session = XSLTSession(allowedDirectory: templatesDirectory)
    guard let preferences = xsltNewSecurityPrefs() else {
      throw .libraryFailure("xsltNewSecurityPrefs returned NULL")
    }
    defer { xsltFreeSecurityPrefs(preferences) }
    guard let context = xsltNewTransformContext(style, document.pointer) else {
      throw .libraryFailure("xsltNewTransformContext returned NULL")
    }
    // Declared after the preferences' defer, so it runs first: the context goes before them.
    defer { xsltFreeTransformContext(context) }

    xsltSetSecurityPrefs(preferences, XSLT_SECPREF_READ_FILE, checkFileRead)
    xsltSetSecurityPrefs(preferences, XSLT_SECPREF_WRITE_FILE, xsltSecurityForbid)
    xsltSetSecurityPrefs(preferences, XSLT_SECPREF_CREATE_DIRECTORY, xsltSecurityForbid)
    xsltSetSecurityPrefs(preferences, XSLT_SECPREF_READ_NETWORK, xsltSecurityForbid)
    xsltSetSecurityPrefs(preferences, XSLT_SECPREF_WRITE_NETWORK, xsltSecurityForbid)
    guard xsltSetCtxtSecurityPrefs(preferences, context) == 0 else {
      throw .libraryFailure("xsltSetCtxtSecurityPrefs failed")
    }
    let sessionPointer = Unmanaged.passUnretained(session).toOpaque()
    context.pointee._private = sessionPointer
    // libxslt's default (3000 nested templates) can exhaust a small thread stack before
    // it reports runaway recursion; real templates nest far less.
    context.pointee.maxTemplateDepth = min(context.pointee.maxTemplateDepth, Self.maximumTemplateDepth)

    let sink = UnsafeMutablePointer<registre_message_sink>.allocate(capacity: 1)
    sink.initialize(to: registre_message_sink(receive: receiveSessionMessage, context: sessionPointer))
    defer { sink.deallocate() }
    registre_xslt_setTransformErrorSink(context, sink)

    guard quote(parameters, into: context) else {
      throw .invalidParameter(name: parameters.keys.sorted().joined(separator: ", "))
    }

    let collector = DiagnosticCollector()
    let result = ThreadSession.with(session) {
      withCollectedErrors(collector) {
        xsltApplyStylesheetUser(style, document.pointer, nil, nil, nil, context)
      }
    }
    // A NULL result (or a stopped context) must never reach the serializer: it crashes.
    guard let result else {
      throw .transformFailed(messages: session.messages(adding: collector))
    }
    defer { xmlFreeDoc(result) }
    guard context.pointee.state == XSLT_STATE_OK else {
      throw .transformFailed(messages: session.messages(adding: collector))
    }
    var buffer: UnsafeMutablePointer<xmlChar>?
    var length: Int32 = 0
    guard xsltSaveResultToString(&buffer, &length, result, style) == 0 else {
      throw .libraryFailure("xsltSaveResultToString failed")
    }
    guard let buffer else { return Data() }
    defer { registre_xmlFree(buffer) }
    return Data(bytes: buffer, count: Int(max(length, 0)))
  }

  /// Registers the parameters as literal strings (`xsltQuoteUserParams`).
  private func quote(_ parameters: [String: String], into context: xsltTransformContextPtr) -> Bool {
    guard !parameters.isEmpty else { return true }
    var strings: [UnsafeMutablePointer<CChar>?] = []
    for name in parameters.keys.sorted() {
      strings.append(strdup(name))
      strings.append(strdup(parameters[name] ?? ""))
    }
    defer { for string in strings { free(string) } }
    guard strings.allSatisfy({ $0 != nil }) else { return false }
    var arguments: [UnsafePointer<CChar>?] = strings.map { UnsafePointer($0) }
    arguments.append(nil)
    return arguments.withUnsafeMutableBufferPointer { xsltQuoteUserParams(context, $0.baseAddress) } == 0
  }
}

@available(*, unavailable, message: "libxslt stylesheets are confined to one task")
extension XSLTStylesheet: Sendable {}

// MARK: - Process-wide set-up

enum XSLTLibrary {
  /// libxslt's generic error channel and document loader are process-wide; both are
  /// set once, and both dispatch to the session of the calling thread.
  static let initialized: Void = {
    XMLLibrary.initialized
    xsltInit()
    exsltRegisterAll()
    xsltSetLoaderFunc(loadDocument)
    let sink = UnsafeMutablePointer<registre_message_sink>.allocate(capacity: 1)
    sink.initialize(to: registre_message_sink(receive: receiveThreadMessage, context: nil))
    registre_xslt_setGenericErrorSink(sink)
  }()
}

/// One compilation or transformation: what it may read, and the messages it produced.
final class XSLTSession {
  let allowedDirectory: String
  private var lines: [String] = []
  private var pending = ""

  init(allowedDirectory: String) {
    self.allowedDirectory = allowedDirectory
  }

  /// libxslt writes a message in several pieces; whole lines are kept.
  func receive(_ text: String) {
    pending += text
    while let newline = pending.firstIndex(of: "\n") {
      append(String(pending[..<newline]))
      pending = String(pending[pending.index(after: newline)...])
    }
  }

  func note(_ line: String) {
    append(line)
  }

  private func append(_ line: String) {
    let trimmed = line.trimmingCharacters(in: .whitespaces)
    if !trimmed.isEmpty, lines.count < DiagnosticCollector.limit { lines.append(trimmed) }
  }

  func messages(adding collector: DiagnosticCollector) -> [String] {
    if !pending.isEmpty {
      append(pending)
      pending = ""
    }
    let extra = collector.errors.map(\.description)
    let all = lines + extra
    return all.isEmpty ? ["unknown XSLT error"] : all
  }

  /// Whether `path` (absolute, after resolving symbolic links and `..`) lies inside
  /// the allowed directory.
  func allows(path: String) -> Bool {
    guard path.hasPrefix("/") else { return false }
    return resolvedPath(URL(fileURLWithPath: path)).hasPrefix(allowedDirectory + "/")
  }
}

/// The session of the current thread, for the callbacks that libxslt does not give a
/// transformation context (compile-time messages, `xsl:include` loads).
enum ThreadSession {
  private static let key: pthread_key_t = {
    var key = pthread_key_t()
    pthread_key_create(&key, nil)
    return key
  }()

  static var current: XSLTSession? {
    guard let raw = pthread_getspecific(key) else { return nil }
    return Unmanaged<XSLTSession>.fromOpaque(raw).takeUnretainedValue()
  }

  static func with<T>(_ session: XSLTSession, _ body: () -> T) -> T {
    let previous = pthread_getspecific(key)
    pthread_setspecific(key, Unmanaged.passUnretained(session).toOpaque())
    defer { pthread_setspecific(key, previous) }
    return body()
  }
}

private func resolvedPath(_ url: URL) -> String {
  var path = url.standardizedFileURL.resolvingSymlinksInPath().path
  while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
  return path
}

private func session(of context: xsltTransformContextPtr?) -> XSLTSession? {
  guard let raw = context?.pointee._private else { return nil }
  return Unmanaged<XSLTSession>.fromOpaque(raw).takeUnretainedValue()
}

private let receiveSessionMessage: @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<CChar>?)
  -> Void = { context, text in
    guard let context, let text else { return }
    Unmanaged<XSLTSession>.fromOpaque(context).takeUnretainedValue().receive(String(cString: text))
  }

private let receiveThreadMessage: @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<CChar>?)
  -> Void = { _, text in
    guard let text, let session = ThreadSession.current else { return }
    session.receive(String(cString: text))
  }

/// `XSLT_SECPREF_READ_FILE` check: libxslt hands over the path part of the URI.
private let checkFileRead: xsltSecurityCheck = { _, context, value in
  guard let value, let session = session(of: context) else { return 0 }
  return session.allows(path: String(cString: value)) ? 1 : 0
}

/// Local file path of a URI that libxslt wants loaded, or nil for anything else.
private func localPath(of uri: String) -> String? {
  if let url = URL(string: uri), let scheme = url.scheme {
    return scheme.lowercased() == "file" ? url.path : nil
  }
  return uri.removingPercentEncoding ?? uri
}

/// Replaces libxslt's loader, which parses with entity substitution and DTD loading.
private let loadDocument: xsltDocLoaderFunc = { uri, dictionary, _, context, type in
  guard let uri else { return nil }
  let session =
    type == XSLT_LOAD_DOCUMENT
    ? session(of: context?.assumingMemoryBound(to: xsltTransformContext.self))
    : ThreadSession.current
  guard let session else { return nil }
  let name = String(cString: uri)
  guard let path = localPath(of: name), session.allows(path: path) else {
    session.note("loading \(name) refused: outside the templates directory")
    return nil
  }
  let data: Data
  do {
    data = try Data(contentsOf: URL(fileURLWithPath: path))
  } catch {
    session.note("\(name): unreadable")
    return nil
  }
  do {
    return try XMLDocument.parsePointer(
      data: data, name: name, extraOptions: Int32(XML_PARSE_NOCDATA.rawValue),
      dictionary: dictionary)
  } catch {
    session.note("\(name): \(error)")
    return nil
  }
}

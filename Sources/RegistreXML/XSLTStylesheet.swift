import CLibXML2
import CLibXSLT
import CRegistreLimits
public import Foundation

/// Bounds on one transformation, so that a hostile template (a school's own, given
/// with `--modeles`) cannot hang the process or exhaust its memory. Real templates
/// use a small fraction of each bound (see `XSLTStylesheetTests`).
public struct XSLTLimits: Sendable, Hashable {
  /// XSLT instructions executed (libxslt's `opLimit`).
  public var instructions: UInt
  /// XPath operations evaluated (libxml2's XPath `opLimit`).
  public var xpathOperations: UInt
  /// Bytes libxml2 and libxslt may hold for the transformation at once.
  public var memoryBytes: Int
  /// Wall-clock bound.
  public var time: Duration

  public init(instructions: UInt, xpathOperations: UInt, memoryBytes: Int, time: Duration) {
    self.instructions = instructions
    self.xpathOperations = xpathOperations
    self.memoryBytes = memoryBytes
    self.time = time
  }

  /// 25 million instructions, 250 million XPath operations, 512 MiB, 60 s. The
  /// register of 500 treatments (the generator's largest) needs 0.7 million
  /// instructions, 4.7 million XPath operations and 42 MB.
  public static let standard = XSLTLimits(
    instructions: 25_000_000, xpathOperations: 250_000_000, memoryBytes: 512 * 1024 * 1024,
    time: .seconds(60))
}

/// Which bound of `XSLTLimits` a transformation reached.
public enum XSLTLimit: String, Sendable, Hashable {
  case instructions, xpathOperations, memory, time
}

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
  /// The transformation was stopped because it reached one of its `XSLTLimits`.
  case limitExceeded(XSLTLimit)

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
    case .limitExceeded(let limit): return "transformation stopped: \(limit.rawValue) limit reached"
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
  public func transform(
    _ document: XMLDocument, parameters: [String: String] = [:], limits: XSLTLimits = .standard
  ) throws(XSLTError) -> Data {
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

    // Bounds: instruction and XPath operation counts, memory, wall-clock time. The
    // budget stops the engine by exhausting both counters, from this thread (memory)
    // or from the watchdog (time).
    context.pointee.opLimit = UInt(max(limits.instructions, 1))
    context.pointee.opCount = 0
    let xpath = context.pointee.xpathCtxt
    xpath?.pointee.opLimit = UInt(max(limits.xpathOperations, 1))
    xpath?.pointee.opCount = 0
    let budget = UnsafeMutablePointer<registre_budget>.allocate(capacity: 1)
    budget.initialize(to: registre_budget())
    defer { budget.deallocate() }
    budget.pointee.soft = Int64(max(limits.memoryBytes, 1))
    budget.pointee.hard = Int64(max(limits.memoryBytes, 1)) * 2
    budget.pointee.counts.0 = field(context, \xsltTransformContext.opCount)
    budget.pointee.limits.0 = field(context, \xsltTransformContext.opLimit)
    if let xpath {
      budget.pointee.counts.1 = field(xpath, \xmlXPathContext.opCount)
      budget.pointee.limits.1 = field(xpath, \xmlXPathContext.opLimit)
    }
    let watchdog = Watchdog(budget: budget, after: limits.time)
    defer { watchdog.disarm() }

    let collector = DiagnosticCollector()
    registre_budget_activate(budget)
    let result = ThreadSession.with(session) {
      withCollectedErrors(collector) {
        xsltApplyStylesheetUser(style, document.pointer, nil, nil, nil, context)
      }
    }
    registre_budget_activate(nil)
    watchdog.disarm()
    if let reached = Self.reachedLimit(budget: budget.pointee, context: context) {
      if let result { xmlFreeDoc(result) }
      throw .limitExceeded(reached)
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

  /// Which bound stopped the transformation, if one did.
  private static func reachedLimit(budget: registre_budget, context: xsltTransformContextPtr) -> XSLTLimit? {
    switch budget.stopped {
    case 1: return .memory
    case 2: return .time
    default: break
    }
    let limit = context.pointee.opLimit
    if limit != 0, context.pointee.opCount >= limit { return .instructions }
    if let xpath = context.pointee.xpathCtxt, xpath.pointee.opLimit != 0,
      xpath.pointee.opCount >= xpath.pointee.opLimit
    {
      return .xpathOperations
    }
    return nil
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

/// The address of an `unsigned long` field of a C structure, for the budget to write.
private func field<T>(_ base: UnsafeMutablePointer<T>, _ key: KeyPath<T, UInt>) -> UnsafeMutablePointer<UInt>? {
  guard let offset = MemoryLayout<T>.offset(of: key) else { return nil }
  return (UnsafeMutableRawPointer(base) + offset).assumingMemoryBound(to: UInt.self)
}

/// Stops a transformation that outlives its time bound, from a timer thread.
private final class Watchdog: @unchecked Sendable {
  private let lock = NSLock()
  private var budget: UnsafeMutablePointer<registre_budget>?
  private let timer: any DispatchSourceTimer

  init(budget: UnsafeMutablePointer<registre_budget>, after time: Duration) {
    self.budget = budget
    timer = DispatchSource.makeTimerSource(queue: .global())
    let seconds = Double(time.components.seconds) + Double(time.components.attoseconds) / 1e18
    timer.schedule(deadline: .now() + max(seconds, 0.001))
    timer.setEventHandler { [weak self] in self?.fire() }
    timer.resume()
  }

  private func fire() {
    lock.lock()
    defer { lock.unlock() }
    if let budget { registre_budget_stop(budget, 2) }
  }

  /// After this returns the budget is never touched again.
  func disarm() {
    lock.lock()
    budget = nil
    lock.unlock()
    timer.cancel()
  }
}

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

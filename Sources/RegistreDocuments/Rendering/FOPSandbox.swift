import Foundation
import RegistreXML

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What a FOP run may touch: the FO names its resources (images, embedded files,
/// colour profiles, fonts) by URI, and a school's template writes the FO. Two
/// layers keep a hostile template from reading local files or the network:
///
/// 1. before FOP starts, every URI in the FO is checked here: only the request's
///    attachments (plain names in the scratch folder), `data:` URIs and files
///    inside the templates folder are accepted, and the FO may carry no DOCTYPE;
/// 2. FOP's JVM runs under a Java security policy that grants reading only the
///    Java runtime and libraries, the templates folder, the configured fonts and
///    the scratch folder, and no network permission at all.
///
/// The JVM also gets a heap bound and a scratch home, and the environment of the
/// child is built from nothing (no password or token of the parent leaks into it).
struct FOPSandbox {
  /// Folders FOP may read besides Java's own files (the templates folder).
  var readableFolders: [URL]
  /// Files FOP may read (the configuration, the fonts it names).
  var readableFiles: [String]
  /// The private scratch folder of this run (read and write).
  var scratch: URL
  /// JVM heap bound, in MiB.
  var heapMegabytes: Int

  /// Attributes whose value FOP resolves as a URI (XSL-FO `src`, SVG `xlink:href`,
  /// FOP's extensions); any other attribute holding `url(` is checked too.
  static let uriAttributes: Set<String> = ["src", "href", "embed-url"]
  /// Attributes that only write a link into the PDF and are never fetched.
  static let linkAttributes: Set<String> = ["external-destination", "internal-destination"]

  /// Checks every URI of `fo`; returns the first refused one, if any.
  func refusedURI(in fo: Data, attachments: [String]) throws(RenderError) -> String? {
    let document: RegistreXML.XMLDocument
    do {
      document = try RegistreXML.XMLDocument.parse(data: fo, name: "document.fo")
    } catch {
      if case .doctypeForbidden = error { return "<!DOCTYPE>" }
      throw .invalidFormattingObjects("\(error)")
    }
    guard let root = document.rootElement() else { throw .invalidFormattingObjects("no root element") }
    var pending = [root]
    while let element = pending.popLast() {
      for attribute in element.attributes where !Self.linkAttributes.contains(attribute.name) {
        for uri in Self.uris(in: attribute) where !allows(uri, attachments: attachments) {
          return uri
        }
      }
      pending += element.children
    }
    return nil
  }

  /// The URIs an attribute names: its whole value for a URI attribute, every
  /// `url(…)` of any other value.
  static func uris(in attribute: XMLAttribute) -> [String] {
    var found: [String] = []
    var rest = Substring(attribute.value)
    while let start = rest.range(of: "url(", options: .caseInsensitive) {
      rest = rest[start.upperBound...]
      guard let end = rest.firstIndex(of: ")") else {
        found.append(String(rest))
        break
      }
      found.append(unquote(rest[..<end]))
      rest = rest[rest.index(after: end)...]
    }
    if found.isEmpty, uriAttributes.contains(attribute.name) {
      found.append(unquote(Substring(attribute.value)))
    }
    return found
  }

  private static func unquote(_ text: Substring) -> String {
    var value = text.trimmingCharacters(in: .whitespacesAndNewlines)
    if value.count >= 2, let first = value.first, first == "'" || first == "\"", value.last == first {
      value = String(value.dropFirst().dropLast())
    }
    return value
  }

  /// Whether FOP may resolve `uri`.
  func allows(_ uri: String, attachments: [String]) -> Bool {
    if uri.isEmpty { return true }
    if attachments.contains(uri) { return true }
    let lowered = uri.lowercased()
    if lowered.hasPrefix("data:") { return true }
    var path: String
    if lowered.hasPrefix("file:") {
      guard let url = URL(string: uri), url.isFileURL else { return false }
      path = url.path
    } else if uri.hasPrefix("/") {
      path = uri.removingPercentEncoding ?? uri
    } else {
      // Any other scheme (http:, ftp:, jar:, …) or a relative path other than an attachment.
      return false
    }
    path = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    return readableFolders.contains { folder in
      path.hasPrefix(Self.resolved(folder) + "/")
    }
  }

  static func resolved(_ url: URL) -> String {
    var path = url.standardizedFileURL.resolvingSymlinksInPath().path
    while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
    return path
  }

  /// A path the policy file and the JVM option line can carry as is.
  static func isPlain(_ path: String) -> Bool {
    !path.contains { $0 == "\"" || $0 == "\\" || $0 == "\n" || $0 == "\r" || $0 == "$" }
  }

  /// The Java policy: read-only access to what FOP needs, writes only in scratch,
  /// no `SocketPermission` (so no connection and no name resolution).
  func policy() -> String {
    var lines = ["grant {"]
    func read(_ path: String) {
      lines.append("  permission java.io.FilePermission \"\(path)\", \"read\";")
    }
    lines.append("  permission java.io.FilePermission \"${java.home}${/}-\", \"read\";")
    for folder in ["/usr/share/java", "/usr/share/fop", "/usr/lib/jvm", "/etc/java-17-openjdk"] {
      read(folder)
      read(folder + "/-")
    }
    for folder in readableFolders {
      let path = Self.resolved(folder)
      read(path)
      read(path + "/-")
    }
    for file in readableFiles {
      read(file)
      read(Self.resolved(URL(fileURLWithPath: file)))
    }
    let scratchPath = Self.resolved(scratch)
    read(scratchPath)
    lines.append("  permission java.io.FilePermission \"\(scratchPath)/-\", \"read,write,delete\";")
    lines += [
      "  permission java.util.PropertyPermission \"*\", \"read,write\";",
      "  permission java.lang.RuntimePermission \"*\";",
      "  permission java.lang.reflect.ReflectPermission \"suppressAccessChecks\";",
      "  permission java.util.logging.LoggingPermission \"control\";",
      "  permission java.awt.AWTPermission \"*\";",
      "};",
    ]
    return lines.joined(separator: "\n") + "\n"
  }

  /// Every path the policy names can be written into it.
  var pathsArePlain: Bool {
    let all = readableFolders.map { Self.resolved($0) } + readableFiles + [Self.resolved(scratch)]
    return all.allSatisfy(Self.isPlain)
  }

  /// Environment of the FOP child, built from nothing: the search path, the
  /// locale, the Java runtime if the user chose one, a scratch home, and the JVM
  /// options (policy, heap, home and temporary folder inside scratch).
  func environment(policyFile: URL, creationEpoch: Int64?) -> [String: String] {
    let parent = ProcessInfo.processInfo.environment
    var environment: [String: String] = [:]
    environment["PATH"] = parent["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
    for key in ["LANG", "LC_ALL", "TZ", "JAVA_HOME"] {
      if let value = parent[key] { environment[key] = value }
    }
    let scratchPath = Self.resolved(scratch)
    environment["HOME"] = scratchPath
    environment["TMPDIR"] = scratchPath
    if let creationEpoch { environment["SOURCE_DATE_EPOCH"] = String(creationEpoch) }
    // The Java launcher reads JDK_JAVA_OPTIONS whatever wrapper starts it.
    // Double quotes keep a path with spaces in one argument.
    environment["JDK_JAVA_OPTIONS"] = [
      "-Xmx\(heapMegabytes)m", "-Xss4m", "\"-Duser.home=\(scratchPath)\"", "\"-Djava.io.tmpdir=\(scratchPath)\"",
      "-Djava.security.manager", "\"-Djava.security.policy==\(Self.resolved(policyFile))\"",
    ].joined(separator: " ")
    return environment
  }

  /// The resource a FOP log says the policy refused, if any.
  static func refusedAccess(in log: String) -> String? {
    for marker in ["access denied (\"java.io.FilePermission\" \"", "access denied (\"java.net.SocketPermission\" \""] {
      if let start = log.range(of: marker) {
        let rest = log[start.upperBound...]
        return String(rest.prefix { $0 != "\"" })
      }
    }
    return nil
  }
}

/// Scratch folders are named `registre-rendu.PID.XXXXXX`; those of processes that
/// are gone (killed before they could clean up) are removed when the next one is made.
enum StaleScratch {
  static let prefix = "registre-rendu."

  /// Removes the scratch folders in `base` whose owner process no longer exists.
  /// Returns the folders removed.
  @discardableResult
  static func clean(in base: URL) -> [String] {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: base.path) else { return [] }
    var removed: [String] = []
    for name in names where name.hasPrefix(prefix) {
      let parts = name.dropFirst(prefix.count).split(separator: ".")
      guard parts.count == 2, let pid = Int32(parts[0]), pid > 0, pid != getpid() else { continue }
      // ESRCH: no such process. EPERM means it exists under another user: keep it.
      guard kill(pid, 0) != 0, errno == ESRCH else { continue }
      let path = base.appendingPathComponent(name).path
      var status = stat()
      guard lstat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR, status.st_uid == getuid() else {
        continue
      }
      if (try? FileManager.default.removeItem(atPath: path)) != nil { removed.append(path) }
    }
    return removed
  }
}

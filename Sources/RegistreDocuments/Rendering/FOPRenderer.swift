public import Foundation
import RegistreSupport

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Renders XSL-FO with Apache FOP (Debian package `fop`), run as a subprocess
/// with the project's own configuration (embedded DejaVu fonts, PDF/A profile,
/// tagged output).
public struct FOPRenderer: Renderer {
  /// Debian package that provides the `fop` command.
  public static let package = "fop"

  /// The `fop` program; `nil` means the first `fop` found in `PATH`.
  public var executable: URL?
  /// FOP configuration file (fonts, strict validation).
  public var configuration: URL
  /// Files the configuration needs, checked before FOP starts so that a missing
  /// font gives a clear message; each with the Debian package that provides it.
  public var requiredFiles: [(path: String, package: String)]
  /// Wall-clock limit for one document.
  public var timeout: Duration
  /// Tagged PDF (`-a`): structure tree, reading order, `/Lang` from `xml:lang`.
  public var accessibility: Bool
  /// Folders whose files the FO may name (the templates folder); see `FOPSandbox`.
  public var readableFolders: [URL]
  /// Heap bound of FOP's JVM, in MiB.
  public var heapMegabytes: Int
  /// The URI check before FOP starts (first layer of `FOPSandbox`); tests turn it
  /// off to prove that the JVM's policy (second layer) refuses on its own.
  var checksURIs = true

  public init(
    configuration: URL, executable: URL? = nil,
    requiredFiles: [(path: String, package: String)] = [], timeout: Duration = .seconds(180),
    accessibility: Bool = true, readableFolders: [URL] = [], heapMegabytes: Int = 1024
  ) {
    self.readableFolders = readableFolders
    self.heapMegabytes = heapMegabytes
    self.configuration = configuration
    self.executable = executable
    self.requiredFiles = requiredFiles
    self.timeout = timeout
    self.accessibility = accessibility
  }

  public func render(_ request: RenderRequest) async throws(RenderError) -> Data {
    let program = try locateProgram()
    try checkResources()
    for attachment in request.attachments where !attachment.hasSafeName {
      throw .invalidAttachmentName(attachment.name)
    }
    let scratch = try ScratchFolder()
    defer { scratch.remove() }
    let sandbox = FOPSandbox(
      readableFolders: readableFolders + [configuration.deletingLastPathComponent()],
      readableFiles: [configuration.path] + requiredFiles.map(\.path), scratch: scratch.url,
      heapMegabytes: heapMegabytes)
    guard sandbox.pathsArePlain else {
      throw .fileSystem(
        operation: "confinement", path: scratch.url.path,
        detail: "un chemin contient un caractère réservé (\", \\ ou $), le bac à sable de FOP ne peut pas le nommer")
    }
    if checksURIs, let refused = try sandbox.refusedURI(in: request.fo, attachments: request.attachments.map(\.name)) {
      throw .resourceRefused(refused)
    }

    // FOP resolves relative URIs (the embedded files) against its working folder,
    // so the FO, the attachments and the output all live in the scratch folder.
    let foFile = scratch.url.appendingPathComponent("document.fo")
    let pdfFile = scratch.url.appendingPathComponent("document.pdf")
    let logFile = scratch.url.appendingPathComponent("fop.log")
    try scratch.write(request.fo, to: foFile)
    for attachment in request.attachments {
      try scratch.write(attachment.data, to: scratch.url.appendingPathComponent(attachment.name))
    }

    var arguments = ["-c", configuration.path, "-pdfprofile", request.profile.rawValue]
    if accessibility { arguments.append("-a") }
    arguments += ["-fo", foFile.path, "-pdf", pdfFile.path]

    let policyFile = scratch.url.appendingPathComponent("fop.policy")
    try scratch.write(Data(sandbox.policy().utf8), to: policyFile)
    // FOP 2.8 takes its creation and metadata dates from SOURCE_DATE_EPOCH; the
    // Debian wrapper reads ~/.foprc, and HOME is the scratch folder. Nothing else of
    // this process's environment (passwords, tokens) reaches the child.
    let environment = sandbox.environment(
      policyFile: policyFile,
      creationEpoch: request.creationDate.map { Int64($0.timeIntervalSince1970.rounded(.down)) })

    // The time-out counts from FOP's start, once a slot is free.
    await ProcessGate.fop.enter()
    let status: Int32
    do {
      status = try await ProcessRunner.run(
        program: program, arguments: arguments, environment: environment,
        workingDirectory: scratch.url, log: logFile, timeout: timeout)
    } catch {
      await ProcessGate.fop.leave()
      throw error
    }
    await ProcessGate.fop.leave()
    guard status == 0 else {
      if let log = try? Data(contentsOf: logFile),
        let refused = FOPSandbox.refusedAccess(in: String(decoding: log, as: UTF8.self))
      {
        throw .resourceRefused(refused)
      }
      throw .rendererFailed(status: status, output: Self.diagnostics(from: logFile))
    }
    guard let pdf = try? Data(contentsOf: pdfFile), pdf.starts(with: Array("%PDF-".utf8)) else {
      throw .noOutput
    }
    return pdf
  }

  /// FOP's own messages, without the Debian wrapper's classpath warnings and
  /// the per-page progress lines.
  static func diagnostics(from log: URL) -> String {
    guard let data = try? Data(contentsOf: log) else { return "" }
    let text = String(decoding: data, as: UTF8.self)
    // Java stack frames and the exception chain repeat the first message: keep
    // FOP's own lines, each once.
    var seen = Set<Substring>()
    let kept = text.split(separator: "\n", omittingEmptySubsequences: true).filter { line in
      guard line.hasPrefix("["),
        !line.hasPrefix("[warning] /usr/bin/fop:"),
        !line.contains("FOUserAgent - Rendered page"),
        !line.hasPrefix("[INFO]")
      else { return false }
      return seen.insert(line).inserted
    }
    if kept.isEmpty {
      // Not a FOP message (Java missing, wrapper failure): pass the end of the output on.
      let raw = text.split(separator: "\n", omittingEmptySubsequences: true).filter {
        !$0.hasPrefix("[warning] /usr/bin/fop:") && !$0.hasPrefix("NOTE: Picked up JDK_JAVA_OPTIONS")
          && !$0.contains("Security Manager")
      }
      return raw.suffix(10).joined(separator: "\n")
    }
    return kept.prefix(20).joined(separator: "\n")
  }

  private func locateProgram() throws(RenderError) -> URL {
    if let executable {
      guard FileManager.default.isExecutableFile(atPath: executable.path) else {
        throw .rendererMissing(program: executable.path, package: Self.package)
      }
      return executable
    }
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
    for folder in path.split(separator: ":") where !folder.isEmpty {
      let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent("fop")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
    }
    throw .rendererMissing(program: "fop", package: Self.package)
  }

  private func checkResources() throws(RenderError) {
    guard FileManager.default.isReadableFile(atPath: configuration.path) else {
      throw .resourceMissing(path: configuration.path, package: nil)
    }
    for file in requiredFiles where !FileManager.default.isReadableFile(atPath: file.path) {
      throw .resourceMissing(path: file.path, package: file.package)
    }
  }
}

/// A private temporary folder, removed with everything in it.
struct ScratchFolder: Sendable {
  let url: URL

  init() throws(RenderError) {
    let base = FileManager.default.temporaryDirectory
    // The owner's pid in the name lets the next run remove what a killed one left.
    StaleScratch.clean(in: base)
    var template = Array(
      base.appendingPathComponent("\(StaleScratch.prefix)\(getpid()).XXXXXX").path.utf8CString)
    let made = template.withUnsafeMutableBufferPointer { buffer -> Bool in
      guard let start = buffer.baseAddress else { return false }
      return mkdtemp(start) != nil
    }
    guard made else {
      throw .fileSystem(
        operation: "mkdtemp", path: base.path, detail: String(cString: strerror(errno)))
    }
    let path = template.withUnsafeBufferPointer { buffer in
      buffer.baseAddress.map { String(cString: $0) } ?? ""
    }
    url = URL(fileURLWithPath: path, isDirectory: true)
  }

  func write(_ data: Data, to file: URL) throws(RenderError) {
    do {
      try AtomicFile.write(data, to: file, permissions: 0o600)
    } catch {
      throw .fileSystem(operation: "écriture", path: file.path, detail: "\(error)")
    }
  }

  func remove() {
    try? FileManager.default.removeItem(at: url)
  }
}

public import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Renders XSL-FO with Apache FOP kept warm in one JVM (`RenderService`, see
/// `FOPService`): the first document of a process starts it, every later one reuses it,
/// so only the first pays for Java's start and FOP's cold code. Same configuration, PDF/A
/// profile, tagging, creation date and sandbox as `FOPRenderer`, which stays the fallback
/// (`REGISTRE_RENDU=fop`) and the reference the tests compare against.
///
/// Each document has its own folder in the service's scratch folder (the FO, its
/// attachments, the PDF FOP writes); the PDF comes back in memory and the pipeline writes it
/// atomically, so a failed document never leaves a file. A document that exceeds `timeout`
/// stops the service; a document whose service died under it is retried once on a new one,
/// then refused (`RenderError.serviceStopped`).
public struct WarmFOPRenderer: Renderer {
  /// FOP configuration file (fonts, strict validation).
  public var configuration: URL
  /// Files the configuration needs, checked before each document (see `FOPRenderer`).
  public var requiredFiles: [(path: String, package: String)]
  /// Wall-clock limit for one document (and for the service's start, when it needs one).
  public var timeout: Duration
  /// Tagged PDF (`fop -a`).
  public var accessibility: Bool
  /// Folders whose files the FO may name (the templates folder); see `FOPSandbox`.
  public var readableFolders: [URL]
  /// Heap bound of the service's JVM, in MiB, shared by the documents in flight
  /// (docs/ARCHITECTURE.md, « Rendu PDF »).
  public var heapMegabytes: Int
  /// The URI check before a document is sent (first layer of `FOPSandbox`).
  var checksURIs = true

  /// Default heap: the same bound as one cold `fop`, for the whole service.
  public static let defaultHeapMegabytes = 1024

  public init(
    configuration: URL, requiredFiles: [(path: String, package: String)] = [], timeout: Duration = .seconds(180),
    accessibility: Bool = true, readableFolders: [URL] = [], heapMegabytes: Int = WarmFOPRenderer.defaultHeapMegabytes
  ) {
    self.configuration = configuration
    self.requiredFiles = requiredFiles
    self.timeout = timeout
    self.accessibility = accessibility
    self.readableFolders = readableFolders
    self.heapMegabytes = heapMegabytes
  }

  /// Stops every warm service of this process (their JVMs and scratch folders) and waits,
  /// at most two seconds, until each JVM is reaped. Later documents start a new one. Commands
  /// call it when they are done; at exit the JVMs die anyway (PR_SET_PDEATHSIG).
  public static func shutDown() {
    let services = FOPServicePool.shared.running
    FOPServicePool.shared.stopAll()
    let deadline = ContinuousClock.now + .seconds(2)
    while services.contains(where: { $0.processID > 0 }) && ContinuousClock.now < deadline {
      usleep(10_000)
    }
    // Killed (SIGKILL), the JVMs write nothing more: their folders go now, not when reaped.
    for service in services { service.scratch.remove() }
  }

  /// The process ids of the running services' JVMs, for tests and diagnostics.
  public static var runningProcessIDs: [Int32] {
    FOPServicePool.shared.running.map(\.processID).filter { $0 > 0 }
  }

  public func render(_ request: RenderRequest) async throws(RenderError) -> Data {
    let program = try FOPServiceProgram.locate()
    try checkResources()
    for attachment in request.attachments where !attachment.hasSafeName {
      throw .invalidAttachmentName(attachment.name)
    }
    let base = FOPSandbox(
      readableFolders: readableFolders + [configuration.deletingLastPathComponent()],
      readableFiles: [configuration.path] + requiredFiles.map(\.path),
      scratch: FileManager.default.temporaryDirectory, heapMegabytes: heapMegabytes)
    if checksURIs, let refused = try base.refusedURI(in: request.fo, attachments: request.attachments.map(\.name)) {
      throw .resourceRefused(refused)
    }
    let epoch = request.creationDate.map { Int64($0.timeIntervalSince1970.rounded(.down)) }
    let key = FOPServicePool.Key(
      program: program, configuration: configuration.path, readableFolders: base.readableFolders.map(\.path),
      readableFiles: base.readableFiles, heapMegabytes: heapMegabytes, creationEpoch: epoch)
    // Documents in flight: at most one per core in the whole process, cold or warm.
    await ProcessGate.fop.enter()
    do {
      let pdf = try await attempts(request, key: key, program: program, base: base, epoch: epoch)
      await ProcessGate.fop.leave()
      return pdf
    } catch {
      await ProcessGate.fop.leave()
      throw error
    }
  }

  /// The document on the running service; once more on a new one if that one died under it.
  private func attempts(
    _ request: RenderRequest, key: FOPServicePool.Key, program: FOPServiceProgram, base: FOPSandbox, epoch: Int64?
  ) async throws(RenderError) -> Data {
    let configuration = self.configuration
    let timeout = self.timeout
    var lastStop = ""
    for _ in 0..<2 {
      let service = try await FOPServicePool.shared.service(for: key) { () async throws(RenderError) in
        try await FOPService.start(
          program: program, configuration: configuration, sandbox: base, creationEpoch: epoch,
          startTimeout: timeout)
      }
      switch try await render(request, on: service) {
      case .success(let pdf):
        return pdf
      case .failure(let reason):
        FOPServicePool.shared.discard(service)
        lastStop = reason.text
      }
    }
    throw .serviceStopped(lastStop)
  }

  /// One attempt on `service`: the PDF, or why the service stopped under the document.
  private func render(_ request: RenderRequest, on service: FOPService) async throws(RenderError)
    -> Result<Data, StopReason>
  {
    let folder = try service.scratch.documentFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let foFile = folder.appendingPathComponent("document.fo")
    let pdfFile = folder.appendingPathComponent("document.pdf")
    try service.scratch.write(request.fo, to: foFile)
    for attachment in request.attachments {
      try service.scratch.write(attachment.data, to: folder.appendingPathComponent(attachment.name))
    }
    let reply = await service.render(
      fo: foFile, pdf: pdfFile, folder: folder, profile: request.profile, accessibility: accessibility,
      timeout: timeout)
    switch reply {
    case .rendered:
      guard let pdf = try? Data(contentsOf: pdfFile), pdf.starts(with: Array("%PDF-".utf8)) else {
        throw .noOutput
      }
      return .success(pdf)
    case .failed(let messages):
      let log = messages.joined(separator: "\n")
      if let refused = FOPSandbox.refusedAccess(in: log) { throw .resourceRefused(refused) }
      throw .rendererFailed(status: 1, output: Self.diagnostics(messages))
    case .timedOut:
      throw .timedOut(seconds: Int(timeout.components.seconds))
    case .cancelled:
      throw .cancelled
    case .stopped(let reason):
      if Task.isCancelled { throw .cancelled }
      return .failure(StopReason(text: service.logTail(reason)))
    }
  }

  struct StopReason: Error {
    var text: String
  }

  /// FOP's messages as `FOPRenderer.diagnostics` keeps them: each once, at most twenty.
  static func diagnostics(_ messages: [String]) -> String {
    var seen = Set<String>()
    return messages.filter { seen.insert($0).inserted }.prefix(20).joined(separator: "\n")
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

extension ScratchFolder {
  /// A new private folder inside this one, for one document.
  func documentFolder() throws(RenderError) -> URL {
    var template = Array(url.appendingPathComponent("document.XXXXXX").path.utf8CString)
    let made = template.withUnsafeMutableBufferPointer { buffer -> Bool in
      guard let start = buffer.baseAddress else { return false }
      return mkdtemp(start) != nil
    }
    guard made else {
      throw .fileSystem(operation: "mkdtemp", path: url.path, detail: String(cString: strerror(errno)))
    }
    let path = template.withUnsafeBufferPointer { buffer in
      buffer.baseAddress.map { String(cString: $0) } ?? ""
    }
    return URL(fileURLWithPath: path, isDirectory: true)
  }
}

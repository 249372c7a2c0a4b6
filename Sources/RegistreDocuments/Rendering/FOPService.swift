import CRegistreLimits
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The Java side of the warm renderer: `java`, FOP's libraries and the project's own
/// `RenderService` program (Sources/RegistreDocuments/Java, bundled as a resource).
struct FOPServiceProgram: Sendable, Hashable {
  /// The `java` launcher.
  var java: URL
  /// FOP and its libraries, in the order of Debian's `fop` wrapper.
  var classpath: [String]
  /// A compiled `RenderService.jar` next to the source, when one was built (Debian package);
  /// otherwise the source file is run by Java's single-file launcher (`java RenderService.java`).
  var jar: URL?
  var source: URL

  /// Debian's jars, as `/usr/bin/fop` finds them (those absent are skipped, as there).
  static let jars = [
    "commons-io", "serializer", "xalan2", "xml-apis", "batik-all", "commons-logging", "xercesImpl",
    "xmlgraphics-commons", "xml-apis-ext", "fontbox2", "/usr/share/fop/fop-hyph.jar", "fop",
  ]

  /// The folder of the bundled Java program.
  static var folder: URL? {
    Bundle.module.url(forResource: "Java", withExtension: nil)
  }

  static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) throws(RenderError)
    -> FOPServiceProgram
  {
    guard let folder, case let source = folder.appendingPathComponent("RenderService.java"),
      FileManager.default.isReadableFile(atPath: source.path)
    else {
      throw .resourceMissing(path: "Java/RenderService.java", package: nil)
    }
    let jar = folder.appendingPathComponent("RenderService.jar")
    let java = try locateJava(environment)
    let libraries = URL(fileURLWithPath: "/usr/share/java")
    var classpath: [String] = []
    for name in jars {
      let path = name.hasPrefix("/") ? name : libraries.appendingPathComponent("\(name).jar").path
      if FileManager.default.isReadableFile(atPath: path) { classpath.append(path) }
    }
    guard classpath.contains(where: { $0.hasSuffix("/fop.jar") }) else {
      throw .rendererMissing(program: libraries.appendingPathComponent("fop.jar").path, package: FOPRenderer.package)
    }
    return FOPServiceProgram(
      java: java, classpath: classpath,
      jar: FileManager.default.isReadableFile(atPath: jar.path) ? jar : nil, source: source)
  }

  private static func locateJava(_ environment: [String: String]) throws(RenderError) -> URL {
    if let home = environment["JAVA_HOME"], !home.isEmpty {
      let candidate = URL(fileURLWithPath: home).appendingPathComponent("bin/java")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
    }
    let path = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
    for folder in path.split(separator: ":") where !folder.isEmpty {
      let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent("java")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
    }
    // `fop` depends on the default Java runtime; without it, neither path can render.
    throw .rendererMissing(program: "java", package: FOPRenderer.package)
  }

  /// The `java` arguments that start the service.
  func arguments(configuration: URL, scratch: URL) -> [String] {
    var arguments = [
      "-Djava.awt.headless=true",
      // FOP's other log lines (not its events, which the service collects) go to the log, warnings and up.
      "-Dorg.apache.commons.logging.Log=org.apache.commons.logging.impl.SimpleLog",
      "-Dorg.apache.commons.logging.simplelog.defaultlog=warn",
    ]
    if let jar {
      arguments += ["-cp", (classpath + [jar.path]).joined(separator: ":"), "RenderService"]
    } else {
      arguments += ["-cp", classpath.joined(separator: ":"), source.path]
    }
    return arguments + [configuration.path, scratch.path]
  }
}

/// One running `RenderService` JVM: requests go out on a socket that is its stdin and
/// stdout, replies come back by request number. Started by `FOPServicePool`, used by
/// `WarmFOPRenderer`.
///
/// The JVM is started like every FOP child (`registre_spawn_piped`): from a thread that
/// then waits for it, so it gets SIGKILL when that thread — this process — ends
/// (PR_SET_PDEATHSIG); it stays in this process's group; its environment is built from
/// nothing (`FOPSandbox.environment`) and it runs under the same Java security policy as a
/// cold `fop`, over its own scratch folder.
final class FOPService: @unchecked Sendable {
  enum Reply: Sendable {
    case rendered(messages: [String])
    case failed(messages: [String])
    /// The JVM ended (or was stopped) before it answered; `String` says how.
    case stopped(String)
    case timedOut
    case cancelled
  }

  let scratch: ScratchFolder
  private let lock = NSLock()
  private let writeLock = NSLock()
  private var pending: [Int: CheckedContinuation<Reply, Never>] = [:]
  private var cancelledEarly: Set<Int> = []
  private var ready: CheckedContinuation<Reply, Never>?
  private var nextID = 1
  private var socket: Int32 = -1
  private var pid: pid_t = 0
  private var stopReason: String?
  private let logFile: URL

  private init(scratch: ScratchFolder) {
    self.scratch = scratch
    logFile = scratch.url.appendingPathComponent("service.log")
  }

  /// Whether the JVM may still answer.
  var isRunning: Bool {
    lock.lock()
    defer { lock.unlock() }
    return stopReason == nil
  }

  /// Requests sent and not answered yet.
  var inFlight: Int {
    lock.lock()
    defer { lock.unlock() }
    return pending.count
  }

  /// The JVM's process id (0 once it has ended), for tests.
  var processID: pid_t {
    lock.lock()
    defer { lock.unlock() }
    return pid
  }

  /// Starts the JVM and waits for it to say it is ready (FOP loaded, configuration read).
  static func start(
    program: FOPServiceProgram, configuration: URL, sandbox base: FOPSandbox, creationEpoch: Int64?,
    startTimeout: Duration
  ) async throws(RenderError) -> FOPService {
    let scratch = try ScratchFolder()
    let service = FOPService(scratch: scratch)
    var sandbox = base
    sandbox.scratch = scratch.url
    // The JVM reads the program's own source (single-file launch) besides FOP's files.
    sandbox.readableFolders.append(program.source.deletingLastPathComponent())
    guard sandbox.pathsArePlain, FOPSandbox.isPlain(program.source.path) else {
      scratch.remove()
      throw .fileSystem(
        operation: "confinement", path: scratch.url.path,
        detail: "un chemin contient un caractère réservé (\", \\ ou $), le bac à sable de FOP ne peut pas le nommer")
    }
    let policyFile = scratch.url.appendingPathComponent("fop.policy")
    do {
      try scratch.write(Data(sandbox.policy().utf8), to: policyFile)
    } catch {
      scratch.remove()
      throw error
    }
    let environment = sandbox.environment(policyFile: policyFile, creationEpoch: creationEpoch)
    let arguments = program.arguments(configuration: configuration, scratch: scratch.url)

    var pair: [Int32] = [-1, -1]
    #if canImport(Glibc)
      let socketType = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
    #else
      let socketType = SOCK_STREAM
    #endif
    guard socketpair(AF_UNIX, socketType, 0, &pair) == 0 else {
      scratch.remove()
      throw .fileSystem(operation: "socketpair", path: scratch.url.path, detail: String(cString: strerror(errno)))
    }
    let log = open(service.logFile.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o600)
    guard log >= 0 else {
      close(pair[0])
      close(pair[1])
      scratch.remove()
      throw .fileSystem(operation: "création", path: service.logFile.path, detail: "journal du service de rendu")
    }
    service.socket = pair[0]
    let childEnd = pair[1]

    let reply: Reply = await withCheckedContinuation { continuation in
      service.lock.lock()
      service.ready = continuation
      service.lock.unlock()
      // The thread that starts the JVM waits for it: the child dies with this thread.
      let waiter = Thread {
        let started = ProcessRunner.spawn(
          program.java, arguments, environment, scratch.url, log, input: childEnd, output: childEnd)
        close(childEnd)
        close(log)
        guard let child = started else {
          service.ended("le programme « \(program.java.path) » n'a pas pu être lancé")
          return
        }
        service.lock.lock()
        service.pid = child
        let stopNow = service.stopReason != nil
        service.lock.unlock()
        if stopNow { kill(child, SIGKILL) }
        // The reader runs beside this waiter; both end when the JVM does.
        let reader = Thread { service.readReplies() }
        reader.start()
        let raw = registre_wait(child)
        service.lock.lock()
        service.pid = 0
        service.lock.unlock()
        service.ended(raw < 0 ? "arrêt inconnu" : Self.describe(ProcessRunner.decode(raw), raw: raw))
      }
      waiter.start()
      let seconds = Self.seconds(startTimeout)
      DispatchQueue.global().asyncAfter(deadline: .now() + seconds) {
        service.failStart()
      }
    }
    switch reply {
    case .rendered:
      return service
    case .timedOut:
      service.stop("démarrage trop long")
      throw .timedOut(seconds: Int(startTimeout.components.seconds))
    case .stopped(let reason):
      service.stop(reason)
      throw .serviceStopped(service.logTail(reason))
    case .failed(let messages):
      service.stop("démarrage en échec")
      throw .serviceStopped(service.logTail(messages.joined(separator: "\n")))
    case .cancelled:
      service.stop("démarrage interrompu")
      throw .cancelled
    }
  }

  private static func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
  }

  private static func describe(_ status: Int32, raw: Int32) -> String {
    (raw & 0x7f) != 0 ? "la machine Java a été arrêtée par le signal \(status)" : "la machine Java s'est terminée (code \(status))"
  }

  /// The start did not finish in time.
  private func failStart() {
    lock.lock()
    let waiting = ready
    ready = nil
    lock.unlock()
    waiting?.resume(returning: .timedOut)
  }

  /// The last lines of the JVM's log, after `reason`, for a message.
  func logTail(_ reason: String) -> String {
    guard let data = try? Data(contentsOf: logFile) else { return reason }
    let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").filter {
      !$0.hasPrefix("NOTE: Picked up JDK_JAVA_OPTIONS") && !$0.contains("Security Manager")
        && !$0.hasPrefix("\tat ")
    }
    return ([reason] + lines.suffix(8).map(String.init)).joined(separator: "\n")
  }

  /// Renders one FO file already in `folder` into `pdf`; the reply names FOP's messages.
  func render(
    fo: URL, pdf: URL, folder: URL, profile: PDFProfile, accessibility: Bool, timeout: Duration
  ) async -> Reply {
    let (id, stopped): (Int, String?) = lock.withLock {
      if let stopReason { return (0, stopReason) }
      nextID += 1
      return (nextID - 1, nil)
    }
    if let stopped { return .stopped(stopped) }
    let fields = [
      "id=\(id)", "fo=\(fo.path)", "pdf=\(pdf.path)", "folder=\(folder.path)", "profile=\(profile.rawValue)",
      "accessibility=\(accessibility ? 1 : 0)",
    ].joined(separator: "\n") + "\n"

    return await withTaskCancellationHandler {
      await withCheckedContinuation { (continuation: CheckedContinuation<Reply, Never>) in
        lock.lock()
        if let stopReason {
          lock.unlock()
          continuation.resume(returning: .stopped(stopReason))
          return
        }
        if cancelledEarly.remove(id) != nil {
          lock.unlock()
          continuation.resume(returning: .cancelled)
          return
        }
        pending[id] = continuation
        lock.unlock()
        guard sendFrame(Data(fields.utf8)) else {
          ended("la machine Java ne lit plus ses demandes")
          return
        }
        DispatchQueue.global().asyncAfter(deadline: .now() + Self.seconds(timeout)) { [self] in
          // A document that does not finish: the JVM's thread cannot be stopped alone, so the
          // whole service is; the other documents in flight are retried on a new one.
          if answer(id, with: .timedOut) { stop("un document a dépassé le temps permis") }
        }
      }
    } onCancel: {
      lock.lock()
      let waiting = pending.removeValue(forKey: id)
      if waiting == nil { cancelledEarly.insert(id) }
      lock.unlock()
      waiting?.resume(returning: .cancelled)
    }
  }

  /// Resumes the request `id` if it is still waiting; false if it was answered already.
  @discardableResult
  private func answer(_ id: Int, with reply: Reply) -> Bool {
    lock.lock()
    let waiting = pending.removeValue(forKey: id)
    lock.unlock()
    waiting?.resume(returning: reply)
    return waiting != nil
  }

  /// Ends the service: the JVM gets SIGKILL, every waiting request is told why, the
  /// scratch folder goes once the JVM is gone.
  func stop(_ reason: String) {
    lock.lock()
    let child = pid
    let descriptor = socket
    if stopReason == nil { stopReason = reason }
    lock.unlock()
    if child > 0 { kill(child, SIGKILL) }
    if descriptor >= 0 { shutdown(descriptor, Int32(SHUT_RDWR)) }
    ended(reason)
  }

  /// The JVM is gone (or going): fail what waits, once.
  private func ended(_ reason: String) {
    lock.lock()
    if stopReason == nil { stopReason = reason }
    let why = stopReason ?? reason
    let waiting = Array(pending.values)
    pending.removeAll()
    let starting = ready
    ready = nil
    let child = pid
    lock.unlock()
    starting?.resume(returning: .stopped(why))
    for continuation in waiting { continuation.resume(returning: .stopped(why)) }
    // Once the JVM has been reaped nothing writes in scratch any more.
    if child == 0 { scratch.remove() }
  }

  /// Stops the JVM at once, without waiting (process exit).
  func killNow() {
    lock.lock()
    let child = pid
    lock.unlock()
    if child > 0 { kill(child, SIGKILL) }
    scratch.remove()
  }

  private func sendFrame(_ payload: Data) -> Bool {
    var frame = Data()
    let length = UInt32(payload.count).bigEndian
    withUnsafeBytes(of: length) { frame.append(contentsOf: $0) }
    frame.append(payload)
    writeLock.lock()
    defer { writeLock.unlock() }
    return frame.withUnsafeBytes { buffer -> Bool in
      guard let base = buffer.baseAddress else { return false }
      var sent = 0
      while sent < buffer.count {
        #if canImport(Glibc)
          let flags = Int32(MSG_NOSIGNAL)
        #else
          let flags: Int32 = 0
        #endif
        let count = send(socket, base + sent, buffer.count - sent, flags)
        if count < 0 && errno == EINTR { continue }
        if count <= 0 { return false }
        sent += count
      }
      return true
    }
  }

  /// On the reader thread: every reply frame, until the JVM closes its end.
  private func readReplies() {
    while let text = readFrame() {
      var id = -1
      var status = ""
      var messages: [String] = []
      for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
        if line.hasPrefix("id="), id < 0, let value = Int(line.dropFirst(3)) {
          id = value
        } else if line.hasPrefix("status="), status.isEmpty {
          status = String(line.dropFirst(7))
        } else {
          messages.append(String(line))
        }
      }
      if id == 0 {
        lock.lock()
        let starting = ready
        ready = nil
        lock.unlock()
        starting?.resume(returning: status == "ready" ? .rendered(messages: []) : .failed(messages: messages))
      } else if id > 0 {
        answer(id, with: status == "ok" ? .rendered(messages: messages) : .failed(messages: messages))
      }
    }
    ended("la machine Java a fermé sa connexion")
  }

  private func readFrame() -> String? {
    var header = [UInt8](repeating: 0, count: 4)
    guard readExactly(&header) else { return nil }
    let length = Int(header[0]) << 24 | Int(header[1]) << 16 | Int(header[2]) << 8 | Int(header[3])
    guard length > 0, length <= 1 << 20 else { return nil }
    var body = [UInt8](repeating: 0, count: length)
    guard readExactly(&body) else { return nil }
    return String(decoding: body, as: UTF8.self)
  }

  private func readExactly(_ buffer: inout [UInt8]) -> Bool {
    var filled = 0
    let total = buffer.count
    return buffer.withUnsafeMutableBytes { raw -> Bool in
      guard let base = raw.baseAddress else { return false }
      while filled < total {
        let count = read(socket, base + filled, total - filled)
        if count < 0 && errno == EINTR { continue }
        if count <= 0 { return false }
        filled += count
      }
      return true
    }
  }
}

/// The services of this process, one per configuration and creation date (FOP reads
/// SOURCE_DATE_EPOCH from its environment, so a JVM serves one date): started on the first
/// document that needs one, reused by every later one, replaced when it dies, stopped when
/// the process ends.
final class FOPServicePool: @unchecked Sendable {
  static let shared = FOPServicePool()

  struct Key: Hashable, Sendable {
    var program: FOPServiceProgram
    var configuration: String
    var readableFolders: [String]
    var readableFiles: [String]
    var heapMegabytes: Int
    var creationEpoch: Int64?
  }

  /// At most this many JVMs at once; an idle one is stopped to make room.
  static let width = 2

  private let lock = NSLock()
  private var services: [Key: FOPService] = [:]
  private var starting: [Key: Task<FOPService, any Error>] = [:]
  private var lastUse: [Key: UInt64] = [:]
  private var clock: UInt64 = 0
  private var exitHookInstalled = false

  /// The running service for `key`, started (once, however many ask at the same time) if needed.
  func service(
    for key: Key, start: @escaping @Sendable () async throws(RenderError) -> FOPService
  ) async throws(RenderError) -> FOPService {
    let task = lock.withLock { () -> Task<FOPService, any Error>? in
      clock += 1
      lastUse[key] = clock
      if let running = services[key], running.isRunning { return nil }
      services[key] = nil
      if let existing = starting[key] { return existing }
      let task = Task<FOPService, any Error> { try await start() }
      starting[key] = task
      if !exitHookInstalled {
        exitHookInstalled = true
        atexit { FOPServicePool.shared.killAll() }
      }
      return task
    }
    guard let task else {
      if let running = lock.withLock({ services[key] }) { return running }
      return try await service(for: key, start: start)
    }
    let result = await task.result
    let evicted = lock.withLock { () -> [FOPService] in
      if starting[key] == task { starting[key] = nil }
      var evicted: [FOPService] = []
      if case .success(let service) = result, services[key] == nil {
        services[key] = service
        // Room for it: idle services of other keys, least recently used first.
        let idle = services.filter { $0.key != key && $0.value.inFlight == 0 }
          .sorted { (lastUse[$0.key] ?? 0) < (lastUse[$1.key] ?? 0) }
        for (other, service) in idle where services.count > Self.width {
          services[other] = nil
          evicted.append(service)
        }
      }
      return evicted
    }
    for service in evicted { service.stop("remplacé par un autre service") }
    switch result {
    case .success(let service): return service
    case .failure(let error as RenderError): throw error
    case .failure: throw .cancelled
    }
  }

  /// Forgets `service` (it died or was stopped); the next document starts a new one.
  func discard(_ service: FOPService) {
    lock.lock()
    for (key, value) in services where value === service { services[key] = nil }
    lock.unlock()
    service.stop("service remplacé")
  }

  /// Stops every service and waits for nothing (tests, and the end of a command).
  func stopAll() {
    lock.lock()
    let all = Array(services.values)
    services.removeAll()
    lock.unlock()
    for service in all { service.stop("fin du processus") }
  }

  /// Every running service, for tests.
  var running: [FOPService] {
    lock.lock()
    defer { lock.unlock() }
    return Array(services.values)
  }

  /// At process exit (atexit): SIGKILL to every JVM and its scratch folder removed. The
  /// kernel would kill them anyway (PR_SET_PDEATHSIG); this also cleans the folders.
  private func killAll() {
    guard lock.try() else { return }
    let all = Array(services.values)
    lock.unlock()
    for service in all { service.killNow() }
  }
}

public import Foundation
import Mustache
import RegistreCatalogue
import RegistreFormats
import RegistreModel
import RegistreRules
import RegistreTeam
public import RegistreWorkflows

/// How the server was started: the register folder and what documents are signed with.
public struct ServerOptions: Sendable {
  /// The register folder served; nothing outside it is ever read or written.
  public var folder: URL
  public var host: String
  public var port: Int
  /// A copy of the demo register: documents are signed with a demonstration certificate.
  public var demo: Bool
  /// Largest request body accepted, in bytes.
  public var maxBodySize: Int
  /// Signs every document of the Documents page; loaded once at start (a password is asked
  /// then, never stored). `nil`: documents are not signed.
  public var signing: SigningIdentity?

  /// Serve a folder of school registers (`registre serveur --lot`): the académie's consolidated view.
  public var lot: Bool = false
  /// For one school inside a lot: the lot's folder and the path its pages live under.
  var lotSchool: (folder: URL, basePath: String)?

  /// On the demo copy, people sign in by choosing a role; elsewhere with an account of `comptes.yaml`.
  var access: AccessMode {
    if let lotSchool { return .lotSchool(lotFolder: lotSchool.folder) }
    return demo ? .demonstration : .accounts
  }

  public init(
    folder: URL, host: String = "127.0.0.1", port: Int = 8080, demo: Bool = false, maxBodySize: Int = 1_000_000,
    signing: SigningIdentity? = nil
  ) {
    self.folder = folder
    self.host = host
    self.port = port
    self.demo = demo
    self.maxBodySize = maxBodySize
    self.signing = signing
  }
}

/// The register as last read from disk: either loaded and audited, or the loader's diagnostics.
struct Snapshot: Sendable {
  var fingerprint: [String]
  var loaded: LoadedRegister?
  var diagnostics: [Diagnostic]
  var report: AuditReport?
  /// The workflow's French lines when the register could not be audited.
  var problems: [String]
  /// Fiches the lenient load could not read whole (audited on what could be read, as `registre audit` does).
  var incomplete: [IncompleteRecordFinding] = []
}

/// Everything a request handler needs: options, templates, the CSRF token and the cached register.
final class Site: @unchecked Sendable {
  let options: ServerOptions
  let folder: URL
  let templates: MustacheLibrary
  /// One random token per server process, embedded in every form; a page from another
  /// origin cannot read it, so it cannot forge a POST.
  let csrfToken: String
  let access: AccessMode
  let sessions: SessionStore
  let throttle = SignInThrottle()
  /// Where this site's pages live: "" alone, `/etablissements/NOM` for a school of a lot.
  let basePath: String
  /// The person signed in for the request being handled (set by `AccessMiddleware`).
  @TaskLocal static var currentUser: SignedIn?
  /// The Documents page's background jobs and their progress (issue 22).
  let jobs: DocumentJobs
  private let lock = NSLock()
  private var cached: Snapshot?

  init(
    options: ServerOptions, templates: MustacheLibrary, sessions: SessionStore = SessionStore(),
    jobs: DocumentJobs = DocumentJobs()
  ) {
    self.options = options
    self.sessions = sessions
    self.jobs = jobs
    self.basePath = options.lotSchool?.basePath ?? ""
    self.folder = options.folder.standardizedFileURL.resolvingSymlinksInPath()
    self.templates = templates
    self.access = options.access
    var generator = SystemRandomNumberGenerator()
    self.csrfToken = (0..<4).map { _ in String(generator.next() as UInt64, radix: 16) }.joined()
  }

  /// The register, re-read and re-audited only when one of its files changed.
  func snapshot() -> Snapshot {
    let fingerprint = RegisterFolder.fingerprint(folder)
    lock.lock()
    if let cached, cached.fingerprint == fingerprint {
      lock.unlock()
      return cached
    }
    lock.unlock()
    let fresh = Self.load(folder, fingerprint: fingerprint)
    lock.lock()
    cached = fresh
    lock.unlock()
    return fresh
  }

  static func load(_ folder: URL, fingerprint: [String]) -> Snapshot {
    if let refused = RegisterFolder.symbolicLinks(folder).first {
      return Snapshot(
        fingerprint: fingerprint, loaded: nil,
        diagnostics: [Diagnostic(Location(fichier: refused), "lien symbolique refusé", attendu: "un fichier ordinaire du dossier du registre")],
        report: nil, problems: [])
    }
    // The audit the CLI runs (`registre audit`): lenient load, acceptations.yaml, every rule.
    do throws(WorkflowError) {
      let outcome = try AuditWorkflow.run(registerAt: folder.path, options: AuditOptions(date: try RegisterInput.day(nil)))
      return Snapshot(
        fingerprint: fingerprint, loaded: outcome.loaded, diagnostics: [], report: outcome.report, problems: [],
        incomplete: outcome.incompleteFiches)
    } catch {
      // The register does not load even leniently: the loader's diagnostics say where.
      return Snapshot(fingerprint: fingerprint, loaded: nil, diagnostics: error.diagnostics, report: nil, problems: error.lines)
    }
  }

  /// Whether the folder holds a register at all (an `etablissement.yaml`).
  var hasRegister: Bool {
    FileManager.default.fileExists(atPath: folder.appendingPathComponent("etablissement.yaml").path)
  }

  func forget() {
    lock.lock()
    cached = nil
    lock.unlock()
  }
}

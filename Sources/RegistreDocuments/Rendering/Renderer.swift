public import Foundation
public import RegistreSupport

/// The PDF/A flavours the documents are produced in.
public enum PDFProfile: String, Sendable, CaseIterable {
  /// Archivable PDF, the default for every document.
  case pdfA2b = "PDF/A-2b"
  /// Like PDF/A-2b, but files may be embedded: used for the register with its canonical XML.
  case pdfA3b = "PDF/A-3b"
}

/// A file carried inside the PDF (PDF/A-3 associated file). The FO names it with
/// `<pdf:embedded-file src="NAME"/>`; the renderer makes `NAME` resolvable.
public struct Attachment: Sendable, Equatable {
  /// Plain file name (no folder), as referenced by the FO.
  public var name: String
  public var data: Data

  public init(name: String, data: Data) {
    self.name = name
    self.data = data
  }

  /// True when `name` cannot escape the renderer's scratch folder.
  var hasSafeName: Bool {
    !name.isEmpty && !name.hasPrefix(".") && !name.contains("/") && !name.contains("\0")
      && name.utf8.count <= 200
  }
}

/// One FO document to turn into PDF.
public struct RenderRequest: Sendable {
  public var fo: Data
  public var profile: PDFProfile
  public var attachments: [Attachment]
  /// Fixed creation date for reproducible output; `nil` means now (or the
  /// caller's `SOURCE_DATE_EPOCH`, which FOP honours).
  public var creationDate: Date?

  public init(
    fo: Data, profile: PDFProfile = .pdfA2b, attachments: [Attachment] = [],
    creationDate: Date? = nil
  ) {
    self.fo = fo
    self.profile = profile
    self.attachments = attachments
    self.creationDate = creationDate
  }
}

/// Why a rendering failed. `message` is the French text shown to the user.
public enum RenderError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The rendering program is not installed.
  case rendererMissing(program: String, package: String)
  /// A file the renderer needs (configuration, font) is missing.
  case resourceMissing(path: String, package: String?)
  /// The renderer ran and failed; `output` is its own diagnostic text.
  case rendererFailed(status: Int32, output: String)
  /// The renderer did not finish within the allowed time and was stopped.
  case timedOut(seconds: Int)
  /// The renderer reported success but wrote no PDF.
  case noOutput
  /// An attachment name would escape the scratch folder.
  case invalidAttachmentName(String)
  /// A local file operation failed.
  case fileSystem(operation: String, path: String, detail: String)
  /// The rendering was cancelled.
  case cancelled
  /// The FO names a resource outside what a rendering may read (a local file
  /// outside the templates folder, a network address, a DOCTYPE); or FOP's
  /// sandbox refused it at run time.
  case resourceRefused(String)
  /// The FO produced by the template is not well-formed XML.
  case invalidFormattingObjects(String)
  /// The warm rendering service (FOP in one long-lived JVM) stopped during the document,
  /// and again on the new one started to retry it; `String` says how.
  case serviceStopped(String)

  public var description: String { message }

  /// French message for the user.
  public var message: String {
    switch self {
    case .rendererMissing(let program, let package):
      return
        "Le programme « \(program) » est introuvable : il faut le paquet Debian « \(package) » "
        + "pour produire les PDF (sudo apt-get install \(package))."
    case .resourceMissing(let path, let package):
      let hint = package.map { " (paquet Debian « \($0) » : sudo apt-get install \($0))" } ?? ""
      return "Fichier nécessaire au rendu PDF introuvable : \(path)\(hint)."
    case .rendererFailed(let status, let output):
      let detail = output.isEmpty ? "" : " :\n\(output)"
      return "Apache FOP a échoué (code \(status))\(detail)"
    case .timedOut(let seconds):
      return "Apache FOP n'a pas terminé en \(seconds) s ; le rendu a été interrompu."
    case .noOutput:
      return "Apache FOP n'a produit aucun PDF."
    case .invalidAttachmentName(let name):
      return "Nom de pièce jointe refusé : « \(name) »."
    case .fileSystem(let operation, let path, let detail):
      return "Erreur de fichier (\(operation)) sur \(path) : \(detail)."
    case .cancelled:
      return "Rendu PDF annulé."
    case .resourceRefused(let resource):
      return
        "Le modèle demande une ressource refusée : « \(resource) ». Un modèle ne peut lire que les fichiers "
        + "de son propre dossier et les polices configurées ; le réseau lui est fermé."
    case .invalidFormattingObjects(let detail):
      return "Le modèle a produit un XSL-FO illisible : \(detail)"
    case .serviceStopped(let detail):
      return
        "Le service de rendu PDF (Apache FOP dans une machine Java) s'est arrêté pendant le document, "
        + "qui n'a pas été écrit : \(detail)\nREGISTRE_RENDU=fop utilise la commande « fop » à la place."
    }
  }
}

/// Turns XSL-FO into PDF. FOP is today's implementation; another engine can
/// replace it without touching the templates.
public protocol Renderer: Sendable {
  func render(_ request: RenderRequest) async throws(RenderError) -> Data
}

extension Renderer {
  /// Renders every request, at most `maxConcurrent` at a time (default: one per
  /// core, since each FOP run is a JVM), keeping the input order. One failure does
  /// not stop the others.
  ///
  /// `progress` hears « Rendu des PDF », n of N, as each document is done.
  public func renderAll(
    _ requests: [RenderRequest], maxConcurrent: Int = ProcessInfo.processInfo.activeProcessorCount,
    progress: ProgressReport? = nil
  ) async -> [Result<Data, RenderError>] {
    let counter = requests.isEmpty ? nil : ProgressCounter("Rendu des PDF", total: requests.count, report: progress)
    let width = min(max(1, maxConcurrent), requests.count)
    // A plain loop (no nested function capturing the group): the earlier form
    // trapped in release builds.
    return await withTaskGroup(of: (Int, Result<Data, RenderError>).self) { group in
      var results = [Result<Data, RenderError>](repeating: .failure(.cancelled), count: requests.count)
      var next = 0
      while next < width {
        let index = next
        let request = requests[index]
        group.addTask { (index, await self.outcome(of: request)) }
        next += 1
      }
      while let (index, result) = await group.next() {
        if results.indices.contains(index) { results[index] = result }
        counter?.advance()
        if next < requests.count {
          let suivant = next
          let request = requests[suivant]
          group.addTask { (suivant, await self.outcome(of: request)) }
          next += 1
        }
      }
      return results
    }
  }

  /// The rendering of one request, as a value.
  func outcome(of request: RenderRequest) async -> Result<Data, RenderError> {
    do {
      return .success(try await render(request))
    } catch {
      return .failure(error)
    }
  }
}

/// Which FOP road documents take (`REGISTRE_RENDU`).
public enum RenderingMode: String, Sendable {
  /// One warm JVM for the whole process (`WarmFOPRenderer`), the default.
  case service
  /// One `fop` command per document (`FOPRenderer`): `REGISTRE_RENDU=fop`.
  case command = "fop"

  public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
    self = environment["REGISTRE_RENDU"] == "fop" ? .command : .service
  }
}


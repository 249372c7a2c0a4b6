public import Foundation
public import RegistreSupport

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The date printed in the documents, and whether it is fixed for reproducible
/// output (then the PDF's own dates use it too).
public struct DocumentDate: Sendable, Equatable {
  public var date: Date
  public var isFixed: Bool

  public init(date: Date, isFixed: Bool) {
    self.date = date
    self.isFixed = isFixed
  }

  /// `SOURCE_DATE_EPOCH` (seconds since 1970) when set and valid, else now.
  public static func fromEnvironment(
    _ environment: [String: String] = ProcessInfo.processInfo.environment
  ) -> DocumentDate {
    if let text = environment["SOURCE_DATE_EPOCH"], let seconds = Int64(text), seconds >= 0 {
      return DocumentDate(date: Date(timeIntervalSince1970: TimeInterval(seconds)), isFixed: true)
    }
    return DocumentDate(date: Date(), isFixed: false)
  }

  /// UTC instant `AAAA-MM-JJThh:mm:ssZ` for the XMP creation date, which FOP
  /// would otherwise set to the time of rendering.
  public var timestamp: String {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(secondsFromGMT: 0) ?? .current
    let p = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
    return String(
      format: "%04d-%02d-%02dT%02d:%02d:%02dZ", p.year ?? 1970, p.month ?? 1, p.day ?? 1,
      p.hour ?? 0, p.minute ?? 0, p.second ?? 0)
  }

  /// The calendar day in France, `AAAA-MM-JJ`, as the templates expect it.
  public var day: String {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "Europe/Paris") ?? TimeZone(secondsFromGMT: 3600) ?? .current
    let parts = calendar.dateComponents([.year, .month, .day], from: date)
    let year = parts.year ?? 1970
    let month = parts.month ?? 1
    let day = parts.day ?? 1
    return String(format: "%04d-%02d-%02d", year, month, day)
  }
}

/// One document to produce: which kind, for which treatment (notices), where.
public struct DocumentJob: Sendable, Equatable {
  public var kind: DocumentKind
  /// For a notice: the id of the one treatment it covers; `nil` for the consolidated notice.
  public var treatment: String?
  public var output: URL
  /// Whether an existing `output` may be replaced; when not, the job fails before
  /// any rendering (`registre document --sortie` without `--remplacer`).
  public var replacesExisting: Bool
  /// XSLT string parameters of this job alone (e.g. the incomplete fiches a document leaves out).
  public var parameters: [String: String]

  public init(
    kind: DocumentKind, treatment: String? = nil, output: URL, replacesExisting: Bool = true,
    parameters: [String: String] = [:]
  ) {
    self.kind = kind
    self.treatment = treatment
    self.output = output
    self.replacesExisting = replacesExisting
    self.parameters = parameters
  }
}

/// XML → XSLT template → XSL-FO → renderer → PDF/A file.
public struct DocumentPipeline: Sendable {
  /// French reason for a failed write.
  static func explain(_ error: AtomicFileError) -> String {
    switch error {
    case .destinationExists: return "le fichier existe déjà (--remplacer pour le remplacer)"
    case .destinationIsSymbolicLink: return "la destination est un lien symbolique, qui n'est jamais suivi"
    case .systemError(_, _, let code) where code == ENOENT: return "dossier introuvable"
    case .systemError(_, _, let code) where code == EACCES || code == EPERM:
      return "permission refusée"
    case .systemError(_, _, let code) where code == ENOSPC: return "disque plein"
    case .systemError(let operation, _, let code):
      return "\(operation) : \(String(cString: strerror(code)))"
    }
  }

  public var templates: TemplateLibrary
  public var transformer: any StylesheetTransformer
  public var renderer: any Renderer
  public var date: DocumentDate
  /// Printed on the register's cover page.
  public var toolVersion: String
  /// Applied to each PDF before it is written — the CLI signs here, so a
  /// document is written once, already signed. A failure leaves no file.
  public var finish: (@Sendable (Data) throws -> Data)?

  public init(
    templates: TemplateLibrary, transformer: any StylesheetTransformer, renderer: any Renderer,
    date: DocumentDate = .fromEnvironment(), toolVersion: String = ""
  ) {
    self.templates = templates
    self.transformer = transformer
    self.renderer = renderer
    self.date = date
    self.toolVersion = toolVersion
  }

  /// The XSLT step alone: the FO for `kind`. Byte-identical for the same input
  /// and date.
  public func formattingObjects(
    for kind: DocumentKind, input: Data, treatment: String? = nil, parameters extra: [String: String] = [:]
  ) throws(DocumentError) -> Data {
    let stylesheet = try templates.template(for: kind)
    var parameters = [
      "date-document": date.day, "horodatage": date.timestamp, "version-outil": toolVersion,
    ]
    if kind == .register { parameters["fichier-xml"] = DocumentKind.embeddedRegisterName }
    if let treatment { parameters["traitement"] = treatment }
    parameters.merge(extra) { _, nouveau in nouveau }
    return try transformer.transform(input, stylesheet: stylesheet, parameters: parameters)
  }

  /// What the renderer needs for `kind`: the FO, the PDF/A profile and, for the
  /// register, the input XML as the embedded file.
  public func renderRequest(
    for kind: DocumentKind, input: Data, treatment: String? = nil, parameters: [String: String] = [:]
  ) throws(DocumentError) -> RenderRequest {
    let fo = try formattingObjects(for: kind, input: input, treatment: treatment, parameters: parameters)
    let attachments =
      kind == .register ? [Attachment(name: DocumentKind.embeddedRegisterName, data: input)] : []
    return RenderRequest(
      fo: fo, profile: kind.profile, attachments: attachments,
      creationDate: date.isFixed ? date.date : nil)
  }

  /// Produces the PDF of one document, in memory. `parameters` go to the
  /// template as XSLT string parameters (e.g. the register's change list).
  public func pdf(
    for kind: DocumentKind, input: Data, treatment: String? = nil, parameters: [String: String] = [:]
  ) async throws(DocumentError) -> Data {
    let request = try renderRequest(for: kind, input: input, treatment: treatment, parameters: parameters)
    do {
      return try await renderer.render(request)
    } catch {
      throw .rendering(error)
    }
  }

  /// Produces every job from the same input: the XSLT steps one after the other
  /// (fast, in-process), the renderings in parallel (at most one FOP per core),
  /// each PDF written atomically. Results are in job order; a failed job leaves
  /// no file behind and does not stop the others.
  public func produce(
    _ jobs: [DocumentJob], input: Data,
    maxConcurrent: Int = ProcessInfo.processInfo.activeProcessorCount
  ) async -> [Result<URL, DocumentError>] {
    await produceMeasured(jobs, input: input, maxConcurrent: maxConcurrent).results
  }

  /// What `produce` did, with the wall-clock time of its two steps, for the
  /// benchmarks (« how much of it is FOP »).
  public struct Production: Sendable {
    public var results: [Result<URL, DocumentError>]
    /// All XSLT transformations (in-process, one after the other).
    public var transformDuration: Duration
    /// All renderings (in parallel) and the writes.
    public var renderDuration: Duration
  }

  /// `produce`, measured.
  public func produceMeasured(
    _ jobs: [DocumentJob], input: Data,
    maxConcurrent: Int = ProcessInfo.processInfo.activeProcessorCount, progress: ProgressReport? = nil
  ) async -> Production {
    await produceMeasured(jobs.map { ($0, input) }, maxConcurrent: maxConcurrent, progress: progress)
  }

  /// Jobs that each read their own input (e.g. the register's documents and
  /// the audit report together), rendered in one parallel batch.
  public func produceMeasured(
    _ items: [(job: DocumentJob, input: Data)],
    maxConcurrent: Int = ProcessInfo.processInfo.activeProcessorCount, progress: ProgressReport? = nil
  ) async -> Production {
    let jobs = items.map(\.job)
    let clock = ContinuousClock()
    let start = clock.now
    var results = [Result<URL, DocumentError>?](repeating: nil, count: jobs.count)
    var requests: [RenderRequest] = []
    var requestJobs: [Int] = []
    for (index, item) in items.enumerated() {
      let job = item.job
      // No FOP run for a file that could not be written anyway.
      var isFolder: ObjCBool = false
      let folder = job.output.deletingLastPathComponent().path
      guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue
      else {
        results[index] = .failure(.writeFailed(path: job.output.path, detail: "dossier introuvable"))
        continue
      }
      if !job.replacesExisting, AtomicFile.exists(job.output) {
        results[index] = .failure(
          .writeFailed(path: job.output.path, detail: "le fichier existe déjà (--remplacer pour le remplacer)"))
        continue
      }
      do throws(DocumentError) {
        requests.append(
          try renderRequest(
            for: job.kind, input: item.input, treatment: job.treatment, parameters: job.parameters))
        requestJobs.append(index)
      } catch {
        results[index] = .failure(error)
      }
    }
    let transformed = clock.now
    let rendered = await renderer.renderAll(requests, maxConcurrent: maxConcurrent, progress: progress)
    for (position, outcome) in rendered.enumerated() {
      let index = requestJobs[position]
      let job = jobs[index]
      switch outcome {
      case .failure(let error):
        results[index] = .failure(.rendering(error))
      case .success(let rendu):
        let pdf: Data
        do {
          pdf = try finish?(rendu) ?? rendu
        } catch {
          results[index] = .failure(.writeFailed(path: job.output.path, detail: "signature impossible : \(error)"))
          continue
        }
        do {
          // Register documents name people: owner and group only, like the other exports.
          try AtomicFile.write(
            pdf, to: job.output, permissions: 0o640, existing: job.replacesExisting ? .replace : .refuse)
          results[index] = .success(job.output)
        } catch {
          results[index] = .failure(
            .writeFailed(path: job.output.path, detail: Self.explain(error)))
        }
      }
    }
    return Production(
      results: results.map { $0 ?? .failure(.rendering(.cancelled)) },
      transformDuration: transformed - start, renderDuration: clock.now - transformed)
  }
}

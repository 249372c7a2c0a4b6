public import Foundation
public import RegistreDocuments
public import RegistreBatch
public import RegistreModel
public import RegistreRules
public import RegistreSupport
import RegistreSignature

/// How documents are produced: which templates, signed by whom, how long FOP may take.
public struct DocumentSettings: Sendable {
  /// A school's templates folder (`--modeles`); `nil` for the built-in templates.
  public var templatesFolder: URL?
  /// Signs every PDF before it is written; `nil` for unsigned documents.
  public var signing: SigningIdentity?
  /// Printed on the register's cover page.
  public var toolVersion: String
  /// Bounds each FOP run (default: the renderer's 180 s).
  public var renderTimeout: Duration?
  /// Whether an existing output file may be replaced (`--remplacer`); when not, a job whose
  /// file exists fails before any rendering and the file is left as it was.
  public var replaceExisting: Bool
  /// Hears each PDF rendered (« Rendu des PDF », n of N); the front end shows it.
  public var progress: ProgressReport?

  public init(
    templatesFolder: URL? = nil, signing: SigningIdentity? = nil, toolVersion: String = RegistreVersion.current,
    renderTimeout: Duration? = nil, replaceExisting: Bool = false, progress: ProgressReport? = nil
  ) {
    self.progress = progress
    self.templatesFolder = templatesFolder
    self.signing = signing
    self.toolVersion = toolVersion
    self.renderTimeout = renderTimeout
    self.replaceExisting = replaceExisting
  }
}

/// The tool's version, printed on documents and in SARIF reports.
public enum RegistreVersion {
  public static let current = "0.1.0"
}

/// One document that could not be produced; it left no file behind.
public struct DocumentFailure: Sendable, Equatable {
  public var job: DocumentJob
  /// French reason.
  public var message: String
}

/// What a batch of documents gave: the files written, in job order, and the failures.
public struct DocumentOutcome: Sendable {
  public var written: [URL]
  public var failures: [DocumentFailure]
  /// All XSLT transformations (in-process, one after the other).
  public var transformDuration: Duration
  /// All renderings (in parallel) and the writes.
  public var renderDuration: Duration
  /// Treatments left out of the documents because their fiche is incomplete; the documents
  /// name them, and a front end reports problems found.
  public var omittedTreatments: [String] = []
  /// With `--marquer`: the file that records the issued notices, and the treatments marked.
  public var markFile: URL? = nil
  public var markedTreatments: [String] = []
  /// The day recorded with the marked notices.
  public var markDate: Day? = nil

  /// The failures as a front end shows them, one line each (`fichier.pdf : raison`).
  public var failureLines: [String] {
    failures.map { "\($0.job.output.lastPathComponent) : \($0.message)" }
  }
}

/// Which notices to produce.
public struct NoticeSelection: Sendable, Equatable {
  /// Also one notice (two versions) for each treatment that concerns pupils or their families.
  public var perTreatment: Bool
  /// Also the notice of this one treatment.
  public var treatment: String?

  public init(perTreatment: Bool = false, treatment: String? = nil) {
    self.perTreatment = perTreatment
    self.treatment = treatment
  }
}

/// Every PDF goes this one road: XML → XSLT template of `Templates/` (or the school's folder)
/// → XSL-FO → Apache FOP → PDF/A → the one signing step → atomic write.
public enum DocumentWorkflow {
  /// The built-in templates, or the school's folder.
  public static func templates(_ folder: URL?) throws(WorkflowError) -> TemplateLibrary {
    if let folder {
      do {
        return try TemplateLibrary.custom(folder)
      } catch {
        throw WorkflowError(.templates, error.message)
      }
    }
    guard let builtIn = TemplateLibrary.builtIn else {
      throw WorkflowError(.templates, "Modèles intégrés introuvables : installation incomplète de registre.")
    }
    return builtIn
  }

  /// The pipeline for `settings`; with a signing identity, every PDF is signed before it is written.
  public static func pipeline(_ settings: DocumentSettings) throws(WorkflowError) -> DocumentPipeline {
    let library = try templates(settings.templatesFolder)
    let renderer = settings.renderTimeout.map { library.renderer(timeout: $0) } ?? library.renderer()
    var pipeline = DocumentPipeline(
      templates: library, transformer: LibXSLTTransformer(), renderer: renderer,
      date: .fromEnvironment(), toolVersion: settings.toolVersion)
    // The register's embedded XML is declared application/xml (PDF/A-3), then the PDF is signed if asked.
    let signing = settings.signing
    pipeline.finish = { pdf in
      let declared = try PDFDocument.declaringXMLAttachments(pdf)
      return try signing?.sign(declared) ?? declared
    }
    return pipeline
  }

  /// Produces jobs that each read their own input, in one parallel batch (at most one FOP per core).
  public static func produce(
    _ items: [(job: DocumentJob, input: Data)], settings: DocumentSettings
  ) async throws(WorkflowError) -> DocumentOutcome {
    let pipeline = try pipeline(settings)
    let items = items.map { item in
      var job = item.job
      job.replacesExisting = settings.replaceExisting
      return (job: job, input: item.input)
    }
    let production = await pipeline.produceMeasured(items, progress: settings.progress)
    var outcome = DocumentOutcome(
      written: [], failures: [], transformDuration: production.transformDuration,
      renderDuration: production.renderDuration)
    for (item, result) in zip(items, production.results) {
      switch result {
      case .success(let url): outcome.written.append(url)
      case .failure(let error): outcome.failures.append(DocumentFailure(job: item.job, message: error.message))
      }
    }
    return outcome
  }

  /// The register as PDF/A-3b, with its canonical XML embedded.
  public static func register(
    at path: String, output: URL, settings: DocumentSettings
  ) async throws(WorkflowError) -> DocumentOutcome {
    let (loaded, omitted) = try RegisterInput.loadForDocument(path)
    _ = try templates(settings.templatesFolder)
    let xml = try RegisterInput.canonicalXML(loaded.registre)
    let job = DocumentJob(kind: .register, output: output, parameters: omittedParameter(omitted))
    var outcome = try await produce([(job, xml)], settings: settings)
    outcome.omittedTreatments = omitted
    return outcome
  }

  /// The notices for families and for pupils (Art. 13 and 14) in `folder`, created when needed:
  /// `notice-familles.pdf`, `notice-eleves.pdf`, then per treatment as selected.
  /// With `mark`, once every notice is written, `notices-diffusees.yaml` records (atomically, in
  /// the register's folder) which treatments they cover, the day, and the state of each fiche.
  /// With `html`, also `notice-familles.html` (`noticeHTML`), the same notice as a web page.
  public static func notices(
    at path: String, folder: URL, selection: NoticeSelection = NoticeSelection(), settings: DocumentSettings,
    mark: Bool = false, html: Bool = false
  ) async throws(WorkflowError) -> DocumentOutcome {
    let (loaded, omitted) = try RegisterInput.loadForDocument(path)
    _ = try templates(settings.templatesFolder)
    let jobs = try noticeJobs(loaded.registre, folder: folder, selection: selection).map { job in
      var job = job
      job.parameters = omittedParameter(omitted)
      return job
    }
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    } catch {
      throw WorkflowError(
        .failed, "\(folder.path) : impossible de créer le dossier (\(error.localizedDescription)).")
    }
    let xml = try RegisterInput.canonicalXML(loaded.registre)
    var outcome = try await produce(jobs.map { ($0, xml) }, settings: settings)
    outcome.omittedTreatments = omitted
    var issued = jobs
    if html {
      let page = folder.appendingPathComponent(noticeHTMLName)
      var settings = settings
      settings.replaceExisting = true
      try writeNoticeHTML(xml, omitted: omitted, output: page, settings: settings)
      outcome.written.append(page)
      issued.append(DocumentJob(kind: .noticeFamilies, output: page))
    }
    // Only a complete set of notices is marked: a failed one was not issued.
    if mark && outcome.failures.isEmpty {
      let day = try issueDay()
      let covered = IssuedNoticesFile.coverage(issued, registre: loaded.registre)
      outcome.markFile = try IssuedNoticesFile.mark(
        covered, date: day, registre: loaded.registre, folder: AcceptancesFile.folder(of: loaded))
      outcome.markedTreatments = covered.keys.sorted()
      outcome.markDate = day
    }
    return outcome
  }

  /// File name of the families' notice as a web page.
  public static let noticeHTMLName = "notice-familles.html"
  /// Its template, in the templates folder: it imports `notice-familles.xsl`, so both say the same.
  public static let noticeHTMLTemplate = "notice-familles-html.xsl"

  /// The families' notice as an accessible HTML page (`lang="fr"`, headings, landmarks), from the
  /// register XML through `Templates/notice-familles-html.xsl`: same facts and wording as the PDF.
  public static func noticeHTML(
    at path: String, output: URL, settings: DocumentSettings
  ) throws(WorkflowError) -> DocumentOutcome {
    let (loaded, omitted) = try RegisterInput.loadForDocument(path)
    let xml = try RegisterInput.canonicalXML(loaded.registre)
    try writeNoticeHTML(xml, omitted: omitted, output: output, settings: settings)
    var outcome = DocumentOutcome(written: [output], failures: [], transformDuration: .zero, renderDuration: .zero)
    outcome.omittedTreatments = omitted
    return outcome
  }

  static func writeNoticeHTML(
    _ xml: Data, omitted: [String], output: URL, settings: DocumentSettings
  ) throws(WorkflowError) {
    let library = try templates(settings.templatesFolder)
    let stylesheet = library.folder.appendingPathComponent(noticeHTMLTemplate)
    guard FileManager.default.isReadableFile(atPath: stylesheet.path) else {
      throw WorkflowError(.templates, "Modèle \(noticeHTMLTemplate) introuvable dans \(library.folder.path).")
    }
    var parameters = omittedParameter(omitted)
    parameters["date-document"] = DocumentDate.fromEnvironment().day
    parameters["version-outil"] = settings.toolVersion
    let page: Data
    do {
      page = try LibXSLTTransformer().transform(xml, stylesheet: stylesheet, parameters: parameters)
    } catch {
      throw WorkflowError(.documents, "\(output.lastPathComponent) : \(error.message)")
    }
    do {
      try AtomicFile.write(page, to: output, permissions: 0o644, existing: settings.replaceExisting ? .replace : .refuse)
    } catch {
      throw WorkflowError(.documents, "\(output.lastPathComponent) : écriture impossible (\(error)). Rien n'a été écrit.")
    }
  }

  /// The day the notices carry (`SOURCE_DATE_EPOCH` or today, in France), as a register day.
  static func issueDay() throws(WorkflowError) -> Day {
    guard let day = Day(iso: DocumentDate.fromEnvironment().day) else {
      throw WorkflowError(.failed, "Date du jour illisible : rien n'a été marqué.")
    }
    return day
  }

  /// The `fiches-incompletes` template parameter: the ids of the treatments a document leaves
  /// out, comma-separated, so that the document itself says it is not the whole register.
  static func omittedParameter(_ omitted: [String]) -> [String: String] {
    omitted.isEmpty ? [:] : ["fiches-incompletes": omitted.joined(separator: ", ")]
  }

  /// The notice jobs for a register; an unknown treatment id is refused.
  public static func noticeJobs(
    _ registre: Register, folder: URL, selection: NoticeSelection
  ) throws(WorkflowError) -> [DocumentJob] {
    var ids: [String] = []
    if let treatment = selection.treatment {
      guard registre.traitements.contains(where: { $0.id == treatment }) else {
        throw WorkflowError(.failed, "Aucun traitement d'identifiant « \(treatment) » dans le registre.")
      }
      ids = [treatment]
    } else if selection.perTreatment {
      ids = registre.traitements.filter { $0.concernsFamilies }.map { $0.id }
    }
    var jobs = [
      DocumentJob(kind: .noticeFamilies, output: folder.appendingPathComponent("notice-familles.pdf")),
      DocumentJob(kind: .noticePupils, output: folder.appendingPathComponent("notice-eleves.pdf")),
    ]
    for kind in NoticeAudience.otherNotices(for: registre) {
      jobs.append(DocumentJob(kind: kind, output: folder.appendingPathComponent("\(kind.rawValue).pdf")))
    }
    for id in ids {
      jobs.append(
        DocumentJob(
          kind: .noticeFamilies, treatment: id, output: folder.appendingPathComponent("notice-familles-\(id).pdf")))
      jobs.append(
        DocumentJob(
          kind: .noticePupils, treatment: id, output: folder.appendingPathComponent("notice-eleves-\(id).pdf")))
    }
    return jobs
  }

  /// The audit report as PDF/A-2b.
  public static func auditReport(
    _ audit: AuditOutcome, output: URL, settings: DocumentSettings
  ) async throws(WorkflowError) -> DocumentOutcome {
    let xml = AuditWorkflow.findingsDocument(audit.report, registre: audit.registre).xml()
    return try await produce([(DocumentJob(kind: .auditReport, output: output), xml)], settings: settings)
  }

  /// The consolidated report of a batch audit as PDF/A-2b.
  public static func batchReport(
    _ report: BatchReport, output: URL, settings: DocumentSettings
  ) async throws(WorkflowError) -> DocumentOutcome {
    let xml: Data
    do {
      xml = try BatchReportXML.xmlData(report)
    } catch {
      throw WorkflowError(.failed, "Impossible de produire le XML du rapport de lot : \(error). Rien n'a été écrit.")
    }
    var settings = settings
    // FOP lays out the whole school table in one go: allow it more time for a large lot.
    settings.renderTimeout = settings.renderTimeout ?? .seconds(180 + report.etablissements.count / 20)
    return try await produce([(DocumentJob(kind: .batchAudit, output: output), xml)], settings: settings)
  }

  /// The main job's four documents for an audited register, in `folder`: `registre.pdf`,
  /// `notice-familles.pdf`, `notice-eleves.pdf` and `rapport-audit.pdf`, rendered together.
  public static func mainDocuments(
    _ audit: AuditOutcome, folder: URL, settings: DocumentSettings
  ) async throws(WorkflowError) -> DocumentOutcome {
    let xml = try RegisterInput.canonicalXML(audit.registre)
    let findings = AuditWorkflow.findingsDocument(audit.report, registre: audit.registre).xml()
    func job(_ kind: DocumentKind, _ name: String) -> DocumentJob {
      DocumentJob(kind: kind, output: folder.appendingPathComponent(name))
    }
    return try await produce(
      [
        (job(.register, "registre.pdf"), xml),
        (job(.noticeFamilies, "notice-familles.pdf"), xml),
        (job(.noticePupils, "notice-eleves.pdf"), xml),
        (job(.auditReport, "rapport-audit.pdf"), findings),
      ], settings: settings)
  }
}

extension Treatment {
  /// Pupils or their legal guardians are among the people concerned.
  fileprivate var concernsFamilies: Bool {
    personnesConcernees.contains { $0.categorie.estEleve || $0.categorie == .responsablesLegaux }
  }
}

extension DocumentWorkflow {
  /// For the benchmarks (`registre mesurer-rendu`): the register at `path` rendered
  /// `repetitions` times one after the other in this process, by the renderer `REGISTRE_RENDU`
  /// selects; the wall-clock time of each rendering (XSLT once, before). With the warm
  /// renderer the first one pays for the JVM's start, the later ones show the warm cost.
  public static func measureRendering(
    registerAt path: String, repetitions: Int, settings: DocumentSettings = DocumentSettings()
  ) async throws(WorkflowError) -> (mode: RenderingMode, durations: [Duration]) {
    let (loaded, omitted) = try RegisterInput.loadForDocument(path)
    let pipeline = try pipeline(settings)
    let xml = try RegisterInput.canonicalXML(loaded.registre)
    let request: RenderRequest
    do {
      request = try pipeline.renderRequest(for: .register, input: xml, parameters: omittedParameter(omitted))
    } catch {
      throw WorkflowError(.documents, error.message)
    }
    let clock = ContinuousClock()
    var durations: [Duration] = []
    for _ in 0..<max(1, repetitions) {
      let start = clock.now
      do {
        _ = try await pipeline.renderer.render(request)
      } catch {
        throw WorkflowError(.documents, error.message)
      }
      durations.append(clock.now - start)
    }
    return (RenderingMode(), durations)
  }
}

public import Foundation
public import RegistreDocuments
public import RegistreFormats
public import RegistreBatch
public import RegistreModel
public import RegistreRules
public import RegistreSupport

/// `acceptations.yaml`: findings the school accepts, each with a written justification.
public enum AcceptancesFile {
  public static let name = "acceptations.yaml"
  /// Largest acceptations file read (2 MB, the register's YAML limit).
  public static let maximumSize = 2_000_000

  /// The acceptances of the register in `folder`; none when the folder has no `acceptations.yaml`.
  /// The single audit and the batch audit (`BatchAudit`) both read them here.
  public static func read(in folder: URL, registre: Register) -> Result<Acceptances, AcceptancesProblem> {
    let url = folder.appendingPathComponent(name)
    guard FileManager.default.fileExists(atPath: url.path) else { return .success(Acceptances()) }
    // Bounded like the register's own files: a pipe, a device or a large file is refused before any read.
    let data: Data
    do {
      data = try BoundedFile.read(url, limit: maximumSize)
    } catch {
      return .failure(AcceptancesProblem(lines: ["\(name): erreur: \(error.reason)"]))
    }
    let read: Acceptances
    do {
      read = try YAMLFileReading.read(data, fichier: name, type: Format.acceptations, en: Acceptances.self)
    } catch {
      let lines = error.diagnostics.map(\.texte)
      return .failure(AcceptancesProblem(lines: lines.isEmpty ? ["\(name) illisible"] : lines))
    }
    let problems = read.problems(knownRules: Set(Rules.ids), registre: registre)
    guard problems.isEmpty else {
      return .failure(AcceptancesProblem(lines: problems.map { "\(name): erreur: \($0)" }))
    }
    return .success(read)
  }

  /// The reader the batch audit takes.
  public static let reader: AcceptancesReader = { folder, registre in read(in: folder, registre: registre) }

  /// The folder whose `acceptations.yaml` applies to a loaded register: the register folder,
  /// or the folder of a canonical XML file.
  public static func folder(of loaded: LoadedRegister) -> URL {
    var isFolder: ObjCBool = false
    _ = FileManager.default.fileExists(atPath: loaded.source.path, isDirectory: &isFolder)
    return isFolder.boolValue ? loaded.source : loaded.source.deletingLastPathComponent()
  }
}

/// What an audit runs with.
public struct AuditOptions: Sendable {
  /// Only these rules (empty: every rule).
  public var onlyRules: [String]
  /// Rules left out.
  public var excludedRules: [String]
  /// The audit's date (retention periods, DPIA reviews, breach deadlines).
  public var date: Day
  /// Hears each register of a lot audited (« Audit du lot », n of N).
  public var progress: ProgressReport?

  public init(onlyRules: [String] = [], excludedRules: [String] = [], date: Day, progress: ProgressReport? = nil) {
    self.progress = progress
    self.onlyRules = onlyRules
    self.excludedRules = excludedRules
    self.date = date
  }
}

/// A register, loaded and audited with its acceptances.
public struct AuditOutcome: Sendable {
  public var loaded: LoadedRegister
  public var report: AuditReport
  /// Fiches that could not be read whole, audited on what could be read (`registre-incomplet`).
  public var incompleteFiches: [IncompleteRecordFinding] = []

  public var registre: Register { loaded.registre }

  /// File and line of a finding, from the loader's locations.
  public func location(of finding: Finding) -> FindingLocation? {
    AuditWorkflow.location(of: finding, in: loaded)
  }

  /// `location(of:)` as the report renderers take it.
  public var locator: FindingLocator {
    let loaded = self.loaded
    return { AuditWorkflow.location(of: $0, in: loaded) }
  }
}

/// The DPO-style audit of one register, or of a lot of registers.
public enum AuditWorkflow {
  /// The rules to apply; unknown ids are refused.
  public static func rules(only: [String], excluding: [String]) throws(WorkflowError) -> [any Rule] {
    do {
      return try Audit.selectRules(only: only, excluding: excluding)
    } catch {
      throw WorkflowError(.failed, "Erreur : \(error.message).")
    }
  }

  /// Loads the register at `path`, reads its `acceptations.yaml` and audits it. An incomplete
  /// register is audited on what can be read; each incomplete fiche is a finding.
  public static func run(registerAt path: String, options: AuditOptions) throws(WorkflowError) -> AuditOutcome {
    let rules = try rules(only: options.onlyRules, excluding: options.excludedRules)
    let (loaded, incomplete) = try RegisterInput.loadForAudit(path)
    return try run(loaded, rules: rules, date: options.date, incompleteFiches: incomplete)
  }

  /// Audits a loaded register with its acceptances.
  public static func run(
    _ loaded: LoadedRegister, rules: [any Rule] = Rules.all, date: Day, incompleteFiches: [IncompleteRecordFinding] = []
  ) throws(WorkflowError) -> AuditOutcome {
    let acceptances: Acceptances
    switch AcceptancesFile.read(in: AcceptancesFile.folder(of: loaded), registre: loaded.registre) {
    case .success(let read): acceptances = read
    case .failure(let problem):
      throw WorkflowError(
        .invalidAcceptances,
        lines: problem.lines + ["Fichier d'acceptations invalide : \(problem.lines.count) problème(s)."])
    }
    let issued = try IssuedNoticesFile.states(for: loaded)
    let report = Audit.run(
      loaded.registre,
      context: AuditContext(auditDate: date, incompleteFiches: incompleteFiches, issuedNotices: issued),
      rules: rules, acceptances: acceptances)
    return AuditOutcome(loaded: loaded, report: report, incompleteFiches: incompleteFiches)
  }

  /// Audits every register of a lot folder (a sub-folder or an XML file per school), in parallel.
  public static func runBatch(folder: String, options: AuditOptions) throws(WorkflowError) -> BatchReport {
    let rules = try rules(only: options.onlyRules, excluding: options.excludedRules)
    do throws(BatchError) {
      return try BatchAudit.run(
        URL(fileURLWithPath: folder), dateAudit: options.date, regles: rules, acceptances: AcceptancesFile.reader,
        issuedNotices: IssuedNoticesFile.reader, progress: options.progress)
    } catch {
      throw WorkflowError(.failed, "Erreur : \(error.message).")
    }
  }

  /// File and line of a finding, from the loader's locations.
  public static func location(of f: Finding, in loaded: LoadedRegister) -> FindingLocation? {
    let e: Location?
    switch f.subject {
    case .traitement(let id): e = loaded.emplacements.treatment(id, champ: f.field)
    case .sousTraitant(let id): e = loaded.emplacements.processor(id, champ: f.field)
    case .violation(let id): e = loaded.emplacements.breach(id, champ: f.field)
    case .action(let id):
      e = f.field.flatMap { loaded.emplacements.table["actions/\(id)/\($0)"] } ?? loaded.emplacements.table["actions/\(id)"]
    case .demande(let id):
      e = f.field.flatMap { loaded.emplacements.table["demandes/\(id)/\($0)"] } ?? loaded.emplacements.table["demandes/\(id)"]
    case .etablissement:
      e =
        f.field.flatMap { loaded.emplacements.table["etablissement/\($0)"] }
        ?? loaded.emplacements.table["etablissement"]
    }
    guard let e else { return nil }
    return FindingLocation(file: e.fichier, line: e.ligne, column: e.colonne, field: f.field ?? e.champ)
  }

  /// The findings XML that `rapport-audit.xsl` reads: every treatment of the register (with its
  /// score, even without findings), then the findings about the school, its processors and breaches.
  public static func findingsDocument(_ report: AuditReport, registre: Register) -> AuditFindingsDocument {
    func convert(_ finding: Finding, withSubject: Bool) -> AuditFindingsDocument.Finding {
      AuditFindingsDocument.Finding(
        rule: finding.rule, severity: finding.severity.englishKey, message: finding.message,
        reference: finding.reference, remediation: finding.remediation,
        criteria: finding.criteria, subject: withSubject ? finding.subject.libelle : nil,
        acceptance: finding.acceptance?.justification)
    }
    let treatments = registre.traitements.map { treatment in
      AuditFindingsDocument.Treatment(
        id: treatment.id, name: treatment.nom,
        score: report.scores.treatment(treatment.id)?.percent,
        findings: report.findings.filter { $0.treatment == treatment.id }.map {
          convert($0, withSubject: false)
        })
    }
    let general = report.findings.filter { $0.treatment == nil }.map { convert($0, withSubject: true) }
    return AuditFindingsDocument(
      schoolName: registre.etablissement.nom, uai: registre.etablissement.uai,
      date: report.auditDate.description, schoolScore: report.scores.school.percent,
      treatments: treatments, general: general)
  }
}

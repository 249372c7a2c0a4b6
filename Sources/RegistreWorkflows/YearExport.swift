public import Foundation
import RegistreArchive
import RegistreDocuments
public import RegistreFormats
public import RegistreModel
import RegistreRules
import RegistreSignature
public import RegistreSupport
public import RegistreTeam

/// What a sealed year is made with.
public struct YearExportOptions: Sendable {
  /// The year exported (e.g. 2026).
  public var year: Int
  /// The yearly archive folder.
  public var archive: URL
  /// Why a sealed year is revised; required when the year is already sealed.
  public var revisionReason: String?
  /// A school's templates folder (`--modeles`); `nil` for the built-in templates.
  public var templatesFolder: URL?
  public var toolVersion: String
  /// Seal even when every fiche is a draft (`--accepter-brouillons`).
  public var acceptDrafts: Bool
  /// Hears each PDF of the year rendered (« Rendu des PDF », n of N).
  public var progress: ProgressReport?
  /// Who seals, for the `seal` entry of the folder's journal (issue 18); nil: a command run without an
  /// account (`JournalActor.commandLine()`).
  public var journalActor: JournalActor? = nil

  public init(
    year: Int, archive: URL, revisionReason: String? = nil, templatesFolder: URL? = nil,
    toolVersion: String = RegistreVersion.current, acceptDrafts: Bool = false, progress: ProgressReport? = nil,
    journalActor: JournalActor? = nil
  ) {
    self.journalActor = journalActor
    self.progress = progress
    self.acceptDrafts = acceptDrafts
    self.year = year
    self.archive = archive
    self.revisionReason = revisionReason
    self.templatesFolder = templatesFolder
    self.toolVersion = toolVersion
  }
}

/// A sealed year.
public struct YearExportOutcome: Sendable {
  /// The year's folder in the archive (`AAAA/` or `AAAA-rN/`).
  public var folder: URL
  /// The previous sealed year compared with (`nil` for the first year of the archive).
  public var previousName: String?
  /// French warnings (e.g. last year's register unreadable: no change list).
  public var warnings: [String]
  /// The demonstration authority inside the folder, when signed with a demonstration certificate.
  public var demonstrationAuthority: URL?
}

/// The yearly sealed export: signed PDFs (register, notices, audit report, review), XML, CSV, ODS,
/// changes since last year, review, manifest and its detached signature, built in a hidden
/// folder of the archive and renamed at once.
public enum YearExportWorkflow {
  /// Seals the register at `path` for `options.year`, signed by `signing`.
  public static func run(
    registerAt path: String, options: YearExportOptions, signing: SigningIdentity
  ) async throws(WorkflowError) -> YearExportOutcome {
    let loaded = try RegisterInput.load(path)
    return try await run(loaded, options: options, signing: signing)
  }

  /// The register folder's own records sealed with the year, as they are: the school's written
  /// acceptances and the record of issued notices, which the sealed audit report took into account.
  static let folderRecords = [AcceptancesFile.name, IssuedNoticesFile.name]

  /// The target folder, refused when the year is sealed and no revision reason is given. Call it
  /// before loading credentials so that nothing is asked for in vain.
  public static func checkTarget(_ options: YearExportOptions) throws(WorkflowError) {
    let target = YearArchive.nextFolder(for: options.year, in: options.archive)
    if target.revision > 1 && options.revisionReason == nil {
      throw WorkflowError(
        .failed,
        "erreur : l'année \(options.year) est déjà scellée ; une correction devient la révision \(target.name), "
          + "avec sa raison : --motif « … ». Rien n'a été écrit.")
    }
  }

  /// A year is sealed as the school's word: a register whose fiches are all drafts (nobody has
  /// validated one, e.g. straight from `registre init`) is refused unless `acceptDrafts`. Returns
  /// the warning to show when drafts are sealed.
  public static func checkDrafts(_ registre: Register, options: YearExportOptions) throws(WorkflowError) -> String? {
    let drafts = registre.traitements.filter { $0.statut == .brouillon }
    guard !drafts.isEmpty else { return nil }
    let all = drafts.count == registre.traitements.count
    if all && !options.acceptDrafts {
      throw WorkflowError(
        .failed,
        "erreur : les \(drafts.count) fiche(s) du registre sont toutes des brouillons (statut: brouillon) : "
          + "sceller l'année \(options.year) figerait un registre que personne n'a validé. Validez les fiches "
          + "(statut: valide), ou relancez avec --accepter-brouillons pour sceller quand même. Rien n'a été écrit.")
    }
    return "attention : \(drafts.count) fiche(s) sur \(registre.traitements.count) sont des brouillons, scellées comme telles"
      + (all ? " (--accepter-brouillons)" : "") + " : " + drafts.map(\.id).joined(separator: ", ") + "."
  }

  /// Seals a loaded register. Its audit report is the one `registre audit` gives on the same
  /// folder and day (acceptances and issued notices included).
  public static func run(
    _ loaded: LoadedRegister, options: YearExportOptions, signing: SigningIdentity
  ) async throws(WorkflowError) -> YearExportOutcome {
    let registre = loaded.registre
    try checkTarget(options)
    let year = options.year
    let archive = options.archive
    let target = YearArchive.nextFolder(for: year, in: archive)
    var warnings: [String] = []
    if let draftWarning = try checkDrafts(registre, options: options) { warnings.append(draftWarning) }

    let date = DocumentDate.fromEnvironment()
    guard let day = Day(iso: date.day) else {
      throw WorkflowError(.failed, "erreur : date du jour illisible (\(date.day)).")
    }
    let report = try AuditWorkflow.run(loaded, date: day).report
    let records = try folderRecords(of: loaded)
    let (pias, missing) = dpiaFiles(of: loaded)
    warnings += missing

    // The previous sealed year, for the change list and the review's comparison.
    let previous = YearArchive.previous(before: year, in: archive)
    var previousRegister: Register?
    var previousIndicators: Indicators?
    if let previous {
      do {
        previousRegister = try RegisterSource.load(previous.url)
      } catch {
        warnings.append("attention : registre de \(previous.name) illisible ; les modifications ne sont pas listées.")
      }
      previousIndicators =
        indicators(in: previous)
        ?? previousRegister.map { r in
          Indicators.of(r, auditDate: Day(annee: previous.year, mois: 12, jour: 31) ?? day)
        }
    }

    let xml: Data
    do { xml = try RegisterXML.xmlData(registre) } catch {
      throw WorkflowError(.failed, "erreur : XML canonique impossible (\(error)).")
    }
    let review = YearReview(
      year: year, school: registre.etablissement.nom, current: Indicators.of(registre, auditDate: day),
      previousYear: previous?.year, previous: previousIndicators)

    let sealed = "l'année n'a pas été scellée."
    do {
      let build = try YearBuild(target: target, in: archive)
      defer { build.abandon() }
      func add(_ name: String, _ data: Data, _ mode: UInt32 = 0o640) throws(ArchiveError) {
        try build.add(ArchiveFile(name: name, data: data, permissions: mode))
      }
      try add("registre-\(year).xml", xml)
      try add("registre-\(year).csv", Spreadsheet.csv(registre))
      try add("registre-\(year).ods", try Spreadsheet.ods(registre))
      var registerParameters: [String: String] = [:]
      if let previousRegister, let previous {
        let changes = ChangeList.between(previousRegister, registre, from: previous.name, to: String(year))
        try add("changements-\(year).txt", Data(changes.text.utf8))
        try add("changements-\(year).json", try changes.json())
        // The register PDF carries the same list, after its summary.
        registerParameters = [
          "modifications": changes.text.split(separator: "\n", omittingEmptySubsequences: false)
            .dropFirst().joined(separator: "\n"),
          "modifications-titre": "Modifications depuis le registre \(previous.name)",
        ]
      }
      for (name, data) in records + pias { try add(name, data) }
      try add("bilan-\(year).txt", Data(review.text.utf8), 0o644)
      try add("bilan-\(year).json", try review.json(), 0o644)
      if let reason = options.revisionReason {
        let text = "Révision \(target.name) du registre \(year), exportée le \(date.day).\nMotif : \(reason)\n"
        try add("MOTIF.txt", Data(text.utf8), 0o644)
      }
      if let authority = signing.demonstrationAuthorityPEM {
        try add(SigningIdentity.demonstrationAuthorityFileName, Data(authority.utf8), 0o644)
      }

      // The PDFs, all through the pipeline, rendered together, then each signed.
      let pipeline = try DocumentWorkflow.pipeline(
        DocumentSettings(templatesFolder: options.templatesFolder, toolVersion: options.toolVersion))
      let findings = AuditWorkflow.findingsDocument(report, registre: registre).xml()
      let parameters = registerParameters
      let jobs: [(name: String, kind: DocumentKind, input: Data, mode: UInt32)] = [
        ("registre-\(year).pdf", .register, xml, 0o640),
        ("notice-familles-\(year).pdf", .noticeFamilies, xml, 0o644),
        ("notice-eleves-\(year).pdf", .noticePupils, xml, 0o644),
        ("rapport-audit-\(year).pdf", .auditReport, findings, 0o640),
        ("bilan-\(year).pdf", .yearlyReview, review.xml(), 0o644),
      ]
      // The XSLT steps one after the other, then every rendering through `renderAll` (the road of
      // every other batch of documents, which reports progress). A task group of our own here,
      // calling `pipeline.pdf` in each child, trapped (SIGILL) or lost its results in release builds.
      var results = [Result<Data, DocumentError>](repeating: .failure(.rendering(.cancelled)), count: jobs.count)
      var requests: [RenderRequest] = []
      var positions: [Int] = []
      for (index, job) in jobs.enumerated() {
        do throws(DocumentError) {
          let extra = job.kind == .register ? parameters : [:]
          requests.append(try pipeline.renderRequest(for: job.kind, input: job.input, parameters: extra))
          positions.append(index)
        } catch {
          results[index] = .failure(error)
        }
      }
      let rendered = await pipeline.renderer.renderAll(requests, progress: options.progress)
      for (position, outcome) in zip(positions, rendered) {
        switch outcome {
        case .success(let pdf): results[position] = .success(pdf)
        case .failure(let error): results[position] = .failure(.rendering(error))
        }
      }
      var identity = signing
      if identity.options.reason == nil { identity.options.reason = "Registre des activités de traitement \(year)" }
      for (job, result) in zip(jobs, results) {
        switch result {
        case .failure(let error):
          throw WorkflowError(.documents, "erreur : \(job.name) : \(error.message) ; \(sealed)")
        case .success(let pdf):
          try add(job.name, try identity.sign(try PDFDocument.declaringXMLAttachments(pdf)), job.mode)
        }
      }
      // A team folder's journal is sealed with the year: a `seal` entry, and the journal in the manifest.
      let registerFolder = AcceptancesFile.folder(of: loaded)
      let journal = Journal(folder: registerFolder)
      let folder: URL
      if registerFolder == loaded.source, journal.exists || TeamFolder.isTeamFolder(registerFolder) {
        let sealedJournal = try journal.sealing(
          year: year, archiveName: target.name, by: options.journalActor ?? .commandLine()
        ) { bytes in
          try add(Journal.fileName, bytes)
          return try build.seal { manifest in try identity.signDetached(manifest) }
        }
        folder = sealedJournal.result
        if let problem = sealedJournal.appendError {
          warnings.append(
            "attention : l'année est scellée avec son journal, mais l'entrée de scellement n'a pas pu être ajoutée "
              + "au journal du dossier (\(problem.message)).")
        }
      } else {
        folder = try build.seal { manifest in try identity.signDetached(manifest) }
      }
      return YearExportOutcome(
        folder: folder, previousName: previous?.name, warnings: warnings,
        demonstrationAuthority: signing.isDemonstration
          ? folder.appendingPathComponent(SigningIdentity.demonstrationAuthorityFileName) : nil)
    } catch let error as WorkflowError {
      throw error
    } catch let error as ArchiveError {
      throw WorkflowError(.failed, "erreur : \(error.description) ; \(sealed)")
    } catch let error as JournalError {
      throw WorkflowError(.failed, "erreur : \(error.message) ; \(sealed)")
    } catch let error as SignatureError {
      throw WorkflowError(.signing, "erreur : \(error.description) ; \(sealed)")
    } catch {
      throw WorkflowError(.failed, "erreur : \(error) ; \(sealed)")
    }
  }

  /// The records of `folderRecords` found where the audit reads them: the register folder, or the
  /// folder of its XML file.
  static func folderRecords(of loaded: LoadedRegister) throws(WorkflowError) -> [(String, Data)] {
    let folder = AcceptancesFile.folder(of: loaded)
    var found: [(String, Data)] = []
    for name in folderRecords {
      let url = folder.appendingPathComponent(name)
      guard FileManager.default.fileExists(atPath: url.path) else { continue }
      do {
        found.append((name, try BoundedFile.read(url, limit: IssuedNoticesFile.maximumSize)))
      } catch {
        throw WorkflowError(.failed, "\(name): erreur: \(error.reason) ; l'année n'a pas été scellée.")
      }
    }
    return found
  }

  /// The DPIA files the fiches name (`aipd.fichier_pia`, inside the register folder), sealed as
  /// `aipd-NOM.json`; a named file that is missing or outside the folder is a warning, not a failure.
  static func dpiaFiles(of loaded: LoadedRegister) -> ([(String, Data)], [String]) {
    let folder = AcceptancesFile.folder(of: loaded).standardizedFileURL
    var files: [(String, Data)] = []
    var warnings: [String] = []
    for t in loaded.registre.traitements {
      guard let relative = t.aipd?.fichierPIA else { continue }
      let url = folder.appendingPathComponent(relative).standardizedFileURL
      let name = "aipd-" + url.lastPathComponent
      // The team's files are never exported this way: `comptes.yaml` holds password hashes.
      if [TeamFolder.accountsFileName, Journal.fileName, Journal.lockFileName].contains(url.lastPathComponent) {
        warnings.append(
          "attention : l'AIPD de « \(t.id) » nomme \(relative), un fichier de l'équipe (comptes, journal) : refusé, non scellé.")
        continue
      }
      guard url.path.hasPrefix(folder.path + "/"), !relative.hasPrefix("/"), YearArchive.isSafeName(name),
        !files.contains(where: { $0.0 == name }),
        let data = try? BoundedFile.read(url, limit: 10_000_000, followSymlinks: false)
      else {
        warnings.append("attention : fichier de l'AIPD de « \(t.id) » (\(relative)) introuvable dans le dossier du registre : non scellé.")
        continue
      }
      files.append((name, data))
    }
    return (files, warnings)
  }

  /// Last year's indicators as its own review recorded them.
  static func indicators(in year: SealedYear) -> Indicators? {
    let url = year.url.appendingPathComponent("bilan-\(year.year).json")
    guard let data = try? Data(contentsOf: url) else { return nil }
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    return (try? decoder.decode(YearReview.self, from: data))?.current
  }
}

public import Foundation
public import RegistreDocuments
public import RegistreEvaluation
public import RegistreFormats
public import RegistreModel
public import RegistreProbe
import RegistreSupport

/// How the endpoints of a tool sheet are probed (`--sonder`).
public struct ProbeSettings: Sendable {
  /// PEM files of trusted authorities; empty for the system's store.
  public var trustAnchorFiles: [URL]
  /// Bound on each network step.
  public var timeout: Duration

  public init(trustAnchorFiles: [URL] = [], timeout: Duration = .seconds(5)) {
    self.trustAnchorFiles = trustAnchorFiles
    self.timeout = timeout
  }
}

/// A tool sheet evaluated: the opinion and everything written from it.
public struct EvaluationOutcome: Sendable {
  public var evaluation: Evaluation
  /// The school's register, when one was given.
  public var register: LoadedRegister?
  /// Endpoints the probe left out, beyond `ToolSheetProbe.maximumEndpoints`.
  public var notProbed: [String]
  /// The draft register entry (YAML, status « brouillon »).
  public var draftYAML: String
  /// The draft note for families (Markdown).
  public var familyNote: String

  /// A tool « à proscrire » gets no draft entry nor families' note: the opinion says not to adopt it.
  public var isProscribed: Bool { evaluation.verdict == .aProscrire }

  /// The opinion as text, or as JSON (English keys).
  public func report(json: Bool) throws(WorkflowError) -> String {
    guard json else { return EvaluationTextReport.render(evaluation) }
    do {
      return try EvaluationJSONReport.render(evaluation, notice: familyNote)
    } catch {
      throw WorkflowError(.failed, "erreur : avis JSON impossible à écrire : \(error)")
    }
  }
}

/// The pre-adoption check of a digital tool, as `registre evaluer` and the web page run it.
public enum EvaluationWorkflow {
  /// Reads a tool sheet file (bounded, regular file only); a sheet with any diagnostic is refused.
  public static func readSheet(at path: String) throws(WorkflowError) -> ToolSheet {
    let data: Data
    do {
      data = try BoundedFile.read(URL(fileURLWithPath: path), limit: ToolSheetReading.maximumSize)
    } catch {
      throw WorkflowError(.invalidInput, "erreur : fiche illisible : \(error.message)")
    }
    return try readSheet(data, named: path)
  }

  /// Reads a tool sheet from its bytes (a file's, or the YAML of the web form); `name` is the
  /// file named in the diagnostics. A sheet with any diagnostic is refused.
  public static func readSheet(_ data: Data, named name: String) throws(WorkflowError) -> ToolSheet {
    do {
      return try ToolSheetReading.read(data, fichier: name)
    } catch {
      var failure = WorkflowError(
        .invalidInput,
        lines: error.diagnostics.map(\.texte)
          + ["Fiche invalide : \(error.diagnostics.count) problème(s). Rien n'a été écrit."])
      failure.diagnostics = error.diagnostics
      throw failure
    }
  }

  /// Evaluates the sheet at `sheetPath`, against the register at `registerPath` when given,
  /// probing its endpoints when `probe` is given (`registre evaluer`).
  public static func evaluate(
    sheetAt sheetPath: String, registerAt registerPath: String?, probe: ProbeSettings?, date: Day
  ) throws(WorkflowError) -> EvaluationOutcome {
    let sheet = try readSheet(at: sheetPath)
    return try evaluate(sheet, registerAt: registerPath, probe: probe, date: date)
  }

  /// Evaluates a sheet already read, against the register at `registerPath` when given: the one
  /// evaluation of `registre evaluer` and of the web page « Évaluer un outil ».
  public static func evaluate(
    _ sheet: ToolSheet, registerAt registerPath: String?, probe: ProbeSettings?, date: Day
  ) throws(WorkflowError) -> EvaluationOutcome {
    let register = try registerPath.map { (path) throws(WorkflowError) in try RegisterInput.load(path) }
    return try evaluate(sheet, register: register, probe: probe, date: date)
  }

  /// Evaluates a sheet already read (from a file or a web form).
  public static func evaluate(
    _ sheet: ToolSheet, register: LoadedRegister?, probe: ProbeSettings?, date: Day
  ) throws(WorkflowError) -> EvaluationOutcome {
    var probes: [TLSProbeReport]?
    var notProbed: [String] = []
    if let probe {
      let anchors: TrustAnchors = probe.trustAnchorFiles.isEmpty ? .system : .pemFiles(probe.trustAnchorFiles)
      notProbed = ToolSheetProbe.endpoints(of: sheet).beyondCap
      do {
        probes = try ToolSheetProbe.probe(sheet, timeout: probe.timeout, trustAnchors: anchors)
      } catch {
        throw WorkflowError(.failed, "erreur : \(error.message)")
      }
    }
    let evaluation = Evaluator.evaluate(
      sheet, contexte: EvaluationContext(registre: register?.registre, probes: probes, date: date))
    let draft: String
    do {
      draft = try DraftYAML.text(evaluation)
    } catch {
      throw WorkflowError(.failed, "erreur : brouillon impossible à écrire : \(error)")
    }
    return EvaluationOutcome(
      evaluation: evaluation, register: register, notProbed: notProbed, draftYAML: draft,
      familyNote: FamilyNotice.text(evaluation, registre: register?.registre))
  }

  /// The dated opinion as PDF/A-2b, through Apache FOP and, with `settings.signing`, the one
  /// signing step. `school` names the school when the register is known.
  public static func opinionPDF(
    _ evaluation: Evaluation, school: String?, settings: DocumentSettings
  ) async throws(WorkflowError) -> Data {
    try await pdf(.opinion, OpinionXML.document(evaluation, etablissement: school), name: "avis.pdf", settings)
  }

  /// The draft note for families as PDF/A-2b, through `Templates/note-familles-outil.xsl`.
  public static func familyNotePDF(
    _ outcome: EvaluationOutcome, settings: DocumentSettings
  ) async throws(WorkflowError) -> Data {
    try await pdf(
      .toolFamilyNote, FamilyNotice.xml(outcome.evaluation, registre: outcome.register?.registre),
      name: "note-familles.pdf", settings)
  }

  static func pdf(
    _ kind: DocumentKind, _ input: Data, name: String, _ settings: DocumentSettings
  ) async throws(WorkflowError) -> Data {
    let pipeline = try DocumentWorkflow.pipeline(DocumentSettings(templatesFolder: settings.templatesFolder))
    var pdf: Data
    do throws(DocumentError) {
      pdf = try await pipeline.pdf(for: kind, input: input)
    } catch {
      throw WorkflowError(.documents, "\(name) : \(error.message) Rien n'a été écrit.")
    }
    if let signing = settings.signing {
      do {
        pdf = try signing.sign(pdf)
      } catch {
        throw WorkflowError(.signing, "Signature impossible : \(error). Rien n'a été écrit.")
      }
    }
    return pdf
  }

  /// Writes the opinion and, for a tool that is not « à proscrire », the draft entry and the
  /// families' note, in `folder` (created when needed); `pdfs` are extra files (`avis.pdf`,
  /// `note-familles.pdf`). Refuses before writing anything if one of the files exists.
  public static func write(
    _ outcome: EvaluationOutcome, report: String, reportName: String, pdfs: [(name: String, data: Data)] = [],
    in folder: URL
  ) throws(WorkflowError) -> [URL] {
    func line(_ t: String) -> Data { Data((t.hasSuffix("\n") ? t : t + "\n").utf8) }
    var files: [(String, Data)] = [(reportName, line(report))]
    if !outcome.isProscribed {
      files += [
        ("traitement-\(outcome.evaluation.draftEntry.id).yaml", line(outcome.draftYAML)),
        ("note-familles.md", line(outcome.familyNote)),
      ]
    }
    files += pdfs.map { ($0.name, $0.data) }
    for (name, _) in files where FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path) {
      throw WorkflowError(.failed, "erreur : \(folder.appendingPathComponent(name).path) existe déjà ; rien n'a été écrit.")
    }
    var written: [URL] = []
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      for (name, data) in files {
        let url = folder.appendingPathComponent(name)
        try AtomicFile.write(data, to: url, permissions: 0o640, existing: .refuse)
        written.append(url)
      }
    } catch {
      throw WorkflowError(.failed, "erreur : écriture impossible dans \(folder.path) : \(error)")
    }
    return written
  }

  /// Checks, before anything is written, that the draft entry can be added to the register.
  public static func checkDraftCanBeAdded(_ outcome: EvaluationOutcome) throws(WorkflowError) {
    if outcome.isProscribed {
      throw WorkflowError(
        .problemsFound, "erreur : outil à proscrire : aucun brouillon n'est ajouté au registre ; rien n'a été écrit.")
    }
    guard let register = outcome.register else {
      throw WorkflowError(.failed, "erreur : --ajouter demande --registre CHEMIN.")
    }
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: register.source.path, isDirectory: &isFolder), isFolder.boolValue
    else {
      throw WorkflowError(.failed, "erreur : --ajouter demande un registre sous forme de dossier (pas un fichier XML).")
    }
    let id = outcome.evaluation.draftEntry.id
    if FileManager.default.fileExists(atPath: register.source.appendingPathComponent("traitements/\(id).yaml").path) {
      throw WorkflowError(.failed, "erreur : traitements/\(id).yaml existe déjà dans le registre ; rien n'a été écrit.")
    }
  }

  /// Adds the draft entry to the register folder (`traitements/ID.yaml`), never over an existing file.
  public static func addDraft(_ outcome: EvaluationOutcome) throws(WorkflowError) -> String {
    try checkDraftCanBeAdded(outcome)
    guard let register = outcome.register else { throw WorkflowError(.failed, "erreur : aucun registre.") }
    let id = outcome.evaluation.draftEntry.id
    let folder = register.source.appendingPathComponent("traitements")
    let target = folder.appendingPathComponent("\(id).yaml")
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      try AtomicFile.write(Data(outcome.draftYAML.utf8), to: target, permissions: 0o640, existing: .refuse)
    } catch AtomicFileError.destinationExists {
      throw WorkflowError(.failed, "erreur : traitements/\(id).yaml existe déjà dans le registre ; rien n'a été écrit.")
    } catch {
      throw WorkflowError(.failed, "erreur : écriture impossible : \(target.path) : \(error)")
    }
    return "traitements/\(id).yaml"
  }
}

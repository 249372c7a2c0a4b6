public import Foundation
public import RegistreCatalogue
public import RegistreModel
public import RegistreRules
import RegistreSignature
import RegistreSupport

/// What `registre demo` did, for a front end to tell.
public struct DemoOutcome: Sendable {
  /// The folder written.
  public var folder: URL
  public var audit: AuditOutcome
  /// The audit reports written beside the register.
  public var reportFiles: [String]
  /// The signed PDFs, each checked against the demonstration authority.
  public var documents: [String]
  /// The demonstration authority's file name in `folder`.
  public var authorityFile: String
}

/// The main job on the bundled demo register: copy, validate, audit, documents signed with a
/// demonstration certificate, verification of every signature.
public enum DemoWorkflow {
  /// Marks a folder written by the demo, which a later run may replace.
  public static let marker = ".registre-demo"

  /// The signed documents the demo produces.
  public static let documents = ["registre.pdf", "notice-familles.pdf", "notice-eleves.pdf", "rapport-audit.pdf"]

  /// Writes the demo into `destination`. Everything is built in a sibling temporary folder, then
  /// moved into place: an interrupted run leaves the previous output untouched. A destination
  /// that exists and was not written by the demo is refused.
  public static func run(
    into destination: URL, date: Day, toolVersion: String = RegistreVersion.current
  ) async throws(WorkflowError) -> DemoOutcome {
    let destination = destination.standardizedFileURL
    try checkDestination(destination)
    let parent = destination.deletingLastPathComponent()
    let work = parent.appendingPathComponent(".\(destination.lastPathComponent).en-cours-\(UUID().uuidString)")
    do {
      try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    } catch {
      throw WorkflowError(.failed, "Erreur : création de \(work.path) impossible (\(error)).")
    }
    defer { try? FileManager.default.removeItem(at: work) }

    let register = work.appendingPathComponent("registre")
    do {
      try FileManager.default.copyItem(at: Catalogue.demoFolder(), to: register)
      try Data().write(to: work.appendingPathComponent(marker))
    } catch {
      throw WorkflowError(.failed, "Erreur : copie du registre de démonstration impossible (\(error)).")
    }

    let loaded = try RegisterInput.load(register.path)
    let audit = AuditOutcome(
      loaded: loaded, report: Audit.run(loaded.registre, context: AuditContext(auditDate: date)))
    let r = loaded.registre
    let text = AuditTextReport.render(audit.report, registre: r, colour: false, locate: audit.locator)
    try write(Data(text.utf8), work, "audit.txt")
    do {
      try write(
        AuditJSONReport.render(audit.report, registre: r, source: "registre", locate: audit.locator), work,
        "audit.json")
      try write(
        AuditSARIFReport.render(audit.report, toolVersion: toolVersion, locate: audit.locator), work, "audit.sarif")
    } catch let error as WorkflowError {
      throw error
    } catch {
      throw WorkflowError(.failed, "Erreur : rapport d'audit impossible (\(error)).")
    }

    let signing: SigningIdentity
    do {
      signing = try SigningIdentity.load(
        .demonstration(organization: r.etablissement.nom),
        options: SignatureOptions(location: r.etablissement.nom), password: { nil })
    } catch {
      throw WorkflowError(.signing, "Erreur : certificat de démonstration impossible (\(error)).")
    }
    try signing.writeDemonstrationAuthority(in: work)
    let outcome = try await DocumentWorkflow.mainDocuments(
      audit, folder: work, settings: DocumentSettings(signing: signing, toolVersion: toolVersion))
    if !outcome.failures.isEmpty { throw WorkflowError(.documents, lines: outcome.failureLines) }

    for name in documents {
      let url = work.appendingPathComponent(name)
      let anchors = [Data((signing.demonstrationAuthorityPEM ?? "").utf8)]
      let verification = try? PDFVerifier.verify(Data(contentsOf: url), trustAnchors: anchors, file: name)
      let valid =
        verification.map { !$0.signatures.isEmpty && $0.signatures.allSatisfy { $0.valid && $0.trusted } } ?? false
      if !valid {
        throw WorkflowError(.problemsFound, "Erreur : la signature de \(name) ne se vérifie pas.")
      }
    }

    try install(work, at: destination)
    var installed = audit
    installed.loaded.source = destination.appendingPathComponent("registre")
    return DemoOutcome(
      folder: destination, audit: installed, reportFiles: ["audit.txt", "audit.json", "audit.sarif"],
      documents: documents, authorityFile: SigningIdentity.demonstrationAuthorityFileName)
  }

  /// Refuses a destination that exists and was not written by the demo.
  static func checkDestination(_ destination: URL) throws(WorkflowError) {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: destination.path, isDirectory: &isFolder) else { return }
    let content = (try? FileManager.default.contentsOfDirectory(atPath: destination.path)) ?? []
    guard isFolder.boolValue && (content.isEmpty || content.contains(marker)) else {
      throw WorkflowError(
        .failed,
        "Erreur : \(destination.path) existe et n'a pas été écrit par « registre demo » : il n'est pas remplacé.")
    }
  }

  static func write(_ data: Data, _ folder: URL, _ name: String) throws(WorkflowError) {
    do {
      try AtomicFile.write(data, to: folder.appendingPathComponent(name), permissions: 0o640, existing: .refuse)
    } catch {
      throw WorkflowError(.failed, "Erreur : écriture de \(name) impossible (\(error)).")
    }
  }

  /// Moves the finished folder into place, replacing a previous demo output.
  static func install(_ work: URL, at destination: URL) throws(WorkflowError) {
    let manager = FileManager.default
    let old = destination.deletingLastPathComponent()
      .appendingPathComponent(".\(destination.lastPathComponent).ancien-\(UUID().uuidString)")
    let existed = manager.fileExists(atPath: destination.path)
    do {
      if existed { try manager.moveItem(at: destination, to: old) }
      try manager.moveItem(at: work, to: destination)
      if existed { try? manager.removeItem(at: old) }
    } catch {
      if existed && !manager.fileExists(atPath: destination.path) {
        try? manager.moveItem(at: old, to: destination)
      }
      throw WorkflowError(.failed, "Erreur : installation de \(destination.path) impossible (\(error)).")
    }
  }
}

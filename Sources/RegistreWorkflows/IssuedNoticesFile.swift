public import Foundation
public import RegistreFormats
public import RegistreModel
public import RegistreRules
public import RegistreBatch
import RegistreCrypto
import RegistreDocuments
import RegistreSupport

/// What the notices print about one treatment, and nothing else: the fiche without the fields
/// no notice reads (status, dates, software, security, flows, DPIA, notes), the processors it
/// names (name, whether the contract is signed), and the school's contacts.
struct NoticeFacts: Encodable {
  var schoolName: String
  var schoolAddress: String?
  var controller: Contact
  var dpo: Contact?
  var treatment: Treatment
  var processors: [ProcessorFacts]

  struct ProcessorFacts: Encodable {
    var id: String
    var name: String?
    var contractSigned: Bool?
  }

  init(_ t: Treatment, in registre: Register) {
    let school = registre.etablissement
    schoolName = school.nom
    schoolAddress = school.adresse
    controller = school.responsableTraitement
    dpo = school.dpd
    var kept = t
    kept.statut = .brouillon
    kept.dateCreation = nil
    kept.derniereMiseAJour = nil
    kept.logiciel = nil
    kept.mesuresSecurite = []
    kept.flux = []
    kept.aipd = nil
    kept.criteresAIPD = []
    kept.exemptionAIPD = nil
    kept.information = nil
    kept.aConfirmer = []
    kept.references = []
    kept.remarques = nil
    treatment = kept
    processors = t.sousTraitants.map { id in
      let p = registre.sousTraitants.first { $0.id == id }
      return ProcessorFacts(id: id, name: p?.nom, contractSigned: p?.contrat?.signe)
    }
  }
}

/// `notices-diffusees.yaml`: which treatments the issued notices cover, since when, and from
/// which state of each fiche (a fingerprint of what the notice prints).
public enum IssuedNoticesFile {
  public static let name = "notices-diffusees.yaml"
  /// Largest file read (2 MB, the register's YAML limit).
  public static let maximumSize = 2_000_000

  /// SHA-256 (hex) of what the notices print about `t`; changes when a notice would change.
  public static func fingerprint(_ t: Treatment, in registre: Register) throws(WorkflowError) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    do {
      return try Digest.sha256Hex(encoder.encode(NoticeFacts(t, in: registre)))
    } catch {
      throw WorkflowError(.failed, "Impossible de calculer l'empreinte de la fiche « \(t.id) » : \(error).")
    }
  }

  /// The file of a register folder; none when absent.
  public static func read(in folder: URL) throws(WorkflowError) -> IssuedNotices {
    let url = folder.appendingPathComponent(name)
    guard FileManager.default.fileExists(atPath: url.path) else { return IssuedNotices() }
    let data: Data
    do {
      data = try BoundedFile.read(url, limit: maximumSize)
    } catch {
      throw WorkflowError(.failed, "\(name): erreur: \(error.reason)")
    }
    do {
      return try YAMLFileReading.read(data, fichier: name, type: Format.noticesDiffusees, en: IssuedNotices.self)
    } catch {
      let lines = error.diagnostics.map(\.texte)
      throw WorkflowError(
        .failed, lines: (lines.isEmpty ? ["\(name) illisible"] : lines) + ["Fichier \(name) invalide."])
    }
  }

  /// Each marked treatment of `registre`: current when its fiche still gives the same notice.
  public static func states(
    _ issued: IssuedNotices, registre: Register
  ) throws(WorkflowError) -> [String: IssuedNoticeState] {
    var states: [String: IssuedNoticeState] = [:]
    for t in registre.traitements {
      guard let notice = issued.notice(for: t.id) else { continue }
      let now = try fingerprint(t, in: registre)
      states[t.id] = now == notice.empreinte ? .current(notice.date) : .outdated(notice.date)
    }
    return states
  }

  /// The states for the register at `folder` (audit).
  public static func states(for loaded: LoadedRegister) throws(WorkflowError) -> [String: IssuedNoticeState] {
    try states(read(in: AcceptancesFile.folder(of: loaded)), registre: loaded.registre)
  }

  /// The reader the batch audit takes: the same states as the single audit's.
  public static let reader: IssuedNoticesReader = { folder, registre in
    do throws(WorkflowError) {
      return .success(try states(read(in: folder), registre: registre))
    } catch {
      return .failure(AcceptancesProblem(lines: error.lines))
    }
  }

  /// Records, in one atomic write, that notices covering `treatments` were issued on `date`
  /// from the register as it is now; entries of other treatments are kept.
  @discardableResult
  public static func mark(
    _ treatments: [String: [String]], date: Day, registre: Register, folder: URL
  ) throws(WorkflowError) -> URL {
    var issued = try read(in: folder)
    issued.notices.removeAll { treatments[$0.traitement] != nil }
    for t in registre.traitements {
      guard let documents = treatments[t.id] else { continue }
      issued.notices.append(
        IssuedNotice(traitement: t.id, date: date, empreinte: try fingerprint(t, in: registre), documents: documents))
    }
    issued.notices.sort { $0.traitement < $1.traitement }
    let url = folder.appendingPathComponent(name)
    do {
      let text =
        "# Écrit par `registre notices --marquer` : ne pas modifier à la main (voir docs/format.md).\n"
        + (try RegisterWriter.yaml(issued, type: Format.noticesDiffusees))
      try AtomicFile.write(Data(text.utf8), to: url, permissions: 0o640, existing: .replace)
    } catch {
      throw WorkflowError(.failed, "\(url.path) : impossible d'écrire le marquage des notices (\(error)). Rien n'a été marqué.")
    }
    return url
  }

  /// Which treatments each written notice covers, from its kind (the audiences of
  /// `notice-commun.xsl`) or its one treatment: treatment id → file names.
  static func coverage(_ written: [DocumentJob], registre: Register) -> [String: [String]] {
    var covered: [String: [String]] = [:]
    for job in written {
      let ids: [String]
      if let one = job.treatment {
        ids = [one]
      } else {
        let audience: NoticeAudience?
        switch job.kind {
        case .noticeFamilies, .noticePupils: audience = .families
        case .noticeStaff: audience = .staff
        case .noticeVisitors: audience = .visitors
        default: audience = nil
        }
        ids = audience.map { a in registre.traitements.filter(a.covers).map(\.id) } ?? []
      }
      for id in ids { covered[id, default: []].append(job.output.lastPathComponent) }
    }
    return covered
  }
}

public import Foundation
public import RegistreModel
public import RegistreRules
import RegistreFormats
public import RegistreSupport

/// Problems of an `acceptations.yaml`, one French line each (`fichier: erreur: …`).
public struct AcceptancesProblem: Error, Sendable, Equatable {
  public var lines: [String]

  public init(lines: [String]) {
    self.lines = lines
  }
}

/// Reads the acceptances of the register in a folder (none when it has no `acceptations.yaml`).
public typealias AcceptancesReader = @Sendable (_ folder: URL, _ registre: Register) -> Result<
  Acceptances, AcceptancesProblem
>

/// Reads what `notices-diffusees.yaml` says of a register folder's issued notices (RegistreWorkflows'
/// `IssuedNoticesFile`, as the single audit does): by treatment, current or outdated.
public typealias IssuedNoticesReader = @Sendable (_ folder: URL, _ registre: Register) -> Result<
  [String: IssuedNoticeState], AcceptancesProblem
>

/// One school's line of a batch audit: counts only, so that a lot of any size stays small.
public struct SchoolRow: Sendable, Hashable {
  /// File or folder name inside the lot.
  public var source: String
  public var uai: String?
  public var nom: String?
  public var traitements: Int = 0
  /// Open findings by severity.
  public var erreurs: Int = 0
  public var avertissements: Int = 0
  public var notes: Int = 0
  public var acceptes: Int = 0
  /// School conformity, 0…100 (nil when unreadable).
  public var score: Int?
  /// First problem of an unreadable register (nil when it was audited).
  public var probleme: String?
  /// How many problems made it unreadable.
  public var nombreProblemes: Int = 0
  /// Open findings per rule identifier (for the académie's view: DPIAs missing, per school).
  public var constatsParRegle: [String: Int] = [:]

  public var estLisible: Bool { probleme == nil }

  public init(source: String, uai: String? = nil, nom: String? = nil) {
    self.source = source
    self.uai = uai
    self.nom = nom
  }

  /// Whether an open finding reaches `seuil` (nil: never); an unreadable register always does.
  public func reaches(_ seuil: Severity?) -> Bool {
    guard let seuil else { return false }
    if !estLisible { return true }
    switch seuil {
    case .erreur: return erreurs > 0
    case .avertissement: return erreurs + avertissements > 0
    case .note: return erreurs + avertissements + notes > 0
    }
  }
}

/// How often one rule fired across the lot (open findings only).
public struct RuleStatistic: Sendable, Hashable {
  public var regle: String
  /// Schools with at least one open finding of the rule.
  public var etablissements: Int = 0
  /// Treatments with at least one open finding of the rule.
  public var traitements: Int = 0
  public var constats: Int = 0

  public init(regle: String, etablissements: Int = 0, traitements: Int = 0, constats: Int = 0) {
    self.regle = regle
    self.etablissements = etablissements
    self.traitements = traitements
    self.constats = constats
  }
}

/// The consolidated result of a batch audit.
public struct BatchReport: Sendable {
  public var dossier: String
  public var dateAudit: Day
  public var regles: [String]
  /// One line per register, sorted by source name.
  public var etablissements: [SchoolRow]
  /// Every rule that ran, in rule order.
  public var parRegle: [RuleStatistic]

  public init(
    dossier: String, dateAudit: Day, regles: [String], etablissements: [SchoolRow],
    parRegle: [RuleStatistic]
  ) {
    self.dossier = dossier
    self.dateAudit = dateAudit
    self.regles = regles
    self.etablissements = etablissements
    self.parRegle = parRegle
  }

  public var audites: Int { etablissements.filter(\.estLisible).count }
  public var illisibles: Int { etablissements.count - audites }
  public var traitements: Int { etablissements.reduce(0) { $0 + $1.traitements } }
  public var erreurs: Int { etablissements.reduce(0) { $0 + $1.erreurs } }
  public var avertissements: Int { etablissements.reduce(0) { $0 + $1.avertissements } }
  public var notes: Int { etablissements.reduce(0) { $0 + $1.notes } }
  public var acceptes: Int { etablissements.reduce(0) { $0 + $1.acceptes } }

  /// Mean of the audited schools' scores, rounded down (nil when none was audited).
  public var scoreMoyen: Int? {
    let scores = etablissements.compactMap(\.score)
    guard !scores.isEmpty else { return nil }
    return scores.reduce(0, +) / scores.count
  }

  /// Whether any school reaches `seuil`, an unreadable register included (nil: never).
  public func fails(_ seuil: Severity?) -> Bool {
    etablissements.contains { $0.reaches(seuil) }
  }
}

/// Why a batch could not start (one bad register never stops it).
public enum BatchError: Error, Sendable, Equatable {
  case dossierIntrouvable(String)
  case dossierIllisible(String)
  case lotVide(String)

  /// French message for the CLI.
  public var message: String {
    switch self {
    case .dossierIntrouvable(let d): return "dossier « \(d) » introuvable"
    case .dossierIllisible(let d): return "dossier « \(d) » illisible"
    case .lotVide(let d):
      return "aucun registre dans « \(d) » (attendu : un sous-dossier ou un fichier .xml par établissement)"
    }
  }
}

/// Audits every register of a folder (one sub-folder or `.xml` file per school) in parallel.
///
/// Memory stays flat whatever the number of schools: each worker holds one register at a
/// time and keeps only counters; the report holds one small line per school.
public enum BatchAudit {
  /// The registers of a lot, sorted by name: sub-folders and `.xml` files, hidden ones skipped.
  public static func registerPaths(dans dossier: URL) throws(BatchError) -> [String] {
    var estDossier: ObjCBool = false
    guard FileManager.default.fileExists(atPath: dossier.path, isDirectory: &estDossier), estDossier.boolValue
    else { throw .dossierIntrouvable(dossier.path) }
    let noms: [String]
    do {
      noms = try FileManager.default.contentsOfDirectory(atPath: dossier.path)
    } catch {
      throw .dossierIllisible(dossier.path)
    }
    return noms.filter { nom in
      guard !nom.hasPrefix(".") else { return false }
      if nom.lowercased().hasSuffix(".xml") { return true }
      var sousDossier: ObjCBool = false
      return FileManager.default.fileExists(
        atPath: dossier.appendingPathComponent(nom).path, isDirectory: &sousDossier) && sousDossier.boolValue
    }.sorted()
  }

  /// Audits the lot with `travailleurs` threads (default: one per core).
  /// `acceptances` reads the `acceptations.yaml` of one register folder (RegistreWorkflows'
  /// `AcceptancesFile.read`, the same reader as the single audit's).
  public static func run(
    _ dossier: URL, dateAudit: Day, regles: [any Rule] = Rules.all, travailleurs: Int? = nil,
    acceptances: AcceptancesReader, issuedNotices: IssuedNoticesReader? = nil, progress: ProgressReport? = nil
  ) throws(BatchError) -> BatchReport {
    let noms = try registerPaths(dans: dossier)
    guard !noms.isEmpty else { throw .lotVide(dossier.path) }
    let contexte = AuditContext(auditDate: dateAudit)
    let nombre = max(1, min(travailleurs ?? ProcessInfo.processInfo.activeProcessorCount, noms.count))
    let partage = WorkQueue(total: noms.count)
    let compteur = ProgressCounter("Audit du lot", total: noms.count, report: progress)
    DispatchQueue.concurrentPerform(iterations: nombre) { _ in
      var local = Accumulator()
      while let index = partage.nextIndex() {
        let nom = noms[index]
        // One register at a time per worker; its memory is released before the next.
        local.add(
          audit(
            dossier.appendingPathComponent(nom), nom: nom, contexte: contexte, regles: regles,
            acceptances: acceptances, issuedNotices: issuedNotices))
        compteur.advance()
      }
      partage.merge(local)
    }
    let total = partage.resultat
    let lignes = total.lignes.sorted { $0.source < $1.source }
    let parRegle = regles.map { regle in
      total.regles[regle.id] ?? RuleStatistic(regle: regle.id)
    }
    return BatchReport(
      dossier: dossier.path, dateAudit: dateAudit, regles: regles.map(\.id), etablissements: lignes,
      parRegle: parRegle)
  }

  /// One school: load, audit, reduce to counters.
  static func audit(
    _ url: URL, nom: String, contexte: AuditContext, regles: [any Rule], acceptances: AcceptancesReader,
    issuedNotices: IssuedNoticesReader? = nil
  ) -> (SchoolRow, [String: (traitements: Int, constats: Int)]) {
    var contexte = contexte
    var ligne = SchoolRow(source: nom)
    let charge: LoadedRegister
    do {
      charge = try RegisterLoading.load(url)
    } catch {
      ligne.probleme = error.diagnostics.first?.texte ?? "registre illisible"
      ligne.nombreProblemes = max(1, error.diagnostics.count)
      return (ligne, [:])
    }
    ligne.uai = charge.registre.etablissement.uai
    ligne.nom = charge.registre.etablissement.nom
    // XML registers of a lot share the lot's folder: only a register folder has its own acceptances.
    var acceptations = Acceptances()
    var estDossier: ObjCBool = false
    if FileManager.default.fileExists(atPath: url.path, isDirectory: &estDossier), estDossier.boolValue {
      switch acceptances(url, charge.registre) {
      case .success(let lues): acceptations = lues
      case .failure(let probleme):
        ligne.probleme = probleme.lines.first ?? "acceptations.yaml illisible"
        ligne.nombreProblemes = max(1, probleme.lines.count)
        return (ligne, [:])
      }
      if let issuedNotices {
        switch issuedNotices(url, charge.registre) {
        case .success(let states): contexte.issuedNotices = states
        case .failure(let probleme):
          ligne.probleme = probleme.lines.first ?? "notices-diffusees.yaml illisible"
          ligne.nombreProblemes = max(1, probleme.lines.count)
          return (ligne, [:])
        }
      }
    }
    let rapport = Audit.run(charge.registre, context: contexte, rules: regles, acceptances: acceptations)
    ligne.traitements = charge.registre.traitements.count
    ligne.score = rapport.scores.school.percent
    ligne.acceptes = rapport.acceptedCount
    var parRegle: [String: (traitements: Set<String>, constats: Int)] = [:]
    for constat in rapport.findings where !constat.isAccepted {
      switch constat.severity {
      case .erreur: ligne.erreurs += 1
      case .avertissement: ligne.avertissements += 1
      case .note: ligne.notes += 1
      }
      var stat = parRegle[constat.rule] ?? ([], 0)
      stat.constats += 1
      if let t = constat.treatment { stat.traitements.insert(t) }
      parRegle[constat.rule] = stat
    }
    ligne.constatsParRegle = parRegle.mapValues(\.constats)
    return (ligne, parRegle.mapValues { ($0.traitements.count, $0.constats) })
  }

  /// One worker's totals, merged once at the end.
  struct Accumulator {
    var lignes: [SchoolRow] = []
    var regles: [String: RuleStatistic] = [:]

    mutating func add(_ resultat: (SchoolRow, [String: (traitements: Int, constats: Int)])) {
      lignes.append(resultat.0)
      for (regle, stat) in resultat.1 {
        var total = regles[regle] ?? RuleStatistic(regle: regle)
        total.etablissements += 1
        total.traitements += stat.traitements
        total.constats += stat.constats
        regles[regle] = total
      }
    }

    mutating func merge(_ autre: Accumulator) {
      lignes += autre.lignes
      for (regle, stat) in autre.regles {
        var total = regles[regle] ?? RuleStatistic(regle: regle)
        total.etablissements += stat.etablissements
        total.traitements += stat.traitements
        total.constats += stat.constats
        regles[regle] = total
      }
    }
  }

  /// The work queue (an index) and the merged totals, behind one lock.
  final class WorkQueue: @unchecked Sendable {
    private let verrou = NSLock()
    private let total: Int
    private var suivant = 0
    private var cumul = Accumulator()

    init(total: Int) { self.total = total }

    func nextIndex() -> Int? {
      verrou.lock()
      defer { verrou.unlock() }
      guard suivant < total else { return nil }
      suivant += 1
      return suivant - 1
    }

    func merge(_ local: Accumulator) {
      verrou.lock()
      cumul.merge(local)
      verrou.unlock()
    }

    var resultat: Accumulator {
      verrou.lock()
      defer { verrou.unlock() }
      return cumul
    }
  }
}

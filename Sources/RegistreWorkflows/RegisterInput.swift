public import Foundation
public import RegistreFormats
public import RegistreModel
public import RegistreRules

/// Loading the register every job starts from.
public enum RegisterInput {
  /// Loads a register folder or canonical XML file; a register with any diagnostic is refused.
  public static func load(_ path: String) throws(WorkflowError) -> LoadedRegister {
    do {
      return try RegisterLoading.load(URL(fileURLWithPath: path))
    } catch {
      throw .invalidRegister(error.diagnostics)
    }
  }

  /// Loads a register for the audit: incomplete fiches do not stop it; each comes back as an
  /// `IncompleteRecordFinding` for the `registre-incomplet` rule. Any other problem refuses the register.
  public static func loadForAudit(_ path: String) throws(WorkflowError) -> (LoadedRegister, [IncompleteRecordFinding]) {
    do {
      let read = try RegisterLoading.loadLeniently(URL(fileURLWithPath: path))
      return (read.loaded, read.incomplete.map(incompleteFinding))
    } catch {
      throw .invalidRegister(error.diagnostics)
    }
  }

  /// Loads a register for a document: incomplete treatments are left out of the document and
  /// returned as `omitted` (the document names them; the front end reports problems found);
  /// anything else incomplete (the school, a processor, a breach, a treatment a breach refers to)
  /// refuses the register.
  public static func loadForDocument(_ path: String) throws(WorkflowError) -> (LoadedRegister, omitted: [String]) {
    guard let read = try? RegisterLoading.loadLeniently(URL(fileURLWithPath: path)) else {
      return (try load(path), [])
    }
    let fiches = read.incomplete
    let omitted = Set(fiches.map(\.id))
    let referenced = Set(read.loaded.registre.violations.flatMap(\.traitements))
    guard !fiches.isEmpty, fiches.allSatisfy({ $0.kind == .treatment }), referenced.isDisjoint(with: omitted) else {
      return (try load(path), [])
    }
    var loaded = read.loaded
    loaded.registre.traitements.removeAll { omitted.contains($0.id) }
    return (loaded, fiches.map(\.id))
  }

  private static func incompleteFinding(_ fiche: IncompleteRecordDiagnostics) -> IncompleteRecordFinding {
    let subject: Subject
    switch fiche.kind {
    case .school: subject = .etablissement
    case .treatment: subject = .traitement(fiche.id)
    case .processor: subject = .sousTraitant(fiche.id)
    case .breach: subject = .violation(fiche.id)
    }
    let problems = fiche.diagnostics.map { d -> String in
      let line = d.emplacement.ligne.map { " (\(fiche.file), ligne \($0))" } ?? " (\(fiche.file))"
      let field = d.emplacement.champ.map { "champ « \($0) » : " } ?? ""
      return field + d.message + line
    }
    return IncompleteRecordFinding(
      subject: subject, problems: problems, field: fiche.diagnostics.first?.emplacement.champ,
      audited: fiche.inRegister)
  }

  /// The register's canonical XML, which the templates read and the register PDF embeds.
  public static func canonicalXML(_ registre: Register) throws(WorkflowError) -> Data {
    do {
      return try RegisterXML.xmlData(registre)
    } catch {
      throw WorkflowError(.failed, "Impossible de produire le XML canonique du registre : \(error).")
    }
  }

  /// Today in the machine's time zone: front ends may read the clock, the rules never do.
  public static func today() -> Day? {
    let c = Calendar.current.dateComponents([.year, .month, .day], from: Date())
    guard let year = c.year, let month = c.month, let day = c.day else { return nil }
    return Day(annee: year, mois: month, jour: day)
  }

  /// `date` as `AAAA-MM-JJ`, or today when `nil`.
  public static func day(_ date: String?) throws(WorkflowError) -> Day {
    if let date {
      guard let day = Day(iso: date) else {
        throw WorkflowError(.failed, "Erreur : date « \(date) » invalide (attendu : AAAA-MM-JJ).")
      }
      return day
    }
    guard let day = today() else {
      throw WorkflowError(.failed, "Erreur : date du jour illisible ; indiquer --date AAAA-MM-JJ.")
    }
    return day
  }
}

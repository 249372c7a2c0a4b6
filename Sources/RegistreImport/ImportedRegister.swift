public import RegistreFormats

/// What an import builds: the records of a new register folder, as drafts, and the report.
public struct ImportedRegister: Sendable {
  public var school: DraftValue
  public var treatments: [(id: String, draft: DraftValue)]
  public var processors: [(id: String, draft: DraftValue)]
  public var report: ImportReport

  public init(
    school: DraftValue, treatments: [(id: String, draft: DraftValue)], processors: [(id: String, draft: DraftValue)],
    report: ImportReport
  ) {
    self.school = school
    self.treatments = treatments
    self.processors = processors
    self.report = report
  }
}

/// Processors named by the source, by name, each with its id: a draft with what the source says
/// (only the name) and « À COMPLÉTER » for its country.
struct ProcessorCollector {
  var ids: [String: String] = [:]
  var drafts: [(id: String, draft: DraftValue)] = []
  var taken: Set<String> = []
  var report = FicheReport(file: "sous-traitants", name: "Sous-traitants", origin: "")

  /// The id of the processor named `name` (cut names, ending in « ... », are flagged).
  mutating func id(for name: String, cell: String) -> String {
    if let id = ids[name] { return id }
    let id = identifier(for: name, fallback: "sous-traitant", taken: &taken)
    ids[name] = id
    var pairs: [(String, DraftValue)] = [("id", .text(id)), ("nom", .text(name))]
    if name.hasSuffix("...") {
      pairs[1].1 = .text("\(toCompleteMarker) : nom complet du sous-traitant — texte d'origine : « \(name) » (\(cell), nom coupé par la source)")
    }
    pairs.append(("pays", .text("\(toCompleteMarker) : pays du siège (code ISO à deux lettres)")))
    drafts.append((id, .object(pairs)))
    return id
  }
}

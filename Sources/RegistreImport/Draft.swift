import Foundation
public import RegistreFormats
import RegistreModel

/// The placeholder the register format reads as « to complete » (`Format.marqueurACompleter`).
let toCompleteMarker = Format.marqueurACompleter

/// One fiche being built from a source, with its report: every field set goes through here, so the
/// report cannot miss one.
struct FicheDraft {
  var pairs: [(String, DraftValue)] = []
  var report: FicheReport
  var remarks: [String] = []

  init(file: String, name: String, origin: String) {
    report = FicheReport(file: file, name: name, origin: origin)
  }

  /// Sets a field read from the source.
  mutating func set(_ key: String, _ value: DraftValue, reportAs label: String? = nil) {
    if let index = pairs.firstIndex(where: { $0.0 == key }) { pairs[index].1 = value } else { pairs.append((key, value)) }
    let label = label ?? key
    if !report.filled.contains(label) { report.filled.append(label) }
  }

  mutating func setText(_ key: String, _ text: String?) {
    guard let text = clean(text) else { return }
    set(key, .text(text))
  }

  /// A mandatory value the source left empty: « À COMPLÉTER : hint ».
  mutating func missing(_ field: String, cell: String, hint: String) -> DraftValue {
    report.toComplete.append(ImportNote(field: field, cell: cell, original: "", hint: hint))
    return .text("\(toCompleteMarker) : \(hint)")
  }

  /// A value that could not be mapped: « À COMPLÉTER : hint — texte d'origine : « … » (cell) ».
  mutating func notUnderstood(_ field: String, cell: String, original: String, hint: String) -> DraftValue {
    report.notUnderstood.append(ImportNote(field: field, cell: cell, original: original, hint: hint))
    return .text("\(toCompleteMarker) : \(hint) — texte d'origine : « \(oneLine(original)) » (\(cell))")
  }

  /// A source value with no field in the register: copied into `remarques`, labelled.
  mutating func remark(_ label: String, _ text: String?) {
    guard let text = clean(text) else { return }
    remarks.append("\(label) : \(text)")
    report.keptInRemarks.append(label)
  }

  /// The finished record: `remarques` gathered last.
  func finished() -> DraftValue {
    var pairs = pairs
    if !remarks.isEmpty {
      let existing = pairs.first { $0.0 == "remarques" }.flatMap { if case .text(let s) = $0.1 { return s } else { return nil } }
      let joined = ([existing].compactMap { $0 } + remarks).joined(separator: "\n")
      pairs.removeAll { $0.0 == "remarques" }
      pairs.append(("remarques", .text(joined)))
    }
    return .object(pairs)
  }
}

/// Trimmed text, `nil` when blank or only the CNIL model's drop-down prompt.
func clean(_ text: String?) -> String? {
  guard let text else { return nil }
  let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
  if trimmed.isEmpty || trimmed.hasPrefix("Sélectionnez un élément dans cette liste") { return nil }
  return trimmed
}

/// Line breaks as spaces, for a placeholder on one line.
func oneLine(_ text: String) -> String {
  text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
}

/// Labels compared after folding case, accents and whitespace (the CNIL model has double spaces,
/// trailing spaces and a trailing no-break space in its labels) and typographic apostrophes.
func folded(_ text: String) -> String {
  text.replacingOccurrences(of: "’", with: "'")
    .folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    .split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
}

/// File-name ids from names: « Gestion de la paie » → `gestion-de-la-paie`, made unique in `taken`.
func identifier(for name: String, fallback: String, taken: inout Set<String>) -> String {
  var slug = ""
  for scalar in name.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).lowercased().unicodeScalars {
    if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
      slug.unicodeScalars.append(scalar)
    } else if !slug.isEmpty, slug.last != "-" {
      slug += "-"
    }
  }
  while slug.hasSuffix("-") { slug.removeLast() }
  if slug.count > 56 {
    slug = String(slug.prefix(56))
    while slug.hasSuffix("-") { slug.removeLast() }
  }
  if slug.isEmpty { slug = fallback }
  var candidate = slug
  var n = 2
  while taken.contains(candidate) {
    candidate = "\(slug)-\(n)"
    n += 1
  }
  taken.insert(candidate)
  return candidate
}

/// « 13/02/2024 », « 13/02/2024 à 10:27 » (MADIS, Paris time: the day is the local day) or
/// « 2024-02-13 » → the day; `nil` otherwise.
func parseDay(_ text: String) -> Day? {
  let trimmed = text.trimmingCharacters(in: .whitespaces)
  if let day = Day(iso: String(trimmed.prefix(10))) { return day }
  let datePart = trimmed.split(separator: " ").first.map(String.init) ?? trimmed
  let parts = datePart.split(separator: "/")
  guard parts.count == 3, let d = Int(parts[0]), let m = Int(parts[1]), let y = Int(parts[2]), parts[2].count == 4
  else { return nil }
  return Day(annee: y, mois: m, jour: d)
}

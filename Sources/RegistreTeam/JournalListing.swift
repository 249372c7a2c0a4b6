extension JournalEntry {
  /// What the entry records, in French, on one line (without its author and time).
  public var libelle: String {
    let file = event.file ?? "?"
    switch event.kind {
    case .baseline: return "état initial : \(file)"
    case .change:
      switch (event.before, event.after) {
      case (nil, _): return "création : \(file)"
      case (_, nil): return "suppression : \(file)"
      default: return "modification : \(file)"
      }
    case .status:
      let from = event.from.map { "« \($0.libelle) » → " } ?? ""
      let to = event.to.map { "« \($0.libelle) »" } ?? "?"
      return "passage de \(file) : \(from)\(to)" + (event.text.map { " (motif : \($0))" } ?? "")
    case .recommendation:
      return "recommandation n° \(event.number.map(String.init) ?? "?") sur \(file) : \(event.text ?? "")"
    case .answer:
      return "réponse à la recommandation n° \(event.number.map(String.init) ?? "?") sur \(file) : \(event.text ?? "")"
    case .close:
      return "clôture de la recommandation n° \(event.number.map(String.init) ?? "?") sur \(file)"
        + (event.text.map { " : \($0)" } ?? "")
    case .accountAdded:
      return "compte ajouté : \(event.account ?? "?")" + (event.role.map { " (\($0.libelle))" } ?? "")
    case .accountRemoved:
      return "compte retiré : \(event.account ?? "?")"
    case .seal:
      return "année \(event.year.map(String.init) ?? "?") scellée" + (event.text.map { " (archive \($0))" } ?? "")
    }
  }
}

/// The French listing of `registre journal`.
public enum JournalListing {
  /// One paragraph per entry: number, time, author, what. With `file`, only that file's entries, each change
  /// followed by its diff against the file's previous recorded content.
  public static func text(_ entries: [JournalEntry], folder: String, file: String? = nil) -> String {
    let shown = file.map { name in entries.filter { $0.event.file == name } } ?? entries
    var lines: [String] = []
    if let file {
      lines.append("Journal de \(folder), fichier \(file) : \(shown.count) entrée(s) sur \(entries.count)")
    } else {
      lines.append("Journal de \(folder) : \(entries.count) entrée(s)")
    }
    var previousContent: [String: String?] = [:]
    for entry in entries {
      let isShown = file == nil || entry.event.file == file
      let isFileState = entry.event.kind == .baseline || entry.event.kind == .change
      if isShown {
        lines.append("n° \(entry.sequence)  \(entry.time)  \(entry.actor.libelle)")
        lines.append("    \(entry.libelle)")
        if file != nil, entry.event.kind == .change, let name = entry.event.file {
          let old = previousContent[name] ?? nil
          if entry.event.before != nil, old == nil {
            lines.append("    (contenu précédent absent du journal : différence non affichée)")
          } else {
            lines += JournalDiff.lines(from: old, to: entry.event.content).map { "    " + render($0) }
          }
        }
      }
      if isFileState, let name = entry.event.file { previousContent[name] = entry.event.content }
    }
    if shown.isEmpty { lines.append(file == nil ? "Aucune entrée." : "Aucune entrée pour ce fichier.") }
    return lines.joined(separator: "\n")
  }

  static func render(_ line: DiffLine) -> String {
    switch line.kind {
    case .removed: return "- \(line.oldNumber.map(String.init) ?? "")\t\(line.text)"
    case .added: return "+ \(line.newNumber.map(String.init) ?? "")\t\(line.text)"
    case .kept: return "  \(line.newNumber.map(String.init) ?? "")\t\(line.text)"
    case .skipped: return "  … \(line.count) ligne(s) inchangée(s)"
    }
  }
}

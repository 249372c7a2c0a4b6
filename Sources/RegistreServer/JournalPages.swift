import Foundation
import Hummingbird
import RegistreTeam

/// `/journal`: the folder's journal as the team reads it, newest first, with its verification.
struct JournalPages: Sendable {
  let site: Site
  static let shown = 200

  func register(on router: Router<BasicRequestContext>) {
    router.get("/journal") { _, _ in try journal() }
  }

  func journal() throws -> Response {
    let journal = Journal(folder: site.folder)
    let verification = journal.verify()
    let entries: [JournalEntry]
    do {
      entries = try journal.entries()
    } catch {
      entries = []
    }
    // The content each file had before each change, to show the change as lines removed and added.
    var previous: [String: String] = [:]
    var diffs: [Int: [[String: Any]]] = [:]
    for entry in entries {
      guard let file = entry.event.file, entry.event.kind == .change || entry.event.kind == .baseline else { continue }
      if entry.event.kind == .change {
        diffs[entry.sequence] = Self.diff(from: previous[file], to: entry.event.content)
      }
      previous[file] = entry.event.content
    }
    let rows = entries.suffix(Self.shown).reversed().map { entry -> [String: Any] in
      Wording.present([
        "sequence": entry.sequence, "time": ReviewPages.time(entry.time), "actor": entry.actor.libelle,
        "what": JournalWording.describe(entry.event), "file": entry.event.file,
        "diff": diffs[entry.sequence], "hasDiff": !(diffs[entry.sequence] ?? []).isEmpty,
        "outside": entry.actor.channel == .outside,
      ])
    }
    return site.page(
      "journal", title: "Journal",
      data: [
        "exists": verification.exists, "intact": verification.chainIntact, "count": verification.entryCount,
        "head": verification.headHash ?? "", "problems": verification.problems.map(\.description),
        "unjournaled": verification.unjournaledChanges.map(\.libelle),
        "hasUnjournaled": !verification.unjournaledChanges.isEmpty,
        "rows": rows, "truncated": entries.count > Self.shown, "shown": Self.shown,
      ], current: "/journal")
  }
}

extension JournalPages {
  /// The change as lines for the template (removed, added, kept, and « … » for unchanged lines left out).
  static func diff(from old: String?, to new: String?) -> [[String: Any]] {
    DiffDisplay.lines(from: old, to: new)
  }
}

/// French wording of a journal event, for the pages.
enum JournalWording {
  static func describe(_ event: JournalEvent) -> String {
    let file = event.file.map { "« \($0) »" } ?? ""
    switch event.kind {
    case .baseline: return "État initial de \(file) au début du journal"
    case .change:
      if event.before == nil { return "Création de \(file)" }
      if event.after == nil { return "Suppression de \(file)" }
      return "Modification de \(file)"
    case .status:
      let from = event.from?.libelle ?? "?"
      let to = event.to?.libelle ?? "?"
      return "Relecture de \(file) : « \(from) » → « \(to) »" + (event.text.map { " (\($0))" } ?? "")
    case .recommendation: return "Recommandation n° \(event.number ?? 0) sur \(file) : \(event.text ?? "")"
    case .answer: return "Réponse à la recommandation n° \(event.number ?? 0) sur \(file) : \(event.text ?? "")"
    case .close: return "Clôture de la recommandation n° \(event.number ?? 0) sur \(file)" + (event.text.map { " : \($0)" } ?? "")
    case .accountAdded: return "Compte « \(event.account ?? "?") » ajouté (\(event.role?.rawValue ?? "?"))"
    case .accountRemoved: return "Compte « \(event.account ?? "?") » retiré"
    case .seal: return "Année \(event.year.map(String.init) ?? "?") scellée" + (event.text.map { " : \($0)" } ?? "")
    }
  }
}

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
        "what": entry.libelle, "file": entry.event.file,
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
  /// The change as lines for the template (removed, added, kept, and « … » for unchanged lines left out),
  /// from `JournalDiff`, as `registre journal --fichier` prints it.
  static func diff(from old: String?, to new: String?) -> [[String: Any]] {
    JournalDiff.lines(from: old, to: new).map { line -> [String: Any] in
      switch line.kind {
      case .removed: return ["kind": "retire", "sign": "-", "text": line.text]
      case .added: return ["kind": "ajoute", "sign": "+", "text": line.text]
      case .kept: return ["kind": "garde", "sign": " ", "text": line.text]
      case .skipped: return ["kind": "saute", "sign": "…", "text": "\(line.count) ligne(s) inchangée(s)"]
      }
    }
  }
}

/// Placeholder until JournalDiff lands: no diff shown.
enum DiffDisplay {
  static func lines(from old: String?, to new: String?) -> [[String: Any]] { [] }
}

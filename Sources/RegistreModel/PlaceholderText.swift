import Foundation

/// What a template leaves behind instead of a value: « [Nom de l'établissement] »,
/// « <à compléter> », « À COMPLÉTER : … », « XXX », « à définir », or punctuation alone (« - », « ? »).
/// The audit (`RegistreRules`) recognises placeholders with the same word list.
public enum PlaceholderText {
  /// Folded words (case and accents removed, punctuation as spaces) that stand for no value.
  public static let words: Set<String> = [
    "xxx", "xx", "x", "todo", "tbd", "a completer", "a definir", "a preciser", "a renseigner", "nc", "n c",
    "inconnu", "a venir",
  ]

  /// Whether `text` says something: at least one letter or digit, and not a placeholder.
  public static func isMeaningful(_ text: String?) -> Bool {
    guard let text, text.contains(where: { $0.isLetter || $0.isNumber }) else { return false }
    return !isPlaceholder(text)
  }

  /// `text` without the white space (Unicode White_Space, newlines included) at its ends. Pure Swift: the
  /// audit asks it of every value, and Foundation's `trimmingCharacters` on Linux (through NSString) made
  /// half of the audit's time (perf, `registre mesurer-audit`, 2026-12-03).
  public static func trimmed(_ text: String) -> Substring {
    var s = text[...]
    while let c = s.first, c.isWhitespace { s.removeFirst() }
    while let c = s.last, c.isWhitespace { s.removeLast() }
    return s
  }

  /// Whether `text` is a template placeholder (blank text is not one: it is just absent).
  public static func isPlaceholder(_ text: String) -> Bool {
    let trimmed = Self.trimmed(text)
    guard let first = trimmed.first, let last = trimmed.last else { return false }
    let pairs: [(Character, Character)] = [("[", "]"), ("<", ">"), ("{", "}")]
    if pairs.contains(where: { $0.0 == first && $0.1 == last }) { return true }
    if trimmed.hasPrefix("À COMPLÉTER") || trimmed.hasPrefix("A COMPLETER") { return true }
    if trimmed.allSatisfy({ $0 == "x" || $0 == "X" || $0 == "." || $0 == "…" }) { return true }
    // The longest placeholder word is short: a long text is never one.
    guard trimmed.utf8.count <= 32 else { return false }
    let folded = String(trimmed).folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    let joined = folded.split(whereSeparator: { !($0.isLetter || $0.isNumber) }).joined(separator: " ")
    return words.contains(joined)
  }
}

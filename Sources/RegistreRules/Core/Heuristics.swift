import Foundation
import RegistreModel

/// Placeholders left from a template: « [Nom de l'établissement] », « <à compléter> », « XXX ».
enum Placeholder {
  /// One list for the model and the rules.
  private static let words = PlaceholderText.words

  /// Whether `text` is a template placeholder rather than a real value.
  static func isPlaceholder(_ text: String?) -> Bool {
    guard let text else { return false }
    let trimmed = PlaceholderText.trimmed(text)
    guard !trimmed.isEmpty else { return false }
    let pairs: [(Character, Character)] = [("[", "]"), ("<", ">"), ("{", "}")]
    if let first = trimmed.first, let last = trimmed.last,
      pairs.contains(where: { $0.0 == first && $0.1 == last })
    {
      return true
    }
    if trimmed.hasPrefix("À COMPLÉTER") || trimmed.hasPrefix("A COMPLETER") { return true }
    if trimmed.allSatisfy({ $0 == "x" || $0 == "X" || $0 == "." || $0 == "…" }) { return true }
    // The longest placeholder word is short: a long text is never one (as `PlaceholderText` says).
    guard trimmed.utf8.count <= 32 else { return false }
    return words.contains(FoldedText(String(trimmed)).words.joined(separator: " "))
  }

  /// Blank or placeholder: the register does not say.
  static func isUnknown(_ text: String?) -> Bool { Text.isBlank(text) || isPlaceholder(text) }
}

/// Retention facts the rules share.
enum RetentionFacts {
  /// Whether a retention is really given: a duration, or a criterion with at least one
  /// letter or digit that is not a placeholder (« - », « ? », « [à définir] » are not criteria).
  static func isDefined(_ c: Retention?) -> Bool {
    guard let c else { return false }
    if c.duree != nil { return true }
    guard let criterion = c.critere, !Placeholder.isUnknown(criterion) else { return false }
    // The model's test too (`Conservation.estDefinie`), so documents and evaluer agree with the audit.
    return c.estDefinie && criterion.contains { $0.isLetter || $0.isNumber }
  }

  /// Active base plus intermediate archiving: how long the data are kept in all, in days.
  static func totalDays(_ c: Retention) -> Int? {
    guard let active = c.duree else { return nil }
    return active.enJours + (c.archivageIntermediaire?.enJours ?? 0)
  }

  /// « 1 an + 5 ans d'archivage intermédiaire », or just « 1 an ».
  static func describe(_ c: Retention) -> String {
    guard let active = c.duree else { return c.critere ?? "" }
    guard let archive = c.archivageIntermediaire else { return active.description }
    return "\(active) en base active + \(archive) d'archivage intermédiaire"
  }
}

/// Video surveillance / video protection, recognised the same way by every rule.
enum VideoSurveillance {
  /// Words of a surveillance device; a bare « vidéo » (a filmed lesson) is not one.
  static let words = Phrases([
    "vidéoprotection", "videoprotection", "vidéosurveillance", "videosurveillance", "vidéo surveillance",
    "video surveillance", "vidéo protection", "video protection", "caméra", "caméras", "camera", "cameras",
  ])

  /// A video device: surveillance words in the name, software or purposes, or image data
  /// under a systematic-monitoring criterion.
  static func isVideo(_ t: Treatment) -> Bool {
    if t.criteresAIPD.contains(.surveillanceSystematique) && t.donnees.contains(where: { $0.categorie == .image }) {
      return true
    }
    return t.foldedDescription.contains(words)
  }
}

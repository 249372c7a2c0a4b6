import Foundation
import RegistreModel

/// Keyword matching on free text, insensitive to case and accents.
enum Text {
  /// Lower-case, accent-free words of `text` (split on anything not a letter or digit).
  static func words(_ text: String?) -> [String] {
    guard let text else { return [] }
    let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    return folded.split { !($0.isLetter || $0.isNumber) }.map(String.init)
  }

  /// Whether `text` contains one of `phrases` (each one or more words), as whole words.
  static func contains(_ text: String?, anyOf phrases: [String]) -> Bool {
    let haystack = words(text)
    guard !haystack.isEmpty else { return false }
    for phrase in phrases {
      let needle = words(phrase)
      guard !needle.isEmpty, needle.count <= haystack.count else { continue }
      for start in 0...(haystack.count - needle.count)
      where Array(haystack[start..<start + needle.count]) == needle {
        return true
      }
    }
    return false
  }

  /// Like `contains`, but ignores an occurrence negated by the word before it
  /// (« hors GAR », « sans ÉduConnect », « hors du GAR »).
  static func containsAffirmed(_ text: String?, anyOf phrases: [String]) -> Bool {
    let haystack = words(text)
    let negations: Set<String> = ["hors", "sans", "non", "pas"]
    let articles: Set<String> = ["du", "de", "d", "des", "le", "la", "l"]
    for phrase in phrases {
      let needle = words(phrase)
      guard !needle.isEmpty, needle.count <= haystack.count else { continue }
      for start in 0...(haystack.count - needle.count)
      where Array(haystack[start..<start + needle.count]) == needle {
        var before = start - 1
        while before >= 0 && articles.contains(haystack[before]) { before -= 1 }
        if before < 0 || !negations.contains(haystack[before]) { return true }
      }
    }
    return false
  }

  /// `text` without its parenthesised parts: « SIECLE (module bourses) » → « SIECLE ».
  static func withoutParentheses(_ text: String) -> String {
    var depth = 0
    var kept = ""
    for c in text {
      if c == "(" {
        depth += 1
      } else if c == ")" {
        depth = max(0, depth - 1)
      } else if depth == 0 {
        kept.append(c)
      }
    }
    return kept
  }

  static func isBlank(_ text: String?) -> Bool {
    (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
  }
}

extension Traitement {
  /// Name, software, purposes: the free text that says what a treatment is.
  var descriptiveText: String {
    ([nom, logiciel ?? "", finalitePrincipale] + sousFinalites).joined(separator: " \n ")
  }

  func categories(_ predicate: (CategorieDonnees) -> Bool) -> [CategorieDonnees] {
    donnees.map(\.categorie).filter(predicate)
  }

  var processesBiometrics: Bool {
    dispositifBiometrique != nil || donnees.contains { $0.categorie == .biometrie }
  }

  /// The fiche's subject, for findings.
  var subject: Subject { .traitement(id) }
}

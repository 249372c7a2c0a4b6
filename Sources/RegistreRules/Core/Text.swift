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

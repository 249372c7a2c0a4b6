import Foundation
import RegistreModel

/// Values as people type them in a fiche: `oui`/`non` for a boolean, a country's name for its code.
public enum TypedValues {
  /// `true`/`false`, or the French `oui`/`non` (any case); `nil` for anything else.
  static func boolean(_ text: String) -> Bool? {
    switch text.lowercased() {
    case "true", "oui": return true
    case "false", "non": return false
    default: return nil
    }
  }

  /// The ISO 3166-1 alpha-2 code a typed value most likely means: the code in lower case
  /// (« fr »), or a country's name in French or English, accents and case ignored (« Irlande »,
  /// « etats-unis », « Germany »). `nil` when nothing matches.
  public static func suggestedCountryCode(_ text: String) -> String? {
    let upper = text.uppercased()
    if Country.codes.contains(upper) { return upper }
    return countryNames[folded(text)]
  }

  /// Names of every code, from Foundation's locale data (CLDR), folded.
  private static let countryNames: [String: String] = {
    var names: [String: String] = [:]
    for identifier in ["fr_FR", "en_US"] {
      let locale = Locale(identifier: identifier)
      for code in Country.codes {
        guard let name = locale.localizedString(forRegionCode: code) else { continue }
        names[folded(name)] = names[folded(name)] ?? code
      }
    }
    return names
  }()

  private static func folded(_ text: String) -> String {
    text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
      .replacingOccurrences(of: "-", with: " ")
      .trimmingCharacters(in: .whitespaces)
  }
}

import Foundation

/// A calendar day (no time, no time zone), written `AAAA-MM-JJ`.
///
/// Registers speak of days (a DPIA's date, a notice's date), never instants;
/// a plain value keeps them deterministic and free of time-zone surprises.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
  public let annee: Int
  public let mois: Int
  public let jour: Int

  /// Creates a day, or `nil` when the date does not exist (e.g. 31 février).
  public init?(annee: Int, mois: Int, jour: Int) {
    guard (1900...2999).contains(annee), (1...12).contains(mois), jour >= 1,
      jour <= Day.numberOfDays(annee: annee, mois: mois)
    else { return nil }
    self.annee = annee
    self.mois = mois
    self.jour = jour
  }

  /// Parses `AAAA-MM-JJ`; `nil` for anything else.
  public init?(iso texte: String) {
    let parties = texte.split(separator: "-", omittingEmptySubsequences: false)
    guard parties.count == 3, parties[0].count == 4, parties[1].count == 2, parties[2].count == 2,
      parties.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
      let a = Int(parties[0]), let m = Int(parties[1]), let j = Int(parties[2])
    else { return nil }
    self.init(annee: a, mois: m, jour: j)
  }

  public var description: String {
    let m = mois < 10 ? "0\(mois)" : "\(mois)"
    let j = jour < 10 ? "0\(jour)" : "\(jour)"
    return "\(annee)-\(m)-\(j)"
  }

  /// Days since 1 January 1900, for differences between days.
  public var numeroDeJour: Int {
    var total = 0
    for a in 1900..<annee { total += Day.isLeapYear(a) ? 366 : 365 }
    for m in 1..<mois { total += Day.numberOfDays(annee: annee, mois: m) }
    return total + jour - 1
  }

  /// The same day `n` years later (29 February becomes 28 February).
  public func adding(annees n: Int) -> Day {
    let a = annee + n
    let j = min(jour, Day.numberOfDays(annee: a, mois: mois))
    return Day(annee: a, mois: mois, jour: j) ?? self
  }

  /// The day `n` days later.
  public func adding(jours n: Int) -> Day {
    var day = self
    var left = n
    while left > 0 {
      let last = Day.numberOfDays(annee: day.annee, mois: day.mois)
      if day.jour + left <= last {
        return Day(annee: day.annee, mois: day.mois, jour: day.jour + left) ?? day
      }
      left -= last - day.jour + 1
      day = (day.mois == 12 ? Day(annee: day.annee + 1, mois: 1, jour: 1) : Day(annee: day.annee, mois: day.mois + 1, jour: 1)) ?? day
    }
    return day
  }

  /// The same day `n` months later, or the month's last day when it has fewer days (31 janvier
  /// + 1 mois = 28 ou 29 février): how a deadline « dans un délai d'un mois » is counted.
  public func adding(mois n: Int) -> Day {
    let total = annee * 12 + (mois - 1) + n
    let a = total / 12
    let m = total % 12 + 1
    return Day(annee: a, mois: m, jour: min(jour, Day.numberOfDays(annee: a, mois: m))) ?? self
  }

  public static func < (lhs: Day, rhs: Day) -> Bool {
    (lhs.annee, lhs.mois, lhs.jour) < (rhs.annee, rhs.mois, rhs.jour)
  }

  static func isLeapYear(_ a: Int) -> Bool { (a % 4 == 0 && a % 100 != 0) || a % 400 == 0 }

  static func numberOfDays(annee: Int, mois: Int) -> Int {
    switch mois {
    case 2: return isLeapYear(annee) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }
}

extension Day: Codable {
  public init(from decoder: any Decoder) throws {
    let texte = try decoder.singleValueContainer().decode(String.self)
    guard let jour = Day(iso: texte) else {
      throw DecodingError.dataCorrupted(
        .init(codingPath: decoder.codingPath, debugDescription: "date AAAA-MM-JJ attendue"))
    }
    self = jour
  }

  public func encode(to encoder: any Encoder) throws {
    var conteneur = encoder.singleValueContainer()
    try conteneur.encode(description)
  }
}

/// A retention or other duration: a whole number of days, weeks, months or years.
///
/// Written either in ISO 8601 (`P1Y`, `P3M`, `P30D`, `P2W`) or in plain French
/// (« 1 an », « 3 mois », « 30 jours », « 2 semaines »); stored in French.
public struct TimeSpan: Hashable, Sendable, CustomStringConvertible {
  public enum TimeUnit: String, Sendable, CaseIterable {
    case jours, semaines, mois, annees
  }

  public let quantite: Int
  public let unite: TimeUnit

  public init(quantite: Int, unite: TimeUnit) {
    self.quantite = quantite
    self.unite = unite
  }

  /// Parses ISO 8601 (one component) or French; `nil` when neither.
  public init?(texte brut: String) {
    let texte = brut.trimmingCharacters(in: .whitespaces).lowercased()
    if let iso = TimeSpan.fromISO(texte) {
      self = iso
      return
    }
    let mots = texte.split(whereSeparator: { $0 == " " || $0 == "\u{00A0}" })
    guard mots.count == 2, let n = Int(mots[0]), n >= 0, n <= 1000 else { return nil }
    let unites: [String: TimeUnit] = [
      "jour": .jours, "jours": .jours, "semaine": .semaines, "semaines": .semaines,
      "mois": .mois, "an": .annees, "ans": .annees, "année": .annees, "années": .annees,
      "annee": .annees, "annees": .annees,
    ]
    guard let unite = unites[String(mots[1])] else { return nil }
    self.init(quantite: n, unite: unite)
  }

  private static func fromISO(_ texte: String) -> TimeSpan? {
    guard texte.hasPrefix("p"), texte.count >= 3, let derniere = texte.last,
      let n = Int(texte.dropFirst().dropLast()), n >= 0, n <= 1000
    else { return nil }
    switch derniere {
    case "d": return TimeSpan(quantite: n, unite: .jours)
    case "w": return TimeSpan(quantite: n, unite: .semaines)
    case "m": return TimeSpan(quantite: n, unite: .mois)
    case "y": return TimeSpan(quantite: n, unite: .annees)
    default: return nil
    }
  }

  /// Approximate length in days, to compare durations across units.
  public var enJours: Int {
    switch unite {
    case .jours: return quantite
    case .semaines: return quantite * 7
    case .mois: return quantite * 30
    case .annees: return quantite * 365
    }
  }

  /// French spelling: « 1 an », « 10 ans », « 3 mois », « 1 jour »…
  public var description: String {
    let pluriel = quantite > 1
    switch unite {
    case .jours: return "\(quantite) \(pluriel ? "jours" : "jour")"
    case .semaines: return "\(quantite) \(pluriel ? "semaines" : "semaine")"
    case .mois: return "\(quantite) mois"
    case .annees: return "\(quantite) \(pluriel ? "ans" : "an")"
    }
  }
}

extension TimeSpan: Codable {
  public init(from decoder: any Decoder) throws {
    let texte = try decoder.singleValueContainer().decode(String.self)
    guard let duree = TimeSpan(texte: texte) else {
      throw DecodingError.dataCorrupted(
        .init(codingPath: decoder.codingPath, debugDescription: "durée attendue"))
    }
    self = duree
  }

  public func encode(to encoder: any Encoder) throws {
    var conteneur = encoder.singleValueContainer()
    try conteneur.encode(description)
  }
}

/// Checks on identifiers and codes shared by the formats and the rules.
public enum Codes {
  /// A UAI (unité administrative immatriculée): seven digits and a letter.
  public static func isUAI(_ texte: String) -> Bool {
    let caracteres = Array(texte)
    guard caracteres.count == 8, let lettre = caracteres.last else { return false }
    return caracteres.prefix(7).allSatisfy { $0.isASCII && $0.isNumber }
      && lettre.isASCII && lettre.isUppercase
  }

  /// The check letter of a UAI's seven digits: their value modulo 23, read in the alphabet
  /// without I, O and Q. The ministry publishes no text of this algorithm that we found; it is
  /// the one described by J. Delmas, « Qu'est-ce que le code RNE ou UAI ? » (blog.juliendelmas.fr),
  /// whose example 0951099D follows it; it has not been checked against the ministry's directory,
  /// so a mismatch is a warning, never an error. `nil` unless seven ASCII digits.
  public static func uaiCheckLetter(_ digits: some StringProtocol) -> Character? {
    guard digits.count == 7, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(digits) else {
      return nil
    }
    return Array("ABCDEFGHJKLMNPRSTUVWXYZ")[value % 23]
  }

  /// Ids become file names: lower-case ASCII letters, digits and hyphens,
  /// starting with a letter or digit, at most 64 characters.
  public static func isSafeIdentifier(_ texte: String) -> Bool {
    guard let premier = texte.unicodeScalars.first, texte.unicodeScalars.count <= 64 else {
      return false
    }
    let permis = { (s: Unicode.Scalar) in
      ("a"..."z").contains(s) || ("0"..."9").contains(s) || s == "-"
    }
    return premier != "-" && texte.unicodeScalars.allSatisfy(permis)
  }
}

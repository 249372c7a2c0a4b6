import Foundation
import RegistreSupport
import RegistreModel
import Yams

/// Reads one YAML file of a register into a ``Value``, checking it against
/// its record type and collecting every problem with its line and column.
struct YAMLReader {
  /// Files larger than this are refused: a fiche is a few kilobytes.
  static let tailleMaximale = 2_000_000
  /// Deeper nesting than this is refused before parsing (the parser recurses).
  static let profondeurMaximale = 48

  let fichier: String
  /// Whether « À COMPLÉTER » placeholders are let through in text-like fields
  /// (catalogue templates hold them on purpose) instead of being reported.
  var accepterMarqueurs = false
  private(set) var diagnostics: [Diagnostic] = []
  /// Lenient reading, for auditing an incomplete register: a missing or empty mandatory text,
  /// or a « À COMPLÉTER » placeholder, goes to `incomplete` instead of `diagnostics`; such a
  /// text becomes empty and such an optional typed value absent, so that the fiche is still read.
  var lenient = false
  private(set) var incomplete: [Diagnostic] = []
  /// Field path → location, for findings that point into the file.
  private(set) var emplacements: [String: Location] = [:]

  init(fichier: String) {
    self.fichier = fichier
  }

  /// Parses and checks `donnees`; `nil` when the file cannot be used at all.
  mutating func read(_ donnees: Data, type: RecordType) -> Value? {
    guard let texte = checkBytes(donnees) else { return nil }
    let noeud: Node?
    do {
      // The basic resolver: the reader types scalars itself from the
      // descriptor, so Yams' regular expressions (run on every plain scalar
      // when mapping keys are hashed) would be wasted.
      // Explicit encoding and constructor: their defaults read the environment
      // and build tables on every call, and compose never constructs values.
      noeud = try Yams.compose(yaml: texte, .basic, Constructor([:], [:], [:]), .utf8)
    } catch let erreur as YamlError {
      reportYamsError(erreur)
      return nil
    } catch {
      report(nil, "le fichier n'est pas un YAML lisible", attendu: nil)
      return nil
    }
    guard let noeud else {
      report(nil, "le fichier est vide", attendu: "un objet \(type.nom)")
      return nil
    }
    return readValue(noeud, genre: .objet(type), chemin: "")
  }

  // MARK: Bytes

  private mutating func checkBytes(_ donnees: Data) -> String? {
    if donnees.isEmpty {
      report(nil, "le fichier est vide", attendu: "des champs YAML « clé: valeur »")
      return nil
    }
    if donnees.count > YAMLReader.tailleMaximale {
      report(nil, "le fichier est trop grand (\(donnees.count) octets, au plus \(YAMLReader.tailleMaximale))", attendu: nil)
      return nil
    }
    guard let texte = String(data: donnees, encoding: .utf8) else {
      report(nil, "le fichier n'est pas encodé en UTF-8 valide", attendu: "un texte UTF-8")
      return nil
    }
    var ligne = 1
    for scalaire in texte.unicodeScalars {
      if scalaire == "\n" { ligne += 1 }
      let controle = scalaire.value < 0x20 && scalaire != "\n" && scalaire != "\r" && scalaire != "\t"
      if controle || scalaire.value == 0x7F || scalaire.value == 0xFFFE || scalaire.value == 0xFFFF {
        report(
          Location(fichier: fichier, ligne: ligne),
          "caractère de contrôle U+\(String(scalaire.value, radix: 16, uppercase: true)) : le fichier semble binaire",
          attendu: "un texte YAML")
        return nil
      }
    }
    if let ligneTropProfonde = YAMLReader.tooDeeplyNestedLine(texte) {
      report(
        Location(fichier: fichier, ligne: ligneTropProfonde),
        "imbrication trop profonde (plus de \(YAMLReader.profondeurMaximale) niveaux)", attendu: nil)
      return nil
    }
    // The event parser sees what a text scan can miss (anchors after a quoted
    // block, tags): refused up front with their line, before anything is built.
    switch YAMLEventScan.firstFinding(in: texte) {
    case .anchor(let ligne), .alias(let ligne):
      report(
        Location(fichier: fichier, ligne: ligne),
        "les ancres et alias YAML (& et *) ne sont pas acceptés", attendu: "des valeurs écrites en entier")
      return nil
    case .tag(let ligne, let tag):
      report(
        Location(fichier: fichier, ligne: ligne),
        "étiquette YAML explicite « \(TerminalText.escaped(tag)) » refusée", attendu: "des valeurs sans étiquette (ni ! ni !!)")
      return nil
    case nil:
      break
    }
    if let ligneAncre = YAMLReader.lineWithAnchor(texte) {
      // Aliases can expand exponentially (« billion laughs »); a register
      // never needs them, so they are refused before parsing.
      report(
        Location(fichier: fichier, ligne: ligneAncre),
        "les ancres et alias YAML (& et *) ne sont pas acceptés", attendu: "des valeurs écrites en entier")
      return nil
    }
    return texte
  }

  /// The first line where a node starts with an anchor (`&a`) or an alias
  /// (`*a`), outside quotes and comments.
  static func lineWithAnchor(_ texte: String) -> Int? {
    let (retourLigne, espace, tabulation): (UInt8, UInt8, UInt8) = (0x0A, 0x20, 0x09)
    var ligne = 1
    var debutDeNoeud = true
    var guillemet: UInt8?
    var commentaire = false
    var precedent = retourLigne
    for caractere in ASCIIUnits(texte) {
      defer { precedent = caractere }
      if caractere == retourLigne {
        ligne += 1
        debutDeNoeud = guillemet == nil
        commentaire = false
        continue
      }
      if commentaire { continue }
      if let ouvert = guillemet {
        if caractere == ouvert { guillemet = nil }
        continue
      }
      if caractere == espace || caractere == tabulation { continue }
      if caractere == UInt8(ascii: "#") && (precedent == espace || precedent == tabulation || precedent == retourLigne) {
        commentaire = true
        continue
      }
      if debutDeNoeud && (caractere == UInt8(ascii: "&") || caractere == UInt8(ascii: "*")) { return ligne }
      switch caractere {
      case UInt8(ascii: "\""), UInt8(ascii: "'"):
        guillemet = debutDeNoeud ? caractere : nil
        debutDeNoeud = false
      case UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: ","), UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"):
        debutDeNoeud = true
      default:
        debutDeNoeud = false
      }
    }
    return nil
  }

  /// A cheap upper bound of nesting: flow brackets outside quotes, and block
  /// indentation plus sequence dashes at the start of each line.
  static func tooDeeplyNestedLine(_ texte: String) -> Int? {
    var profondeurFlux = 0
    var ligne = 1
    var debutDeLigne = true
    var indentation = 0
    var guillemet: UInt8?
    for caractere in ASCIIUnits(texte) {
      if caractere == 0x0A {
        ligne += 1
        debutDeLigne = true
        indentation = 0
        continue
      }
      if debutDeLigne {
        if caractere == UInt8(ascii: " ") || caractere == UInt8(ascii: "-") {
          indentation += 1
          if indentation / 2 > profondeurMaximale { return ligne }
          continue
        }
        debutDeLigne = false
      }
      if let ouvert = guillemet {
        if caractere == ouvert { guillemet = nil }
        continue
      }
      switch caractere {
      case UInt8(ascii: "\""), UInt8(ascii: "'"): guillemet = caractere
      case UInt8(ascii: "["), UInt8(ascii: "{"):
        profondeurFlux += 1
        if profondeurFlux > profondeurMaximale { return ligne }
      case UInt8(ascii: "]"), UInt8(ascii: "}"): profondeurFlux = max(0, profondeurFlux - 1)
      default: break
      }
    }
    return nil
  }

  // MARK: Nodes

  private mutating func readValue(_ noeud: Node, genre: FieldKind, chemin: String) -> Value? {
    let ici = locationOf(noeud, chemin)
    emplacements[chemin] = ici
    if noeud.anchor != nil {
      report(ici, "les ancres et alias YAML (& et *) ne sont pas acceptés", attendu: "des valeurs écrites en entier")
      return nil
    }
    switch genre {
    case .objet(let type):
      guard case .mapping(let table) = noeud else {
        report(ici, "valeur de type \(nature(noeud))", attendu: genre.attendu)
        return nil
      }
      return object(table, type: type, chemin: chemin, ici: ici)
    case .liste(let genreElement, _):
      guard case .sequence(let suite) = noeud else {
        report(ici, "valeur de type \(nature(noeud))", attendu: "une liste (« - élément » ou [a, b])")
        return nil
      }
      var elements: [Value] = []
      var valide = true
      for (indice, element) in suite.enumerated() {
        if let v = readValue(element, genre: genreElement, chemin: "\(chemin)[\(indice)]") {
          elements.append(v)
        } else {
          valide = false
        }
      }
      return valide ? .liste(elements) : nil
    default:
      guard case .scalar(let scalaire) = noeud else {
        report(ici, "valeur de type \(nature(noeud))", attendu: genre.attendu)
        return nil
      }
      return self.scalar(scalaire.string, genre: genre, ici: ici)
    }
  }

  private mutating func object(_ table: Node.Mapping, type: RecordType, chemin: String, ici: Location) -> Value? {
    var vues: [String: Value] = [:]
    var valide = true
    for (cleNoeud, valeurNoeud) in table {
      guard case .scalar(let cleScalaire) = cleNoeud else {
        report(locationOf(cleNoeud, chemin), "clé qui n'est pas un texte", attendu: "des clés simples")
        valide = false
        continue
      }
      let cle = cleScalaire.string
      let cheminChamp = chemin.isEmpty ? cle : "\(chemin).\(cle)"
      guard let champ = type.field(cle) else {
        let proche = YAMLReader.closest(cle, parmi: type.champs.map(\.cle))
        report(
          locationOf(cleNoeud, cheminChamp), "champ inconnu dans \(type.nom)",
          attendu: proche.map { "peut-être « \($0) »" } ?? "l'un des champs décrits dans docs/format.md")
        valide = false
        continue
      }
      if vues[cle] != nil {
        report(locationOf(cleNoeud, cheminChamp), "champ présent deux fois", attendu: "une seule occurrence")
        valide = false
        continue
      }
      if YAMLReader.isNull(valeurNoeud) {
        emplacements[cheminChamp] = locationOf(valeurNoeud, cheminChamp)
        if champ.obligatoire {
          if lenient, case .texte = champ.genre {
            incomplete.append(Diagnostic(locationOf(valeurNoeud, cheminChamp), "valeur vide pour un champ obligatoire", attendu: champ.genre.attendu))
            vues[cle] = .texte("")
            continue
          }
          report(locationOf(valeurNoeud, cheminChamp), "valeur vide pour un champ obligatoire", attendu: champ.genre.attendu)
          valide = false
        }
        continue
      }
      if let v = readValue(valeurNoeud, genre: champ.genre, chemin: cheminChamp) {
        vues[cle] = v
      } else if lenient, !champ.obligatoire, case .scalar(let brut) = valeurNoeud,
        YAMLReader.startsWithMarker(brut.string)
      {
        continue  // An optional typed placeholder reads as absent; `incomplete` has it.
      } else {
        valide = false
      }
    }
    for champ in type.champs where champ.obligatoire && vues[champ.cle] == nil && table[champ.cle] == nil {
      let cheminChamp = chemin.isEmpty ? champ.cle : "\(chemin).\(champ.cle)"
      if lenient, case .texte = champ.genre {
        incomplete.append(Diagnostic(
          Location(fichier: fichier, ligne: ici.ligne, colonne: ici.colonne, champ: cheminChamp),
          "champ obligatoire manquant", attendu: champ.genre.attendu))
        vues[champ.cle] = .texte("")
        continue
      }
      report(
        Location(fichier: fichier, ligne: ici.ligne, colonne: ici.colonne, champ: cheminChamp),
        "champ obligatoire manquant", attendu: champ.genre.attendu)
      valide = false
    }
    guard valide else { return nil }
    // Lists default to empty so that the model never sees a missing list.
    var paires: [(String, Value)] = []
    for champ in type.champs {
      if let v = vues[champ.cle] {
        paires.append((champ.cle, v))
      } else if case .liste = champ.genre {
        paires.append((champ.cle, .liste([])))
      }
    }
    return .objet(paires)
  }

  private mutating func scalar(_ texte: String, genre: FieldKind, ici: Location) -> Value? {
    // `count` breaks graphemes over the whole text; the UTF-8 length bounds it.
    if texte.utf8.count > 100_000, texte.count > 100_000 {
      report(ici, "texte trop long (\(texte.count) caractères)", attendu: "au plus 100 000 caractères")
      return nil
    }
    // Escapes (`"\0"`, `"\e"`, `"\x1b"`) put characters in a value that XML 1.0,
    // hence the writers, cannot carry: refused here, as `convertir` would.
    if let isForbidden = YAMLReader.forbiddenCharacter(texte) {
      report(
        ici, "caractère de contrôle U+\(String(format: "%04X", isForbidden.value)) dans la valeur (échappement YAML) : "
          + "le XML canonique et les documents ne peuvent pas l'écrire", attendu: "du texte sans caractère de contrôle")
      return nil
    }
    let marqueur = YAMLReader.startsWithMarker(texte)
    if marqueur, accepterMarqueurs, genre.estTextuel {
      return .texte(texte)
    }
    if marqueur, lenient {
      incomplete.append(Diagnostic(ici, "valeur à compléter : « \(texte) »", attendu: "la valeur propre à l'établissement (\(genre.attendu))"))
      if case .texte = genre { return .texte("") }
      return nil
    }
    if marqueur {
      // Reported for every kind of field, so that a typed placeholder
      // (a country, a date) reads as « to complete », not as a wrong value.
      report(ici, "valeur à compléter : « \(texte) »", attendu: "la valeur propre à l'établissement (\(genre.attendu))")
      return nil
    }
    // A duration is parsed once here; only a bad one goes on to the check's message.
    if case .duree = genre, let duree = TimeSpan(texte: texte) { return .texte(duree.description) }
    if let erreur = YAMLReader.checkScalar(texte, genre: genre) {
      report(ici, erreur, attendu: genre.attendu)
      return nil
    }
    switch genre {
    case .entier: return Int(texte).map(Value.entier)
    case .booleen: return TypedValues.boolean(texte).map(Value.booleen)
    case .duree: return TimeSpan(texte: texte).map { .texte($0.description) }
    default: return .texte(texte)
    }
  }

  /// The first character of a value that XML 1.0 cannot carry (C0 controls but
  /// tab, line feed and carriage return; U+FFFE, U+FFFF), or `nil`.
  static func forbiddenCharacter(_ texte: String) -> Unicode.Scalar? {
    texte.unicodeScalars.first { scalaire in
      let v = scalaire.value
      return (v < 0x20 && v != 0x09 && v != 0x0A && v != 0x0D) || v == 0xFFFE || v == 0xFFFF
    }
  }

  /// Checks a scalar against its kind; returns the French problem, or `nil`.
  static func checkScalar(_ texte: String, genre: FieldKind) -> String? {
    switch genre {
    case .texte:
      return isBlank(texte) ? "texte vide" : nil
    case .entier:
      guard let n = Int(texte), n >= 0 else { return "« \(texte) » n'est pas un nombre entier positif" }
      return nil
    case .booleen:
      return TypedValues.boolean(texte) != nil ? nil : "« \(texte) » n'est pas un booléen"
    case .date:
      return Day(iso: texte) == nil ? "« \(texte) » n'est pas une date valide" : nil
    case .duree:
      return TimeSpan(texte: texte) == nil ? "« \(texte) » n'est pas une durée reconnue" : nil
    case .pays:
      if Country.codes.contains(texte) { return nil }
      let suggestion = TypedValues.suggestedCountryCode(texte).map { " ; vouliez-vous dire \($0) ?" } ?? ""
      return "« \(texte) » n'est pas un code pays ISO 3166-1\(suggestion)"
    case .uai:
      return Codes.isUAI(texte) ? nil : "« \(texte) » n'est pas un code UAI"
    case .identifiant:
      return Codes.isSafeIdentifier(texte) ? nil : "« \(texte) » n'est pas un identifiant utilisable comme nom de fichier"
    case .enumeration(_, let valeurs):
      if valeurs.contains(where: { $0.valeur == texte }) { return nil }
      let proche = closest(texte, parmi: valeurs.map(\.valeur))
      return "valeur « \(texte) » inconnue" + (proche.map { ", peut-être « \($0) »" } ?? "")
    case .liste, .objet:
      return "valeur simple là où une structure est attendue"
    }
  }

  // MARK: Helpers

  /// `texte.hasPrefix(Format.marqueurACompleter)`, without its Unicode
  /// comparison for the texts that cannot match: « À » begins either with
  /// U+00C0 (byte C3) or with « A » and a combining grave accent.
  static func startsWithMarker(_ texte: String) -> Bool {
    guard let premier = texte.utf8.first, premier == 0xC3 || premier == UInt8(ascii: "A") else { return false }
    return texte.hasPrefix(Format.marqueurACompleter)
  }

  /// Whether `texte` holds only whitespace and newlines (what trimming them
  /// would empty), stopping at the first other scalar.
  static func isBlank(_ texte: String) -> Bool {
    for scalaire in texte.unicodeScalars {
      if scalaire.value > 0x20 && scalaire.value < 0x7F { return false }
      if !CharacterSet.whitespacesAndNewlines.contains(scalaire) { return false }
    }
    return true
  }

  private static func isNull(_ noeud: Node) -> Bool {
    guard case .scalar(let s) = noeud, s.style == .plain else { return false }
    return ["", "~", "null", "Null", "NULL"].contains(s.string)
  }

  private func nature(_ noeud: Node) -> String {
    switch noeud {
    case .scalar: return "valeur simple"
    case .mapping: return "objet"
    case .sequence: return "liste"
    case .alias: return "alias"
    }
  }

  private func locationOf(_ noeud: Node, _ chemin: String) -> Location {
    Location(fichier: fichier, ligne: noeud.mark?.line, colonne: noeud.mark?.column, champ: chemin.isEmpty ? nil : chemin)
  }

  private mutating func report(_ ici: Location?, _ message: String, attendu: String?) {
    diagnostics.append(Diagnostic(ici ?? Location(fichier: fichier), message, attendu: attendu))
  }

  private mutating func reportYamsError(_ erreur: YamlError) {
    switch erreur {
    case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _):
      let contexte = context.map { " (\($0.text))" } ?? ""
      report(
        Location(fichier: fichier, ligne: mark.line, colonne: mark.column),
        "syntaxe YAML invalide : \(problem)\(contexte)", attendu: nil)
    case let .composer(context, problem, mark, _):
      let contexte = context.map { " (\($0.text))" } ?? ""
      report(
        Location(fichier: fichier, ligne: mark.line, colonne: mark.column),
        "structure YAML invalide : \(problem)\(contexte)", attendu: nil)
    case .reader(let problem, _, _, _):
      report(nil, "lecture impossible : \(problem)", attendu: nil)
    default:
      report(nil, "YAML invalide : \(erreur)", attendu: nil)
    }
  }

  /// The closest candidate by edit distance, when close enough to be a typo.
  static func closest(_ mot: String, parmi candidats: [String]) -> String? {
    let cible = Array(mot.lowercased())
    var meilleur: (String, Int)?
    for candidat in candidats {
      let d = distance(cible, Array(candidat))
      if d <= (cible.count <= 4 ? 1 : max(2, cible.count / 4)), d < (meilleur?.1 ?? Int.max) { meilleur = (candidat, d) }
    }
    return meilleur?.0
  }

  private static func distance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var precedente = Array(0...b.count)
    for i in 1...a.count {
      var courante = [i] + Array(repeating: 0, count: b.count)
      for j in 1...b.count {
        courante[j] = min(precedente[j] + 1, courante[j - 1] + 1, precedente[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
      }
      precedente = courante
    }
    return precedente[b.count]
  }
}

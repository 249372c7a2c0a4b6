import Foundation
import Testing

@testable import RegistreFormats

/// The pre-parse scans run on UTF-8 bytes; they must answer exactly as the
/// former `Character` loops (kept here as the reference) on every input.
@Suite struct ByteScan {
  enum Reference {
    static let profondeurMaximale = YAMLReader.profondeurMaximale

    /// The first line where a node starts with an anchor (`&a`) or an alias
    /// (`*a`), outside quotes and comments.
    static func lineWithAnchor(_ texte: String) -> Int? {
      var ligne = 1
      var debutDeNoeud = true
      var guillemet: Character?
      var commentaire = false
      var precedent: Character = "\n"
      for caractere in texte {
        defer { precedent = caractere }
        if caractere == "\n" {
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
        if caractere == " " || caractere == "\t" { continue }
        if caractere == "#" && (precedent == " " || precedent == "\t" || precedent == "\n") {
          commentaire = true
          continue
        }
        if debutDeNoeud && (caractere == "&" || caractere == "*") { return ligne }
        switch caractere {
        case "\"", "'":
          guillemet = debutDeNoeud ? caractere : nil
          debutDeNoeud = false
        case "[", "{", ",", "-", "?":
          debutDeNoeud = true
        case ":":
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
      var guillemet: Character?
      for caractere in texte {
        if caractere == "\n" {
          ligne += 1
          debutDeLigne = true
          indentation = 0
          if guillemet == "'" || guillemet == "\"" { continue }
          continue
        }
        if debutDeLigne {
          if caractere == " " || caractere == "-" {
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
        case "\"", "'": guillemet = caractere
        case "[", "{":
          profondeurFlux += 1
          if profondeurFlux > profondeurMaximale { return ligne }
        case "]", "}": profondeurFlux = max(0, profondeurFlux - 1)
        case "#": break
        default: break
        }
      }
      return nil
    }
  
  }

  static let exemples: [String] = [
    "a: 1\nb: &x 2\n",
    "a: 1\r\nb: &x 2\r\n",
    "a: \"&x\"\nb: *y\n",
    "a: 'it''s'\n- *z\n",
    "# &commentaire\na: b # *rien\nc: *d\n",
    "a: b#*c\nd: [ &e 1 ]\n",
    "a: \"\u{301}&x\"\nb: *c\n",
    "\"\u{301}: 1\n*a: 2\n",
    "a: \u{600}*b\nc: \u{600}\"x\n*d: 1\n",
    "a: \u{600}\n*b\n",
    "a: x\u{200D}*\n&b: 1\n",
    "a:\r\n  - &b 1\r\n- *c\n",
    "a: \u{2019}*\n*b: 1\n",
    "a: [\u{301}[[[\n",
    "\u{FEFF}&a: 1\n",
    "a: é&b\n\t*c: d\n",
    "a: \"x\n&y\"\n&z: 1\n",
    String(repeating: "[", count: 60),
    String(repeating: "[\u{301}", count: 60),
    String(repeating: "  ", count: 49) + "a: 1\n",
    String(repeating: "- ", count: 50) + "a\n",
    String(repeating: " ", count: 97) + "\r\n" + String(repeating: "-", count: 98) + "\n",
    "a: '[[[['\n" + String(repeating: "{", count: 49) + "\n",
    "a: \"\u{301}\n" + String(repeating: "{", count: 49) + "\n",
  ]

  static func corpus() -> [String] {
    var textes = exemples
    let enumerateur = FileManager.default.enumerator(at: Fixtures.racine, includingPropertiesForKeys: nil)
    while let url = enumerateur?.nextObject() as? URL {
      if let donnees = try? Data(contentsOf: url), let texte = String(data: donnees, encoding: .utf8) {
        textes.append(texte)
        textes.append(String(decoding: donnees.dropFirst(), as: UTF8.self))
      }
    }
    return textes
  }

  @Test func anchorsAreFoundOnTheSameLine() {
    let textes = Self.corpus()
    #expect(textes.count > 60)
    var trouvees = 0
    for texte in textes {
      let attendu = Reference.lineWithAnchor(texte)
      #expect(YAMLReader.lineWithAnchor(texte) == attendu, "\(texte.debugDescription.prefix(200))")
      if attendu != nil { trouvees += 1 }
    }
    #expect(trouvees > 10)
  }

  @Test func nestingIsMeasuredOnTheSameLine() {
    let textes = Self.corpus()
    var trouvees = 0
    for texte in textes {
      let attendu = Reference.tooDeeplyNestedLine(texte)
      #expect(YAMLReader.tooDeeplyNestedLine(texte) == attendu, "\(texte.debugDescription.prefix(200))")
      if attendu != nil { trouvees += 1 }
    }
    #expect(trouvees > 3)
  }

  @Test func randomTextsGiveTheSameResult() {
    // A fixed generator: the alphabet mixes what the scans look for with the
    // scalars that change grapheme boundaries around ASCII.
    let alphabet: [String] = [
      "&", "*", "\"", "'", "#", " ", "\t", "\n", "\r", "\r\n", "[", "{", "]", "}", ",", "-", "?", ":", "a", "é",
      "\u{301}", "\u{600}", "\u{200D}", "\u{903}", "\u{2019}", "\u{1F600}", "\u{FE0F}", "\u{1F3FB}", "\u{E0020}",
    ]
    var graine: UInt64 = 0x9E37_79B9_7F4A_7C15
    var differences = 0
    for _ in 0..<3000 {
      var texte = ""
      graine = graine &* 6364136223846793005 &+ 1442695040888963407
      let longueur = Int(graine >> 58) + 1
      for _ in 0..<longueur {
        graine = graine &* 6364136223846793005 &+ 1442695040888963407
        texte += alphabet[Int(graine >> 33) % alphabet.count]
      }
      if YAMLReader.lineWithAnchor(texte) != Reference.lineWithAnchor(texte) { differences += 1 }
      if YAMLReader.tooDeeplyNestedLine(texte) != Reference.tooDeeplyNestedLine(texte) { differences += 1 }
    }
    #expect(differences == 0)
  }
}

@Suite struct PlaceholderMarker {
  @Test(arguments: [
    "À COMPLÉTER", "À COMPLÉTER : nom du logiciel", "A\u{300} COMPLÉTER", "A\u{300} COMPLE\u{301}TER (x)",
    "À compléter", "A COMPLÉTER", "", "Á COMPLÉTER", " À COMPLÉTER", "ÀCOMPLÉTER", "x",
  ])
  func theFastTestGivesTheAnswerOfHasPrefix(texte: String) {
    #expect(YAMLReader.startsWithMarker(texte) == texte.hasPrefix(Format.marqueurACompleter))
  }

  @Test func aDecomposedMarkerIsReported() {
    let arbre = Value.objet([("nom", .liste([.texte("x"), .texte("A\u{300} COMPLÉTER")]))])
    #expect(arbre.contientMarqueur)
    #expect(!Value.objet([("nom", .texte("Àcompléter"))]).contientMarqueur)
    let diagnostics = RegisterLoading.markers(arbre, fichier: "t.yaml", cle: "traitements/t", table: [:])
    #expect(diagnostics.map(\.emplacement.champ) == ["nom[1]"])
  }
}

import Testing
@testable import RegistreRules

/// The byte-level folding must split and fold exactly as Foundation does, or fall back.
@Suite struct TextTests {
  static let samples: [String] = [
    "ÉduConnect", "Vie scolaire — Pronote (hors GAR)", "Demi-pension : badge, self et repas",
    "L’espace numérique de travail", "Caméras\u{A0}: 30\u{202F}jours", "« SIECLE » ; LSU/LSUN",
    "Œuvre sociale", "Straße", "Ærø", "naïve façade ÿ", "x×y÷z", "café\u{301}", "zero\u{200D}width",
    "ª º µ ² ½", "emoji 🙂 ok", "", "   ", "tab\tnew\nline\r\nend", "ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöùúûüýÿ",
  ]

  @Test(arguments: samples) func wordsMatchFoundationFolding(_ text: String) {
    #expect(Text.words(text) == FoldedText(bytes: FoldedText.foundation(text)).words)
  }

  @Test func everyLatin1AndPunctuationCharacterFoldsLikeFoundation() {
    let scalars = (0x20...0x24F).compactMap(Unicode.Scalar.init) + (0x2000...0x203F).compactMap(Unicode.Scalar.init)
    for scalar in scalars {
      let text = "a\(Character(scalar))b É\(Character(scalar))"
      #expect(Text.words(text) == FoldedText(bytes: FoldedText.foundation(text)).words, "U+\(String(scalar.value, radix: 16))")
    }
  }

  @Test func fastPathCoversFrenchTextAndFallsBackOtherwise() {
    #expect(FoldedText.latin("Élève à l’internat, « demi-pension »") == Array(" eleve a l internat demi pension ".utf8))
    #expect(FoldedText.latin("Œuvre") == Array(" œuvre ".utf8))
    #expect(FoldedText.latin("x ≤ y") == nil)
    #expect(FoldedText.latin("café\u{301}") == nil)
    #expect(FoldedText("").isEmpty && FoldedText(" — ").isEmpty && FoldedText(nil).isEmpty)
  }

  @Test func phrasesMatchWholeWordsInARow() {
    let phrases = Phrases(["espace numérique de travail", "ENT"])
    #expect(Text.contains("L'Espace Numerique de Travail du lycée", anyOf: phrases))
    #expect(Text.contains("ENT (Monlycée.net)", anyOf: phrases))
    #expect(!Text.contains("Parents et enseignants", anyOf: phrases))
    #expect(!Text.contains("espace numérique", anyOf: phrases))
    #expect(!Text.contains(nil, anyOf: phrases))
  }

  @Test func negatedOccurrencesAreNotAffirmed() {
    let gar = Phrases(["GAR"])
    #expect(!FoldedText("Manuels numériques hors du GAR").containsAffirmed(gar))
    #expect(!FoldedText("Ressources sans GAR").containsAffirmed(gar))
    #expect(FoldedText("Ressources sans GAR puis via le GAR").containsAffirmed(gar))
    #expect(FoldedText("GAR").containsAffirmed(gar))
  }

  @Test func joiningFoldedPartsEqualsFoldingTheJoinedText() {
    let parts = ["Vie scolaire", "", "Pronote — hors GAR", "Élèves"]
    #expect(FoldedText(joining: parts.map { FoldedText($0) }) == FoldedText(parts.joined(separator: " \n ")))
  }

  @Test func wordStartsRuleOutTextsWithoutACandidateWord() {
    let starts = WordStarts([Phrases(["GAR", "livret scolaire unique"]), Phrases(["d x"])])
    #expect(starts.mayOccur(in: FoldedText("Accès via le Gar")))
    #expect(starts.mayOccur(in: FoldedText("Le LIVRET de l'élève")))
    #expect(starts.mayOccur(in: FoldedText("d")))
    #expect(!starts.mayOccur(in: FoldedText("Garage et livrets")))
    #expect(!starts.mayOccur(in: FoldedText("Vie scolaire, cantine")))
    #expect(!starts.mayOccur(in: FoldedText("")))
  }

  @Test func rawPreCheckNeverMissesWhatTheFoldedCheckFinds() {
    let starts = WordStarts([Phrases(["GAR", "ÉduConnect", "livret scolaire", "d x", "LSU"])])
    var texts = Self.samples + [
      "Accès via le GAR", "ÉDUCONNECT", "x-gar", "Livret", "lsu", "(LSU)", "d", "«gar»", "l’Éduconnect", "GAR2",
    ]
    var generator = SystemRandomNumberGenerator()
    let alphabet = Array("gGaArRlLsSuUdDxXeéÉ -’«»()1\u{301}\u{A0}Œ≤")
    for _ in 0..<3000 {
      texts.append(String((0..<Int.random(in: 0...12, using: &generator)).map { _ in alphabet.randomElement(using: &generator) ?? " " }))
    }
    for text in texts where starts.mayOccur(in: FoldedText(text)) {
      #expect(starts.mayOccur(inUnfolded: text), "\(text)")
    }
    #expect(!starts.mayOccur(inUnfolded: "Vie scolaire (Pronote)"))
    #expect(!starts.mayOccur(inUnfolded: "Restauration et hébergement"))
  }

  @Test func blankText() {
    #expect(Text.isBlank(nil))
    #expect(Text.isBlank(" \t\n\u{0B}\u{0C}\r"))
    #expect(Text.isBlank("\u{A0}\u{2003}"))
    #expect(!Text.isBlank(" x "))
    #expect(!Text.isBlank("\u{A0}é"))
    #expect(!Text.isBlank("  Élèves"))
    #expect(Text.isBlank("\u{3000}\u{1680}\u{85}"))
  }
}

import Foundation
#if canImport(FoundationXML)
  import FoundationXML
#endif
import RegistreEvaluation
import RegistreModel
import Testing

/// The XML of the dated opinion (laid out by `Templates/avis.xsl`): well-formed, complete, escaped.
@Suite struct OpinionFOTests {
  @Test func theFOIsWellFormedAndCompleteEvenWithSpecialCharacters() throws {
    var f = try F.example("appli-gratuite-publicite.yaml")
    f.nom = "A&B <test> \"quote\""
    let e = F.evaluate(f)
    let fo = OpinionXML.document(e, etablissement: "Lycée <Exemple>")
    let parser = XMLParser(data: fo)
    #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
    let texte = String(decoding: fo, as: UTF8.self)
    #expect(texte.contains("A&amp;B &lt;test&gt;"))
    #expect(texte.contains("Verdict : à proscrire"))
    #expect(texte.contains("publicite-eleves"))
    #expect(texte.contains("Lycée &lt;Exemple&gt;"))
    #expect(texte.contains("novembre 2026"))
    #expect(texte.contains("verdict=\"a-proscrire\""))
  }
}

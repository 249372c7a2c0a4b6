import Foundation
#if canImport(FoundationXML)
  import FoundationXML
#endif
import RegistreEvaluation
import RegistreModel
import Testing

/// The XSL-FO of the dated opinion: well-formed, complete, escaped.
@Suite struct OpinionFOTests {
  @Test func theFOIsWellFormedAndCompleteEvenWithSpecialCharacters() throws {
    var f = try F.example("appli-gratuite-publicite.yaml")
    f.nom = "A&B <test> \"quote\""
    let e = F.evaluate(f)
    let fo = OpinionFO.document(e, etablissement: "Lycée <Exemple>", horodatage: "2026-11-29T10:00:00Z")
    let parser = XMLParser(data: fo)
    #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
    let texte = String(decoding: fo, as: UTF8.self)
    #expect(texte.contains("A&amp;B &lt;test&gt;"))
    #expect(texte.contains("Verdict : à proscrire"))
    #expect(texte.contains("publicite-eleves"))
    #expect(texte.contains("Signature :"))
    #expect(texte.contains("29 novembre 2026"))
    #expect(texte.contains("<xmp:CreateDate>2026-11-29T10:00:00Z</xmp:CreateDate>"))
  }
}

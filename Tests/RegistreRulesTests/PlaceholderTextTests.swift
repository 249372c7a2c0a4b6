import RegistreModel
import Testing

@Suite("Valeurs de modèle : le découpage des blancs, écrit sans Foundation")
struct PlaceholderTextTests {
  @Test("Les blancs Unicode des deux bouts partent, ceux du milieu restent")
  func trimming() {
    #expect(PlaceholderText.trimmed("  \t\n durée d'un an \u{00A0}\u{2003}\r\n") == "durée d'un an")
    #expect(PlaceholderText.trimmed("a  b") == "a  b")
    #expect(PlaceholderText.trimmed(" \n\u{3000} ").isEmpty)
    #expect(PlaceholderText.trimmed("").isEmpty)
  }

  @Test("Les valeurs de modèle sont reconnues, les vraies valeurs non, entourées de blancs ou pas")
  func placeholders() {
    for text in ["  [Nom de l'établissement] ", "\u{00A0}À COMPLÉTER : durée", " xxx\n", "à définir", "  N.C. "] {
      #expect(PlaceholderText.isPlaceholder(text), "\(text)")
    }
    for text in ["Un an après le départ de l'élève", "x-rays du lycée", "", "   ", "À la fin de la scolarité"] {
      #expect(!PlaceholderText.isPlaceholder(text), "\(text)")
    }
  }
}

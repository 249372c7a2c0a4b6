import Foundation
import Testing

/// Issue 15: the catalogue and the demo cite public texts, never the project's
/// working notes or the state of someone's reading.
@Suite("Ressources : des sources publiques, pas de notes internes")
struct ResourceSourcesTests {
  static let resources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Sources/RegistreCatalogue/Resources")

  /// Patterns that betray internal working notes (case-insensitive).
  static let internalMarkers = [
    "notes du projet", "\\bnon (re)?lu(e|s|es)?\\b", "\\baucun texte (re)?lu\\b",
  ]

  /// The markers found in a text (YAML folding may put a line break between words).
  static func internalNotes(in text: String) -> [String] {
    let flat = text.lowercased().split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).joined(separator: " ")
    return internalMarkers.filter { flat.range(of: $0, options: .regularExpression) != nil }
  }

  @Test func scannerFindsInternalNotes() {
    #expect(Self.internalNotes(in: "Durée non relevée dans les notes\n  du projet §4.3") == ["notes du projet"])
    #expect(Self.internalNotes(in: "DUA de l'instruction non lue").count == 1)
    #expect(Self.internalNotes(in: "Association à but non lucratif").isEmpty)
    #expect(Self.internalNotes(in: "Code de l'éducation, art. R.511-13 IV").isEmpty)
  }

  @Test func everyResourceIsFreeOfInternalNotes() throws {
    let files = try #require(FileManager.default.enumerator(at: Self.resources, includingPropertiesForKeys: nil))
    var scanned = 0
    for case let file as URL in files where ["yaml", "md", "xml"].contains(file.pathExtension) {
      let text = try String(contentsOf: file, encoding: .utf8)
      scanned += 1
      let found = Self.internalNotes(in: text)
      #expect(found.isEmpty, "\(file.lastPathComponent) : notes internes \(found)")
    }
    #expect(scanned > 40, "ressources introuvables sous \(Self.resources.path)")
  }
}

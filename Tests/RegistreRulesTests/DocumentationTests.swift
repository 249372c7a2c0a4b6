import Foundation
import RegistreSupport
import Testing
@testable import RegistreRules

/// `docs/rules.md` is generated from the rules. When this test fails, run
/// `REGISTRE_REGENERER=1 swift test --filter RegistreRulesTests.DocumentationTests`
/// and commit the rewritten file.
@Suite struct DocumentationTests {
  static let file = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("docs/rules.md")

  @Test func committedRulesDocumentationIsUpToDate() throws {
    let expected = RulesDocumentation.markdown()
    if ProcessInfo.processInfo.environment["REGISTRE_REGENERER"] == "1" {
      try AtomicFile.write(Data(expected.utf8), to: Self.file)
    }
    let committed = try? String(contentsOf: Self.file, encoding: .utf8)
    // A plain Bool keeps the failure to the hint instead of two whole documents.
    let upToDate = committed == expected
    #expect(
      upToDate,
      "docs/rules.md est périmé : lancer REGISTRE_REGENERER=1 swift test --filter RegistreRulesTests.DocumentationTests puis committer le fichier"
    )
  }

  @Test func documentationListsEveryRuleWithItsReference() {
    let text = RulesDocumentation.markdown()
    for rule in Rules.all {
      #expect(text.contains("## \(rule.id)"))
      #expect(text.contains(rule.reference))
    }
  }
}

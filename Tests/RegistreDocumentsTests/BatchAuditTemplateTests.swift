import Foundation
import RegistreXML
import Testing

@testable import RegistreDocuments

/// `audit-lot.xsl`, the académie's consolidated audit, read as FO (no Java).
@Suite("Modèle de l'audit consolidé d'un lot")
struct BatchAuditTemplateTests {
  static let fo = "http://www.w3.org/1999/XSL/Format"

  static func tree() throws -> XMLElementNode {
    let data = try TemplateTests.pipeline().formattingObjects(
      for: .batchAudit, input: try Tools.fixture("audit-lot-mini.xml"))
    return try #require(try XMLDocument.parse(data: data, name: "audit-lot.fo").rootElement())
  }

  /// Every descendant named `name`, depth first.
  static func all(_ name: String, in element: XMLElementNode) -> [XMLElementNode] {
    var found: [XMLElementNode] = []
    var pending = [element]
    while let current = pending.popLast() {
      if current.name == name { found.append(current) }
      pending += current.children.reversed()
    }
    return found
  }

  /// Text of an element and its descendants, spaces normalised.
  static func text(_ element: XMLElementNode) -> String {
    let parts = [element.text] + element.children.map(text)
    return parts.joined(separator: " ").replacingOccurrences(of: "\u{A0}", with: " ")
      .replacingOccurrences(of: "\u{202F}", with: " ")
      .split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
  }

  @Test func tablesWithRepeatedHeaders() throws {
    let root = try Self.tree()
    #expect(root.namespace == Self.fo)
    let tables = Self.all("table", in: root)
    #expect(tables.count == 3)  // summary, schools, rules
    let withHeader = tables.filter { $0.child(named: "table-header") != nil }
    #expect(withHeader.count == 2)
    for table in withHeader {
      // FOP repeats a table-header on each page unless told not to.
      #expect(table.attribute("table-omit-header-at-break") == "false")
    }
    let schools = withHeader[0]
    let headers = try #require(schools.child(named: "table-header")).children(named: "table-row").first?
      .children(named: "table-cell").map(Self.text)
    #expect(
      headers == [
        "Source", "UAI", "Établissement", "Traite\u{AD}ments", "Erreurs", "Avertis\u{AD}sements", "Notes",
        "Acceptés", "Score",
      ])
    #expect(schools.children(named: "table-column").count == 9)
    let rows = try #require(schools.child(named: "table-body")).children(named: "table-row")
    #expect(rows.count == 3)
    #expect(rows.allSatisfy { $0.attribute("keep-together.within-page") == "always" })
    // The unreadable register: its problem spans the count columns.
    let unreadable = rows[2].children(named: "table-cell")
    #expect(unreadable.count == 3)
    #expect(unreadable[2].attribute("number-columns-spanned") == "7")
    #expect(Self.text(unreadable[2]).contains("Registre illisible, non audité"))
    #expect(Self.text(unreadable[2]).contains("et 2 autre(s) problème(s)"))
    #expect(rows[0].children(named: "table-cell").map(Self.text).suffix(6) == ["12", "3", "5", "1", "2", "71 %"])

    let rules = withHeader[1]
    let ruleHeaders = try #require(rules.child(named: "table-header")).children(named: "table-row").first?
      .children(named: "table-cell").map(Self.text)
    #expect(ruleHeaders == ["Règle", "Établis\u{AD}sements", "Traite\u{AD}ments", "Constats"])
    let ruleRows = try #require(rules.child(named: "table-body")).children(named: "table-row")
    #expect(ruleRows.count == 2)
    #expect(Self.text(ruleRows[0]).hasPrefix("aipd-requise-manquante (erreur)"))
  }

  @Test func titleSummaryAndPagination() throws {
    let root = try Self.tree()
    let text = Self.text(root)
    for item in [
      "Audit consolidé des registres", "/srv/academie/lot", "15 janvier 2026", "Registres audités 2 sur 3",
      "Registres illisibles 1", "Erreurs 3", "Avertissements 5", "Conformité moyenne 85 %",
      "Collège Jean « Moulin » & fils (fictif)", "Par établissement", "Par règle",
    ] {
      #expect(text.contains(item), "absent : \(item)")
    }
    // « page N / M » in the footer, M from the block that ends the flow.
    let footer = try #require(
      Self.all("static-content", in: root).first { $0.attribute("flow-name") == "xsl-region-after" })
    #expect(Self.all("page-number", in: footer).count == 1)
    #expect(Self.all("page-number-citation-last", in: footer).first?.attribute("ref-id") == "fin-du-document")
    #expect(Self.text(footer) == "page /")
    #expect(Self.all("block", in: root).contains { $0.attribute("id") == "fin-du-document" })
    #expect(root.child(named: "declarations") != nil)
  }
}

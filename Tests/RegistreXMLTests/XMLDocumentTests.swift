import Foundation
import Testing

@testable import RegistreXML

private func bytes(_ string: String) -> Data { Data(string.utf8) }

/// Parses `text` and returns the error it must raise.
private func parseError(_ data: Data) -> XMLError? {
  do {
    _ = try XMLDocument.parse(data: data, name: "test.xml")
    return nil
  } catch {
    return error
  }
}

@Suite struct ParsingTests {
  @Test func validDocumentParsesIntoTree() throws {
    let xml = """
      <?xml version="1.0" encoding="UTF-8"?>
      <registre xmlns="urn:test" version="1">
        <traitement id="t1">
          <nom>Cantine &amp; demi-pension</nom>
        </traitement>
        <traitement id="t2"><nom><![CDATA[a < b]]></nom></traitement>
      </registre>
      """
    let document = try XMLDocument.parse(data: bytes(xml), name: "registre.xml")
    let root = try #require(document.rootElement())
    #expect(root.name == "registre")
    #expect(root.namespace == "urn:test")
    #expect(root.attribute("version") == "1")
    #expect(root.text == "")
    #expect(root.line == 2)
    let traitements = root.children(named: "traitement")
    #expect(traitements.count == 2)
    #expect(traitements[0].attribute("id") == "t1")
    #expect(traitements[0].line == 3)
    #expect(traitements[0].child(named: "nom")?.text == "Cantine & demi-pension")
    #expect(traitements[0].child(named: "nom")?.line == 4)
    #expect(traitements[1].child(named: "nom")?.text == "a < b")
    #expect(traitements[1].child(named: "nom")?.namespace == "urn:test")
  }

  @Test func doctypeWithInternalSubsetIsRejected() {
    let xml = """
      <?xml version="1.0"?>
      <!DOCTYPE r [<!ENTITY x "bonjour">]>
      <r>&x;</r>
      """
    // The column is where the parser stood when it met the DOCTYPE (before "[").
    #expect(parseError(bytes(xml)) == .doctypeForbidden(line: 2, column: 13))
  }

  @Test func externalEntityIsNeverRead() throws {
    let xml = """
      <?xml version="1.0"?>
      <!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/hostname">]>
      <r>&x;</r>
      """
    let error = try #require(parseError(bytes(xml)))
    guard case .doctypeForbidden(let line, _) = error else {
      Issue.record("expected doctypeForbidden, got \(error)")
      return
    }
    #expect(line == 2)
    // The host name must appear nowhere, whatever the error says.
    if let hostname = try? String(contentsOfFile: "/etc/hostname", encoding: .utf8)
      .trimmingCharacters(in: .whitespacesAndNewlines), !hostname.isEmpty
    {
      #expect(!error.description.contains(hostname))
    }
  }

  @Test func externalDoctypeIsRejected() {
    let xml = "<!DOCTYPE r SYSTEM \"file:///etc/hostname\"><r/>"
    #expect(parseError(bytes(xml)) == .doctypeForbidden(line: 1, column: 42))
  }

  @Test func billionLaughsIsRejected() {
    var xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n"
    for level in 1...9 {
      let previous = level == 1 ? "lol" : "lol\(level - 1)"
      xml += "<!ENTITY lol\(level) \"" + String(repeating: "&\(previous);", count: 10) + "\">\n"
    }
    xml += "]>\n<lolz>&lol9;</lolz>"
    let error = parseError(bytes(xml))
    #expect(error != nil)
    if case .doctypeForbidden = error {} else { Issue.record("unexpected \(String(describing: error))") }
  }

  @Test func emptyInputIsRejected() {
    #expect(parseError(Data()) == .emptyInput)
  }

  @Test func whitespaceOnlyIsMalformed() throws {
    let error = try #require(parseError(bytes("   \n  ")))
    #expect(!error.diagnostics.isEmpty)
  }

  @Test func binaryJunkIsMalformed() throws {
    // A PNG signature followed by every byte value, twice.
    var junk = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
    junk.append(contentsOf: (0..<512).map { UInt8($0 % 256) })
    let error = try #require(parseError(junk))
    guard case .malformed(let diagnostics) = error else {
      Issue.record("expected malformed, got \(error)")
      return
    }
    #expect(diagnostics.first?.line == 1)
  }

  @Test func everyTruncationOfADocumentIsMalformed() throws {
    let complete = bytes(
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <registre xmlns="urn:r" v="1"><!-- note --><t id="é&amp;"><![CDATA[x]]>&#233;</t></registre>
      """)
    #expect(throws: Never.self) { try XMLDocument.parse(data: complete, name: "complet.xml") }
    for length in 1..<complete.count {
      let prefix = complete.prefix(length)
      #expect(parseError(prefix) != nil, "prefix of \(length) bytes was accepted")
    }
  }

  @Test func invalidUTF8IsMalformedWithPosition() throws {
    var data = bytes("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<r>caf")
    data.append(contentsOf: [0xC3, 0x28, 0xFF])
    data.append(bytes("</r>"))
    let error = try #require(parseError(data))
    guard case .malformed(let diagnostics) = error else {
      Issue.record("expected malformed, got \(error)")
      return
    }
    let first = try #require(diagnostics.first)
    #expect(first.line == 2)
    #expect(first.message.contains("UTF-8"))
  }

  @Test func truncatedDocumentIsMalformedWithLineAndColumn() throws {
    let xml = "<r>\n  <a>texte</a>\n  <b attr=\"v\">"
    let error = try #require(parseError(bytes(xml)))
    guard case .malformed(let diagnostics) = error else {
      Issue.record("expected malformed, got \(error)")
      return
    }
    let first = try #require(diagnostics.first)
    #expect(first.line == 3)
    #expect(first.column != nil)
    #expect(first.severity == .fatal)
  }

  @Test func mismatchedTagReportsLineAndColumn() throws {
    let xml = "<r>\n  <a>texte</b>\n</r>"
    let error = try #require(parseError(bytes(xml)))
    let first = try #require(error.diagnostics.first)
    #expect(first.line == 2)
    #expect(first.column == 15)
    #expect(first.message.contains("mismatch"))
  }

  @Test func deepNestingIsRejected() throws {
    let depth = 10_000
    let xml = String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth)
    let error = try #require(parseError(bytes(xml)))
    #expect(error.diagnostics.first?.message.contains("depth") == true)
  }

  @Test func nestingLimitIsLibxml2Default() throws {
    // libxml2 without XML_PARSE_HUGE accepts 257 nested elements and refuses 258.
    let nested = { (depth: Int) in
      bytes(String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth))
    }
    let document = try XMLDocument.parse(data: nested(XMLDocument.maximumDepth), name: "deep.xml")
    #expect(document.rootElement()?.name == "a")
    #expect(parseError(nested(258))?.diagnostics.first?.message.contains("Excessive depth") == true)
  }

  @Test func deepestDocumentIsHandledOnASmallStack() async throws {
    let depth = XMLDocument.maximumDepth + 1
    let xml = bytes(String(repeating: "<a x='1'>", count: depth) + String(repeating: "</a>", count: depth))
    // 512 KiB is the secondary-thread stack size on macOS, the smallest we may meet.
    let same = await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
      let thread = Thread {
        let tree = (try? XMLDocument.parse(data: xml, name: "deep.xml"))?.rootElement()
        let written = tree.flatMap { try? XMLDocument(root: $0) }
        continuation.resume(returning: tree != nil && written == nil)
      }
      thread.stackSize = 512 * 1024
      thread.start()
    }
    // Read back fully; the writer refuses one level more than it may write.
    #expect(same)
  }

  @Test func undefinedEntityIsMalformed() throws {
    let error = try #require(parseError(bytes("<r>\n&inconnu;</r>")))
    let first = try #require(error.diagnostics.first)
    #expect(first.line == 2)
    #expect(first.message.contains("inconnu"))
  }

  @Test func hugeInputIsRejectedBeforeParsing() {
    let data = Data(count: XMLDocument.maximumInputSize + 1)
    #expect(
      parseError(data)
        == .inputTooLarge(size: XMLDocument.maximumInputSize + 1, limit: XMLDocument.maximumInputSize))
  }

  /// The attack: 200,000 attributes on one element (libxml2 compares each with every earlier one,
  /// hours of work) is refused before libxml2 reads it, with the element's line; the limit itself
  /// passes, and attribute-like text in comments, CDATA and quoted values does not count.
  @Test func anElementWithTooManyAttributesIsRefusedBeforeParsing() throws {
    let many = (0..<200_000).map { " a\($0)=\"1\"" }.joined()
    let attack = bytes("<?xml version=\"1.0\"?>\n<registre>\n<traitement\(many)/></registre>")
    guard case .malformed(let diagnostics) = parseError(attack) else {
      Issue.record("200 000 attributs acceptés")
      return
    }
    #expect(diagnostics.first?.line == 3)
    #expect(diagnostics.first?.message.contains("\(XMLDocument.maximumAttributesPerElement)") == true)

    let limit = (0..<XMLDocument.maximumAttributesPerElement).map { " a\($0)=\"1\"" }.joined()
    #expect(parseError(bytes("<r\(limit)/>")) == nil)
    let hidden = (0..<1_000).map { " a\($0)=\"1\"" }.joined()
    let quoted = bytes("<r b=\"\(hidden.replacingOccurrences(of: "\"", with: "'"))\"><!--<x\(hidden)/>--><![CDATA[<y\(hidden)/>]]></r>")
    #expect(parseError(quoted) == nil)
  }

  @Test func twoThreadsParseAndFailConcurrently() async throws {
    let good = bytes("<r><a>1</a></r>")
    let bad = bytes("<r>\n<a>1</b></r>")
    let results = await withTaskGroup(of: (Bool, Int?).self) { group in
      for index in 0..<8 {
        group.addTask {
          var lines: Int? = nil
          var parsedGood = true
          for _ in 0..<200 {
            if index % 2 == 0 {
              if (try? XMLDocument.parse(data: good, name: "good.xml")) == nil { parsedGood = false }
            } else {
              lines = parseError(bad)?.diagnostics.first?.line
            }
          }
          return (parsedGood, lines)
        }
      }
      var all: [(Bool, Int?)] = []
      for await result in group { all.append(result) }
      return all
    }
    #expect(results.count == 8)
    #expect(results.allSatisfy { $0.0 })
    #expect(results.filter { $0.1 == 2 }.count == 4)
  }
}

@Suite struct WriterTests {
  private let sample = XMLElementNode(
    name: "registre", namespace: "urn:registre",
    attributes: [XMLAttribute(name: "version", value: "1")],
    children: [
      XMLElementNode(
        name: "traitement", namespace: "urn:registre",
        attributes: [XMLAttribute(name: "id", value: "t&1 \"<'>")],
        children: [
          XMLElementNode(name: "nom", namespace: "urn:registre", text: "Cantine & <repas> \"bio\" 'local'"),
          XMLElementNode(name: "note", namespace: "urn:registre", text: "ligne 1\nligne 2\r\n\tfin "),
          XMLElementNode(name: "vide", namespace: "urn:registre"),
        ]),
      XMLElementNode(name: "libre", namespace: nil, text: "hors espace de noms"),
      XMLElementNode(
        name: "schema", namespace: "urn:registre",
        attributes: [
          XMLAttribute(
            name: "schemaLocation", namespace: "http://www.w3.org/2001/XMLSchema-instance",
            value: "urn:registre registre.xsd"),
          XMLAttribute(name: "lang", namespace: "http://www.w3.org/XML/1998/namespace", value: "fr"),
        ]),
    ])

  @Test func roundTripPreservesTree() throws {
    let data = try XMLWriter.data(for: sample)
    let reread = try XMLDocument.parse(data: data, name: "round.xml").rootElement()
    #expect(reread == sample)
  }

  @Test func outputIsDeterministicAndIndented() throws {
    let first = try XMLWriter.data(for: sample)
    let second = try XMLWriter.data(for: sample)
    #expect(first == second)
    let text = String(decoding: first, as: UTF8.self)
    #expect(text.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<registre xmlns=\"urn:registre\""))
    #expect(text.contains("\n  <traitement "))
    #expect(text.contains("\n    <nom>"))
  }

  @Test func specialCharactersAreEscaped() throws {
    let text = String(decoding: try XMLWriter.data(for: sample), as: UTF8.self)
    #expect(text.contains("<nom>Cantine &amp; &lt;repas&gt; \"bio\" 'local'</nom>"))
    #expect(text.contains("id=\"t&amp;1 &quot;&lt;'&gt;\""))
    #expect(text.contains("<libre xmlns=\"\">"))
    #expect(text.contains("xsi:schemaLocation=\"urn:registre registre.xsd\""))
    #expect(text.contains("xml:lang=\"fr\""))
  }

  @Test func invalidNamesAndCharactersAreRefused() {
    #expect(throws: XMLError.self) { try XMLWriter.data(for: XMLElementNode(name: "1abc")) }
    #expect(throws: XMLError.self) { try XMLWriter.data(for: XMLElementNode(name: "a:b")) }
    #expect(throws: XMLError.self) {
      try XMLWriter.data(for: XMLElementNode(name: "a", text: "nul\u{0}"))
    }
    #expect(throws: XMLError.self) {
      try XMLWriter.data(
        for: XMLElementNode(name: "a", attributes: [XMLAttribute(name: "b", value: "\u{1B}")]))
    }
    #expect(throws: XMLError.self) {
      try XMLWriter.data(
        for: XMLElementNode(
          name: "a", attributes: [XMLAttribute(name: "b", value: "1"), XMLAttribute(name: "b", value: "2")]))
    }
  }

  @Test func deepestWritableTreeReadsBack() throws {
    var node = XMLElementNode(name: "a", text: "fond")
    for _ in 1..<XMLDocument.maximumDepth { node = XMLElementNode(name: "a", children: [node]) }
    let reread = try XMLDocument.parse(data: XMLWriter.data(for: node), name: "deep.xml")
    #expect(reread.rootElement() == node)
  }

  @Test func tooDeepTreeIsRefused() {
    var node = XMLElementNode(name: "a")
    for _ in 0..<300 { node = XMLElementNode(name: "a", children: [node]) }
    #expect(throws: XMLError.self) { try XMLWriter.data(for: node) }
  }
}

@Suite struct BlankTextTests {
  @Test(arguments: [
    ("", true), ("  \n\t ", true), ("\r\n  ", true), ("\u{0B}\u{0C}", true), ("\u{A0}\u{2003}\n", true),
    ("  a ", false), ("\u{A0}x", false), ("é", false), (" \u{301}", true), ("a\u{301}", false),
  ])
  func blankTextIsDecidedAsByCharacters(text: String, blank: Bool) {
    #expect(XMLElementNode.isBlank(text) == blank)
    #expect(XMLElementNode.isBlank(text) == text.allSatisfy { $0.isWhitespace })
  }

  @Test func indentationAroundChildrenIsDropped() throws {
    let xml = "<r>\r\n  <a>x</a>\r\n\t<b> </b>\u{A0}</r>"
    let root = try #require(try XMLDocument.parse(data: bytes(xml), name: "t.xml").rootElement())
    #expect(root.text == "")
    #expect(root.children.map(\.text) == ["x", " "])
  }
}

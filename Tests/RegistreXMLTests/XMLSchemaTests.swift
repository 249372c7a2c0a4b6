import Foundation
import Testing

@testable import RegistreXML

private let xsd = """
  <?xml version="1.0" encoding="UTF-8"?>
  <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"
             targetNamespace="urn:registre" xmlns="urn:registre" elementFormDefault="qualified">
    <xs:element name="registre">
      <xs:complexType>
        <xs:sequence>
          <xs:element name="traitement" maxOccurs="unbounded">
            <xs:complexType>
              <xs:sequence>
                <xs:element name="nom" type="xs:string"/>
                <xs:element name="duree" type="xs:duration"/>
              </xs:sequence>
              <xs:attribute name="id" type="xs:NCName" use="required"/>
            </xs:complexType>
          </xs:element>
        </xs:sequence>
        <xs:attribute name="version" type="xs:positiveInteger" use="required"/>
      </xs:complexType>
    </xs:element>
  </xs:schema>
  """

private func schema() throws -> XMLSchema {
  try XMLSchema(xsd: Data(xsd.utf8), name: "registre.xsd")
}

private func document(_ text: String) throws -> XMLDocument {
  try XMLDocument.parse(data: Data(text.utf8), name: "registre.xml")
}

@Suite struct SchemaTests {
  @Test func validDocumentHasNoDiagnostics() throws {
    let doc = try document(
      """
      <registre xmlns="urn:registre" version="1">
        <traitement id="t1"><nom>Cantine</nom><duree>P1Y</duree></traitement>
        <traitement id="t2"><nom>ENT</nom><duree>P3M</duree></traitement>
      </registre>
      """)
    #expect(try schema().validate(doc).isEmpty)
  }

  @Test func invalidDocumentReportsLinesAndPaths() throws {
    let doc = try document(
      """
      <registre xmlns="urn:registre" version="1">
        <traitement id="t1"><nom>Cantine</nom><duree>P1Y</duree></traitement>
        <traitement id="t2">
          <nom>ENT</nom>
          <duree>un an</duree>
        </traitement>
        <autre/>
      </registre>
      """)
    let diagnostics = try schema().validate(doc)
    #expect(diagnostics.count == 2)
    let duration = try #require(diagnostics.first)
    #expect(duration.line == 5)
    #expect(duration.path == "/registre/traitement[2]/duree")
    #expect(duration.message.contains("duree"))
    #expect(duration.severity == .error)
    let unexpected = try #require(diagnostics.last)
    #expect(unexpected.line == 7)
    #expect(unexpected.path == "/registre/autre")
    #expect(unexpected.message.contains("This element is not expected"))
  }

  @Test func attributeErrorsNameTheAttribute() throws {
    let doc = try document(
      """
      <registre xmlns="urn:registre" version="zéro">
        <traitement><nom>Cantine</nom><duree>P1Y</duree></traitement>
      </registre>
      """)
    let diagnostics = try schema().validate(doc)
    #expect(diagnostics.count == 2)
    #expect(diagnostics.contains { $0.path == "/registre/@version" && $0.line == 1 }, "\(diagnostics)")
    #expect(diagnostics.contains { $0.path == "/registre/traitement" && $0.line == 2 })
  }

  @Test func schemaLocationHintsAreNotFollowed() throws {
    let doc = try document(
      """
      <registre xmlns="urn:registre" version="1"
        xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
        xsi:schemaLocation="urn:registre file:///nonexistent/registre.xsd urn:autre http://127.0.0.1:9/x.xsd">
        <traitement id="t1"><nom>Cantine</nom><duree>P1Y</duree></traitement>
      </registre>
      """)
    // A load attempt would surface as a warning ("failed to load external entity").
    #expect(try schema().validate(doc).isEmpty)
  }

  @Test func builtTreeCanBeValidated() throws {
    let root = XMLElementNode(
      name: "registre", namespace: "urn:registre",
      attributes: [XMLAttribute(name: "version", value: "2")],
      children: [
        XMLElementNode(
          name: "traitement", namespace: "urn:registre",
          attributes: [XMLAttribute(name: "id", value: "t1")],
          children: [
            XMLElementNode(name: "nom", namespace: "urn:registre", text: "Cantine"),
            XMLElementNode(name: "duree", namespace: "urn:registre", text: "P1Y"),
          ])
      ])
    #expect(try schema().validate(XMLDocument(root: root)).isEmpty)
  }

  @Test func invalidSchemaIsAnError() throws {
    let broken = xsd.replacingOccurrences(of: "type=\"xs:duration\"", with: "type=\"xs:inconnu\"")
    #expect {
      try XMLSchema(xsd: Data(broken.utf8), name: "broken.xsd")
    } throws: { error in
      guard case .invalidSchema(let diagnostics) = error as? XMLError else { return false }
      return diagnostics.contains { $0.message.contains("inconnu") }
    }
  }

  @Test func malformedSchemaIsAnError() {
    #expect(throws: XMLError.self) {
      try XMLSchema(xsd: Data("<xs:schema".utf8), name: "broken.xsd")
    }
  }

  @Test func schemaThatLoadsFilesIsRefused() {
    let including = """
      <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
        <xs:include schemaLocation="file:///etc/hostname"/>
      </xs:schema>
      """
    #expect {
      try XMLSchema(xsd: Data(including.utf8), name: "include.xsd")
    } throws: { error in
      guard case .invalidSchema(let diagnostics) = error as? XMLError else { return false }
      return diagnostics.first?.line == 2
    }
  }

  @Test func twoThreadsValidateConcurrently() async throws {
    let valid = """
      <registre xmlns="urn:registre" version="1">
        <traitement id="t1"><nom>Cantine</nom><duree>P1Y</duree></traitement>
      </registre>
      """
    let invalid = """
      <registre xmlns="urn:registre" version="1">
        <traitement id="t1"><nom>Cantine</nom><duree>jamais</duree></traitement>
      </registre>
      """
    let outcomes = await withTaskGroup(of: [Int].self) { group in
      for index in 0..<6 {
        let text = index % 2 == 0 ? valid : invalid
        group.addTask {
          var counts: [Int] = []
          for _ in 0..<50 {
            guard let schema = try? XMLSchema(xsd: Data(xsd.utf8), name: "registre.xsd"),
              let doc = try? XMLDocument.parse(data: Data(text.utf8), name: "r.xml")
            else { return [-1] }
            counts.append(schema.validate(doc).count)
          }
          return [index % 2] + [Set(counts).count == 1 ? counts[0] : -1]
        }
      }
      var all: [[Int]] = []
      for await result in group { all.append(result) }
      return all
    }
    #expect(outcomes.count == 6)
    for outcome in outcomes {
      #expect(outcome == [0, 0] || outcome == [1, 1])
    }
  }
}

import Foundation
import Testing

@testable import RegistreXML

/// A fresh templates directory holding the given files; removed by `cleanUp`.
private struct Templates {
  let directory: URL

  init(_ files: [String: String]) throws {
    directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("registre-xslt-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    for (name, content) in files {
      try Data(content.utf8).write(to: directory.appendingPathComponent(name))
    }
  }

  func stylesheet(_ name: String) throws -> XSLTStylesheet {
    try XSLTStylesheet(contentsOf: directory.appendingPathComponent(name), templatesDirectory: directory)
  }

  func cleanUp() {
    try? FileManager.default.removeItem(at: directory)
  }
}

private let source = """
  <registre xmlns="urn:registre"><traitement id="t1"><nom>Cantine &amp; self</nom></traitement></registre>
  """

private func sourceDocument() throws -> XMLDocument {
  try XMLDocument.parse(data: Data(source.utf8), name: "registre.xml")
}

private func header(_ extra: String = "") -> String {
  """
  <?xml version="1.0"?>
  <xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:r="urn:registre" \(extra)>
  """
}

private func failureMessages(_ body: () throws -> Void) -> [String]? {
  do {
    try body()
    return nil
  } catch let error as XSLTError {
    if case .transformFailed(let messages) = error { return messages }
    return ["unexpected error: \(error)"]
  } catch {
    return ["unexpected error: \(error)"]
  }
}

@Suite struct XSLTTests {
  @Test func transformWithIncludeDocumentAndParameters() throws {
    let templates = try Templates([
      "main.xsl": header() + """
        <xsl:include href="commun.xsl"/>
        <xsl:output method="xml" encoding="UTF-8" indent="no"/>
        <xsl:param name="titre" select="'défaut'"/>
        <xsl:template match="/">
          <sortie titre="{$titre}">
            <xsl:call-template name="commun"/>
            <xsl:value-of select="document('libelles.xml')/libelles/@ecole"/>
            <xsl:for-each select="r:registre/r:traitement"><t><xsl:value-of select="r:nom"/></t></xsl:for-each>
          </sortie>
        </xsl:template>
        </xsl:stylesheet>
        """,
      "commun.xsl": header() + """
        <xsl:template name="commun"><commun/></xsl:template>
        </xsl:stylesheet>
        """,
      "libelles.xml": "<libelles ecole=\"Lycée Test\"/>",
    ])
    defer { templates.cleanUp() }
    let stylesheet = try templates.stylesheet("main.xsl")
    let output = try stylesheet.transform(
      try sourceDocument(), parameters: ["titre": "L'\"école\" & <co>"])
    let text = String(decoding: output, as: UTF8.self)
    #expect(text.contains("titre=\"L'&quot;école&quot; &amp; &lt;co&gt;\""))
    #expect(text.contains("<commun/>"))
    #expect(text.contains("Lycée Test"))
    #expect(text.contains("<t>Cantine &amp; self</t>"))
  }

  @Test func textOutputAndRepeatedTransforms() throws {
    let templates = try Templates([
      "texte.xsl": header() + """
        <xsl:output method="text" encoding="UTF-8"/>
        <xsl:param name="p"/>
        <xsl:template match="/"><xsl:value-of select="concat($p, ':', //r:nom)"/></xsl:template>
        </xsl:stylesheet>
        """
    ])
    defer { templates.cleanUp() }
    let stylesheet = try templates.stylesheet("texte.xsl")
    for value in ["a", "b'c", "\"d\""] {
      let output = try stylesheet.transform(try sourceDocument(), parameters: ["p": value])
      #expect(String(decoding: output, as: UTF8.self) == "\(value):Cantine & self")
    }
  }

  @Test func readingOutsideTemplatesIsRefused() throws {
    let templates = try Templates([
      "fuite.xsl": header() + """
        <xsl:template match="/"><x><xsl:copy-of select="document('file:///etc/hostname')"/></x></xsl:template>
        </xsl:stylesheet>
        """,
      "remonte.xsl": header() + """
        <xsl:template match="/"><x><xsl:copy-of select="document('../../../../etc/hostname')"/></x></xsl:template>
        </xsl:stylesheet>
        """,
    ])
    defer { templates.cleanUp() }
    for name in ["fuite.xsl", "remonte.xsl"] {
      let stylesheet = try templates.stylesheet(name)
      let messages = try #require(failureMessages { _ = try stylesheet.transform(try sourceDocument()) })
      #expect(messages.contains { $0.contains("refused") }, "\(messages)")
    }
  }

  @Test func writingFilesIsRefused() throws {
    let templates = try Templates([
      "ecrit.xsl": header("xmlns:exsl=\"http://exslt.org/common\" extension-element-prefixes=\"exsl\"")
        + """
        <xsl:template match="/">
          <exsl:document href="pirate.txt" method="text">pirate</exsl:document>
          <fini/>
        </xsl:template>
        </xsl:stylesheet>
        """
    ])
    defer { templates.cleanUp() }
    let stylesheet = try templates.stylesheet("ecrit.xsl")
    let messages = try #require(failureMessages { _ = try stylesheet.transform(try sourceDocument()) })
    #expect(messages.contains { $0.contains("File write for pirate.txt refused") }, "\(messages)")
    let written = ["pirate.txt"].flatMap {
      [templates.directory.appendingPathComponent($0).path, FileManager.default.currentDirectoryPath + "/" + $0]
    }
    for path in written { #expect(!FileManager.default.fileExists(atPath: path)) }
  }

  @Test func terminatingMessageIsAnError() throws {
    let templates = try Templates([
      "stop.xsl": header() + """
        <xsl:template match="/"><xsl:message terminate="yes">Arrêt demandé</xsl:message></xsl:template>
        </xsl:stylesheet>
        """
    ])
    defer { templates.cleanUp() }
    let stylesheet = try templates.stylesheet("stop.xsl")
    let messages = try #require(failureMessages { _ = try stylesheet.transform(try sourceDocument()) })
    #expect(messages.contains { $0.contains("Arrêt demandé") }, "\(messages)")
  }

  @Test func runtimeErrorIsAnError() throws {
    let templates = try Templates([
      "boucle.xsl": header() + """
        <xsl:template name="encore"><xsl:call-template name="encore"/></xsl:template>
        <xsl:template match="/"><xsl:call-template name="encore"/></xsl:template>
        </xsl:stylesheet>
        """
    ])
    defer { templates.cleanUp() }
    let stylesheet = try templates.stylesheet("boucle.xsl")
    let messages = try #require(failureMessages { _ = try stylesheet.transform(try sourceDocument()) })
    #expect(messages.contains { $0.contains("infinite template recursion") }, "\(messages)")
  }

  @Test func runawayRecursionFailsCleanlyOnASmallStack() async throws {
    let templates = try Templates([
      "boucle.xsl": header() + """
        <xsl:template name="encore"><xsl:param name="n" select="0"/>
          <xsl:call-template name="encore"><xsl:with-param name="n" select="$n + 1"/></xsl:call-template>
        </xsl:template>
        <xsl:template match="/"><xsl:call-template name="encore"/></xsl:template>
        </xsl:stylesheet>
        """
    ])
    defer { templates.cleanUp() }
    // 512 KiB is the secondary-thread stack size on macOS, the smallest we may meet.
    let messages = await withCheckedContinuation { (continuation: CheckedContinuation<[String]?, Never>) in
      let thread = Thread {
        continuation.resume(
          returning: failureMessages {
            _ = try templates.stylesheet("boucle.xsl").transform(try sourceDocument())
          })
      }
      thread.stackSize = 512 * 1024
      thread.start()
    }
    #expect(messages?.contains { $0.contains("infinite template recursion") } == true, "\(messages ?? [])")
  }

  @Test func invalidStylesheetsAreErrors() throws {
    let templates = try Templates([
      "xpath.xsl": header() + """
        <xsl:template match="/"><xsl:value-of select="concat(("/></xsl:template>
        </xsl:stylesheet>
        """,
      "inclus.xsl": header() + """
        <xsl:include href="file:///etc/hostname"/>
        </xsl:stylesheet>
        """,
      "dtd.xsl": "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/hostname\">]>\n" + header()
        + "<xsl:template match=\"/\">&e;</xsl:template></xsl:stylesheet>",
      "casse.xsl": header() + "<xsl:template match=\"/\">",
    ])
    defer { templates.cleanUp() }
    for name in ["xpath.xsl", "inclus.xsl"] {
      #expect {
        try templates.stylesheet(name)
      } throws: { error in
        guard case .invalidStylesheet(_, let messages) = error as? XSLTError else { return false }
        return !messages.isEmpty
      }
    }
    for name in ["dtd.xsl", "casse.xsl"] {
      #expect {
        try templates.stylesheet(name)
      } throws: { error in
        guard case .malformedStylesheet = error as? XSLTError else { return false }
        return true
      }
    }
  }

  @Test func networkReadIsRefused() throws {
    let templates = try Templates([
      "reseau.xsl": header() + """
        <xsl:template match="/"><x><xsl:copy-of select="document('http://127.0.0.1:9/x.xml')"/></x></xsl:template>
        </xsl:stylesheet>
        """
    ])
    defer { templates.cleanUp() }
    let stylesheet = try templates.stylesheet("reseau.xsl")
    let messages = try #require(failureMessages { _ = try stylesheet.transform(try sourceDocument()) })
    #expect(messages.contains { $0.contains("Network file read") }, "\(messages)")
  }

  @Test func stylesheetOutsideTemplatesIsRefused() throws {
    let templates = try Templates(["a.xsl": header() + "</xsl:stylesheet>"])
    defer { templates.cleanUp() }
    let inner = templates.directory.appendingPathComponent("sous")
    try FileManager.default.createDirectory(at: inner, withIntermediateDirectories: true)
    #expect(throws: XSLTError.self) {
      try XSLTStylesheet(
        contentsOf: inner.appendingPathComponent("../a.xsl"), templatesDirectory: inner)
    }
    #expect(throws: XSLTError.self) {
      try XSLTStylesheet(contentsOf: URL(fileURLWithPath: "/etc/hostname"), templatesDirectory: inner)
    }
  }

  @Test func invalidParameterNameIsRefused() throws {
    let templates = try Templates(["a.xsl": header() + "</xsl:stylesheet>"])
    defer { templates.cleanUp() }
    let stylesheet = try templates.stylesheet("a.xsl")
    #expect(throws: XSLTError.invalidParameter(name: "1 bad")) {
      try stylesheet.transform(try sourceDocument(), parameters: ["1 bad": "x"])
    }
  }

  @Test func twoThreadsTransformConcurrently() async throws {
    let templates = try Templates([
      "ok.xsl": header() + """
        <xsl:output method="text"/>
        <xsl:template match="/"><xsl:value-of select="//r:nom"/></xsl:template>
        </xsl:stylesheet>
        """,
      "stop.xsl": header() + """
        <xsl:template match="/"><xsl:message terminate="yes">stop</xsl:message></xsl:template>
        </xsl:stylesheet>
        """,
    ])
    defer { templates.cleanUp() }
    let outcomes = await withTaskGroup(of: Bool.self) { group in
      for index in 0..<6 {
        group.addTask {
          for _ in 0..<30 {
            do {
              let stylesheet = try templates.stylesheet(index % 2 == 0 ? "ok.xsl" : "stop.xsl")
              let output = try stylesheet.transform(try sourceDocument())
              if index % 2 != 0 || output != Data("Cantine & self".utf8) { return false }
            } catch let error as XSLTError {
              guard index % 2 != 0, case .transformFailed(let messages) = error,
                messages.contains(where: { $0.contains("stop") })
              else { return false }
            } catch {
              return false
            }
          }
          return true
        }
      }
      var all: [Bool] = []
      for await outcome in group { all.append(outcome) }
      return all
    }
    #expect(outcomes == Array(repeating: true, count: 6))
  }
}

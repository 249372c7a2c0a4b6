import Foundation
import Testing

@testable import RegistreXML

/// Hostile stylesheets (issue 24): each one is a CPU or memory bomb that a school's
/// `--modeles` folder could hold; each must end with `limitExceeded`, never hang.
@Suite struct XSLTLimitsTests {
  private static let header = """
    <?xml version="1.0"?>
    <xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
      xmlns:str="http://exslt.org/strings" extension-element-prefixes="str">
    """

  /// Compiles `body` as a stylesheet in a fresh folder and applies it to a tiny document.
  private func run(_ body: String, limits: XSLTLimits = .standard) throws -> Data {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("registre-xslt-limits-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let file = directory.appendingPathComponent("bombe.xsl")
    try Data((Self.header + body + "</xsl:stylesheet>").utf8).write(to: file)
    let stylesheet = try XSLTStylesheet(contentsOf: file, templatesDirectory: directory)
    let input = try XMLDocument.parse(data: Data("<r><a/><a/><a/><a/><a/><a/><a/><a/></r>".utf8), name: "r.xml")
    return try stylesheet.transform(input, parameters: [:], limits: limits)
  }

  /// Binary recursion of depth 40: 2^40 calls, far below the depth limit.
  private static let instructionBomb = """
    <xsl:template name="deux"><xsl:param name="n" select="40"/>
      <xsl:if test="$n &gt; 0">
        <xsl:call-template name="deux"><xsl:with-param name="n" select="$n - 1"/></xsl:call-template>
        <xsl:call-template name="deux"><xsl:with-param name="n" select="$n - 1"/></xsl:call-template>
      </xsl:if>
    </xsl:template>
    <xsl:template match="/"><sortie><xsl:call-template name="deux"/></sortie></xsl:template>
    """

  @Test func instructionBombStopsAtTheStandardInstructionLimit() {
    #expect(throws: XSLTError.limitExceeded(.instructions)) { _ = try run(Self.instructionBomb) }
  }

  @Test func instructionBombStopsAtTheTimeLimitWhenCountsAreUnbounded() {
    let limits = XSLTLimits(
      instructions: .max / 2, xpathOperations: .max / 2, memoryBytes: 512 * 1024 * 1024, time: .seconds(1))
    #expect(throws: XSLTError.limitExceeded(.time)) { _ = try run(Self.instructionBomb, limits: limits) }
  }

  @Test func nestedPredicatesStopAtTheXPathLimit() {
    // One expression, 8^7 predicate evaluations: no XSLT instruction in between.
    let bomb = """
      <xsl:template match="/"><xsl:variable name="n" select="//a"/>
        <sortie><xsl:value-of select="count($n[count($n[count($n[count($n[count($n[count($n[count($n)])])])])])])"/></sortie>
      </xsl:template>
      """
    let limits = XSLTLimits(
      instructions: 1_000_000, xpathOperations: 100_000, memoryBytes: 64 * 1024 * 1024, time: .seconds(60))
    #expect(throws: XSLTError.limitExceeded(.xpathOperations)) { _ = try run(bomb, limits: limits) }
  }

  @Test func stringDoublingStopsAtTheMemoryLimit() {
    // Doubles a string 40 times (a terabyte); each step is one instruction.
    let bomb = """
      <xsl:template name="double"><xsl:param name="s" select="'0123456789abcdef'"/><xsl:param name="n" select="40"/>
        <xsl:choose>
          <xsl:when test="$n &gt; 0">
            <xsl:call-template name="double">
              <xsl:with-param name="s" select="concat($s, $s)"/><xsl:with-param name="n" select="$n - 1"/>
            </xsl:call-template>
          </xsl:when>
          <xsl:otherwise><xsl:value-of select="string-length($s)"/></xsl:otherwise>
        </xsl:choose>
      </xsl:template>
      <xsl:template match="/"><sortie><xsl:call-template name="double"/></sortie></xsl:template>
      """
    let limits = XSLTLimits(
      instructions: 50_000_000, xpathOperations: 500_000_000, memoryBytes: 64 * 1024 * 1024, time: .seconds(60))
    #expect(throws: XSLTError.limitExceeded(.memory)) { _ = try run(bomb, limits: limits) }
  }

  @Test func oneHugeAllocationIsRefusedNotAttempted() {
    // A single EXSLT call asking for 3 GB: above the hard bound, the allocation fails.
    let bomb = """
      <xsl:template match="/"><sortie><xsl:value-of select="string-length(str:padding(3000000000, 'x'))"/></sortie></xsl:template>
      """
    let limits = XSLTLimits(
      instructions: 1_000_000, xpathOperations: 1_000_000, memoryBytes: 64 * 1024 * 1024, time: .seconds(60))
    do {
      let output = try run(bomb, limits: limits)
      // libexslt may give up on its own (the length is beyond an int): then no 3 GB string was built.
      let text = String(decoding: output, as: UTF8.self)
      #expect(!text.contains("3000000000"), "\(text)")
    } catch let error as XSLTError {
      switch error {
      case .limitExceeded(.memory), .transformFailed: break
      default: Issue.record("unexpected error \(error)")
      }
    } catch {
      Issue.record("unexpected error \(error)")
    }
  }

  @Test func anOrdinaryStylesheetStaysWithinTightBounds() throws {
    let ordinary = """
      <xsl:template match="/"><sortie><xsl:for-each select="//a"><x><xsl:value-of select="position()"/></x></xsl:for-each></sortie></xsl:template>
      """
    let limits = XSLTLimits(
      instructions: 1_000, xpathOperations: 10_000, memoryBytes: 4 * 1024 * 1024, time: .seconds(60))
    let output = String(decoding: try run(ordinary, limits: limits), as: UTF8.self)
    #expect(output.contains("<x>8</x>"))
  }
}

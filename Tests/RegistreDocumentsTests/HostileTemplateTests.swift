import Foundation
import Testing

@testable import RegistreDocuments
import RegistreXML

#if canImport(Glibc)
  import Glibc
#endif

/// A school's templates folder (`registre document --modeles DIR`) written by an
/// attacker (issue 24): it must not hang the process, exhaust memory, read local
/// files outside its folder, reach the network, or see this process's secrets.
@Suite(.serialized) struct HostileTemplateTests {
  /// A copy of the built-in templates where `registre.xsl` is replaced by `template`.
  private static func library(registre template: String) throws -> (TemplateLibrary, URL) {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("registre-hostile-\(UUID().uuidString)")
    _ = try Tools.builtInTemplates.export(to: folder)
    try Data(template.utf8).write(to: folder.appendingPathComponent("registre.xsl"))
    return (try TemplateLibrary.custom(folder), folder)
  }

  /// A template writing `body` inside a minimal FO page.
  private static func foTemplate(declarations: String = "", body: String) -> String {
    """
    <?xml version="1.0" encoding="UTF-8"?>
    <xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
      xmlns:fo="http://www.w3.org/1999/XSL/Format" xmlns:pdf="http://xmlgraphics.apache.org/fop/extensions/pdf">
    <xsl:template match="/">
    <fo:root xml:lang="fr">
      <fo:layout-master-set><fo:simple-page-master master-name="p" page-height="29.7cm" page-width="21cm" margin="2cm">
        <fo:region-body/></fo:simple-page-master></fo:layout-master-set>
      \(declarations)
      <fo:page-sequence master-reference="p"><fo:flow flow-name="xsl-region-body">
        <fo:block font-family="DejaVu Sans">Registre \(body)</fo:block></fo:flow></fo:page-sequence>
    </fo:root>
    </xsl:template>
    </xsl:stylesheet>
    """
  }

  private static let input = Data(#"<registre xmlns="urn:registre"><a/></registre>"#.utf8)

  private func render(_ template: String, uriCheck: Bool = true, transformer: LibXSLTTransformer = LibXSLTTransformer())
    async throws -> Result<Data, DocumentError>
  {
    let (library, folder) = try Self.library(registre: template)
    defer { try? FileManager.default.removeItem(at: folder) }
    var renderer = library.fopRenderer(timeout: .seconds(120))
    renderer.checksURIs = uriCheck
    let pipeline = DocumentPipeline(templates: library, transformer: transformer, renderer: renderer)
    do {
      return .success(try await pipeline.pdf(for: .register, input: Self.input))
    } catch {
      return .failure(error)
    }
  }

  @Test func cpuBombTemplateIsStoppedByTheTransformTimeLimit() async throws {
    let bomb = """
      <?xml version="1.0"?>
      <xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
      <xsl:template name="deux"><xsl:param name="n" select="60"/>
        <xsl:if test="$n &gt; 0">
          <xsl:call-template name="deux"><xsl:with-param name="n" select="$n - 1"/></xsl:call-template>
          <xsl:call-template name="deux"><xsl:with-param name="n" select="$n - 1"/></xsl:call-template>
        </xsl:if>
      </xsl:template>
      <xsl:template match="/"><x><xsl:call-template name="deux"/></x></xsl:template>
      </xsl:stylesheet>
      """
    let limits = XSLTLimits(instructions: .max / 2, xpathOperations: .max / 2, memoryBytes: 256 << 20, time: .seconds(2))
    let outcome = try await render(bomb, transformer: LibXSLTTransformer(limits: limits))
    guard case .failure(.transformFailed(_, let detail)) = outcome else {
      Issue.record("expected a stopped transformation, got \(outcome)")
      return
    }
    #expect(detail.contains("n'a pas terminé en 2 s"), "\(detail)")
  }

  @Test func memoryBombTemplateIsStoppedByTheMemoryLimit() async throws {
    let bomb = """
      <?xml version="1.0"?>
      <xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
      <xsl:template name="double"><xsl:param name="s" select="'registre'"/><xsl:param name="n" select="45"/>
        <xsl:choose>
          <xsl:when test="$n &gt; 0"><xsl:call-template name="double">
            <xsl:with-param name="s" select="concat($s, $s)"/><xsl:with-param name="n" select="$n - 1"/></xsl:call-template></xsl:when>
          <xsl:otherwise><xsl:value-of select="string-length($s)"/></xsl:otherwise>
        </xsl:choose>
      </xsl:template>
      <xsl:template match="/"><x><xsl:call-template name="double"/></x></xsl:template>
      </xsl:stylesheet>
      """
    let limits = XSLTLimits(instructions: 1_000_000, xpathOperations: 10_000_000, memoryBytes: 64 << 20, time: .seconds(60))
    let outcome = try await render(bomb, transformer: LibXSLTTransformer(limits: limits))
    guard case .failure(.transformFailed(_, let detail)) = outcome else {
      Issue.record("expected a stopped transformation, got \(outcome)")
      return
    }
    #expect(detail.contains("64 Mio de mémoire"), "\(detail)")
  }

  @Test(arguments: [
    #"<fo:external-graphic src="url('file:///etc/passwd')"/>"#,
    #"<fo:external-graphic src="/etc/hostname"/>"#,
    #"<fo:external-graphic src="../../../../../etc/passwd"/>"#,
    #"<fo:external-graphic src="url(http://127.0.0.1:9/logo.png)"/>"#,
    #"<fo:inline background-image="url('https://example.org/x.png')">x</fo:inline>"#,
  ])
  func externalGraphicOutsideTheFolderIsRefusedBeforeFOP(_ graphic: String) async throws {
    let outcome = try await render(Self.foTemplate(body: graphic))
    guard case .failure(.rendering(.resourceRefused(let uri))) = outcome else {
      Issue.record("expected a refused resource, got \(outcome)")
      return
    }
    #expect(graphic.contains(uri), "\(uri)")
  }

  @Test func embeddedLocalFileIsRefusedBeforeFOP() async throws {
    let template = Self.foTemplate(
      declarations: #"<fo:declarations><pdf:embedded-file filename="vol.txt" src="file:///etc/passwd"/></fo:declarations>"#,
      body: "")
    let outcome = try await render(template)
    #expect(outcome == .failure(.rendering(.resourceRefused("file:///etc/passwd"))))
  }

  @Test func doctypeWrittenThroughDisableOutputEscapingIsRefused() async throws {
    let template = """
      <?xml version="1.0"?>
      <xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
      <xsl:output method="xml" omit-xml-declaration="yes"/>
      <xsl:template match="/"><xsl:text disable-output-escaping="yes">&lt;!DOCTYPE fo:root [&lt;!ENTITY e SYSTEM "file:///etc/passwd"&gt;]&gt;</xsl:text>
      <fo:root xmlns:fo="http://www.w3.org/1999/XSL/Format"><fo:layout-master-set/></fo:root></xsl:template>
      </xsl:stylesheet>
      """
    let outcome = try await render(template)
    #expect(outcome == .failure(.rendering(.resourceRefused("<!DOCTYPE>"))))
  }

  @Test func aGraphicInsideTheTemplatesFolderIsAccepted() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("registre-sandbox-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let sandbox = FOPSandbox(readableFolders: [folder], readableFiles: [], scratch: folder, heapMegabytes: 256)
    #expect(sandbox.allows(folder.appendingPathComponent("logo.png").absoluteString, attachments: []))
    #expect(sandbox.allows(folder.appendingPathComponent("logo.png").path, attachments: []))
    #expect(sandbox.allows("registre.xml", attachments: ["registre.xml"]))
    #expect(sandbox.allows("data:image/png;base64,AAAA", attachments: []))
    #expect(!sandbox.allows(folder.appendingPathComponent("../secret.png").path, attachments: []))
    #expect(!sandbox.allows("autre.xml", attachments: ["registre.xml"]))
  }

  /// The second layer alone: with the URI check off, FOP's JVM policy must still
  /// refuse the local file, and no connection reaches a local listener.
  @Test func fopPolicyRefusesLocalFilesAndTheNetworkOnItsOwn() async throws {
    let listener = try LoopbackListener()
    defer { listener.close() }
    let fileTemplate = Self.foTemplate(
      declarations: #"<fo:declarations><pdf:embedded-file filename="vol.txt" src="file:///etc/passwd"/></fo:declarations>"#,
      body: "")
    let fileOutcome = try await render(fileTemplate, uriCheck: false)
    #expect(fileOutcome == .failure(.rendering(.resourceRefused("/etc/passwd"))), "\(fileOutcome)")

    let networkTemplate = Self.foTemplate(
      body: #"<fo:external-graphic src="url('http://127.0.0.1:\#(listener.port)/logo.png')"/>"#)
    let networkOutcome = try await render(networkTemplate, uriCheck: false)
    if case .success(let pdf) = networkOutcome {
      // FOP reports a missing image and goes on; the point is that nothing was fetched.
      #expect(pdf.starts(with: Array("%PDF-".utf8)))
    } else {
      #expect(networkOutcome == .failure(.rendering(.resourceRefused("127.0.0.1:\(listener.port)"))), "\(networkOutcome)")
    }
    #expect(listener.acceptedConnections() == 0)
  }

  /// A stand-in `fop` that reports its environment and process group in the "PDF".
  @Test func childGetsACleanEnvironmentAndStaysInOurProcessGroup() async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("registre-env-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let script = folder.appendingPathComponent("fop")
    try Data(
      """
      #!/bin/sh
      while [ $# -gt 0 ]; do [ "$1" = "-pdf" ] && out="$2"; shift; done
      { echo "%PDF-1.7"; echo "PGID=$(ps -o pgid= -p $$ | tr -d ' ')"; env; } > "$out"
      """.utf8
    ).write(to: script)
    chmod(script.path, 0o755)
    let secret = "REGISTRE_TEST_SECRET_\(UUID().uuidString.prefix(8))"
    setenv(secret, "ne-doit-pas-fuir", 1)
    defer { unsetenv(secret) }
    var renderer = try Tools.builtInTemplates.fopRenderer()
    renderer.executable = script
    let pdf = try await renderer.render(RenderRequest(fo: Data(Self.minimalFO.utf8)))
    let text = String(decoding: pdf, as: UTF8.self)
    #expect(!text.contains(secret))
    #expect(!text.contains("REGISTRE_MOT_DE_PASSE"))
    #expect(text.contains("PGID=\(getpgrp())"), "\(text)")
    let keys = text.split(separator: "\n").dropFirst(2).compactMap { $0.split(separator: "=").first.map(String.init) }
    let allowed: Set<String> = [
      "PATH", "LANG", "LC_ALL", "TZ", "JAVA_HOME", "HOME", "TMPDIR", "SOURCE_DATE_EPOCH", "JDK_JAVA_OPTIONS", "PWD",
      "SHLVL", "_", "OLDPWD",
    ]
    #expect(Set(keys).subtracting(allowed).isEmpty, "\(keys)")
  }

  @Test func staleScratchFoldersOfDeadProcessesAreRemoved() throws {
    let base = FileManager.default.temporaryDirectory.appendingPathComponent("registre-stale-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: base) }
    // A pid that cannot be alive (above pid_max), one that is (ours is skipped; 1 is init).
    let dead = base.appendingPathComponent("registre-rendu.99999999.abcdef")
    let alive = base.appendingPathComponent("registre-rendu.1.abcdef")
    let other = base.appendingPathComponent("autre.99999999.abcdef")
    for folder in [dead, alive, other] {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      try Data("donnée personnelle".utf8).write(to: folder.appendingPathComponent("document.fo"))
    }
    let removed = StaleScratch.clean(in: base)
    #expect(removed == [dead.path])
    #expect(!FileManager.default.fileExists(atPath: dead.path))
    #expect(FileManager.default.fileExists(atPath: alive.path))
    #expect(FileManager.default.fileExists(atPath: other.path))
  }

  static let minimalFO = """
    <?xml version="1.0"?>
    <fo:root xmlns:fo="http://www.w3.org/1999/XSL/Format"><fo:layout-master-set>
    <fo:simple-page-master master-name="p"><fo:region-body/></fo:simple-page-master></fo:layout-master-set>
    <fo:page-sequence master-reference="p"><fo:flow flow-name="xsl-region-body"><fo:block>x</fo:block></fo:flow>
    </fo:page-sequence></fo:root>
    """
}

/// A TCP listener on 127.0.0.1 that counts the connections it accepts.
final class LoopbackListener: @unchecked Sendable {
  let descriptor: Int32
  let port: UInt16

  init() throws {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw ToolError.missing("socket") }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard bound == 0, listen(fd, 16) == 0 else { throw ToolError.missing("bind") }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
    descriptor = fd
    port = UInt16(bigEndian: address.sin_port)
  }

  /// Connections waiting in the backlog (accepted now, then closed).
  func acceptedConnections() -> Int {
    var count = 0
    while true {
      let client = accept(descriptor, nil, nil)
      guard client >= 0 else { break }
      count += 1
      Glibc.close(client)
    }
    return count
  }

  func close() { Glibc.close(descriptor) }
}

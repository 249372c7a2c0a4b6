import Foundation
import RegistreTestSupport
import Testing

/// Issue 20: the register PDF's embedded canonical XML declares its MIME type (PDF/A-3), the
/// document stays reproducible.
@Suite("Registre PDF : le XML joint se déclare application/xml")
struct EmbeddedXMLTests {
  static let script = """
    import sys, pikepdf
    pdf = pikepdf.open(sys.argv[1])
    for spec in pdf.Root.AF:
        print(spec.F, spec.EF.F.Subtype)
    """

  @Test func theEmbeddedXMLIsApplicationXMLAndTheDocumentReproducible() throws {
    _ = try Checkers.require("fop", package: "fop")
    let python = try Checkers.require("python3", package: "python3")
    let root = try TemporaryFolder.make("registre-xml-joint")
    defer { try? FileManager.default.removeItem(at: root) }
    let demo = CLITool.depot.appendingPathComponent("Sources/RegistreCatalogue/Resources/demo").path
    let fixed = ["SOURCE_DATE_EPOCH": "1790000000"]
    for name in ["a.pdf", "b.pdf"] {
      let made = try CLITool.run(["document", demo, "--sortie", root.appendingPathComponent(name).path], environnement: fixed)
      #expect(made.code == 0, "\(made.erreurs)")
    }
    let a = try Data(contentsOf: root.appendingPathComponent("a.pdf"))
    #expect(a == (try Data(contentsOf: root.appendingPathComponent("b.pdf"))), "même SOURCE_DATE_EPOCH, mêmes octets")
    let listed = try CLITool.tool([python, "-c", Self.script, root.appendingPathComponent("a.pdf").path])
    #expect(listed.code == 0, "\(listed.sortie)")
    #expect(listed.sortie.contains("registre.xml /application/xml"), "\(listed.sortie)")
    // Signed, it verifies: ExportCLITests verifies the sealed year's registre PDF, which takes the same road.
  }
}

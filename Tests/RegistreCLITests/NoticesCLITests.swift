import Foundation
import RegistreTestSupport
import Testing

/// Issue 15 on the demo lycée: the families' first layer fits in two pages, the
/// pupils' notice in four (measured with pdfinfo and pdftotext, as a reader sees
/// them), and staff and visitors get their own notices.
@Suite("CLI : notices courtes pour chaque public")
struct NoticesCLI {
  static func pages(_ pdf: URL) throws -> Int {
    let info = try CLITool.tool(["pdfinfo", pdf.path])
    try #require(info.code == 0, "pdfinfo absent ou en échec")
    let line = try #require(info.sortie.split(separator: "\n").first { $0.hasPrefix("Pages:") })
    return try #require(Int(line.dropFirst("Pages:".count).trimmingCharacters(in: .whitespaces)))
  }

  static func pageText(_ pdf: URL, _ page: Int) throws -> String {
    try CLITool.tool(["pdftotext", "-f", "\(page)", "-l", "\(page)", pdf.path, "-"]).sortie
  }

  @Test func demoNoticesAreShort() throws {
    let dossier = try TemporaryFolder.make("registre-cli")
    defer { try? FileManager.default.removeItem(at: dossier) }
    let demo = dossier.appendingPathComponent("demo")
    try #require(try CLITool.run(["demo", "--sortie", demo.path, "--date", "2026-11-29"]).code == 0)
    let sortie = dossier.appendingPathComponent("notices")
    let r = try CLITool.run(["notices", demo.appendingPathComponent("registre").path, "--sortie", sortie.path])
    #expect(r.code == 0, "\(r.erreurs)")

    // Families: the annex starts on a new page, at page 3 at the latest.
    let familles = sortie.appendingPathComponent("notice-familles.pdf")
    let total = try Self.pages(familles)
    let annexe = try (1...total).first { try Self.pageText(familles, $0).contains("Annexe – le détail") }
    let debutAnnexe = try #require(annexe, "annexe absente de la notice des familles")
    #expect(debutAnnexe - 1 <= 2, "première partie de \(debutAnnexe - 1) pages (au plus 2)")
    #expect(try Self.pageText(familles, 1).contains("Usage et finalité"))

    // Pupils: at most four pages.
    #expect(try Self.pages(sortie.appendingPathComponent("notice-eleves.pdf")) <= 4)

    // Staff and visitors: their own notices, the visitors' with the CCTV sign text.
    let personnels = sortie.appendingPathComponent("notice-personnels.pdf")
    #expect(try Self.pageText(personnels, 1).contains("Information des personnels"))
    let visiteurs = sortie.appendingPathComponent("notice-visiteurs.pdf")
    let texteVisiteurs = try CLITool.tool(["pdftotext", visiteurs.path, "-"]).sortie
    #expect(texteVisiteurs.contains("Texte du panneau"))
  }
}

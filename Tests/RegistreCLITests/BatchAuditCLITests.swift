import Foundation
import Testing
import RegistreTestSupport

/// `registre generer-registres` and `registre audit --lot`, run as a user would.
@Suite struct BatchAuditCLI {
  @Test func generateThenAuditABatch() throws {
    let dossier = try TemporaryFolder.make()
    defer { try? FileManager.default.removeItem(at: dossier) }
    let lot = dossier.appendingPathComponent("lot").path
    let generation = try CLITool.run([
      "generer-registres", lot, "--etablissements", "5", "--traitements", "10", "--illisibles", "1",
    ])
    #expect(generation.code == 0, "\(generation.erreurs)")
    #expect(generation.sortie.contains("5 registre(s) écrit(s)"))

    let csv = dossier.appendingPathComponent("lot.csv").path
    let audit = try CLITool.run([
      "audit", "--lot", lot, "--format", "csv", "--sortie", csv, "--date", "2026-01-15",
    ])
    #expect(audit.code == 1)  // one register is unreadable
    #expect(audit.erreurs.contains("1 registre(s) illisible(s)"))
    let lignes = try String(contentsOfFile: csv, encoding: .utf8).components(separatedBy: "\r\n")
    #expect(lignes.first?.hasPrefix("source,uai,nom,statut") == true)
    #expect(lignes.filter { !$0.isEmpty }.count == 6)

    let jamais = try CLITool.run(["audit", "--lot", lot, "--format", "json", "--echec-si", "jamais"])
    #expect(jamais.code == 0)
    let objet = try JSONSerialization.jsonObject(with: Data(jamais.sortie.utf8)) as? [String: Any]
    #expect((objet?["schools"] as? [Any])?.count == 5)

    // A folder that is not empty is never written into.
    let encore = try CLITool.run(["generer-registres", lot, "--etablissements", "1"])
    #expect(encore.code == 2)
  }

  @Test func usagesRefuses() throws {
    let dossier = try TemporaryFolder.make()
    defer { try? FileManager.default.removeItem(at: dossier) }
    let absent = dossier.appendingPathComponent("absent").path
    #expect(try CLITool.run(["audit", "--lot", absent]).code == 2)
    #expect(try CLITool.run(["audit", "--lot", dossier.path]).code == 2)  // empty lot
    #expect(try CLITool.run(["audit", "--lot", dossier.path, "--format", "sarif"]).code == 2)
    // A PDF needs a file: never standard output.
    let pdf = try CLITool.run(["audit", "--lot", dossier.path, "--format", "pdf"])
    #expect(pdf.code == 2)
    #expect(pdf.erreurs.contains("--format pdf demande --sortie FICHIER.pdf"))
    let tiret = try CLITool.run(["audit", "--lot", dossier.path, "--format", "pdf", "--sortie", "-"])
    #expect(tiret.code == 2)
    #expect(tiret.erreurs.contains("Un PDF ne s'écrit pas sur la sortie standard"))
    let demo = try CLITool.run(["audit", "--lot", dossier.path, "--format", "csv", "--demonstration"])
    #expect(demo.code == 2)
    #expect(demo.erreurs.contains("ne sert qu'avec --format pdf"))
    #expect(try CLITool.run(["audit", CLITool.registreValide.path, "--lot", dossier.path]).code == 2)
    #expect(try CLITool.run(["audit", CLITool.registreValide.path, "--format", "csv"]).code == 2)
    #expect(try CLITool.run(["audit"]).code == 2)
  }
}

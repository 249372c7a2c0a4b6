import Foundation
import Testing
import RegistreTestSupport

/// `registre document`, `notices`, `modeles exporter` and `audit --format pdf`,
/// run as a user would. Few FOP runs: each costs over a second.
@Suite("CLI : documents PDF")
struct DocumentsCLITests {
  static func pdfText(_ pdf: URL) throws -> String {
    try CLITool.tool(["pdftotext", pdf.path, "-"]).sortie
  }

  @Test func exportThenUseItsTemplates() throws {
    let dossier = try TemporaryFolder.make()
    defer { try? FileManager.default.removeItem(at: dossier) }
    let modeles = dossier.appendingPathComponent("modeles")
    let export = try CLITool.run(["modeles", "exporter", modeles.path])
    #expect(export.code == 0)
    #expect(FileManager.default.fileExists(atPath: modeles.appendingPathComponent("registre.xsl").path))
    #expect(FileManager.default.fileExists(atPath: modeles.appendingPathComponent("fop/fop.xconf").path))
    let encore = try CLITool.run(["modeles", "exporter", modeles.path])
    #expect(encore.code == 2)
    #expect(encore.erreurs.contains("n'est pas vide"))

    let commun = modeles.appendingPathComponent("commun.xsl")
    let texte = try String(contentsOf: commun, encoding: .utf8).replacingOccurrences(
      of: "<xsl:text>page </xsl:text>", with: "<xsl:text>Collège modèle – page </xsl:text>")
    try Data(texte.utf8).write(to: commun)
    let pdf = dossier.appendingPathComponent("registre.pdf")
    let r = try CLITool.run(
      ["document", CLITool.registreValide.path, "--sortie", pdf.path, "--modeles", modeles.path],
      environnement: ["SOURCE_DATE_EPOCH": "1795824000"])
    #expect(r.code == 0, "\(r.erreurs)")
    let extrait = try Self.pdfText(pdf)
    #expect(extrait.contains("Collège modèle – page 1 sur"))
    #expect(extrait.contains("Registre des activités de traitement"))
    #expect(extrait.contains("28 novembre 2026"))
  }

  /// Issue 16: an incomplete treatment fiche is left out of the register and the notices, and the
  /// documents themselves say so (not only the error output); the command exits with 1.
  @Test func incompleteRecordIsNamedInTheDocuments() throws {
    let dossier = try TemporaryFolder.make()
    defer { try? FileManager.default.removeItem(at: dossier) }
    let registre = dossier.appendingPathComponent("r")
    try FileManager.default.copyItem(at: CLITool.registreValide, to: registre)
    let incomplete = """
      id: sorties
      nom: Sorties scolaires
      statut: brouillon
      finalite_principale: "À COMPLÉTER : finalité"
      responsable:
        type: etablissement
      base_legale:
        article_6: mission-interet-public
      personnes_concernees:
        - categorie: eleves-mineurs
      donnees:
        - categorie: etat-civil
      """
    try incomplete.write(
      to: registre.appendingPathComponent("traitements/sorties.yaml"), atomically: true, encoding: .utf8)
    let pdf = dossier.appendingPathComponent("registre.pdf")
    let r = try CLITool.run(["document", registre.path, "--sortie", pdf.path])
    #expect(r.code == 1, "\(r.erreurs)")
    #expect(r.erreurs.contains("sorties"))
    let texte = try Self.pdfText(pdf).replacingOccurrences(of: "\n", with: " ")
    #expect(texte.contains("Document incomplet"))
    #expect(texte.contains("ne figurent pas dans ce document"))
    #expect(texte.contains("sorties"))
    #expect(!texte.contains("Sorties scolaires"))

    let notices = dossier.appendingPathComponent("notices")
    let n = try CLITool.run(["notices", registre.path, "--sortie", notices.path])
    #expect(n.code == 1, "\(n.erreurs)")
    let familles = try Self.pdfText(notices.appendingPathComponent("notice-familles.pdf"))
    #expect(familles.contains("Document incomplet"))

    // The complete register's documents carry no such box.
    let complet = dossier.appendingPathComponent("complet.pdf")
    let c = try CLITool.run(["document", CLITool.registreValide.path, "--sortie", complet.path])
    #expect(c.code == 0, "\(c.erreurs)")
    #expect(!(try Self.pdfText(complet)).contains("Document incomplet"))
  }

  @Test func noticesAndAuditReport() throws {
    let dossier = try TemporaryFolder.make()
    defer { try? FileManager.default.removeItem(at: dossier) }
    let notices = dossier.appendingPathComponent("notices")
    let r = try CLITool.run(["notices", CLITool.registreValide.path, "--sortie", notices.path])
    #expect(r.code == 0, "\(r.erreurs)")
    let familles = try Self.pdfText(notices.appendingPathComponent("notice-familles.pdf"))
    #expect(familles.contains("CNIL"))
    #expect(familles.contains("dpd@ac-exemple.fr"))
    let eleves = try Self.pdfText(notices.appendingPathComponent("notice-eleves.pdf"))
    #expect(eleves.contains("Tes données personnelles au collège"))

    let rapport = dossier.appendingPathComponent("audit.pdf")
    let audit = try CLITool.run([
      "audit", CLITool.registreValide.path, "--date", "2026-11-29", "--echec-si", "jamais",
      "--format", "pdf", "--sortie", rapport.path,
    ])
    #expect(audit.code == 0, "\(audit.erreurs)")
    #expect(try Self.pdfText(rapport).contains("Rapport d’audit du registre"))
  }

  @Test func usageErrors() throws {
    let dossier = try TemporaryFolder.make()
    defer { try? FileManager.default.removeItem(at: dossier) }
    let inconnu = try CLITool.run([
      "notices", CLITool.registreValide.path, "--sortie", dossier.path, "--traitement", "inconnu",
    ])
    #expect(inconnu.code == 2)
    #expect(inconnu.erreurs.contains("« inconnu »"))
    let lesDeux = try CLITool.run([
      "notices", CLITool.registreValide.path, "--sortie", dossier.path, "--traitement", "vie-scolaire",
      "--par-traitement",
    ])
    #expect(lesDeux.code == 2)
    let modeles = try CLITool.run([
      "document", CLITool.registreValide.path, "--sortie", dossier.appendingPathComponent("r.pdf").path,
      "--modeles", "/nonexistent/modeles",
    ])
    #expect(modeles.code == 2)
    #expect(modeles.erreurs.contains("Dossier de modèles introuvable"))
    let absent = try CLITool.run(["document", "/nonexistent/registre", "--sortie", "r.pdf"], dossier: dossier)
    #expect(absent.code == 2)
    let sansDossier = try CLITool.run([
      "document", CLITool.registreValide.path, "--sortie", dossier.appendingPathComponent("absent/r.pdf").path,
    ])
    #expect(sansDossier.code == 2)
    #expect(sansDossier.erreurs.contains("dossier introuvable"))
    // Nothing was written by any of the failures.
    #expect(try FileManager.default.contentsOfDirectory(atPath: dossier.path).isEmpty)
  }
}

import Foundation
import Testing
import RegistreTestSupport

/// `registre audit --lot DOSSIER --format pdf`: the académie's consolidated PDF, signed, checked
/// with the same tools as the other documents (pdftotext, qpdf, pdfinfo, pdffonts, pikepdf).
@Suite("CLI : audit consolidé d'un lot en PDF")
struct BatchAuditPDFCLI {
  @Test func batchOfFiveSchoolsSignedAndPDFA() throws {
    let dossier = try TemporaryFolder.make()
    defer { try? FileManager.default.removeItem(at: dossier) }
    let lot = dossier.appendingPathComponent("lot").path
    let generation = try CLITool.run([
      "generer-registres", lot, "--etablissements", "5", "--traitements", "8", "--illisibles", "1",
    ])
    try #require(generation.code == 0, "\(generation.erreurs)")
    let json = try CLITool.run(["audit", "--lot", lot, "--format", "json", "--date", "2026-01-15"])
    let objet = try #require(try JSONSerialization.jsonObject(with: Data(json.sortie.utf8)) as? [String: Any])
    let ecoles = try #require(objet["schools"] as? [[String: Any]])
    let lisibles = ecoles.filter { $0["status"] as? String == "audited" }
    #expect(lisibles.count == 4)

    let pdf = dossier.appendingPathComponent("academie.pdf")
    let audit = try CLITool.run(
      ["audit", "--lot", lot, "--format", "pdf", "--sortie", pdf.path, "--date", "2026-01-15", "--demonstration"],
      environnement: ["SOURCE_DATE_EPOCH": "1795824000"])
    #expect(audit.code == 1, "\(audit.erreurs)")  // one register is unreadable: same code as the other formats
    #expect(audit.sortie.isEmpty)  // nothing on standard output: the PDF is in its file
    #expect(audit.erreurs.contains("4 registre(s) audité(s), 1 illisible(s)"))
    let autorite = dossier.appendingPathComponent("ac-demonstration.pem")
    #expect(FileManager.default.fileExists(atPath: autorite.path))

    // Signed, and the signature verifies against the demonstration authority.
    let verification = try CLITool.run(["verifier", pdf.path, "--ac", autorite.path])
    #expect(verification.code == 0, "\(verification.sortie)\(verification.erreurs)")
    #expect(try CLITool.run(["verifier", pdf.path]).code == 1)  // untrusted without the authority

    // The expected text.
    let texte = try CLITool.tool(["pdftotext", "-layout", pdf.path, "-"]).sortie
      .replacingOccurrences(of: "\u{A0}", with: " ").replacingOccurrences(of: "\u{202F}", with: " ")
    for attendu in [
      "Audit consolidé des registres", lot, "15 janvier 2026", "28 novembre 2026", "4 sur 5",
      "Registre illisible, non audité", "Par établissement", "Par règle", "aipd-requise-manquante", "page 1 / ",
    ] {
      #expect(texte.contains(attendu), "absent : \(attendu)")
    }
    for ecole in lisibles {
      let uai = try #require(ecole["uai"] as? String)
      #expect(texte.contains(uai), "absent : \(uai)")
      if let score = ecole["score"] as? Int { #expect(texte.contains("\(score) %")) }
    }

    // PDF/A-2b, as the other documents are checked.
    let statut = try CLITool.tool([
      "python3", "-c", "import pikepdf,sys; print(pikepdf.open(sys.argv[1]).open_metadata().pdfa_status)", pdf.path,
    ])
    #expect(statut.sortie.trimmingCharacters(in: .whitespacesAndNewlines) == "2B")
    #expect(try CLITool.tool(["qpdf", "--check", pdf.path]).code == 0)
    let info = try CLITool.tool(["pdfinfo", pdf.path]).sortie
    #expect(info.contains("Tagged:          yes"))
    let polices = try CLITool.tool(["pdffonts", pdf.path]).sortie.split(separator: "\n").dropFirst(2)
    #expect(!polices.isEmpty)
    for ligne in polices {
      let colonnes = ligne.split(separator: " ")
      #expect(colonnes.count >= 5 && colonnes[colonnes.count - 5] == "yes", "police non incorporée : \(ligne)")
    }
  }

  /// The same `--demonstration` option signs a single register's audit report.
  @Test func reportOfARegisterSignedInDemonstration() throws {
    let dossier = try TemporaryFolder.make()
    defer { try? FileManager.default.removeItem(at: dossier) }
    let pdf = dossier.appendingPathComponent("audit.pdf")
    let r = try CLITool.run([
      "audit", CLITool.registreValide.path, "--format", "pdf", "--sortie", pdf.path, "--echec-si", "jamais",
      "--demonstration",
    ])
    #expect(r.code == 0, "\(r.erreurs)")
    let autorite = dossier.appendingPathComponent("ac-demonstration.pem")
    let v = try CLITool.run(["verifier", pdf.path, "--ac", autorite.path])
    #expect(v.code == 0, "\(v.sortie)\(v.erreurs)")
    let conflit = try CLITool.run([
      "audit", CLITool.registreValide.path, "--format", "pdf", "--sortie", pdf.path, "--demonstration", "--p12",
      "x.p12",
    ])
    #expect(conflit.code == 2)
    #expect(conflit.erreurs.contains("s'excluent"))
  }

  @Test func failureLeavesNoFile() throws {
    let dossier = try TemporaryFolder.make()
    defer { try? FileManager.default.removeItem(at: dossier) }
    let lot = dossier.appendingPathComponent("lot").path
    try #require(try CLITool.run(["generer-registres", lot, "--etablissements", "2", "--traitements", "3"]).code == 0)
    // A folder that does not exist: exit 2, nothing written, FOP not even started.
    let absent = dossier.appendingPathComponent("absent/academie.pdf")
    let r = try CLITool.run(["audit", "--lot", lot, "--format", "pdf", "--sortie", absent.path])
    #expect(r.code == 2)
    #expect(r.erreurs.contains("academie.pdf"))
    #expect(!FileManager.default.fileExists(atPath: absent.path))
  }
}

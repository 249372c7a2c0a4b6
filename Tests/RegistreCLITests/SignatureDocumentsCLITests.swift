import Foundation
import Testing
import RegistreTestSupport

/// The document commands sign what they produce when given credentials.
@Suite struct DocumentSigningCLI {
  @Test func signedDocumentAndAuditReport() throws {
    let dossier = try TemporaryFolder.make()
    defer { try? FileManager.default.removeItem(at: dossier) }
    let (cle, certificat) = try Self.testKey(dans: dossier)

    let registre = CLITool.registreValide.path
    let pdf = dossier.appendingPathComponent("registre.pdf").path
    let r = try CLITool.run(["document", registre, "--sortie", pdf, "--cle", cle, "--certificat", certificat])
    #expect(r.code == 0, "\(r.erreurs)")
    let rapport = dossier.appendingPathComponent("audit.pdf").path
    let a = try CLITool.run([
      "audit", registre, "--format", "pdf", "--sortie", rapport, "--echec-si", "jamais", "--cle", cle,
      "--certificat", certificat,
    ])
    #expect(a.code == 0, "\(a.erreurs)")
    let v = try CLITool.run(["verifier", pdf, rapport, "--ac", certificat])
    #expect(v.code == 0, "\(v.sortie)\(v.erreurs)")
    // The key never appears in what the commands print.
    let corpsCle = try String(contentsOfFile: cle, encoding: .utf8).split(separator: "\n").dropFirst().first.map(String.init) ?? "?"
    #expect(!(r.sortie + r.erreurs + a.sortie + a.erreurs).contains(corpsCle))
  }

  /// A folder or an empty file given as the PDF to sign: a French error, exit 2, nothing written;
  /// an empty file given to `verifier`: exit 2 (a folder is an export to verify, not an error).
  @Test func emptyFolderOrFileRefused() throws {
    let dossier = try TemporaryFolder.make()
    defer { try? FileManager.default.removeItem(at: dossier) }
    let (cle, certificat) = try Self.testKey(dans: dossier)
    let vide = dossier.appendingPathComponent("vide.pdf")
    try Data().write(to: vide)
    let sortie = dossier.appendingPathComponent("signe.pdf").path
    for entree in [dossier.path, vide.path] {
      let s = try CLITool.run(["signer", entree, "--sortie", sortie, "--cle", cle, "--certificat", certificat])
      #expect(s.code == 2, "\(entree) : \(s.erreurs)")
      #expect(s.erreurs.lowercased().contains("erreur"))
      #expect(!FileManager.default.fileExists(atPath: sortie))
    }
    let v = try CLITool.run(["verifier", vide.path])
    #expect(v.code == 2, "\(v.sortie)\(v.erreurs)")
    #expect(v.erreurs.contains("n'est pas un PDF"))
  }

  /// A throw-away P-256 key and self-signed certificate, written in `dossier`.
  static func testKey(dans dossier: URL) throws -> (cle: String, certificat: String) {
    let cle = dossier.appendingPathComponent("cle.pem").path
    let certificat = dossier.appendingPathComponent("certificat.pem").path
    let openssl = try ProcessRunner.run([
      "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-subj",
      "/CN=Chef d'établissement de test", "-days", "2", "-keyout", cle, "-out", certificat,
      "-addext", "keyUsage=critical,digitalSignature,nonRepudiation",
    ])
    try #require(openssl.status == 0, "\(openssl.output)")
    return (cle, certificat)
  }
}

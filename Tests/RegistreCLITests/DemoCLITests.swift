import Foundation
import Testing
import RegistreTestSupport

@Suite struct DemoCLI {
  @Test func theDemoWritesTheRegisterAndTheAuditThenReplacesItself() throws {
    let dossier = try TemporaryFolder.make()
    defer { try? FileManager.default.removeItem(at: dossier) }
    let sortie = dossier.appendingPathComponent("demo")
    let r = try CLITool.run(["demo", "--sortie", sortie.path, "--date", "2026-11-29"])
    #expect(r.code == 0, "\(r.erreurs)")
    // It ends by saying what to open, each file named there existing, and what to do next.
    #expect(r.sortie.contains("À ouvrir : \(sortie.path)/registre.pdf"))
    #expect(r.sortie.contains("Ensuite, pour votre établissement :"))
    #expect(r.sortie.contains("registre init MON-REGISTRE"))
    #expect(r.sortie.contains("registre serveur \(sortie.path)/registre"))
    let fichiers = [
      "registre/etablissement.yaml", "audit.txt", "audit.json", "audit.sarif", "ac-demonstration.pem",
      "registre.pdf", "notice-familles.pdf", "notice-eleves.pdf", "rapport-audit.pdf",
    ]
    for fichier in fichiers {
      #expect(FileManager.default.fileExists(atPath: sortie.appendingPathComponent(fichier).path), "\(fichier)")
    }
    #expect(try CLITool.run(["valider", sortie.appendingPathComponent("registre").path]).code == 0)
    // The documents are signed, and anyone can check them with the demo authority.
    let pdfs = ["registre.pdf", "notice-familles.pdf", "notice-eleves.pdf", "rapport-audit.pdf"].map {
      sortie.appendingPathComponent($0).path
    }
    let verification = try CLITool.run(
      ["verifier"] + pdfs + ["--ac", sortie.appendingPathComponent("ac-demonstration.pem").path])
    #expect(verification.code == 0, "\(verification.sortie)\(verification.erreurs)")
    // Without the demo authority they are not trusted.
    #expect(try CLITool.run(["verifier", pdfs[0]]).code == 1)
    // A second run replaces the previous demo output…
    #expect(try CLITool.run(["demo", "--sortie", sortie.path, "--date", "2026-11-29"]).code == 0)
    // …but never a folder it did not write.
    let autre = dossier.appendingPathComponent("autre")
    try FileManager.default.createDirectory(at: autre, withIntermediateDirectories: true)
    try Data("à garder".utf8).write(to: autre.appendingPathComponent("notes.txt"))
    let refus = try CLITool.run(["demo", "--sortie", autre.path])
    #expect(refus.code == 2)
    #expect(try String(contentsOf: autre.appendingPathComponent("notes.txt"), encoding: .utf8) == "à garder")
    // No temporary folder is left behind.
    let restes = try FileManager.default.contentsOfDirectory(atPath: dossier.path).filter { $0.hasPrefix(".") }
    #expect(restes.isEmpty, "\(restes)")
  }
}

import Foundation
import RegistreTestSupport
import Testing

/// Progress of long work (issue 22): on standard error when it is a terminal, nothing otherwise.
@Suite("CLI : progression des longs travaux")
struct ProgressCLITests {
  /// `generer-registres` then `audit --lot`: under a pseudo-terminal (`script`), each shows
  /// « activité : n / N (… s) » up to N of N; with standard error in a file, not a word of it.
  @Test func progressOnlyOnATerminal() throws {
    let script = try Checkers.require("script", package: "bsdutils")
    let dossier = try TemporaryFolder.make("registre-progression")
    defer { try? FileManager.default.removeItem(at: dossier) }
    let lot = dossier.appendingPathComponent("lot")
    let registre = CLITool.executable.path
    let commands = [
      "\(registre) generer-registres \(lot.path) --etablissements 12 >/dev/null",
      "\(registre) audit --lot \(lot.path) --date 2026-01-15 --format json --sortie \(dossier.path)/lot.json --echec-si jamais >/dev/null",
    ]
    let transcript = dossier.appendingPathComponent("terminal.log")
    let terminal = try CLITool.tool([script, "-qec", commands.joined(separator: " && "), transcript.path])
    #expect(terminal.code == 0, "\(terminal.sortie)")
    let seen = (try? String(contentsOf: transcript, encoding: .utf8)) ?? terminal.sortie
    #expect(seen.contains("Génération des registres : 12 / 12 ("), "\(seen)")
    #expect(seen.contains("Audit du lot : 12 / 12 ("), "\(seen)")
    #expect(seen.contains("Audit du lot : 0 / 12 (0 s)"))

    let again = dossier.appendingPathComponent("lot2")
    let plain = try CLITool.run(["generer-registres", again.path, "--etablissements", "12"])
    #expect(plain.code == 0)
    let batch = try CLITool.run([
      "audit", "--lot", again.path, "--date", "2026-01-15", "--format", "json", "--echec-si", "jamais",
    ])
    #expect(batch.code == 0)
    for output in [plain.erreurs, batch.erreurs] {
      #expect(!output.contains(" / 12 ("), "progression hors d'un terminal : \(output)")
      #expect(!output.contains("\u{1B}["))
    }
  }

  /// `exporter` and `notices --par-traitement` on the demo under a pseudo-terminal: the PDFs
  /// rendered, counted up to the last one.
  @Test func documentsShowTheirProgressOnATerminal() throws {
    let script = try Checkers.require("script", package: "bsdutils")
    let dossier = try TemporaryFolder.make("registre-progression")
    defer { try? FileManager.default.removeItem(at: dossier) }
    let registre = CLITool.executable.path
    let demo = CLITool.depot.appendingPathComponent("Sources/RegistreCatalogue/Resources/demo").path
    let commands = [
      "\(registre) exporter \(demo) --annee 2026 --archive \(dossier.path)/archive --demonstration >/dev/null",
      "\(registre) notices \(demo) --par-traitement --sortie \(dossier.path)/notices >/dev/null",
    ]
    let transcript = dossier.appendingPathComponent("terminal.log")
    let terminal = try CLITool.tool([script, "-qec", commands.joined(separator: " && "), transcript.path])
    #expect(terminal.code == 0, "\(terminal.sortie)")
    let seen = (try? String(contentsOf: transcript, encoding: .utf8)) ?? terminal.sortie
    #expect(seen.contains("Rendu des PDF : 5 / 5 ("), "\(seen)")
    let notices = try FileManager.default.contentsOfDirectory(atPath: dossier.appendingPathComponent("notices").path)
      .filter { $0.hasSuffix(".pdf") }.count
    #expect(notices > 4)
    #expect(seen.contains("Rendu des PDF : \(notices) / \(notices) ("), "\(seen)")
  }
}

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

/// `registre importer` (issue 22): the source read, the fiches converted and the files written,
/// counted on a terminal; not a word of it when standard error is a file or a pipe.
@Suite("CLI : progression de l'import")
struct ImportProgressCLITests {
  static let fixtures = CLITool.depot.appendingPathComponent("Tests/RegistreImportTests/Fixtures")

  /// The number of files `importer` says it wrote: « Écrit : DOSSIER (N fichier(s)) ».
  static func filesWritten(_ output: String) -> Int? {
    guard let range = output.range(of: #"\((\d+) fichier\(s\)\)"#, options: .regularExpression) else { return nil }
    return Int(output[range].filter(\.isNumber))
  }

  /// N of the last « Conversion des fiches : n / N (» shown, when it is N of N; nil otherwise.
  static func convertedTotal(_ transcript: String) -> Int? {
    guard let pattern = try? NSRegularExpression(pattern: #"Conversion des fiches : (\d+) / (\d+) \("#),
      let last = pattern.matches(in: transcript, range: NSRange(transcript.startIndex..., in: transcript)).last,
      let done = Range(last.range(at: 1), in: transcript).flatMap({ Int(transcript[$0]) }),
      let total = Range(last.range(at: 2), in: transcript).flatMap({ Int(transcript[$0]) }),
      done == total
    else { return nil }
    return total
  }

  @Test(arguments: ["modele-cnil.ods", "madis-traitements.csv"])
  func importShowsItsProgressOnlyOnATerminal(source: String) throws {
    let script = try Checkers.require("script", package: "bsdutils")
    let dossier = try TemporaryFolder.make("registre-progression-import")
    defer { try? FileManager.default.removeItem(at: dossier) }
    let input = Self.fixtures.appendingPathComponent(source).path
    let output = dossier.appendingPathComponent("terminal.out")
    let command = "\(CLITool.executable.path) importer \(input) --sortie \(dossier.path)/registre >\(output.path)"
    let transcript = dossier.appendingPathComponent("terminal.log")
    let terminal = try CLITool.tool([script, "-qec", command, transcript.path])
    #expect(terminal.code == 0, "\(terminal.sortie)")
    let seen = (try? String(contentsOf: transcript, encoding: .utf8)) ?? terminal.sortie
    let printed = try String(contentsOf: output, encoding: .utf8)
    let files = try #require(Self.filesWritten(printed), "\(printed)")
    #expect(seen.contains("Lecture de la source : 0 / 1 (0 s)"), "\(seen)")
    #expect(seen.contains("Lecture de la source : 1 / 1 ("), "\(seen)")
    let converted = try #require(Self.convertedTotal(seen), "\(seen)")
    #expect(converted > 0)
    #expect(seen.contains("Écriture des fiches : \(files) / \(files) ("), "\(seen)")

    let plain = try CLITool.run(["importer", input, "--sortie", dossier.appendingPathComponent("registre2").path])
    #expect(plain.code == 0, "\(plain.erreurs)")
    #expect(Self.filesWritten(plain.sortie) == files)
    #expect(!plain.erreurs.contains(" / \(files) ("), "progression hors d'un terminal : \(plain.erreurs)")
    #expect(!plain.erreurs.contains("Conversion des fiches"), "\(plain.erreurs)")
    #expect(!plain.erreurs.contains("\u{1B}["))
  }
}

import Foundation
import RegistreArchive
import RegistreTeam
import RegistreTestSupport
import Testing

/// The demo register, copied where the test may edit it.
private func demoCopy(in root: URL) throws -> URL {
  let copy = root.appendingPathComponent("registre")
  try FileManager.default.copyItem(
    at: RegistreCLI.repository.appendingPathComponent("Sources/RegistreCatalogue/Resources/demo"), to: copy)
  return copy
}

/// A team folder: `comptes.yaml` is what makes it one (its accounts do not matter here; the hash is a made-up one).
private func makeTeamFolder(_ folder: URL) throws {
  let accounts = """
    comptes:
    - identifiant: chef
      role: chef
      empreinte: $2b$12$abcdefghijklmnopqrstuuQ0123456789ABCDEFGHIJKLMNOPQRSTU
      cree: '2026-12-01'

    """
  try Data(accounts.utf8).write(to: folder.appendingPathComponent(TeamFolder.accountsFileName))
}

@Suite("Journal : registre verifier --journal et le mode équipe de la ligne de commande")
struct JournalCLITests {
  @Test("verifier --journal : 0 intact, 1 altéré ou fichier changé hors journal, 2 sans journal ou illisible")
  func verifyExitCodes() throws {
    let root = try TemporaryFolder.make("registre-journal-cli")
    defer { try? FileManager.default.removeItem(at: root) }
    let folder = try demoCopy(in: root)

    let none = try RegistreCLI.run(["verifier", "--journal", folder.path])
    #expect(none.status == 2)
    #expect(none.errors.contains("n'a pas de journal"), "\(none.errors)")
    let missing = try RegistreCLI.run(["verifier", "--journal", root.appendingPathComponent("absent").path])
    #expect(missing.status == 2)
    #expect(missing.errors.contains("illisible"))
    let mixed = try RegistreCLI.run(["verifier", "--journal", folder.path, "a.pdf"])
    #expect(mixed.status == 2)

    let journal = Journal(folder: folder)
    let baseline = try journal.recordChanges(by: .outside)
    #expect(baseline.count > 30)
    let intact = try RegistreCLI.run(["verifier", "--journal", folder.path])
    #expect(intact.status == 0, "\(intact.output)\(intact.errors)")
    #expect(intact.output.contains("Entrées lisibles : \(baseline.count)"))
    #expect(intact.output.contains(baseline.last?.hash ?? "?"))
    #expect(intact.output.contains("Résultat : chaîne intacte"))

    let json = try RegistreCLI.run(["verifier", "--journal", folder.path, "--format", "json"])
    #expect(json.status == 0)
    let object = try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any]
    #expect(object?["entryCount"] as? Int == baseline.count)
    #expect(object?["clean"] as? Bool == true)
    #expect(object?["headHash"] as? String == baseline.last?.hash)

    // A fiche edited by hand: reported, exit 1, until a journaled write records it.
    let fiche = folder.appendingPathComponent("traitements/cdi.yaml")
    try Data((try String(contentsOf: fiche, encoding: .utf8) + "# note\n").utf8).write(to: fiche)
    let outside = try RegistreCLI.run(["verifier", "--journal", folder.path])
    #expect(outside.status == 1)
    #expect(outside.output.contains("traitements/cdi.yaml : fichier modifié depuis sa dernière entrée au journal"))
    #expect(outside.output.contains("chaîne intacte, mais"))
    try journal.recordChanges(by: .outside)
    #expect(try RegistreCLI.run(["verifier", "--journal", folder.path]).status == 0)

    // An entry altered: exit 1, with its line.
    var lines = try String(contentsOf: journal.url, encoding: .utf8).split(separator: "\n").map(String.init)
    lines[1] = lines[1].replacingOccurrences(of: "\"baseline\"", with: "\"change\"")
    try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: journal.url)
    let altered = try RegistreCLI.run(["verifier", "--journal", folder.path])
    #expect(altered.status == 1)
    #expect(altered.output.contains("ligne 2 : entrée n° 2 modifiée"), "\(altered.output)")
    #expect(altered.output.contains("JOURNAL ALTÉRÉ"))
  }

  @Test("En mode équipe, « actions creer » journalise : les changements extérieurs d'abord, puis les siens")
  func teamModeCommandIsJournaled() throws {
    let root = try TemporaryFolder.make("registre-journal-cli")
    defer { try? FileManager.default.removeItem(at: root) }
    let folder = try demoCopy(in: root)
    try makeTeamFolder(folder)
    let journal = Journal(folder: folder)
    try journal.recordChanges(by: .outside)
    let fiche = folder.appendingPathComponent("traitements/cdi.yaml")
    try Data((try String(contentsOf: fiche, encoding: .utf8) + "# note\n").utf8).write(to: fiche)
    let before = try journal.entries().count

    let run = try RegistreCLI.run(["actions", "creer", folder.path, "--date", "2026-11-15"])
    #expect(run.status == 0, "\(run.output)\(run.errors)")
    let added = Array(try journal.entries().dropFirst(before))
    #expect(added.first?.actor == .outside)
    #expect(added.first?.event.file == "traitements/cdi.yaml")
    let own = added.dropFirst()
    #expect(!own.isEmpty)
    #expect(own.allSatisfy { $0.actor.channel == .commandLine && $0.actor.account == nil && $0.actor.systemUser != nil })
    #expect(own.allSatisfy { $0.event.kind == .change && $0.event.before == nil && ($0.event.file ?? "").hasPrefix("actions/") })
    #expect(journal.verify().isClean)
    // The accounts file is never part of the journal: no password hash in it.
    let text = try String(contentsOf: journal.url, encoding: .utf8)
    #expect(!text.contains(TeamFolder.accountsFileName))
    #expect(!text.contains("$2b$12$"))
  }

  @Test("registre journal : la liste en français, la différence d'un fichier ; 1 si la chaîne est rompue, 2 sans journal")
  func listing() throws {
    let root = try TemporaryFolder.make("registre-journal-cli")
    defer { try? FileManager.default.removeItem(at: root) }
    let folder = try demoCopy(in: root)
    #expect(try RegistreCLI.run(["journal", folder.path]).status == 2)
    let journal = Journal(folder: folder)
    try journal.recordChanges(by: .outside)
    let fiche = folder.appendingPathComponent("traitements/cdi.yaml")
    let text = try String(contentsOf: fiche, encoding: .utf8)
    try Data((text + "# note ajoutée\n").utf8).write(to: fiche)
    let actor = JournalActor(account: "marie", role: .contributeur, channel: .web)
    let change = try journal.recordChanges(by: actor)
    #expect(change.count == 1)

    let all = try RegistreCLI.run(["journal", folder.path])
    #expect(all.status == 0, "\(all.errors)")
    #expect(all.output.contains("état initial : traitements/cdi.yaml"))
    #expect(all.output.contains("marie (contributeur, application web)"))
    #expect(!all.output.split(separator: "\n").contains { $0.hasPrefix("    + ") })
    let one = try RegistreCLI.run(["journal", folder.path, "--fichier", "traitements/cdi.yaml"])
    #expect(one.status == 0)
    #expect(one.output.contains("2 entrée(s) sur \(change[0].sequence)"))
    #expect(one.output.contains("modification : traitements/cdi.yaml"))
    let lineCount = text.split(separator: "\n", omittingEmptySubsequences: false).count
    #expect(one.output.contains("+ \(lineCount)\t# note ajoutée"), "\(one.output)")
    // Only one line added: none removed.
    #expect(!one.output.split(separator: "\n").contains { $0.hasPrefix("    - ") })

    var lines = try String(contentsOf: journal.url, encoding: .utf8).split(separator: "\n").map(String.init)
    lines.remove(at: 3)
    try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: journal.url)
    let broken = try RegistreCLI.run(["journal", folder.path])
    #expect(broken.status == 1)
    #expect(broken.errors.contains("chaîne du journal est rompue"))
  }

  @Test("En mode équipe, « evaluer --ajouter » et « init » journalisent leurs fichiers sous l'auteur de la commande")
  func teamModeEvaluateAndInit() throws {
    let root = try TemporaryFolder.make("registre-journal-cli")
    defer { try? FileManager.default.removeItem(at: root) }
    let folder = try demoCopy(in: root)
    try makeTeamFolder(folder)
    let sheet = RegistreCLI.repository.appendingPathComponent("Exemples/fiches-outils/appli-comptes-editeur-ue.yaml")
    let evaluate = try RegistreCLI.run(["evaluer", sheet.path, "--registre", folder.path, "--ajouter"])
    #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("traitements/mathsplus.yaml").path),
      "\(evaluate.errors)")
    let entries = try Journal(folder: folder).entries()
    #expect(entries.first?.event.kind == .baseline)
    #expect(entries.last?.event.file == "traitements/mathsplus.yaml")
    #expect(entries.last?.event.kind == .change)
    #expect(entries.last?.actor.channel == .commandLine)

    let empty = root.appendingPathComponent("nouveau")
    try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
    try makeTeamFolder(empty)
    let initialized = try RegistreCLI.run(["init", empty.path, "--nom", "Collège Test", "--uai", "0750001A"])
    #expect(initialized.status == 0, "\(initialized.errors)")
    let created = try Journal(folder: empty).entries()
    // Nothing was recorded before: what init wrote is the journal's starting state, under its author.
    #expect(created.contains { $0.event.file == "etablissement.yaml" && $0.event.kind == .baseline })
    #expect(created.allSatisfy { $0.actor.channel == .commandLine })
    #expect(Journal(folder: empty).verify().isClean)
  }

  @Test("En mode équipe, « aipd importer » journalise la fiche mise à jour")
  func teamModeDPIAImport() throws {
    let root = try TemporaryFolder.make("registre-journal-cli")
    defer { try? FileManager.default.removeItem(at: root) }
    let folder = try demoCopy(in: root)
    let pia = root.appendingPathComponent("pia.json")
    let prepared = try RegistreCLI.run(
      ["aipd", "preparer", folder.path, "--traitement", "demi-pension-biometrie", "--sortie", pia.path])
    #expect(prepared.status == 0, "\(prepared.errors)")
    try makeTeamFolder(folder)
    let imported = try RegistreCLI.run(["aipd", "importer", pia.path, "--registre", folder.path])
    #expect(imported.status == 0, "\(imported.output)\(imported.errors)")
    let last = try Journal(folder: folder).entries().last
    #expect(last?.event.file == "traitements/demi-pension-biometrie.yaml")
    #expect(last?.event.kind == .change)
    #expect(last?.event.content?.contains("statut: en-cours") == true)
    #expect(last?.actor.channel == .commandLine)
  }

  @Test("En mode équipe, « notices --marquer » journalise notices-diffusees.yaml ; sans --marquer, rien")
  func teamModeNoticesMark() throws {
    let root = try TemporaryFolder.make("registre-journal-cli")
    defer { try? FileManager.default.removeItem(at: root) }
    let folder = try demoCopy(in: root)
    try makeTeamFolder(folder)
    let output = root.appendingPathComponent("notices")
    let plain = try RegistreCLI.run(["notices", folder.path, "--sortie", output.path])
    #expect(plain.status == 0 || plain.status == 1, "\(plain.errors)")
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent(Journal.fileName).path))
    let marked = try RegistreCLI.run(["notices", folder.path, "--sortie", output.path, "--marquer"])
    #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("notices-diffusees.yaml").path),
      "\(marked.output)\(marked.errors)")
    let entries = try Journal(folder: folder).entries()
    #expect(entries.last?.event.file == "notices-diffusees.yaml")
    #expect(entries.last?.event.kind == .change)
    #expect(entries.last?.actor.channel == .commandLine)
    #expect(entries.dropLast().allSatisfy { $0.event.kind == .baseline && $0.actor == .outside })
  }

  @Test("Hors mode équipe, la même commande ne crée aucun journal")
  func outsideTeamModeNothingChanges() throws {
    let root = try TemporaryFolder.make("registre-journal-cli")
    defer { try? FileManager.default.removeItem(at: root) }
    let folder = try demoCopy(in: root)
    let run = try RegistreCLI.run(["actions", "creer", folder.path, "--date", "2026-11-15"])
    #expect(run.status == 0, "\(run.output)\(run.errors)")
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent(Journal.fileName).path))
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent(Journal.lockFileName).path))
  }

  @Test("Le registre se charge, se valide et s'audite avec son journal, son verrou et comptes.yaml")
  func registerStillLoads() throws {
    let root = try TemporaryFolder.make("registre-journal-cli")
    defer { try? FileManager.default.removeItem(at: root) }
    let folder = try demoCopy(in: root)
    let plain = try RegistreCLI.run(["valider", folder.path])
    try makeTeamFolder(folder)
    try Journal(folder: folder).recordChanges(by: .outside)
    #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(Journal.lockFileName).path))
    let team = try RegistreCLI.run(["valider", folder.path])
    #expect(team.status == plain.status)
    #expect(team.output == plain.output)
  }
}

@Suite("Journal : scellé avec l'année")
struct JournalSealTests {
  @Test("L'export d'un dossier d'équipe scelle son journal (entrée seal, manifeste) sans comptes.yaml ; une copie altérée est signalée")
  func exportSealsTheJournal() throws {
    let root = try TemporaryFolder.make("registre-journal-seal")
    defer { try? FileManager.default.removeItem(at: root) }
    let folder = try demoCopy(in: root)
    try makeTeamFolder(folder)
    // A fiche that names the accounts file as its DPIA file: refused, never sealed.
    let bourses = folder.appendingPathComponent("traitements/bourses.yaml")
    let text = try String(contentsOf: bourses, encoding: .utf8)
    #expect(text.contains("aipd:\n  statut: realisee\n"))
    try Data(
      text.replacingOccurrences(
        of: "aipd:\n  statut: realisee\n", with: "aipd:\n  statut: realisee\n  fichier_pia: comptes.yaml\n"
      ).utf8
    ).write(to: bourses)
    let journal = Journal(folder: folder)
    try journal.recordChanges(by: .outside)
    let archive = root.appendingPathComponent("archive")

    let export = try RegistreCLI.run(
      ["exporter", folder.path, "--annee", "2026", "--archive", archive.path, "--demonstration"], mergeErrors: true)
    #expect(export.status == 0, "\(export.output)")
    let year = archive.appendingPathComponent("2026")
    let names = try FileManager.default.contentsOfDirectory(atPath: year.path)
    #expect(names.contains(Journal.fileName))
    #expect(!names.contains(TeamFolder.accountsFileName))
    #expect(!names.contains("aipd-\(TeamFolder.accountsFileName)"))
    #expect(export.output.contains("nomme comptes.yaml, un fichier de l'équipe"), "\(export.output)")
    #expect(!names.contains(Journal.lockFileName))
    let manifest = try String(contentsOf: year.appendingPathComponent("MANIFEST.sha256"), encoding: .utf8)
    #expect(manifest.contains("  \(Journal.fileName)\n"))
    #expect(!manifest.contains(TeamFolder.accountsFileName))

    // The folder's journal ends with the seal, and the sealed copy is the same bytes.
    let last = try journal.entries().last
    #expect(last?.event.kind == .seal)
    #expect(last?.event.year == 2026)
    #expect(last?.event.text == "2026")
    #expect(last?.actor.channel == .commandLine)
    let sealedBytes = try Data(contentsOf: year.appendingPathComponent(Journal.fileName))
    #expect(sealedBytes == (try Data(contentsOf: journal.url)))
    #expect(!String(decoding: sealedBytes, as: UTF8.self).contains("$2b$12$"))

    let authority = year.appendingPathComponent("ac-demonstration.pem").path
    let verified = try RegistreCLI.run(["verifier", year.path, "--ac", authority])
    #expect(verified.status == 0, "\(verified.output)\(verified.errors)")
    #expect(verified.output.contains("Journal de l'équipe : \(try journal.entries().count) entrée(s), scellé pour 2026, chaîne intacte"))
    #expect(verified.output.contains(last?.hash ?? "?"))

    // The folder's journal begins with the sealed copy; it may grow after it.
    try journal.append(JournalEvent(kind: .status, file: "traitements/cdi.yaml", to: .aRelire), by: .outside)
    let compared = try RegistreCLI.run(["verifier", "--journal", folder.path, "--archive", archive.path])
    #expect(compared.status == 0, "\(compared.output)\(compared.errors)")
    #expect(compared.output.contains("Année scellée 2026 : le journal commence par sa copie"))
    let grown = try Data(contentsOf: journal.url)

    // Entries removed from the end of the folder's journal, back before the seal: the chain alone still holds,
    // the sealed copy does not.
    let kept = String(decoding: grown, as: UTF8.self).split(separator: "\n").dropLast(3).joined(separator: "\n") + "\n"
    try Data(kept.utf8).write(to: journal.url)
    #expect(journal.verify().chainIntact)
    let truncated = try RegistreCLI.run(["verifier", "--journal", folder.path, "--archive", archive.path])
    #expect(truncated.status == 1)
    #expect(truncated.output.contains("année scellée 2026 : les lignes"), "\(truncated.output)")
    #expect(truncated.output.contains("entrées supprimées depuis le scellement"))
    try grown.write(to: journal.url)
    let missingArchive = try RegistreCLI.run(
      ["verifier", "--journal", folder.path, "--archive", root.appendingPathComponent("absente").path])
    #expect(missingArchive.status == 2)

    // A tampered journal inside a copy of the sealed year: the manifest and the chain both say so.
    let copy = root.appendingPathComponent("copie-2026")
    try FileManager.default.copyItem(at: year, to: copy)
    let copied = copy.appendingPathComponent(Journal.fileName)
    var lines = try String(contentsOf: copied, encoding: .utf8).split(separator: "\n").map(String.init)
    lines[2] = lines[2].replacingOccurrences(of: "\"baseline\"", with: "\"change\"")
    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: copied.path)
    try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: copied)
    let tampered = try RegistreCLI.run(["verifier", copy.path, "--ac", authority])
    #expect(tampered.status == 1)
    #expect(tampered.output.contains("fichier modifié : \(Journal.fileName)"))
    #expect(tampered.output.contains("CHAÎNE ROMPUE"))
    #expect(tampered.output.contains("ligne 3 : entrée n° 3 modifiée"), "\(tampered.output)")
  }

  @Test("Comparé à sa copie scellée, le journal doit la prolonger : ni ligne changée, ni ligne en moins")
  func compareWithSealedCopy() throws {
    let folder = try TemporaryFolder.make("registre-journal-seal")
    defer { try? FileManager.default.removeItem(at: folder) }
    let journal = Journal(folder: folder)
    for number in 1...4 {
      try journal.append(JournalEvent(kind: .recommendation, file: "traitements/ent.yaml", number: number, text: "r\(number)"), by: .outside)
    }
    let sealed = try journal.sealing(year: 2026, archiveName: "2026", by: .commandLine()) { $0 }.result
    try journal.append(JournalEvent(kind: .answer, file: "traitements/ent.yaml", number: 1, text: "vu"), by: .outside)
    let current = try Data(contentsOf: journal.url)
    let same = Journal.compare(current, withSealed: sealed, name: "2026")
    #expect(same.problem == nil)
    #expect(same.entryCount == 5)
    var lines = String(decoding: current, as: UTF8.self).split(separator: "\n").map(String.init)
    lines[1] = lines[1].replacingOccurrences(of: "\"r2\"", with: "\"r deux\"")
    let changed = Journal.compare(Data((lines.joined(separator: "\n") + "\n").utf8), withSealed: sealed, name: "2026")
    #expect(changed.problem?.contains("ligne 2") == true)
    let shorter = Journal.compare(Data((lines.prefix(1).joined(separator: "\n") + "\n").utf8), withSealed: sealed, name: "2026")
    #expect(shorter.problem?.contains("lignes 2 à 5") == true)
  }

  @Test("Un journal scellé qui ne finit pas par son scellement est signalé ; s'il finit par lui, accepté")
  func sealedJournalMustEndWithItsSeal() throws {
    let folder = try TemporaryFolder.make("registre-journal-seal")
    defer { try? FileManager.default.removeItem(at: folder) }
    let journal = Journal(folder: folder)
    try journal.append(JournalEvent(kind: .status, file: "traitements/ent.yaml", to: .aRelire), by: .outside)
    let unsealed = ArchiveVerification.SealedJournal.check(try Data(contentsOf: journal.url), year: 2026)
    #expect(unsealed.problems.contains { $0.contains("scellement") })
    let sealed = try journal.sealing(year: 2026, archiveName: "2026", by: .commandLine()) { $0 }
    #expect(sealed.appendError == nil)
    #expect(sealed.result == (try Data(contentsOf: journal.url)))
    let check = ArchiveVerification.SealedJournal.check(sealed.result, year: 2026)
    #expect(check.problems.isEmpty)
    #expect(check.sealYear == 2026)
    #expect(ArchiveVerification.SealedJournal.check(sealed.result, year: 2027).problems.count == 1)
    // A failed seal (the body throws) leaves no seal entry.
    struct Refused: Error {}
    let count = try journal.entries().count
    #expect(throws: Refused.self) {
      _ = try journal.sealing(year: 2027, archiveName: "2027", by: .commandLine()) { _ in throw Refused() }
    }
    #expect(try journal.entries().count == count)
  }
}

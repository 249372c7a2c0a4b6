import Foundation
import RegistreArchive
import RegistreFormats
import RegistreModel
import RegistreSignature
import RegistreWorkflows
import Testing
import RegistreTestSupport

#if canImport(Glibc)
  import Glibc
#endif

/// End-to-end: the built `registre` binary exports, compares and verifies (needs FOP, like `registre demo`).
@Suite struct ExportCLITests {
  static var executable: String { RegistreCLI.executable.path }

  func register(_ arguments: [String], dans dossier: URL) throws -> (code: Int32, sortie: String) {
    let result = try RegistreCLI.run(arguments, in: dossier, mergeErrors: true)
    return (result.status, result.output)
  }

  /// A copy of the demo register that the test may edit.
  func demoCopy(_ dossier: URL) throws -> URL {
    let copie = dossier.appendingPathComponent("registre")
    try FileManager.default.copyItem(at: Tools.demo, to: copie)
    return copie
  }

  /// The edits of the second year: a longer retention, a new processor, a treatment removed.
  func edit(_ registre: URL) throws {
    let fichier = registre.appendingPathComponent("traitements/vie-scolaire.yaml")
    var texte = try String(contentsOf: fichier, encoding: .utf8)
    let avant = "    duree: 1 an\n    point_de_depart: début de l'année scolaire (base annuelle)"
    #expect(texte.contains(avant))
    texte = texte.replacingOccurrences(of: avant, with: avant.replacingOccurrences(of: "1 an", with: "3 ans"))
    #expect(texte.contains("sous_traitants:\n- scolaris\n"))
    texte = texte.replacingOccurrences(of: "sous_traitants:\n- scolaris\n", with: "sous_traitants:\n- scolaris\n- mainsure\n")
    try Data(texte.utf8).write(to: fichier)
    try FileManager.default.removeItem(at: registre.appendingPathComponent("traitements/cdi.yaml"))
  }

  /// Issue 23: a register whose fiches are all drafts is not sealed without --accepter-brouillons
  /// (nothing asked, nothing written); with the flag, or with drafts among validated fiches, the
  /// drafts are named in a warning; a register without drafts gets none.
  @Test func aRegisterOfDraftsIsNotSealedWithoutSayingSo() throws {
    let racine = try TemporaryFolder.make()
    defer { try? FileManager.default.removeItem(at: racine) }
    let source = try demoCopy(racine)
    let dossier = source.appendingPathComponent("traitements")
    for nom in try FileManager.default.contentsOfDirectory(atPath: dossier.path) {
      let fichier = dossier.appendingPathComponent(nom)
      let texte = try String(contentsOf: fichier, encoding: .utf8)
      try Data(texte.replacingOccurrences(of: "statut: valide", with: "statut: brouillon").utf8).write(to: fichier)
    }
    let archive = racine.appendingPathComponent("archive")
    let refus = try register(["exporter", source.path, "--annee", "2026", "--archive", archive.path, "--demonstration"], dans: racine)
    #expect(refus.code == 2)
    #expect(refus.sortie.contains("sont toutes des brouillons"), "\(refus.sortie)")
    #expect(refus.sortie.contains("--accepter-brouillons"))
    #expect(!FileManager.default.fileExists(atPath: archive.appendingPathComponent("2026").path))

    var registre = try RegisterLoading.load(source).registre
    let options = YearExportOptions(year: 2026, archive: archive)
    var accepte = options
    accepte.acceptDrafts = true
    let avertissement = try YearExportWorkflow.checkDrafts(registre, options: accepte)
    #expect(avertissement?.contains("\(registre.traitements.count) fiche(s) sur \(registre.traitements.count)") == true)
    #expect(avertissement?.contains("--accepter-brouillons") == true)

    for index in registre.traitements.indices.dropFirst() { registre.traitements[index].statut = .valide }
    let unSeul = try YearExportWorkflow.checkDrafts(registre, options: options)
    #expect(unSeul?.contains("1 fiche(s) sur") == true)
    #expect(unSeul?.contains(registre.traitements[0].id) == true)
    registre.traitements[0].statut = .valide
    #expect(try YearExportWorkflow.checkDrafts(registre, options: options) == nil)
  }

  @Test func twoSealedYearsChangesVerificationAndTampering() throws {
    let racine = try TemporaryFolder.make()
    defer { try? FileManager.default.removeItem(at: racine) }
    let source = try demoCopy(racine)
    let archive = racine.appendingPathComponent("archive").path

    let premier = try register(["exporter", source.path, "--annee", "2025", "--archive", archive, "--demonstration"], dans: racine)
    #expect(premier.code == 0, "\(premier.sortie)")
    try edit(source)
    // Issue 15: the record of issued notices is sealed with the year, as it is.
    let charge = try RegisterInput.load(source.path)
    let marque = try IssuedNoticesFile.mark(
      ["vie-scolaire": ["notice-familles.pdf"]], date: Day(annee: 2026, mois: 9, jour: 1)!,
      registre: charge.registre, folder: source)
    let second = try register(["exporter", source.path, "--annee", "2026", "--archive", archive, "--demonstration"], dans: racine)
    #expect(second.code == 0, "\(second.sortie)")

    let annee2025 = URL(fileURLWithPath: archive).appendingPathComponent("2025")
    let annee2026 = URL(fileURLWithPath: archive).appendingPathComponent("2026")
    let attendus = [
      "MANIFEST.sha256", "MANIFEST.sha256.p7s", "ac-demonstration.pem", "bilan-2026.json", "bilan-2026.pdf",
      "bilan-2026.txt", "changements-2026.json", "changements-2026.txt", "notice-eleves-2026.pdf",
      "notice-familles-2026.pdf", "notices-diffusees.yaml", "rapport-audit-2026.pdf", "registre-2026.csv",
      "registre-2026.ods", "registre-2026.pdf", "registre-2026.xml",
    ]
    #expect(try FileManager.default.contentsOfDirectory(atPath: annee2026.path).sorted() == attendus)
    #expect(
      try Data(contentsOf: annee2026.appendingPathComponent("notices-diffusees.yaml")) == Data(contentsOf: marque))
    #expect(!FileManager.default.fileExists(atPath: annee2025.appendingPathComponent("notices-diffusees.yaml").path))

    // The change list shows exactly the edits.
    let json = try Data(contentsOf: annee2026.appendingPathComponent("changements-2026.json"))
    let liste = try JSONDecoder().decode(ChangeList.self, from: json)
    #expect(liste.changes.map(\.id) == ["cdi", "vie-scolaire"])
    #expect(liste.changes.map(\.kind) == [.removed, .modified])
    #expect(liste.changes.last?.fields.map(\.field) == ["donnees.conservation.duree.scolarite", "sous_traitants.mainsure"])
    let texte = try String(contentsOf: annee2026.appendingPathComponent("changements-2026.txt"), encoding: .utf8)
    #expect(texte.contains("durée de conservation (scolarite) : 1 an → 3 ans"))

    // The register PDF carries the canonical XML, the same bytes as the XML file.
    let pdf = try Data(contentsOf: annee2026.appendingPathComponent("registre-2026.pdf"))
    let incorpore = try PDFDocument(data: pdf).embeddedFiles()
    #expect(incorpore.first?.data == (try Data(contentsOf: annee2026.appendingPathComponent("registre-2026.xml"))))
    // …and the same change list, in its section « Modifications depuis le registre 2025 ».
    let pdftotext = try Checkers.require("pdftotext", package: "poppler-utils")
    let extrait = try Tools.run(
      [pdftotext, annee2026.appendingPathComponent("registre-2026.pdf").path, "-"], dossier: racine)
    #expect(extrait.sortie.contains("Modifications depuis le registre 2025"))
    #expect(extrait.sortie.contains("Traitement supprimé"))

    // Verification passes on both years, each with its demonstration CA.
    for annee in [annee2025, annee2026] {
      let verif = try register(["verifier", annee.path, "--ac", annee.appendingPathComponent("ac-demonstration.pem").path], dans: racine)
      #expect(verif.code == 0, "\(verif.sortie)")
      #expect(verif.sortie.contains("Résultat : archive intègre"))
    }

    // comparer: folders, XML and PDF; 1 with changes, 0 without.
    let dossiers = try register(["comparer", annee2025.path, source.path], dans: racine)
    #expect(dossiers.code == 1)
    #expect(dossiers.sortie.contains("nouveau sous-traitant : MainSûre (fictif) (mainsure)"))
    let xmlPdf = try register(
      ["comparer", annee2025.appendingPathComponent("registre-2025.xml").path,
       annee2026.appendingPathComponent("registre-2026.pdf").path, "--format", "json"], dans: racine)
    #expect(xmlPdf.code == 1)
    #expect(xmlPdf.sortie.contains("\"kind\" : \"removed\""))
    let identiques = try register(["comparer", annee2026.appendingPathComponent("registre-2026.pdf").path, source.path], dans: racine)
    #expect(identiques.code == 0, "\(identiques.sortie)")
    let illisible = try register(["comparer", racine.appendingPathComponent("absent").path, source.path], dans: racine)
    #expect(illisible.code == 2)

    // Tampered copies fail: a changed byte, an added file, a removed file.
    let ac = annee2026.appendingPathComponent("ac-demonstration.pem").path
    for alteration in ["octet", "ajout", "suppression"] {
      let copie = racine.appendingPathComponent("copie-\(alteration)")
      try FileManager.default.copyItem(at: annee2026, to: copie)
      switch alteration {
      case "octet":
        let fichier = copie.appendingPathComponent("registre-2026.csv")
        var octets = [UInt8](try Data(contentsOf: fichier))
        octets[octets.count / 2] ^= 0x20
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: fichier.path)
        try Data(octets).write(to: fichier)
      case "ajout":
        try Data("note".utf8).write(to: copie.appendingPathComponent("note.txt"))
      default:
        try FileManager.default.removeItem(at: copie.appendingPathComponent("bilan-2026.pdf"))
      }
      let verif = try register(["verifier", copie.path, "--ac", ac], dans: racine)
      #expect(verif.code == 1, "\(alteration) : \(verif.sortie)")
      let attendu = ["octet": "fichier modifié : registre-2026.csv", "ajout": "fichier ajouté : note.txt",
        "suppression": "fichier supprimé : bilan-2026.pdf"][alteration] ?? ""
      #expect(verif.sortie.contains(attendu), "\(verif.sortie)")
    }

    // A sealed year is never replaced: a correction needs --motif and becomes a revision.
    let sansMotif = try register(["exporter", source.path, "--annee", "2026", "--archive", archive, "--demonstration"], dans: racine)
    #expect(sansMotif.code == 2)
    #expect(sansMotif.sortie.contains("--motif"))
    #expect(YearArchive.sealedYears(in: URL(fileURLWithPath: archive)).map(\.name) == ["2025", "2026"])
  }

  @Test func withoutCredentialsTheExportIsRefused() throws {
    let racine = try TemporaryFolder.make()
    defer { try? FileManager.default.removeItem(at: racine) }
    let archive = racine.appendingPathComponent("archive")
    let resultat = try register(["exporter", Tools.demo.path, "--annee", "2026", "--archive", archive.path], dans: racine)
    #expect(resultat.code == 2)
    #expect(resultat.sortie.contains("--demonstration"))
    #expect(!FileManager.default.fileExists(atPath: archive.path))
  }

  /// SIGKILL during FOP: no partial year, the sealed year untouched; the next export removes the leftover.
  @Test func killedExportLeavesNoPartialYear() throws {
    let racine = try TemporaryFolder.make()
    defer { try? FileManager.default.removeItem(at: racine) }
    let archive = racine.appendingPathComponent("archive")
    let demo = try SigningCredentials.demonstration()
    let ancienne = try YearArchive.seal(
      [ArchiveFile(name: "registre-2025.xml", data: try Data(contentsOf: Tools.demo.appendingPathComponent("etablissement.yaml")))],
      as: YearArchive.nextFolder(for: 2025, in: archive), in: archive
    ) { try DetachedSignature.sign($0, credentials: demo.credentials) }
    let manifeste = try Data(contentsOf: ancienne.appendingPathComponent(YearArchive.manifestName))

    let enfant = try ChildProcess(
      [Self.executable, "exporter", Tools.demo.path, "--annee", "2026", "--archive", archive.path, "--demonstration"],
      output: .file(racine.appendingPathComponent("export.log")), errors: .standardOutput, newProcessGroup: true)
    defer { enfant.killWithDescendants() }
    // Wait until the hidden build folder holds the first files and FOP runs, then kill the whole group.
    var pendantFOP = false
    for _ in 0..<6000 where enfant.isRunning {
      let temporaires = ((try? FileManager.default.contentsOfDirectory(atPath: archive.path)) ?? [])
        .filter { $0.hasPrefix(".registre-export-2026-") }
      let ecrits = temporaires.first.flatMap { try? FileManager.default.contentsOfDirectory(atPath: archive.appendingPathComponent($0).path) } ?? []
      if ecrits.contains("registre-2026.xml") && enfant.runsFOP {
        pendantFOP = true
        break
      }
      usleep(50_000)
    }
    #expect(pendantFOP, "l'export s'est terminé avant que FOP ne tourne : \((try? String(contentsOf: racine.appendingPathComponent("export.log"), encoding: .utf8)) ?? "")")
    enfant.killWithDescendants()

    let noms = try FileManager.default.contentsOfDirectory(atPath: archive.path)
    #expect(!noms.contains("2026"))
    #expect(YearArchive.sealedYears(in: archive).map(\.name) == ["2025"])
    #expect(try Data(contentsOf: ancienne.appendingPathComponent(YearArchive.manifestName)) == manifeste)
    // No signed PDF in this year: the manifest's signer must be named.
    #expect(!ArchiveVerification.check(ancienne, trustAnchors: [Data(demo.authorityPEM.utf8)]).valid)
    #expect(ArchiveVerification.check(ancienne, trustAnchors: [Data(demo.authorityPEM.utf8)],
      expectedSigners: [demo.credentials.certificateFingerprint]).valid)
    // The killed export's hidden folder is removed by the next build in this archive.
    #expect(noms.contains { $0.hasPrefix(".registre-export-2026-") })
    let suivant = try YearBuild(target: YearArchive.nextFolder(for: 2027, in: archive), in: archive)
    suivant.abandon()
    #expect(try FileManager.default.contentsOfDirectory(atPath: archive.path) == ["2025"])
  }
  /// `kill -9` of `registre` alone (not its group), as the attack was run: its FOP JVMs die with it
  /// (no orphan keeps the register's data in memory), and the scratch folder it left in TMPDIR, with
  /// the register's data in it, is removed by the next run.
  @Test func killingRegistreAloneKillsItsFOPAndTheNextRunCleansItsScratch() throws {
    let racine = try TemporaryFolder.make()
    defer { try? FileManager.default.removeItem(at: racine) }
    let temporaire = racine.appendingPathComponent("tmp")
    try FileManager.default.createDirectory(at: temporaire, withIntermediateDirectories: true)
    let archive = racine.appendingPathComponent("archive")
    let enfant = try ChildProcess(
      [Self.executable, "exporter", Tools.demo.path, "--annee", "2026", "--archive", archive.path, "--demonstration"],
      output: .file(racine.appendingPathComponent("export.log")), errors: .standardOutput,
      environment: ["TMPDIR": temporaire.path])
    defer { enfant.killWithDescendants() }
    var fop: [pid_t] = []
    for _ in 0..<6000 where enfant.isRunning {
      fop = enfant.descendants.filter { ChildProcess.commandLine(of: $0).lowercased().contains("fop") }
      if !fop.isEmpty { break }
      usleep(50_000)
    }
    try #require(!fop.isEmpty, "l'export s'est terminé avant que FOP ne tourne")
    let brouillons = try FileManager.default.contentsOfDirectory(atPath: temporaire.path)
      .filter { $0.hasPrefix("registre-rendu.") }
    #expect(!brouillons.isEmpty)
    enfant.kill()  // SIGKILL to registre only: nothing of its own can run to clean up.

    // Each JVM is gone (or a zombie waiting for its new parent to reap it) within a second: it was
    // caught as it started, and a JVM alone takes several seconds to start FOP and render.
    var vivants = fop
    for _ in 0..<20 where !vivants.isEmpty {
      vivants = vivants.filter(Self.isAlive)
      usleep(50_000)
    }
    #expect(vivants.isEmpty, "FOP survit à registre : \(vivants.map(ChildProcess.commandLine(of:)))")

    // The next run, in the same TMPDIR, removes the dead run's scratch folder before it renders.
    let suivant = try RegistreCLI.run(
      ["document", Tools.demo.path, "--sortie", racine.appendingPathComponent("registre.pdf").path], in: racine,
      environment: ["TMPDIR": temporaire.path], mergeErrors: true)
    #expect(suivant.status == 0, "\(suivant.output)")
    let restants = try FileManager.default.contentsOfDirectory(atPath: temporaire.path)
    #expect(restants.filter { brouillons.contains($0) }.isEmpty, "\(restants)")
  }

  /// A command that ends normally leaves no JVM of its warm rendering service behind: no
  /// process in /proc names the scratch folder of that `registre` (`registre-rendu.PID.`).
  @Test func finishedCommandLeavesNoJVM() throws {
    let racine = try TemporaryFolder.make()
    defer { try? FileManager.default.removeItem(at: racine) }
    let enfant = try ChildProcess(
      [Self.executable, "notices", Tools.demo.path, "--sortie", racine.appendingPathComponent("notices").path],
      output: .file(racine.appendingPathComponent("notices.log")), errors: .standardOutput)
    defer { enfant.killWithDescendants() }
    var vus: Set<pid_t> = []
    while enfant.isRunning {
      for pid in enfant.descendants where ChildProcess.commandLine(of: pid).contains("RenderService") { vus.insert(pid) }
      usleep(50_000)
    }
    #expect(enfant.wait() == 0, "\((try? String(contentsOf: racine.appendingPathComponent("notices.log"), encoding: .utf8)) ?? "")")
    #expect(!vus.isEmpty, "le service de rendu n'a pas été vu")
    let marque = "registre-rendu.\(enfant.pid)."
    var restants: [String] = []
    for _ in 0..<20 {
      let noms = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
      restants = noms.compactMap(Int32.init).filter(Self.isAlive).map(ChildProcess.commandLine(of:))
        .filter { $0.contains(marque) }
      if restants.isEmpty { break }
      usleep(50_000)
    }
    #expect(restants.isEmpty, "JVM restée après la fin de registre : \(restants)")
    #expect(vus.filter(Self.isAlive).isEmpty)
  }

  /// Running or stopped, but not a zombie: `/proc/PID/stat`'s third field.
  static func isAlive(_ process: pid_t) -> Bool {
    guard let stat = try? String(contentsOfFile: "/proc/\(process)/stat", encoding: .utf8),
      let end = stat.lastIndex(of: ")")
    else { return false }
    let state = stat[stat.index(after: end)...].split(separator: " ").first
    return state != "Z" && state != "X"
  }
}

extension ChildProcess {
  /// Whether a descendant runs FOP (Java with FOP's classes, or the `fop` script).
  var runsFOP: Bool {
    descendants.contains { ChildProcess.commandLine(of: $0).lowercased().contains("fop") }
  }
}

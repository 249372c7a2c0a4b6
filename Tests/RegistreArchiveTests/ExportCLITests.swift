import Foundation
import RegistreArchive
import RegistreSignature
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// End-to-end: the built `registre` binary exports, compares and verifies (needs FOP, like `registre demo`).
@Suite struct ExportCLITests {
  static let executable: String = {
    let dossier = Bundle.main.bundleURL.deletingLastPathComponent()
    let candidats = [dossier, Bundle.main.bundleURL, dossier.deletingLastPathComponent()]
      .map { $0.appendingPathComponent("registre").path }
    return candidats.first { FileManager.default.isExecutableFile(atPath: $0) }
      ?? Tools.depot.appendingPathComponent(".build/debug/registre").path
  }()

  func registre(_ arguments: [String], dans dossier: URL) throws -> (code: Int32, sortie: String) {
    try Tools.lancer([Self.executable] + arguments, dossier: dossier)
  }

  /// A copy of the demo register that the test may edit.
  func copieDemo(_ dossier: URL) throws -> URL {
    let copie = dossier.appendingPathComponent("registre")
    try FileManager.default.copyItem(at: Tools.demo, to: copie)
    return copie
  }

  /// The edits of the second year: a longer retention, a new processor, a treatment removed.
  func editer(_ registre: URL) throws {
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

  @Test func twoSealedYearsChangesVerificationAndTampering() throws {
    let racine = try Tools.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: racine) }
    let source = try copieDemo(racine)
    let archive = racine.appendingPathComponent("archive").path

    let premier = try registre(["exporter", source.path, "--annee", "2025", "--archive", archive, "--demonstration"], dans: racine)
    #expect(premier.code == 0, "\(premier.sortie)")
    try editer(source)
    let second = try registre(["exporter", source.path, "--annee", "2026", "--archive", archive, "--demonstration"], dans: racine)
    #expect(second.code == 0, "\(second.sortie)")

    let annee2025 = URL(fileURLWithPath: archive).appendingPathComponent("2025")
    let annee2026 = URL(fileURLWithPath: archive).appendingPathComponent("2026")
    let attendus = [
      "MANIFEST.sha256", "MANIFEST.sha256.p7s", "ac-demonstration.pem", "bilan-2026.json", "bilan-2026.pdf",
      "bilan-2026.txt", "changements-2026.json", "changements-2026.txt", "notice-eleves-2026.pdf",
      "notice-familles-2026.pdf", "rapport-audit-2026.pdf", "registre-2026.csv", "registre-2026.ods",
      "registre-2026.pdf", "registre-2026.xml",
    ]
    #expect(try FileManager.default.contentsOfDirectory(atPath: annee2026.path).sorted() == attendus)

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
    let pdftotext = try #require(Tools.programme("pdftotext"))
    let extrait = try Tools.lancer(
      [pdftotext, annee2026.appendingPathComponent("registre-2026.pdf").path, "-"], dossier: racine)
    #expect(extrait.sortie.contains("Modifications depuis le registre 2025"))
    #expect(extrait.sortie.contains("Traitement supprimé"))

    // Verification passes on both years, each with its demonstration CA.
    for annee in [annee2025, annee2026] {
      let verif = try registre(["verifier", annee.path, "--ac", annee.appendingPathComponent("ac-demonstration.pem").path], dans: racine)
      #expect(verif.code == 0, "\(verif.sortie)")
      #expect(verif.sortie.contains("Résultat : archive intègre"))
    }

    // comparer: folders, XML and PDF; 1 with changes, 0 without.
    let dossiers = try registre(["comparer", annee2025.path, source.path], dans: racine)
    #expect(dossiers.code == 1)
    #expect(dossiers.sortie.contains("nouveau sous-traitant : MainSûre (fictif) (mainsure)"))
    let xmlPdf = try registre(
      ["comparer", annee2025.appendingPathComponent("registre-2025.xml").path,
       annee2026.appendingPathComponent("registre-2026.pdf").path, "--format", "json"], dans: racine)
    #expect(xmlPdf.code == 1)
    #expect(xmlPdf.sortie.contains("\"kind\" : \"removed\""))
    let identiques = try registre(["comparer", annee2026.appendingPathComponent("registre-2026.pdf").path, source.path], dans: racine)
    #expect(identiques.code == 0, "\(identiques.sortie)")
    let illisible = try registre(["comparer", racine.appendingPathComponent("absent").path, source.path], dans: racine)
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
      let verif = try registre(["verifier", copie.path, "--ac", ac], dans: racine)
      #expect(verif.code == 1, "\(alteration) : \(verif.sortie)")
      let attendu = ["octet": "fichier modifié : registre-2026.csv", "ajout": "fichier ajouté : note.txt",
        "suppression": "fichier supprimé : bilan-2026.pdf"][alteration] ?? ""
      #expect(verif.sortie.contains(attendu), "\(verif.sortie)")
    }

    // A sealed year is never replaced: a correction needs --motif and becomes a revision.
    let sansMotif = try registre(["exporter", source.path, "--annee", "2026", "--archive", archive, "--demonstration"], dans: racine)
    #expect(sansMotif.code == 2)
    #expect(sansMotif.sortie.contains("--motif"))
    #expect(YearArchive.sealedYears(in: URL(fileURLWithPath: archive)).map(\.name) == ["2025", "2026"])
  }

  @Test func withoutCredentialsTheExportIsRefused() throws {
    let racine = try Tools.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: racine) }
    let archive = racine.appendingPathComponent("archive")
    let resultat = try registre(["exporter", Tools.demo.path, "--annee", "2026", "--archive", archive.path], dans: racine)
    #expect(resultat.code == 2)
    #expect(resultat.sortie.contains("--demonstration"))
    #expect(!FileManager.default.fileExists(atPath: archive.path))
  }

  /// SIGKILL during FOP: no partial year, the sealed year untouched; the next export removes the leftover.
  @Test func killedExportLeavesNoPartialYear() throws {
    let racine = try Tools.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: racine) }
    let archive = racine.appendingPathComponent("archive")
    let demo = try SigningCredentials.demonstration()
    let ancienne = try YearArchive.seal(
      [ArchiveFile(name: "registre-2025.xml", data: try Data(contentsOf: Tools.demo.appendingPathComponent("etablissement.yaml")))],
      as: YearArchive.nextFolder(for: 2025, in: archive), in: archive
    ) { try DetachedSignature.sign($0, credentials: demo.credentials) }
    let manifeste = try Data(contentsOf: ancienne.appendingPathComponent(YearArchive.manifestName))

    let enfant = try ProcessGroup(
      [Self.executable, "exporter", Tools.demo.path, "--annee", "2026", "--archive", archive.path, "--demonstration"],
      journal: racine.appendingPathComponent("export.log"))
    defer { enfant.tuer() }
    // Wait until the hidden build folder holds the first files and FOP runs, then kill the whole group.
    var pendantFOP = false
    for _ in 0..<6000 where enfant.enCours {
      let temporaires = ((try? FileManager.default.contentsOfDirectory(atPath: archive.path)) ?? [])
        .filter { $0.hasPrefix(".registre-export-2026-") }
      let ecrits = temporaires.first.flatMap { try? FileManager.default.contentsOfDirectory(atPath: archive.appendingPathComponent($0).path) } ?? []
      if ecrits.contains("registre-2026.xml") && enfant.lanceFOP {
        pendantFOP = true
        break
      }
      usleep(50_000)
    }
    #expect(pendantFOP, "l'export s'est terminé avant que FOP ne tourne : \((try? String(contentsOf: racine.appendingPathComponent("export.log"), encoding: .utf8)) ?? "")")
    enfant.tuer()

    let noms = try FileManager.default.contentsOfDirectory(atPath: archive.path)
    #expect(!noms.contains("2026"))
    #expect(YearArchive.sealedYears(in: archive).map(\.name) == ["2025"])
    #expect(try Data(contentsOf: ancienne.appendingPathComponent(YearArchive.manifestName)) == manifeste)
    #expect(ArchiveVerification.check(ancienne, trustAnchors: [Data(demo.authorityPEM.utf8)]).valid)
    // The killed export's hidden folder is removed by the next build in this archive.
    #expect(noms.contains { $0.hasPrefix(".registre-export-2026-") })
    let suivant = try YearBuild(target: YearArchive.nextFolder(for: 2027, in: archive), in: archive)
    suivant.abandon()
    #expect(try FileManager.default.contentsOfDirectory(atPath: archive.path) == ["2025"])
  }
}

/// A child spawned with a clean signal mask, in its own process group.
final class ProcessGroup {
  let pid: pid_t
  private var termine = false

  init(_ arguments: [String], journal: URL) throws {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, journal.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    var attributs = posix_spawnattr_t()
    posix_spawnattr_init(&attributs)
    defer { posix_spawnattr_destroy(&attributs) }
    var vide = sigset_t()
    sigemptyset(&vide)
    posix_spawnattr_setsigmask(&attributs, &vide)
    posix_spawnattr_setpgroup(&attributs, 0)
    posix_spawnattr_setflags(&attributs, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETPGROUP))
    let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid: pid_t = 0
    let statut = posix_spawnp(&pid, arguments[0], &actions, &attributs, argv, environ)
    guard statut == 0 else { throw CocoaError(.executableNotLoadable) }
    self.pid = pid
  }

  var enCours: Bool {
    if termine { return false }
    var statut: Int32 = 0
    if waitpid(pid, &statut, WNOHANG) == pid {
      termine = true
      return false
    }
    return true
  }

  /// The child's descendants (Foundation's `Process`, which starts FOP, gives it its own process group,
  /// so the group alone does not find it).
  var descendants: [pid_t] {
    var parents: [pid_t: pid_t] = [:]
    for numero in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] where numero.allSatisfy(\.isNumber) {
      guard let n = pid_t(numero), let stat = try? String(contentsOfFile: "/proc/\(numero)/stat", encoding: .utf8),
        let fin = stat.lastIndex(of: ")")
      else { continue }
      let champs = stat[stat.index(after: fin)...].split(separator: " ")
      if champs.count > 1, let parent = pid_t(champs[1]) { parents[n] = parent }
    }
    var resultat: [pid_t] = []
    var aVoir = [pid]
    while let courant = aVoir.popLast() {
      for (enfant, parent) in parents where parent == courant && !resultat.contains(enfant) {
        resultat.append(enfant)
        aVoir.append(enfant)
      }
    }
    return resultat
  }

  /// Whether a descendant runs FOP (Java with FOP's classes, or the `fop` script).
  var lanceFOP: Bool {
    descendants.contains { n in
      guard let ligne = try? Data(contentsOf: URL(fileURLWithPath: "/proc/\(n)/cmdline")) else { return false }
      return String(decoding: ligne, as: UTF8.self).lowercased().contains("fop")
    }
  }

  /// Waits for the child to end; its exit code, or -1 when a signal ended it.
  func awaitResult() -> Int32 {
    var statut: Int32 = 0
    while waitpid(pid, &statut, 0) < 0 && errno == EINTR {}
    termine = true
    return (statut & 0x7f) == 0 ? (statut >> 8) & 0xff : -1
  }

  /// SIGKILL to the export first (what the test is about), then to what it had started.
  func tuer() {
    guard !termine else { return }
    let restes = descendants
    kill(pid, SIGKILL)
    var statut: Int32 = 0
    while waitpid(pid, &statut, 0) < 0 && errno == EINTR {}
    termine = true
    for n in restes { kill(n, SIGKILL) }
  }

  deinit { tuer() }
}

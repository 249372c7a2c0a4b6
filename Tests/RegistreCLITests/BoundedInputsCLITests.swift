import Foundation
import RegistreTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Issue 24, through the `registre` binary: inputs are bounded before they are read, hostile
/// YAML is refused up front, links do not leave the register folder, control characters are
/// shown escaped, an existing `--sortie` is refused without `--remplacer`.
@Suite("Entrées bornées, sorties existantes")
struct BoundedInputsCLI {
  /// A copy of the valid fixture register.
  private func registerCopy(_ dossier: URL) throws -> URL {
    let registre = dossier.appendingPathComponent("registre")
    try FileManager.default.copyItem(at: CLITool.registreValide, to: registre)
    return registre
  }

  private func toolSheetPath() -> String {
    CLITool.depot.appendingPathComponent("Exemples/fiches-outils/appli-comptes-editeur-ue.yaml").path
  }

  @Test(arguments: [Int64(1) << 30, Int64(8) << 30])
  func aSparseGiantSheetIsRefusedBeforeItIsRead(_ taille: Int64) throws {
    let dossier = try TemporaryFolder.make("registre-cli")
    defer { try? FileManager.default.removeItem(at: dossier) }
    let creux = dossier.appendingPathComponent("fiche.yaml")
    #expect(FileManager.default.createFile(atPath: creux.path, contents: nil))
    #expect(truncate(creux.path, off_t(taille)) == 0)
    let resultat = try CLITool.run(["evaluer", creux.path])
    #expect(resultat.code == 2)
    #expect(resultat.erreurs.contains("fichier trop grand (\(taille) octets, au plus 2000000)"), "\(resultat.erreurs)")
  }

  @Test func verifierRefusesASparseFileDevZeroAndAFIFOWithoutReading() throws {
    let dossier = try TemporaryFolder.make("registre-cli")
    defer { try? FileManager.default.removeItem(at: dossier) }
    let creux = dossier.appendingPathComponent("creux.pdf")
    #expect(FileManager.default.createFile(atPath: creux.path, contents: nil))
    #expect(truncate(creux.path, off_t(3_000_000_000)) == 0)
    let tube = dossier.appendingPathComponent("tube.pdf")
    #expect(mkfifo(tube.path, 0o600) == 0)
    let trop = try CLITool.run(["verifier", creux.path])
    #expect(trop.code == 2)
    #expect(trop.erreurs.contains("fichier trop grand (3000000000 octets"), "\(trop.erreurs)")
    let zero = try CLITool.run(["verifier", "/dev/zero"])
    #expect(zero.code == 2)
    #expect(zero.erreurs.contains("périphérique caractère, pas un fichier ordinaire"), "\(zero.erreurs)")
    // No writer ever opens the FIFO: a reader that blocked would hang this test.
    let fifo = try CLITool.run(["verifier", tube.path])
    #expect(fifo.code == 2)
    #expect(fifo.erreurs.contains("tube nommé, pas un fichier ordinaire"), "\(fifo.erreurs)")
  }

  @Test(arguments: [
    ("!!python/object:os.system ls", "étiquette YAML explicite « tag:yaml.org,2002:python/object:os.system »"),
    ("!foo Pronote", "étiquette YAML explicite « !foo »"),
  ])
  func explicitYAMLTagsAreRefusedWithTheirLine(_ valeur: String, _ attendu: String) throws {
    let dossier = try TemporaryFolder.make("registre-cli")
    defer { try? FileManager.default.removeItem(at: dossier) }
    let registre = try registerCopy(dossier)
    let fichier = registre.appendingPathComponent("traitements/vie-scolaire.yaml")
    var texte = try String(contentsOf: fichier, encoding: .utf8)
    texte = texte.replacingOccurrences(of: "logiciel: Pronote", with: "logiciel: \(valeur)")
    try texte.write(to: fichier, atomically: true, encoding: .utf8)
    let resultat = try CLITool.run(["valider", registre.path])
    #expect(resultat.code != 0)
    #expect(resultat.erreurs.contains(attendu), "\(resultat.erreurs)")
    #expect(resultat.erreurs.contains("vie-scolaire.yaml:6"), "\(resultat.erreurs)")
  }

  @Test func anAnchorHiddenAfterAQuotedBlockIsRefusedUpFront() throws {
    let dossier = try TemporaryFolder.make("registre-cli")
    defer { try? FileManager.default.removeItem(at: dossier) }
    let registre = try registerCopy(dossier)
    let fichier = registre.appendingPathComponent("traitements/vie-scolaire.yaml")
    var texte = try String(contentsOf: fichier, encoding: .utf8)
    // A multi-line quoted scalar, then anchors and aliases on the following lines.
    texte += "commentaire_libre: \"début\n  suite\"\nx: &a [1, 2]\ny: [*a, *a, *a]\n"
    try texte.write(to: fichier, atomically: true, encoding: .utf8)
    let resultat = try CLITool.run(["valider", registre.path])
    #expect(resultat.code != 0)
    #expect(resultat.erreurs.contains("les ancres et alias YAML (& et *) ne sont pas acceptés"), "\(resultat.erreurs)")
  }

  @Test func aNULEscapeIsRefusedByValidate() throws {
    let dossier = try TemporaryFolder.make("registre-cli")
    defer { try? FileManager.default.removeItem(at: dossier) }
    let registre = try registerCopy(dossier)
    let fichier = registre.appendingPathComponent("traitements/vie-scolaire.yaml")
    var texte = try String(contentsOf: fichier, encoding: .utf8)
    texte = texte.replacingOccurrences(of: "logiciel: Pronote", with: #"logiciel: "Pro\0note""#)
    try texte.write(to: fichier, atomically: true, encoding: .utf8)
    let resultat = try CLITool.run(["valider", registre.path])
    #expect(resultat.code != 0)
    #expect(resultat.erreurs.contains("caractère de contrôle U+0000"), "\(resultat.erreurs)")
  }

  @Test func controlCharactersFromTheInputArePrintedEscaped() throws {
    let dossier = try TemporaryFolder.make("registre-cli")
    defer { try? FileManager.default.removeItem(at: dossier) }
    let registre = try registerCopy(dossier)
    let fichier = registre.appendingPathComponent("traitements/vie-scolaire.yaml")
    var texte = try String(contentsOf: fichier, encoding: .utf8)
    // An unknown enumeration value quoted back in the message, holding ESC[2J and an OSC title.
    texte = texte.replacingOccurrences(of: "statut: valide", with: "statut: \"v\\e[2J\\e]0;pwned\\a\"")
    try texte.write(to: fichier, atomically: true, encoding: .utf8)
    let resultat = try CLITool.run(["valider", registre.path])
    #expect(resultat.code != 0)
    #expect(!resultat.erreurs.contains("\u{1B}"), "\(resultat.erreurs)")
    #expect(!resultat.sortie.contains("\u{1B}"))
    #expect(!resultat.erreurs.contains("\u{07}"))
  }

  /// `valider` loads strictly and `audit` leniently: both go through the same bounded file reader.
  @Test(arguments: ["valider", "audit"]) func aSymlinkLeavingTheRegisterFolderIsRefused(_ commande: String) throws {
    let dossier = try TemporaryFolder.make("registre-cli")
    defer { try? FileManager.default.removeItem(at: dossier) }
    let registre = try registerCopy(dossier)
    let dehors = dossier.appendingPathComponent("dehors.yaml")
    try FileManager.default.copyItem(
      at: registre.appendingPathComponent("traitements/vie-scolaire.yaml"), to: dehors)
    try FileManager.default.removeItem(at: registre.appendingPathComponent("traitements/vie-scolaire.yaml"))
    try FileManager.default.createSymbolicLink(
      at: registre.appendingPathComponent("traitements/vie-scolaire.yaml"), withDestinationURL: dehors)
    let resultat = try CLITool.run([commande, registre.path])
    #expect(resultat.code != 0)
    #expect(resultat.erreurs.contains("lien symbolique vers l'extérieur du dossier du registre"), "\(resultat.erreurs)")
  }

  @Test func batchAuditOutputIsNotReplacedWithoutReplaceFlag() throws {
    let dossier = try TemporaryFolder.make("registre-cli")
    defer { try? FileManager.default.removeItem(at: dossier) }
    let lot = dossier.appendingPathComponent("lot")
    try FileManager.default.createDirectory(at: lot, withIntermediateDirectories: true)
    _ = try registerCopy(lot)
    let sortie = dossier.appendingPathComponent("rapport.json")
    try Data("ancien".utf8).write(to: sortie)
    let refuse = try CLITool.run(["audit", "--lot", lot.path, "--format", "json", "--sortie", sortie.path])
    #expect(refuse.code == 2)
    #expect(refuse.erreurs.contains("existe déjà ; --remplacer pour le remplacer"), "\(refuse.erreurs)")
    #expect(try Data(contentsOf: sortie) == Data("ancien".utf8))
    let remplace = try CLITool.run(
      ["audit", "--lot", lot.path, "--format", "json", "--sortie", sortie.path, "--remplacer"])
    #expect(remplace.code != 2, "\(remplace.erreurs)")
    #expect(try Data(contentsOf: sortie) != Data("ancien".utf8))
  }

  @Test func documentOutputIsNotReplacedWithoutReplaceFlag() throws {
    let dossier = try TemporaryFolder.make("registre-cli")
    defer { try? FileManager.default.removeItem(at: dossier) }
    let sortie = dossier.appendingPathComponent("registre.pdf")
    try Data("ancien".utf8).write(to: sortie)
    let refuse = try CLITool.run(["document", CLITool.registreValide.path, "--sortie", sortie.path])
    #expect(refuse.code == 2)
    #expect(refuse.erreurs.contains("existe déjà ; --remplacer pour le remplacer"), "\(refuse.erreurs)")
    #expect(try Data(contentsOf: sortie) == Data("ancien".utf8))
  }
}

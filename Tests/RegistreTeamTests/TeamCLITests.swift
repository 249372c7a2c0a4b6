import Foundation
import RegistreCatalogue
import RegistreTeam
import RegistreTestSupport
import RegistreWorkflows
import Testing

@Suite("registre comptes, statut, recommandations (ligne de commande)")
struct TeamCLITests {
  static let password = "un mot de passe de test long"

  /// A demo copy with the accounts made by the CLI itself.
  static func folderWithAccounts() throws -> URL {
    let base = try TemporaryFolder.make("registre-equipe-cli")
    let folder = base.appendingPathComponent("registre")
    try FileManager.default.copyItem(at: Catalogue.demoFolder(), to: folder)
    for role in ["chef", "dpd", "contributeur", "lecteur"] {
      let result = try RegistreCLI.run(
        ["comptes", "ajouter", folder.path, "--identifiant", role, "--role", role, "--mot-de-passe-stdin"],
        input: password + "\n")
      #expect(result.status == 0, "\(result.output)\(result.errors)")
    }
    return folder
  }

  @Test("Le premier compte crée le dossier et démarre le journal ; aucun mot de passe n'est écrit")
  func firstAccount() throws {
    let base = try TemporaryFolder.make("registre-equipe-cli")
    defer { try? FileManager.default.removeItem(at: base) }
    let folder = base.appendingPathComponent("nouveau")
    let added = try RegistreCLI.run(
      ["comptes", "ajouter", folder.path, "--identifiant", "m.durand", "--role", "chef", "--nom", "Marie Durand", "--mot-de-passe-stdin"],
      input: Self.password + "\n")
    #expect(added.status == 0, "\(added.errors)")
    let text = try String(contentsOf: folder.appendingPathComponent("comptes.yaml"), encoding: .utf8)
    #expect(!text.contains(Self.password))
    let journal = try String(contentsOf: folder.appendingPathComponent("journal.jsonl"), encoding: .utf8)
    #expect(!journal.contains(Self.password))
    #expect(!journal.contains("$2b$"))
    #expect(try Journal(folder: folder).entries().contains { $0.event.kind == .accountAdded && $0.event.account == "m.durand" })
    let listed = try RegistreCLI.run(["comptes", "lister", folder.path])
    #expect(listed.status == 0)
    #expect(listed.output.contains("m.durand\tchef\tMarie Durand"))
    #expect(!listed.output.contains("$2"))
  }

  @Test("Mot de passe trop court, absent, rôle inconnu : code 2 et rien d'écrit")
  func refusedAccounts() throws {
    let base = try TemporaryFolder.make("registre-equipe-cli")
    defer { try? FileManager.default.removeItem(at: base) }
    let folder = base.appendingPathComponent("r")
    let short = try RegistreCLI.run(
      ["comptes", "ajouter", folder.path, "--identifiant", "a", "--role", "chef", "--mot-de-passe-stdin"], input: "court\n")
    #expect(short.status == 2)
    #expect(short.errors.contains("trop court"))
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("comptes.yaml").path))
    let none = try RegistreCLI.run(["comptes", "ajouter", folder.path, "--identifiant", "a", "--role", "chef"])
    #expect(none.status == 2)
    #expect(none.errors.contains("--mot-de-passe-stdin"))
    let role = try RegistreCLI.run(
      ["comptes", "ajouter", folder.path, "--identifiant", "a", "--role", "directeur", "--mot-de-passe-stdin"], input: Self.password + "\n")
    #expect(role.status == 2)
    #expect(role.errors.contains("Rôle « directeur » inconnu"))
  }

  @Test("Les passages en ligne de commande : rôle vérifié, mot de passe vérifié, écrits au journal")
  func movesFromTheCommandLine() throws {
    let folder = try Self.folderWithAccounts()
    defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
    let fiche = folder.appendingPathComponent("traitements/ent.yaml").path
    func run(_ arguments: [String], password: String = Self.password) throws -> ProcessResult {
      try RegistreCLI.run(arguments + ["--mot-de-passe-stdin"], input: password + "\n")
    }
    let wrong = try run(["statut", fiche, "--vers", "a-relire", "--compte", "contributeur"], password: "pas le bon du tout")
    #expect(wrong.status == 2)
    #expect(wrong.errors.contains("incorrect"))
    #expect(try run(["statut", fiche, "--vers", "a-relire", "--compte", "contributeur"]).status == 0)
    let forbidden = try run(["statut", fiche, "--vers", "controle", "--compte", "contributeur"])
    #expect(forbidden.status == 2)
    #expect(forbidden.errors.contains("ne permet pas"))
    #expect(try run(["recommandations", "ajouter", fiche, "--texte", "Préciser la durée", "--compte", "dpd"]).status == 0)
    #expect(try run(["statut", fiche, "--vers", "controle", "--compte", "dpd"]).status == 0)
    #expect(try run(["recommandations", "repondre", fiche, "1", "--texte", "Précisée", "--compte", "contributeur"]).status == 0)
    #expect(try run(["recommandations", "clore", fiche, "1", "--compte", "dpd"]).status == 0)
    #expect(try run(["statut", fiche, "--vers", "valide", "--compte", "chef"]).status == 0)
    let shown = try RegistreCLI.run(["statut", fiche])
    #expect(shown.output.contains("Validé par le chef d'établissement"))
    #expect(shown.output.contains("recommandation n° 1 (close)"))
    let all = try RegistreCLI.run(["statut", folder.path])
    #expect(all.output.contains("traitements/ent.yaml\tValidé"))
    let entries = try Journal(folder: folder).entries()
    let cli = entries.filter { $0.event.kind == .status }
    #expect(cli.map(\.actor.channel) == [.commandLine, .commandLine, .commandLine])
    #expect(cli.map { $0.actor.account ?? "" } == ["contributeur", "dpd", "chef"])
  }
}

import Foundation
import Testing
import RegistreTestSupport

@Suite struct CatalogueInitCLI {
  @Test func catalogueListsEveryEntryWithControllerAndDPIA() throws {
    let r = try CLITool.run(["catalogue"])
    #expect(r.code == 0)
    let lignes = r.sortie.split(separator: "\n")
    #expect(lignes.first?.hasPrefix("ID") == true)
    #expect(lignes.contains { $0.hasPrefix("siecle ") && $0.contains("ministère") && $0.contains("sans objet") })
    #expect(lignes.contains { $0.hasPrefix("demi-pension-biometrie ") && $0.contains("requise") })
    #expect(lignes.filter { $0.contains("établissement") || $0.contains("ministère") }.count >= 25)
  }

  @Test func showPrintsTheEntryYAMLOrFailsWithTwo() throws {
    let r = try CLITool.run(["catalogue", "afficher", "discipline"])
    #expect(r.code == 0)
    #expect(r.sortie.contains("id: discipline"))
    #expect(r.sortie.contains("R.511-13"))
    let absent = try CLITool.run(["catalogue", "afficher", "onde"])
    #expect(absent.code == 2)
    #expect(absent.erreurs.contains("absente du catalogue"))
  }

  @Test func initCreatesAFolderThatValidateReportsAsIncomplete() throws {
    let dossier = try TemporaryFolder.make()
    defer { try? FileManager.default.removeItem(at: dossier) }
    let cible = dossier.appendingPathComponent("registre").path
    let r = try CLITool.run(["init", cible, "--nom", "Collège Exemple", "--uai", "0999995V", "--avec", "ent,discipline"])
    #expect(r.code == 0)
    #expect(r.sortie.contains("2 traitement(s)"))
    #expect(FileManager.default.fileExists(atPath: cible + "/traitements/discipline.yaml"))
    let v = try CLITool.run(["valider", cible])
    #expect(v.code == 1)
    #expect(v.erreurs.contains("valeur à compléter"))
  }

  @Test func initRefusesToOverwriteWithTwo() throws {
    let dossier = try TemporaryFolder.make()
    defer { try? FileManager.default.removeItem(at: dossier) }
    let premier = try CLITool.run(["init", dossier.path, "--nom", "Collège X", "--uai", "0999995V", "--avec", "ent"])
    #expect(premier.code == 0)
    let avant = try String(contentsOf: dossier.appendingPathComponent("etablissement.yaml"), encoding: .utf8)
    let second = try CLITool.run(["init", dossier.path, "--nom", "Collège Y", "--uai", "0999994U"])
    #expect(second.code == 2)
    #expect(second.erreurs.contains("existe déjà"))
    let apres = try String(contentsOf: dossier.appendingPathComponent("etablissement.yaml"), encoding: .utf8)
    #expect(avant == apres)
    #expect(!FileManager.default.fileExists(atPath: dossier.appendingPathComponent("traitements/vie-scolaire.yaml").path))
  }

  @Test func initRejectsABadUAIWithTwo() throws {
    let dossier = try TemporaryFolder.make()
    defer { try? FileManager.default.removeItem(at: dossier) }
    let r = try CLITool.run(["init", dossier.path, "--nom", "Collège X", "--uai", "12345"])
    #expect(r.code == 2)
    #expect(r.erreurs.contains("UAI"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: dossier.path).isEmpty)
  }
}

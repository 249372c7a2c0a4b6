import Foundation
import Testing
import RegistreTestSupport

@Suite struct ValiderCLI {
  @Test func unRegistreValideSortAvecZero() throws {
    let r = try OutilCLI.lancer(["valider", OutilCLI.registreValide.path])
    #expect(r.code == 0)
    #expect(r.sortie.contains("Registre valide"))
  }

  @Test func unRegistreInvalideSortAvecUnEtDitOu() throws {
    let dossier = try TemporaryFolder.make()
    defer { try? FileManager.default.removeItem(at: dossier) }
    let copie = dossier.appendingPathComponent("r")
    try FileManager.default.copyItem(at: OutilCLI.registreValide, to: copie)
    let fiche = copie.appendingPathComponent("traitements/vie-scolaire.yaml")
    let texte = try String(contentsOf: fiche, encoding: .utf8).replacingOccurrences(of: "statut: valide", with: "statut: validée")
    try texte.write(to: fiche, atomically: true, encoding: .utf8)
    let r = try OutilCLI.lancer(["valider", copie.path])
    #expect(r.code == 1)
    #expect(r.erreurs.contains("traitements/vie-scolaire.yaml:3:9: erreur: champ « statut » : valeur « validée » inconnue"))
  }

  @Test func unCheminAbsentSortAvecDeux() throws {
    let r = try OutilCLI.lancer(["valider", "/chemin/qui/n-existe/pas"])
    #expect(r.code == 2)
    #expect(r.erreurs.contains("chemin introuvable"))
  }

  @Test func uneOptionInconnueSortAvecDeuxEnFrancais() throws {
    let r = try OutilCLI.lancer(["valider", "--inconnue", "x"])
    #expect(r.code == 2)
    #expect(r.erreurs.contains("Option inconnue"))
  }

  @Test func laideEstEnFrancais() throws {
    let r = try OutilCLI.lancer(["--aide"])
    #expect(r.code == 0)
    #expect(r.sortie.contains("SOUS-COMMANDES"))
    #expect(r.sortie.contains("valider"))
  }

  /// Accented spellings are accepted as aliases of the ASCII names.
  @Test func lesGraphiesAccentueesSontAcceptees() throws {
    #expect(try OutilCLI.lancer(["vérifier", "--aide"]).code == 0)
    #expect(try OutilCLI.lancer(["modèles", "--aide"]).code == 0)
    let signer = try OutilCLI.lancer(["signer", "--aide"])
    #expect(signer.sortie.contains("--clé"))
    #expect(signer.sortie.contains("--chaîne"))
  }

  @Test func convertirVersXMLPuisRetour() throws {
    let dossier = try TemporaryFolder.make()
    defer { try? FileManager.default.removeItem(at: dossier) }
    let xml = dossier.appendingPathComponent("registre.xml").path
    #expect(try OutilCLI.lancer(["convertir", OutilCLI.registreValide.path, "--sortie", xml]).code == 0)
    #expect(try OutilCLI.lancer(["valider", xml]).code == 0)
    // Never overwritten.
    let encore = try OutilCLI.lancer(["convertir", OutilCLI.registreValide.path, "--sortie", xml])
    #expect(encore.code == 2)
    #expect(encore.erreurs.contains("existe déjà"))
    let retour = dossier.appendingPathComponent("retour").path
    #expect(try OutilCLI.lancer(["convertir", xml, "--sortie", retour]).code == 0)
    #expect(try OutilCLI.lancer(["valider", retour]).code == 0)
  }
}

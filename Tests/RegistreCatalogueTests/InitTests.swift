import Foundation
import RegistreModel
import Testing
import Yams

@testable import RegistreCatalogue
import RegistreTestSupport

/// Every YAML file of a register folder, by path relative to the folder.
func yamlFiles(_ dossier: URL) throws -> [String: String] {
  var resultat: [String: String] = [:]
  let racine = dossier.standardizedFileURL.path
  guard let parcours = FileManager.default.enumerator(atPath: racine) else { return [:] }
  for case let chemin as String in parcours where chemin.hasSuffix(".yaml") {
    resultat[chemin] = try String(contentsOfFile: racine + "/" + chemin, encoding: .utf8)
  }
  return resultat
}

/// Replaces each `clé: "À COMPLÉTER …"` with a plausible value for that key, as a school would.
func fillMarkers(_ texte: String) -> String {
  texte.split(separator: "\n", omittingEmptySubsequences: false).map { ligne -> String in
    guard let debut = ligne.range(of: "\"\(Catalogue.marqueACompleter)"),
      let deuxPoints = ligne[..<debut.lowerBound].range(of: ": ", options: .backwards)
    else { return String(ligne) }
    let prefixe = ligne[..<deuxPoints.upperBound]
    let cle = prefixe.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "- ", with: "")
      .replacingOccurrences(of: ":", with: "")
    let valeur: String
    switch cle {
    case "pays": valeur = "FR"
    case "courriel": valeur = "\"direction@college-exemple.example\""
    case "adresse" where ligne.contains("https"): valeur = "\"https://service.college-exemple.example\""
    case "adresse": valeur = "\"2 place de l'Exemple, 00000 Villefictive\""
    case "nom": valeur = "\"Camille Exemple\""
    case "critere": valeur = "\"suppression à la fin de l'année scolaire\""
    default: valeur = "\"Valeur renseignée par l'établissement\""
    }
    return prefixe + valeur
  }.joined(separator: "\n")
}

@Suite struct InitTests {
  @Test func initWritesTheCommonSet() throws {
    let dossier = try TemporaryFolder.make().appendingPathComponent("registre")
    defer { try? FileManager.default.removeItem(at: dossier.deletingLastPathComponent()) }
    let ecrits = try Catalogue.createRegister(dans: dossier, nom: "Collège « Les Tilleuls »", uai: "0999998E")
    let fichiers = try yamlFiles(dossier)
    #expect(Set(ecrits) == Set(fichiers.keys))
    #expect(fichiers.keys.filter { $0.hasPrefix("traitements/") }.count == Catalogue.ensembleCommun.count)
    #expect(fichiers["sous-traitants/editeur-vie-scolaire.yaml"] != nil)
    var estDossier: ObjCBool = false
    #expect(FileManager.default.fileExists(atPath: dossier.appendingPathComponent("violations").path, isDirectory: &estDossier))
    let etablissement = try YAMLDecoder().decode(
      School.self, from: try #require(fichiers["etablissement.yaml"]))
    #expect(etablissement.nom == "Collège « Les Tilleuls »")
    #expect(etablissement.uai == "0999998E")
    #expect(etablissement.responsableTraitement.nom.hasPrefix(Catalogue.marqueACompleter))
    #expect(fichiers["traitements/ent.yaml"] == (try Catalogue.entry("ent"))?.texte)
  }

  @Test func initQuotesAwkwardNames() throws {
    let dossier = try TemporaryFolder.make()
    defer { try? FileManager.default.removeItem(at: dossier) }
    let nom = #"Lycée "Le Quai: #1" \ annexe"#
    try Catalogue.createRegister(dans: dossier, nom: nom, uai: "0999997X", entrees: ["ent"])
    let texte = try String(contentsOf: dossier.appendingPathComponent("etablissement.yaml"), encoding: .utf8)
    #expect(try YAMLDecoder().decode(School.self, from: texte).nom == nom)
  }

  @Test func initRefusesToOverwriteAndWritesNothing() throws {
    let dossier = try TemporaryFolder.make()
    defer { try? FileManager.default.removeItem(at: dossier) }
    let traitements = dossier.appendingPathComponent("traitements")
    try FileManager.default.createDirectory(at: traitements, withIntermediateDirectories: true)
    let existant = traitements.appendingPathComponent("ent.yaml")
    try Data("id: ent\n# fiche locale\n".utf8).write(to: existant)
    #expect(throws: CreationError.fichierExistant("traitements/ent.yaml")) {
      try Catalogue.createRegister(dans: dossier, nom: "Collège X", uai: "0999998E", entrees: ["vie-scolaire", "ent"])
    }
    #expect(try String(contentsOf: existant, encoding: .utf8) == "id: ent\n# fiche locale\n")
    #expect(!FileManager.default.fileExists(atPath: dossier.appendingPathComponent("etablissement.yaml").path))
    #expect(!FileManager.default.fileExists(atPath: traitements.appendingPathComponent("vie-scolaire.yaml").path))
  }

  @Test func secondInitIsRefused() throws {
    let dossier = try TemporaryFolder.make()
    defer { try? FileManager.default.removeItem(at: dossier) }
    try Catalogue.createRegister(dans: dossier, nom: "Collège X", uai: "0999998E", entrees: ["ent"])
    #expect(throws: CreationError.fichierExistant("etablissement.yaml")) {
      try Catalogue.createRegister(dans: dossier, nom: "Collège Y", uai: "0999997X", entrees: ["ent"])
    }
    let texte = try String(contentsOf: dossier.appendingPathComponent("etablissement.yaml"), encoding: .utf8)
    #expect(texte.contains("Collège X"))
  }

  @Test func initRejectsBadInput() throws {
    let dossier = try TemporaryFolder.make()
    defer { try? FileManager.default.removeItem(at: dossier) }
    #expect(throws: CreationError.uaiInvalide("12345")) {
      try Catalogue.createRegister(dans: dossier, nom: "Collège X", uai: "12345")
    }
    #expect(throws: CreationError.entreeInconnue("onde")) {
      try Catalogue.createRegister(dans: dossier, nom: "Collège X", uai: "0999998E", entrees: ["ent", "onde"])
    }
    #expect(throws: CreationError.nomInvalide) {
      try Catalogue.createRegister(dans: dossier, nom: "  ", uai: "0999998E")
    }
    #expect(throws: CreationError.nomInvalide) {
      try Catalogue.createRegister(dans: dossier, nom: "Collège\nX", uai: "0999998E")
    }
    #expect(throws: CreationError.aucuneEntree) {
      try Catalogue.createRegister(dans: dossier, nom: "Collège X", uai: "0999998E", entrees: [])
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: dossier.path).isEmpty)
    let fichier = dossier.appendingPathComponent("fichier")
    try Data().write(to: fichier)
    #expect(throws: CreationError.pasUnDossier(fichier.path)) {
      try Catalogue.createRegister(dans: fichier, nom: "Collège X", uai: "0999998E")
    }
  }

  /// Filling every placeholder of an init'ed folder (all entries) yields files that decode.
  @Test func filledPlaceholdersDecode() throws {
    let dossier = try TemporaryFolder.make()
    defer { try? FileManager.default.removeItem(at: dossier) }
    let tous = try Catalogue.allEntries().map(\.id)
    try Catalogue.createRegister(dans: dossier, nom: "Cité scolaire Exemple", uai: "0999996W", entrees: tous)
    for (chemin, texte) in try yamlFiles(dossier) {
      let rempli = fillMarkers(texte)
      #expect(!rempli.contains(Catalogue.marqueACompleter), "\(chemin)")
      if chemin == "etablissement.yaml" {
        _ = try YAMLDecoder().decode(School.self, from: rempli)
      } else if chemin.hasPrefix("traitements/") {
        _ = try CatalogueYAML.treatment(rempli)
      } else {
        let st = try CatalogueYAML.processor(rempli)
        #expect(Country.codes.contains(st.pays), "\(chemin)")
      }
    }
  }
}

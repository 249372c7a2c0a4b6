import Foundation
import RegistreFormats
import RegistreModel
import RegistreTestSupport
import Testing

@testable import RegistreImport

@Suite("Import d'un tableur quelconque avec une correspondance")
struct MappedSpreadsheetTests {
  func imported(_ file: String) throws -> ImportedRegister {
    let mapping = String(decoding: try Fixture.data("correspondance.yaml"), as: UTF8.self)
    return try Importer.read(try Fixture.data(file), name: file, options: .init(mapping: mapping))
  }

  @Test("xlsx et csv donnent les mêmes fiches, champ par champ", arguments: ["tableur.xlsx", "tableur.csv"])
  func rows(file: String) throws {
    let result = try imported(file)
    #expect(result.report.format == "tableur")
    #expect(result.treatments.map(\.id) == ["vie-scolaire", "cantine"])
    let t = try #require(result.treatment("vie-scolaire"))
    #expect(t.text("nom") == "Vie scolaire")
    #expect(t.text("finalite_principale") == "Suivi des absences")
    #expect(t.text("logiciel") == "Pronote")  // column given by its letter
    #expect(t.text("date_creation") == "2023-03-15")  // a serial number in the .xlsx
    #expect(t.text("base_legale.article_6") == "mission-interet-public")
    #expect(t.text("personnes_concernees[0].categorie") == "eleves-mineurs")
    #expect(t.text("personnes_concernees[0].precisions") == "Élèves")
    #expect(t.text("personnes_concernees[1].categorie") == "responsables-legaux")
    #expect(t.text("donnees[0].categorie") == "scolarite")
    #expect(t.at("donnees[0].description") == nil)  // the label itself, not repeated
    #expect(t.text("donnees[0].conservation.duree") == "1 an")
    #expect(t.text("donnees[1].categorie") == "etat-civil")
    #expect(t.text("donnees[1].description") == "Nom, Prénom")
    #expect(t.text("destinataires[0].type") == "interne")
    #expect(t.text("sous_traitants[0]") == "index-education")
    #expect(t.text("mesures_securite[0].famille") == "controle-acces")
    #expect(t.at("mesures_securite[0].precisions") == nil)
    let c = try #require(result.treatment("cantine"))
    #expect(c.text("date_creation") == "2024-09-02")
    #expect(c.text("base_legale.article_6") == "contrat")
    #expect(c.text("personnes_concernees[0].categorie")?.contains("« Familles »") == true)
    #expect(c.text("donnees[0].categorie") == "economique-financier")
    #expect(c.text("donnees[0].conservation.critere") == "durée du contrat")
    #expect(c.text("destinataires[0].type")?.hasPrefix("À COMPLÉTER") == true)
    #expect(c.text("mesures_securite[0].famille")?.contains("« Sauvegarde quotidienne »") == true)
    #expect(result.school.text("nom") == "Collège Jean-Moulin")
    #expect(result.school.text("uai") == "0691234A")
    #expect(result.processors.map(\.id) == ["index-education"])
  }

  @Test("correspondance fautive : champ inconnu, colonne absente, nom manquant")
  func badMappings() throws {
    let data = try Fixture.data("tableur.csv")
    let cases: [(String, String)] = [
      ("colonnes:\n  nom: Traitement\n  finalité: Objet\n", "champ inconnu « finalité »"),
      ("colonnes:\n  nom: Intitulé\n", "colonne « Intitulé »"),
      ("colonnes:\n  finalite_principale: Objet\n", "« nom » est obligatoire"),
      ("feuille: [\n", "YAML illisible"),
    ]
    for (mapping, expected) in cases {
      let error = #expect(throws: ImportError.self) { try Importer.read(data, name: "t.csv", options: .init(mapping: mapping)) }
      #expect(error?.message.contains(expected) == true, "\(mapping)")
    }
  }

  @Test("le modèle de correspondance se lit lui-même")
  func template() throws {
    let mapping = try ColumnMapping.parse(ColumnMapping.template)
    #expect(mapping.columns["nom"] == "Nom du traitement")
    #expect(mapping.headerRow == 1)
  }

  @Test("registre importer --modele-correspondance, puis un import écrit un dossier que valider lit")
  func cli() throws {
    let template = try RegistreCLI.run(["importer", "--modele-correspondance"])
    #expect(template.status == 0)
    #expect(template.output.contains("colonnes:"))
    try TemporaryFolder.with { folder in
      let out = folder.appendingPathComponent("reg")
      let result = try RegistreCLI.run([
        "importer", try Fixture.url("tableur.xlsx").path, "--correspondance", try Fixture.url("correspondance.yaml").path,
        "--sortie", out.path,
      ])
      #expect(result.status == 0, "\(result.errors)")
      #expect(result.output.contains("traitements/cantine.yaml — « Cantine »"))
      let validation = try RegistreCLI.run(["valider", out.path])
      #expect(validation.status == 1)
      #expect(validation.errors.contains("Reste à compléter : etablissement.yaml (1), sous-traitants/index-education.yaml (1), traitements/cantine.yaml (3)"))
      let again = try RegistreCLI.run(["importer", try Fixture.url("tableur.csv").path, "--correspondance", try Fixture.url("correspondance.yaml").path, "--sortie", out.path])
      #expect(again.status == 2)
      #expect(again.errors.contains("existe déjà"))
    }
  }
}

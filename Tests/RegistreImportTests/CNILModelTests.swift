import Foundation
import RegistreFormats
import RegistreModel
import RegistreTestSupport
import Testing

@testable import RegistreImport

@Suite("Import du modèle de la CNIL")
struct CNILModelTests {
  func imported() throws -> ImportedRegister {
    try Importer.read(try Fixture.data("modele-cnil.ods"), name: "modele-cnil.ods")
  }

  @Test("reconnu au contenu ; l'exemple fictif de la CNIL n'est pas importé ; la liste donne la fiche sans feuille")
  func sheets() throws {
    let result = try imported()
    #expect(result.report.format == "cnil-ods")
    #expect(result.treatments.map(\.id) == ["vie-scolaire", "ref-002", "ent", "ref-004"])
    #expect(result.report.notes.contains { $0.contains("exemple fictif") })
    let visitors = try #require(result.treatment("ref-004"))
    #expect(visitors.text("nom") == "Registre des visiteurs")
    #expect(visitors.text("date_creation") == "2025-01-06")
    #expect(visitors.text("derniere_mise_a_jour") == "2025-06-30")
    #expect(visitors.text("finalite_principale") == "Contrôle des entrées")
  }

  @Test("la feuille modèle remplie, champ par champ (libellés aux espaces doublés, commentaires de cellule ignorés)")
  func modelSheet() throws {
    let t = try #require(try imported().treatment("vie-scolaire"))
    #expect(t.text("nom") == "Vie scolaire")
    #expect(t.text("date_creation") == "2024-09-02")
    #expect(t.text("derniere_mise_a_jour") == "2026-09-01")
    #expect(t.text("finalite_principale") == "Suivi de la scolarité des élèves")
    #expect(t.text("sous_finalites[0]") == "Absences et retards")
    #expect(t.count("sous_finalites") == 2)
    #expect(t.text("responsable.type") == "etablissement")
    #expect(t.text("donnees[0].categorie") == "etat-civil")
    #expect(t.text("donnees[0].description") == "Nom, prénom, classe")
    #expect(t.text("donnees[0].conservation.duree") == "1 an")
    #expect(t.text("donnees[1].categorie") == "sante")
    #expect(t.text("donnees[1].conservation.critere") == "jusqu'au départ de l'élève")
    #expect(t.count("donnees") == 2)
    #expect(t.text("personnes_concernees[0].categorie") == "autres")
    #expect(t.text("personnes_concernees[0].precisions") == "Élèves")
    #expect(t.text("personnes_concernees[1].categorie") == "eleves-majeurs")
    #expect(t.text("destinataires[0].type") == "interne")
    #expect(t.text("destinataires[0].nom") == "Équipe pédagogique")
    #expect(t.text("destinataires[1].type")?.contains("« Autre (Préciser) » (B49)") == true)
    #expect(t.text("mesures_securite[0].famille") == "controle-acces")
    #expect(t.text("mesures_securite[0].precisions") == "Comptes nominatifs")
    #expect(t.text("mesures_securite[1].famille") == "sauvegarde")
    #expect(t.at("transferts") == nil)
  }

  @Test("les pays en ISO et l'adéquation selon la liste du projet, pas celle du tableur (États-Unis, Privacy Shield)")
  func transfers() throws {
    let result = try imported()
    let cantine = try #require(result.treatment("ref-002"))
    #expect(cantine.text("responsable.type") == "conjoint")
    #expect(cantine.text("responsable.coresponsables[0]") == "Métropole de Lyon")
    #expect(cantine.text("transferts[0].pays") == "US")
    #expect(cantine.text("transferts[0].garantie")?.contains("Data Privacy Framework") == true)
    #expect(cantine.text("transferts[0].documentation") == "Contrat du 01/02/2023")
    #expect(cantine.text("transferts[1].pays") == "JP")
    #expect(cantine.text("transferts[1].garantie")?.contains("C-311/18") == true)
    #expect(cantine.text("donnees[1].categorie") == "economique-financier")
    #expect(cantine.text("donnees[1].conservation.duree") == "3 mois")
    let ent = try #require(result.treatment("ent"))
    #expect(ent.text("transferts[0].pays") == "AD")
    #expect(ent.text("transferts[0].garantie") == "cct")
    #expect(ent.text("transferts[0].documentation") == "Contrat en date du 23/01/2018")
    #expect(CNILVocabulary.countryCode("Iles FEROE") == "FO")
    #expect(CNILVocabulary.countryCode("Rép. dém. du Congo") == "CD")
    #expect(CNILVocabulary.countryCode("Kosovo") == nil)
  }

  @Test("la disposition de la feuille d'exemple (autres lignes) est lue par ses libellés")
  func exampleLayout() throws {
    let t = try #require(try imported().treatment("ent"))
    #expect(t.text("nom") == "ENT")
    #expect(t.text("date_creation") == "2022-01-10")
    #expect(t.text("derniere_mise_a_jour") == "2025-05-13")  // a text cell « 13/05/2025 »
    #expect(t.count("sous_finalites") == 3)
    #expect(t.text("donnees[0].categorie") == "etat-civil")
    #expect(t.text("donnees[0].conservation.critere") == "Durée de la scolarité")
    #expect(t.text("donnees[1].categorie") == "connexion")
    #expect(t.text("personnes_concernees[0].categorie") == "personnels")
    #expect(t.text("personnes_concernees[1].categorie")?.contains("« Clients »") == true)
    #expect(t.text("destinataires[0].type") == "externe")
    #expect(t.text("mesures_securite[0].famille") == "chiffrement")
    #expect(t.text("mesures_securite[1].famille") == "protection-logiciels")
    #expect(t.text("remarques") == "N° / RÉF : 3 - ENT")
  }

  @Test("l'établissement : contacts des blocs Acteurs ; nom et UAI à compléter (le modèle n'en a pas)")
  func school() throws {
    let school = try imported().school
    #expect(school.text("responsable_traitement.nom") == "Mme Claire Martin, principale")
    #expect(school.text("responsable_traitement.courriel") == "ce.0691234a@ac-lyon.fr")
    #expect(school.text("dpd.nom") == "DPD de l'académie de Lyon")
    #expect(school.text("dpd.adresse") == "92 rue de Marseille, 69007 Lyon, France")
    #expect(school.text("nom")?.hasPrefix("À COMPLÉTER") == true)
    #expect(school.text("uai")?.hasPrefix("À COMPLÉTER") == true)
  }
}

@Suite("Import : entrées hostiles")
struct HostileImportTests {
  func refusal(_ data: Data, sourceLocation: SourceLocation = #_sourceLocation) -> String {
    do {
      _ = try Importer.read(data, name: "hostile.ods")
      Issue.record("accepté", sourceLocation: sourceLocation)
      return ""
    } catch {
      return error.message
    }
  }

  @Test("bombe zip : rapport de compression démesuré refusé avant lecture")
  func zipBomb() throws {
    let bomb = Data(repeating: 0x20, count: 60 * 1024 * 1024)
    let message = refusal(try TestZip.make([TestZip.mimetype, ("content.xml", bomb)]))
    #expect(message.contains("bombe zip"))
  }

  @Test("nom d'entrée qui remonte d'un dossier ou absolu : refusé")
  func traversal() throws {
    for path in ["../../etc/passwd", "/etc/passwd", "a/../../b", "C:\\x"] {
      let message = refusal(try TestZip.make([TestZip.mimetype, (path, Data("x".utf8))]))
      #expect(message.contains("nom de fichier dangereux"), "\(path)")
    }
    #expect(ZipContainer.isSafe("META-INF/manifest.xml"))
  }

  @Test("XML avec DOCTYPE (entités) : refusé")
  func doctype() throws {
    let data = try TestZip.ods(
      "<table:table table:name=\"A\"><table:table-row><table:table-cell><text:p>&x;</text:p></table:table-cell></table:table-row></table:table>",
      prolog: "<!DOCTYPE office:document-content [<!ENTITY x \"xxxxxxxx\">]>")
    #expect(refusal(data).contains("DOCTYPE"))
  }

  @Test("feuille démesurée : cellules remplies répétées refusées ; cellules vides répétées acceptées")
  func hugeSheets() throws {
    let wide = try TestZip.ods(
      "<table:table table:name=\"A\"><table:table-row><table:table-cell table:number-columns-repeated=\"5000\" office:value-type=\"string\"><text:p>x</text:p></table:table-cell></table:table-row></table:table>")
    #expect(refusal(wide).contains("colonnes"))
    let tall = try TestZip.ods(
      "<table:table table:name=\"A\"><table:table-row table:number-rows-repeated=\"200000\"><table:table-cell><text:p>x</text:p></table:table-cell></table:table-row></table:table>")
    #expect(refusal(tall).contains("lignes"))
    // LibreOffice's own trailing empty rows and cells: read as nothing.
    let empty = try TestZip.ods(
      "<table:table table:name=\"A\"><table:table-row table:number-rows-repeated=\"1048576\"><table:table-cell table:number-columns-repeated=\"16384\"/></table:table-row></table:table>")
    let tables = try ODSReader.tables(try ZipContainer(empty, name: "vide.ods"))
    #expect(tables.first?.rows.isEmpty == true)
  }

  @Test("archive abîmée, zip qui n'est pas un tableur : diagnostics clairs")
  func broken() throws {
    #expect(refusal(Data([0x50, 0x4B, 0x03, 0x04, 1, 2, 3])).contains("archive zip illisible"))
    #expect(refusal(try TestZip.make([("a.txt", Data("x".utf8))])).contains("ni un classeur"))
  }

  @Test("la commande rend le code 2 et n'écrit rien")
  func cliExitCode() throws {
    try TemporaryFolder.with { folder in
      let file = folder.appendingPathComponent("h.ods")
      try TestZip.make([TestZip.mimetype, ("../evil", Data("x".utf8))]).write(to: file)
      let out = folder.appendingPathComponent("registre")
      let result = try RegistreCLI.run(["importer", file.path, "--sortie", out.path])
      #expect(result.status == 2)
      #expect(result.errors.contains("nom de fichier dangereux"))
      #expect(!FileManager.default.fileExists(atPath: out.path))
    }
  }
}

@Suite("Import : entrées trouvées par le fuzzing")
struct ImportFuzzRegressionTests {
  /// A 5 kB ODS whose local header points past the end of the file: ZIPFoundation's in-memory reader trapped
  /// on it (found by `scripts/fuzz.sh import`, 2 December 2026); read from a file, it is refused cleanly.
  @Test("crash-26c81106 : refusé sans planter")
  func pastTheEnd() throws {
    let input = try Fixture.data("fuzz/crash-26c81106.bin")
    // The harness's first byte chose the format (0: guessed from the content).
    #expect(input.first == 0)
    #expect(throws: ImportError.self) { try Importer.read(input.dropFirst(), name: "fuzz.ods") }
  }

  /// An ODS whose content.xml is a deflate stream without its final block: ZIPFoundation 0.9.20's extract looped
  /// for ever past the end of the file (`scripts/fuzz.sh import`, 2 December 2026); zlib on the bounded entry
  /// refuses it as truncated.
  @Test("timeout-914ad798 : flux compressé tronqué refusé, sans boucle")
  func declaredSizeLargerThanTheFile() throws {
    let input = try Fixture.data("fuzz/timeout-914ad798.bin")
    #expect(input.first == 3)  // cnil-ods forced
    let error = #expect(throws: ImportError.self) { try Importer.read(input.dropFirst(), name: "fuzz.ods", options: .init(format: .cnilODS)) }
    #expect(error?.message.contains("tronquées") == true, "\(error?.message ?? "")")
  }
}

import Foundation
import RegistreFormats
import RegistreModel
import RegistreTestSupport
import Testing

@testable import RegistreImport

@Suite("Import MADIS")
struct MadisTests {
  func imported() throws -> ImportedRegister {
    try Importer.read(try Fixture.data("madis-traitements.csv"), name: "madis-traitements.csv")
  }

  @Test("le format est reconnu au contenu (BOM, « ; », en-têtes de MADIS 2.4.1)")
  func recognised() throws {
    let result = try imported()
    #expect(result.report.format == "madis-csv")
    #expect(result.treatments.map(\.id) == ["vie-scolaire", "cantine", "photo-de-classe"])
  }

  @Test("une ligne complète, champ par champ")
  func fullRow() throws {
    let t = try #require(try imported().treatment("vie-scolaire"))
    #expect(t.text("nom") == "Vie scolaire")
    #expect(t.text("statut") == "brouillon")
    #expect(t.text("date_creation") == "2024-02-13")
    #expect(t.text("derniere_mise_a_jour") == "2025-09-01")
    #expect(t.text("logiciel") == "Pronote, ENT")
    // The space MADIS puts before a leading « - » is trimmed; the lines are kept.
    #expect(t.text("finalite_principale") == "- Suivi des absences\n- Carnet de correspondance")
    #expect(t.text("responsable.type") == "etablissement")
    #expect(t.text("base_legale.article_6") == "mission-interet-public")
    #expect(t.text("base_legale.texte") == "Code de l'éducation, art. R.421-10")
    // Categories joined by « - », grouped by Registre category, the MADIS names kept as description.
    #expect(t.text("donnees[0].categorie") == "etat-civil")
    #expect(t.text("donnees[0].description") == "Nom, Prénom, Coordonnées postales")
    #expect(t.text("donnees[0].conservation.duree") == "1 an")
    #expect(t.text("donnees[0].conservation.sort_final") == "destruction")
    #expect(t.text("donnees[1].categorie") == "sante")
    // « Opinion politique ou religieuse » is two Registre categories: not chosen, to complete.
    #expect(t.text("donnees[2].categorie")?.hasPrefix("À COMPLÉTER") == true)
    #expect(t.text("donnees[2].categorie")?.contains("« Opinion politique ou religieuse »") == true)
    #expect(t.text("donnees[3].categorie") == "autre")
    #expect(t.text("donnees[3].description") == "Notes et appréciations")
    #expect(t.count("donnees") == 4)
    #expect(t.text("sources_des_donnees[0]") == "Formulaire d'inscription")
    #expect(t.text("destinataires[0].nom") == "Équipe pédagogique")
    #expect(t.text("destinataires[0].type")?.hasPrefix("À COMPLÉTER") == true)
    #expect(t.text("sous_traitants[0]") == "index-education")
    #expect(t.count("sous_traitants") == 2)
    #expect(t.text("mesures_securite[0].famille") == "controle-acces")
    #expect(t.text("mesures_securite[0].precisions") == "Comptes nominatifs")
    #expect(t.text("mesures_securite[1].famille") == "sauvegarde")
    #expect(t.text("mesures_securite[2].famille") == "protection-logiciels")
    #expect(t.text("mesures_securite[2].precisions") == "Mise à jour (MADIS) : Mises à jour automatiques")
    #expect(t.count("mesures_securite") == 3)
    #expect(t.text("criteres_aipd[0]") == "evaluation-notation")
    #expect(t.count("criteres_aipd") == 1)
    #expect(t.at("exemption_aipd") == nil)
    let remarks = try #require(t.text("remarques"))
    #expect(remarks.contains("Gestionnaire (MADIS) : CPE"))
    #expect(remarks.contains("Préconisations du DPD (MADIS) : Vérifier les droits d'accès"))
    #expect(remarks.contains("Traitement spécifique - Personnes vulnérables : Oui"))
    #expect(!remarks.contains("Traitement papier"))  // « Inactif »
  }

  @Test("colonnes Personnes concernées : le décalage de MADIS 2.4.1 est corrigé (lecture par position)")
  func personsShift() throws {
    let result = try imported()
    let t = try #require(result.treatment("vie-scolaire"))
    // Under the header « Salariés » MADIS wrote the Usagers value (Oui, « Élèves et familles »);
    // under « Élus », the Salariés value (Oui, « Enseignants »).
    #expect(t.text("personnes_concernees[0].categorie")?.contains("« Usagers »") == true)
    #expect(t.text("personnes_concernees[0].precisions") == "Élèves et familles")
    #expect(t.text("personnes_concernees[1].categorie") == "personnels")
    #expect(t.text("personnes_concernees[1].precisions") == "Enseignants")
    #expect(t.count("personnes_concernees") == 2)
    #expect(result.report.notes.contains { $0.contains("lues par position") })
    // Two categories: the count of people cannot be given to one of them.
    #expect(t.text("remarques")?.contains("Nombre de personnes concernées (MADIS) : 600") == true)
  }

  @Test("plusieurs durées numérotées : à répartir, jamais attribuées au hasard")
  func numberedRetention() throws {
    let t = try #require(try imported().treatment("cantine"))
    #expect(t.text("responsable.type") == "conjoint")
    #expect(t.text("base_legale.article_6")?.hasPrefix("À COMPLÉTER") == true)  // « À déterminer »
    let critere = try #require(t.text("donnees[0].conservation.critere"))
    #expect(critere.hasPrefix("À COMPLÉTER"))
    #expect(critere.contains("1: Inscriptions — 5 ans — Destruction ; 2: Factures — 10 ans — Versement"))
    #expect(t.text("donnees[1].categorie") == "economique-financier")
    #expect(t.text("remarques")?.contains("Conformité du traitement (MADIS) : Module non actif") == true)
    #expect(t.text("remarques")?.contains("Traitement papier (MADIS) : Oui") == true)
  }

  @Test("une ligne courte est complétée de cellules vides")
  func shortRow() throws {
    let t = try #require(try imported().treatment("photo-de-classe"))
    #expect(t.text("base_legale.article_6") == "consentement")
    #expect(t.at("donnees") == nil)
    #expect(t.at("date_creation") == nil)
  }

  @Test("l'établissement : nom de la structure, UAI et responsable à compléter")
  func school() throws {
    let result = try imported()
    #expect(result.school.text("nom") == "Collège Jean-Moulin")
    #expect(result.school.text("uai")?.hasPrefix("À COMPLÉTER") == true)
    #expect(result.school.text("responsable_traitement.nom")?.contains("M. Paul Durand, principal") == true)
    // A cut contractor name (85 characters and « ... ») is flagged, never matched.
    let cut = try #require(result.processors.first { $0.id != "index-education" })
    #expect(cut.draft.text("nom")?.hasPrefix("À COMPLÉTER : nom complet") == true)
    #expect(result.processors.allSatisfy { $0.draft.text("pays")?.hasPrefix("À COMPLÉTER") == true })
  }

  @Test("le rapport liste par fiche les champs remplis, à compléter et non compris, avec leurs cellules")
  func report() throws {
    let result = try imported()
    let fiche = try #require(result.report.fiches.first { $0.file == "traitements/vie-scolaire.yaml" })
    #expect(fiche.filled.contains("finalite_principale"))
    #expect(fiche.notUnderstood.contains { $0.field == "donnees[2].categorie" && $0.original == "Opinion politique ou religieuse" && $0.cell.hasPrefix("ligne 2, colonne P") })
    let cantine = try #require(result.report.fiches.first { $0.file == "traitements/cantine.yaml" })
    #expect(cantine.toComplete.contains { $0.field == "base_legale.article_6" })
    #expect(result.report.text.contains("non compris (") && result.report.text.contains("Opinion politique ou religieuse"))
  }

  @Test("un fichier de plusieurs structures exige --structure ; un autre CSV n'est pas pris pour MADIS")
  func refusals() throws {
    var text = String(decoding: try Fixture.data("madis-traitements.csv"), as: UTF8.self)
    text += "Autre;Mairie de Villeneuve;;;Responsable de traitement\n"
    #expect(throws: ImportError.self) { try Importer.read(Data(text.utf8), name: "m.csv") }
    let one = try Importer.read(Data(text.utf8), name: "m.csv", options: .init(structure: "Mairie de Villeneuve"))
    #expect(one.treatments.map(\.id) == ["autre"])
    let other = Data("Nom;Finalité\nPaie;Payer\n".utf8)
    let error = #expect(throws: ImportError.self) { try Importer.read(other, name: "autre.csv") }
    #expect(error?.message.contains("--correspondance") == true)
    #expect(throws: ImportError.self) { try Importer.read(other, name: "autre.csv", options: .init(format: .madisCSV)) }
  }
}

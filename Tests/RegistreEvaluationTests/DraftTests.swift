import Foundation
import RegistreEvaluation
import RegistreFormats
import RegistreModel
import Testing
import Yams
import RegistreTestSupport

/// The draft register entry, the notice for families, the template and the register context.
@Suite struct Drafts {
  /// Copies the valid test register into a temporary folder.
  func temporaryRegister() throws -> URL {
    let dossier = try TemporaryFolder.make().appendingPathComponent("registre")
    try FileManager.default.copyItem(at: F.registreValide, to: dossier)
    return dossier
  }

  @Test(arguments: [
    "ressource-gar.yaml", "appli-comptes-editeur-ue.yaml", "outil-americain-dpf.yaml",
    "appli-gratuite-publicite.yaml", "ia-generative.yaml",
  ])
  func theDraftLoadsIntoTheRegister(nom: String) throws {
    let e = F.evaluate(try F.example(nom))
    let yaml = try DraftYAML.text(e)
    // Valid against the format, placeholders allowed.
    let relu = try YAMLFileReading.read(
      Data(yaml.utf8), fichier: "brouillon.yaml", type: Format.traitement, en: Treatment.self, accepterMarqueurs: true)
    #expect(relu == e.draftEntry)

    let registre = try temporaryRegister()
    defer { try? FileManager.default.removeItem(at: registre.deletingLastPathComponent()) }
    let fichier = registre.appendingPathComponent("traitements/\(e.draftEntry.id).yaml")
    try Data(yaml.utf8).write(to: fichier)
    // The only problems the loader reports are the placeholders left to fill.
    do {
      _ = try RegisterLoading.load(registre)
    } catch {
      #expect(!error.diagnostics.isEmpty)
      #expect(error.diagnostics.allSatisfy { $0.message.hasPrefix("valeur à compléter") })
    }
    // Once they are filled, the register loads.
    let complete = yaml.replacingOccurrences(of: "\(Format.marqueurACompleter) : ", with: "Complété : ")
    try Data(complete.utf8).write(to: fichier)
    let charge = try RegisterLoading.load(registre)
    #expect(charge.registre.traitements.contains { $0.id == e.draftEntry.id && $0.statut == .brouillon })
  }

  @Test func theDraftTakesTheSheetFacts() throws {
    let e = F.evaluate(try F.example("appli-comptes-editeur-ue.yaml"))
    let t = e.draftEntry
    #expect(t.id == "mathsplus")
    #expect(t.logiciel == "MathsPlus")
    #expect(t.responsable.type == .etablissement)
    #expect(t.personnesConcernees.first?.categorie == .elevesMineurs)
    #expect(t.donnees.map(\.categorie) == [.etatCivil, .scolarite, .connexion])
    #expect(t.donnees.first?.conservation?.duree == TimeSpan(quantite: 1, unite: .annees))
    #expect(t.flux.first?.adresse == "https://app.mathsplus.example")
    #expect(t.criteresAIPD.contains(.evaluationNotation))
    #expect(t.baseLegale?.texte?.hasPrefix(Format.marqueurACompleter) == true)
    #expect(t.dateCreation == F.jour)
  }

  @Test func identifiers() {
    #expect(TreatmentDraft.identifier("RévisFacile !") == "revisfacile")
    #expect(TreatmentDraft.identifier("Manuel numérique Lettres 4e") == "manuel-numerique-lettres-4e")
    #expect(TreatmentDraft.identifier("???") == "outil")
  }

  @Test func theNoticeCoversTheArticle13Items() throws {
    let e = F.evaluate(try F.example("outil-americain-dpf.yaml"))
    let notice = FamilyNotice.text(e, registre: nil)
    #expect(notice.contains("Questionnaires interactifs projetés en classe"))
    #expect(notice.contains("Data Privacy Framework"))
    #expect(notice.contains("2 ans"))
    #expect(notice.contains("réclamation auprès de la CNIL"))
    #expect(notice.contains("\(Format.marqueurACompleter) : coordonnées du DPD"))
    #expect(notice.contains("Pour les élèves"))
  }

  @Test func theNoticeTakesTheSchoolFromTheRegister() throws {
    let charge = try RegisterLoading.load(F.registreValide)
    let e = F.evaluate(try F.example("appli-comptes-editeur-ue.yaml"), registre: charge.registre)
    let notice = FamilyNotice.text(e, registre: charge.registre)
    #expect(notice.contains(charge.registre.etablissement.nom))
    #expect(!notice.contains("nom de l'établissement"))
  }

  @Test func theNoticeOfAnIncompleteSheetLeavesBlanks() {
    let e = F.evaluate(ToolSheet(nom: "X", editeur: "Y", finalite: "Z"))
    let notice = FamilyNotice.text(e, registre: nil)
    #expect(notice.contains("\(Format.marqueurACompleter) : pays d'hébergement"))
    #expect(notice.contains("\(Format.marqueurACompleter) : durée de conservation"))
    #expect(notice.contains("\(Format.marqueurACompleter) : liste des données"))
  }

  @Test func theNoticeOfAGARResourcePointsToTheMinistry() throws {
    let e = F.evaluate(try F.example("ressource-gar.yaml"))
    let notice = FamilyNotice.text(e, registre: nil)
    #expect(notice.contains("gar.education.fr"))
    #expect(notice.contains("ministre chargé de l'éducation"))
  }

  @Test func theModelFollowsTheDescriptor() throws {
    let modele = ToolSheetTemplate.text()
    for champ in Format.ficheOutil.champs {
      #expect(modele.contains("\n\(champ.cle):"), "champ absent du modèle : \(champ.cle)")
    }
    // Untouched, it is valid YAML whose required fields are empty…
    #expect(throws: LoadFailure.self) { try ToolSheetReading.read(Data(modele.utf8), fichier: "modele.yaml") }
    // …and once they are filled, it reads as a sheet where everything else is unknown.
    let rempli = modele.replacingOccurrences(of: "\nnom:\n", with: "\nnom: Outil\n")
      .replacingOccurrences(of: "\nediteur:\n", with: "\nediteur: Éditeur\n")
      .replacingOccurrences(of: "\nfinalite:\n", with: "\nfinalite: Usage\n")
    let fiche = try ToolSheetReading.read(Data(rempli.utf8), fichier: "modele.yaml")
    #expect(fiche.nom == "Outil" && fiche.hebergement == nil && fiche.utilisateurs?.eleves == nil)
  }

  @Test func aMalformedSheetGivesDiagnosticsWithLine() {
    let yaml = "nom: X\nediteur: Y\nfinalite: Z\ncontrat_art28: peut-etre\nhebergement:\n  pays: France\n"
    #expect {
      try ToolSheetReading.read(Data(yaml.utf8), fichier: "f.yaml")
    } throws: { erreur in
      let d = (erreur as? LoadFailure)?.diagnostics ?? []
      return d.contains { $0.emplacement.ligne == 4 } && d.contains { $0.emplacement.ligne == 6 }
    }
  }

  @Test func theRegisterCounts() throws {
    let charge = try RegisterLoading.load(F.registreValide)
    // The vendor already under a signed contract, named with other case and accents.
    var f = F.clean()
    f.editeur = "INDEX EDUCATION"
    f.contratArt28 = .propose
    let e = F.evaluate(f, registre: charge.registre)
    #expect(e.notesCodes.contains("contrat-deja-signe"))
    #expect(!e.conditionsCodes.contains("contrat-art28-a-signer"))
    #expect(e.draftEntry.sousTraitants == ["index-education"])
    #expect(!e.draftEntry.aConfirmer.contains { $0.contains("Créer la fiche du sous-traitant") })
    #expect(F.evaluate(f).draftEntry.aConfirmer.contains { $0.contains("Créer la fiche du sous-traitant « INDEX EDUCATION »") })
    // Without the register, the contract is still to sign.
    #expect(F.evaluate(f).conditionsCodes.contains("contrat-art28-a-signer"))
    // Same data already processed for the same people.
    #expect(e.notesCodes.contains("donnees-deja-traitees"))
    // The tool already in the register.
    var pronote = F.clean()
    pronote.nom = charge.registre.traitements.first?.logiciel ?? "Pronote"
    let dejaLa = F.evaluate(pronote, registre: charge.registre)
    #expect(dejaLa.notesCodes.contains("deja-au-registre"))
    #expect(!dejaLa.conditionsCodes.contains("inscrire-au-registre"))
  }

  @Test func theJSONHasEnglishKeys() throws {
    let e = F.evaluate(try F.example("appli-gratuite-publicite.yaml"))
    let texte = try EvaluationJSONReport.render(e, notice: "note")
    let objet = try #require(try JSONSerialization.jsonObject(with: Data(texte.utf8)) as? [String: Any])
    #expect(objet["verdict"] as? String == "a-proscrire")
    let raisons = try #require(objet["reasons"] as? [[String: Any]])
    #expect(raisons.contains { $0["code"] as? String == "publicite-eleves" && ($0["reference"] as? String)?.isEmpty == false })
    #expect((objet["draftEntry"] as? String)?.contains("id: revisfacile") == true)
    #expect(objet["conditions"] is [[String: Any]])
    #expect(objet["notice"] as? String == "note")
  }
}

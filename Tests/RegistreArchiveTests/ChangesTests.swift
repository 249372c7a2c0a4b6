import Foundation
import RegistreArchive
import RegistreModel
import Testing

@Suite struct ChangesTests {
  func base() -> Register {
    let etablissement = School(
      nom: "Collège Test", uai: "0750001A", responsableTraitement: Contact(nom: "Mme Principale"))
    let scolarite = Treatment(
      id: "scolarite", nom: "Scolarité", finalitePrincipale: "Suivre la scolarité",
      donnees: [
        PersonalData(categorie: .scolarite, conservation: Retention(duree: TimeSpan(quantite: 1, unite: .annees))),
        PersonalData(categorie: .etatCivil, conservation: Retention(critere: "jusqu'au départ")),
      ],
      sousTraitants: ["editeur"])
    let cantine = Treatment(id: "cantine", nom: "Cantine", finalitePrincipale: "Gérer la demi-pension")
    return Register(
      etablissement: etablissement, traitements: [scolarite, cantine],
      sousTraitants: [
        Processor(id: "editeur", nom: "Éditeur", pays: "FR", contrat: Article28Contract(signe: false)),
        Processor(id: "hebergeur", nom: "Hébergeur", pays: "FR"),
      ])
  }

  @Test func identicalRegistersHaveNoChange() throws {
    let liste = ChangeList.between(base(), base(), from: "2025", to: "2026")
    #expect(liste.isEmpty)
    #expect(liste.text.contains("Aucune modification."))
  }

  @Test func retentionProcessorAndTreatmentChangesInFrench() throws {
    var nouveau = base()
    nouveau.traitements[0].donnees[0].conservation?.duree = TimeSpan(quantite: 3, unite: .annees)
    nouveau.traitements[0].sousTraitants.append("hebergeur")
    nouveau.traitements.remove(at: 1)
    nouveau.traitements.append(Treatment(id: "cdi", nom: "CDI", finalitePrincipale: "Prêts"))
    let liste = ChangeList.between(base(), nouveau, from: "2025", to: "2026")
    #expect(liste.changes.map(\.id) == ["cantine", "cdi", "scolarite"])
    #expect(liste.changes.map(\.kind) == [.removed, .added, .modified])
    let lignes = liste.changes[2].fields.map(\.text)
    #expect(lignes == [
      "durée de conservation (scolarite) : 1 an → 3 ans",
      "nouveau sous-traitant : Hébergeur (hebergeur)",
    ])
    #expect(liste.text.contains("Traitement supprimé : Cantine (cantine)"))
    #expect(liste.text.contains("Traitement ajouté : CDI (cdi)"))
  }

  @Test func processorsEstablishmentAndBreaches() throws {
    var nouveau = base()
    nouveau.etablissement.nom = "Collège Test rénové"
    nouveau.sousTraitants[0].contrat = Article28Contract(signe: true, date: Day(iso: "2026-01-15"))
    let jour = try #require(Day(iso: "2026-02-03"))
    nouveau.violations = [Breach(id: "v1", dateDecouverte: jour, description: "Courriel mal adressé")]
    let liste = ChangeList.between(base(), nouveau)
    #expect(liste.changes.map(\.subject) == [.establishment, .processor, .breach])
    #expect(liste.changes[0].fields.map(\.text) == ["nom de l'établissement : Collège Test → Collège Test rénové"])
    #expect(liste.changes[1].fields.map(\.text) == ["contrat (art. 28) : non signé → signé, le 2026-01-15"])
    #expect(liste.changes[2].kind == .added)
  }

  @Test func jsonUsesEnglishKeysAndIsDeterministic() throws {
    var nouveau = base()
    nouveau.traitements[0].nom = "Scolarité et vie scolaire"
    let a = try ChangeList.between(base(), nouveau).json()
    let b = try ChangeList.between(base(), nouveau).json()
    #expect(a == b)
    let objet = try #require(try JSONSerialization.jsonObject(with: a) as? [String: Any])
    #expect(Set(objet.keys) == ["from", "to", "changes"])
    let texte = String(decoding: a, as: UTF8.self)
    #expect(texte.contains("\"kind\" : \"modified\""))
    #expect(texte.contains("\"field\" : \"nom\""))
  }

  @Test func demoRegisterComparedWithItselfAfterOneEdit() throws {
    let demo = try Tools.demoRegister()
    var edite = demo
    let index = try #require(edite.traitements.firstIndex { !$0.donnees.isEmpty })
    edite.traitements[index].remarques = "Revu en conseil pédagogique"
    let liste = ChangeList.between(demo, edite)
    #expect(liste.changes.count == 1)
    #expect(liste.changes.first?.fields.map(\.field) == ["remarques"])
  }

  /// Issue 19: the action plan and the rights requests are compared too.
  @Test func actionsAndRequestsAreCompared() throws {
    var before = base()
    let day = try #require(Day(iso: "2026-10-12"))
    before.actions = [PlannedAction(id: "contrat", titre: "Signer le contrat", statut: .enCours)]
    before.demandes = [RightsRequest(id: "d1", dateReception: day, demandeur: .parent, droit: .acces)]
    var after = before
    after.actions[0].statut = .faite
    after.demandes[0].reponse = RequestAnswer(date: try #require(Day(iso: "2026-11-02")), decision: .satisfaite)
    after.demandes.append(RightsRequest(id: "d2", dateReception: day, demandeur: .eleve, droit: .rectification))
    let list = ChangeList.between(before, after)
    #expect(list.changes.map(\.subject) == [.action, .request, .request])
    #expect(list.changes.map(\.kind) == [.modified, .modified, .added])
    #expect(list.changes.first?.fields.map(\.field) == ["statut"])
    #expect(list.text.contains("Action modifiée : Signer le contrat"))
    #expect(list.text.contains("Demande enregistrée"))
    #expect(ChangeList.between(before, before).changes.isEmpty)
  }
}

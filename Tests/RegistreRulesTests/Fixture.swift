import RegistreModel
@testable import RegistreRules

/// Builds small registers for the rule tests: `Fixture.clean` breaks no rule;
/// each test changes one thing with `Fixture.register { … }`.
enum Fixture {
  static func day(_ text: String) -> Jour {
    guard let jour = Jour(iso: text) else { fatalError("bad test date \(text)") }
    return jour
  }

  static let auditDate = day("2026-11-29")
  static let context = AuditContext(auditDate: auditDate)

  static func duree(_ text: String) -> Duree {
    guard let d = Duree(texte: text) else { fatalError("bad test duration \(text)") }
    return d
  }

  /// A school treatment that passes every rule.
  static func treatment(_ id: String = "vie-scolaire") -> Traitement {
    Traitement(
      id: id, nom: "Vie scolaire", statut: .valide, dateCreation: day("2024-09-01"),
      derniereMiseAJour: day("2026-08-01"), logiciel: "Pronote",
      finalitePrincipale: "Suivi des absences et des retards des élèves",
      responsable: Responsable(type: .etablissement),
      baseLegale: FondementJuridique(article6: .missionInteretPublic, texte: "C. éduc. L.511-1"),
      personnesConcernees: [
        PersonnesConcernees(categorie: .elevesMineurs, volume: 600),
        PersonnesConcernees(categorie: .responsablesLegaux),
      ],
      donnees: [
        Donnees(categorie: .etatCivil, conservation: Conservation(critere: "jusqu'au départ de l'élève")),
        Donnees(categorie: .scolarite, conservation: Conservation(duree: duree("1 an"))),
      ],
      destinataires: [Destinataire(type: .interne, nom: "Vie scolaire")],
      sousTraitants: ["editeur"],
      mesuresSecurite: [MesureSecurite(famille: .controleAcces)],
      flux: [
        Flux(
          de: "Poste CPE", vers: "Pronote", canal: .https, versionsTLS: [.tls12, .tls13],
          mfa: true, accesAdministrateur: true)
      ],
      information: Information(noticeExistante: true, date: day("2026-09-01")))
  }

  static func processor(_ id: String = "editeur") -> SousTraitant {
    SousTraitant(
      id: id, nom: "Éditeur Exemple", pays: "FR", hebergement: Hebergement(pays: "FR"),
      contrat: ContratArticle28(signe: true, date: day("2024-06-01")))
  }

  static func breach(_ id: String = "2026-01") -> Violation {
    Violation(
      id: id, dateDecouverte: day("2026-03-02"), types: [.confidentialite],
      description: "Courriel envoyé à la mauvaise liste de diffusion.", traitements: ["vie-scolaire"],
      consequences: "Noms et classes de 30 élèves vus par 12 parents.", risque: .risque,
      notificationCNIL: Notification(faite: true, date: day("2026-03-04")),
      mesures: "Rappel du message, consigne de vérification des listes.")
  }

  static var clean: Registre {
    Registre(
      etablissement: Etablissement(
        nom: "Collège Exemple", uai: "0123456A", type: .college,
        responsableTraitement: Contact(nom: "Mme Principale", fonction: "Principale"),
        dpd: Contact(nom: "DPD académique")),
      traitements: [treatment()], sousTraitants: [processor()], violations: [breach()])
  }

  /// The clean register with its first treatment changed by `change`.
  static func register(_ change: (inout Traitement) -> Void) -> Registre {
    var r = clean
    change(&r.traitements[0])
    return r
  }

  /// Findings of one rule on `registre`.
  static func findings(_ ruleID: String, _ registre: Registre) -> [Finding] {
    guard let rule = Rules.rule(ruleID) else { return [] }
    return rule.evaluate(registre, context: context)
  }
}

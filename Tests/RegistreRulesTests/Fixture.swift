import RegistreModel
@testable import RegistreRules

/// Builds small registers for the rule tests: `Fixture.clean` breaks no rule;
/// each test changes one thing with `Fixture.register { … }`.
enum Fixture {
  static func day(_ text: String) -> Day {
    guard let jour = Day(iso: text) else { fatalError("bad test date \(text)") }
    return jour
  }

  static let auditDate = day("2026-11-29")
  static let context = AuditContext(auditDate: auditDate)

  static func timeSpan(_ text: String) -> TimeSpan {
    guard let d = TimeSpan(texte: text) else { fatalError("bad test duration \(text)") }
    return d
  }

  /// A school treatment that passes every rule.
  static func treatment(_ id: String = "vie-scolaire") -> Treatment {
    Treatment(
      id: id, nom: "Vie scolaire", statut: .valide, dateCreation: day("2024-09-01"),
      derniereMiseAJour: day("2026-08-01"), logiciel: "Pronote",
      finalitePrincipale: "Suivi des absences et des retards des élèves",
      responsable: Controller(type: .etablissement),
      baseLegale: LegalGround(article6: .missionInteretPublic, texte: "C. éduc. L.511-1"),
      personnesConcernees: [
        DataSubjects(categorie: .elevesMineurs, volume: 600),
        DataSubjects(categorie: .responsablesLegaux),
      ],
      donnees: [
        PersonalData(
          categorie: .etatCivil, conservation: Retention(critere: "jusqu'au départ de l'élève"), isMandatory: true),
        PersonalData(categorie: .scolarite, conservation: Retention(duree: timeSpan("1 an")), isMandatory: true),
      ],
      collecteAupresDesPersonnes: true,
      destinataires: [Recipient(type: .interne, nom: "Vie scolaire")],
      sousTraitants: ["editeur"],
      mesuresSecurite: [SecurityMeasure(famille: .controleAcces)],
      flux: [
        Flow(
          de: "Poste CPE", vers: "Pronote", canal: .https, versionsTLS: [.tls12, .tls13],
          mfa: true, accesAdministrateur: true)
      ],
      information: Information(noticeExistante: true, date: day("2026-09-01")))
  }

  static func processor(_ id: String = "editeur") -> Processor {
    Processor(
      id: id, nom: "Éditeur Exemple", pays: "FR", hebergement: Hosting(pays: "FR"),
      contrat: Article28Contract(signe: true, date: day("2024-06-01")))
  }

  static func breach(_ id: String = "2026-01") -> Breach {
    Breach(
      id: id, dateDecouverte: day("2026-03-02"), types: [.confidentialite],
      description: "Courriel envoyé à la mauvaise liste de diffusion.", traitements: ["vie-scolaire"],
      consequences: "Noms et classes de 30 élèves vus par 12 parents.", risque: .risque,
      notificationCNIL: Notification(faite: true, date: day("2026-03-04")),
      mesures: "Rappel du message, consigne de vérification des listes.")
  }

  static var clean: Register {
    Register(
      etablissement: School(
        nom: "Collège Exemple", uai: "0123456A", type: .college,
        responsableTraitement: Contact(nom: "Mme Principale", fonction: "Principale"),
        dpd: Contact(nom: "DPD académique")),
      traitements: [treatment()], sousTraitants: [processor()], violations: [breach()])
  }

  /// The clean register with its first treatment changed by `change`.
  static func register(_ change: (inout Treatment) -> Void) -> Register {
    var r = clean
    change(&r.traitements[0])
    return r
  }

  /// Findings of one rule on `registre`.
  static func findings(_ ruleID: String, _ registre: Register) -> [Finding] {
    guard let rule = Rules.rule(ruleID) else { return [] }
    return rule.evaluate(registre, context: context)
  }
}

import Foundation
import RegistreEvaluation
import RegistreFormats
import RegistreModel
import RegistreProbe

/// Shared sheets and helpers of the evaluation tests.
enum F {
  static let depot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  static let exemples = depot.appendingPathComponent("Exemples/fiches-outils")
  static let registreValide = depot.appendingPathComponent("Tests/RegistreFormatsTests/Fixtures/valide")
  static let jour = Day(annee: 2026, mois: 11, jour: 29) ?? Day(iso: "2026-01-01")!

  /// A sheet a DPD would find clean for a school-run tool: only the school's own
  /// formalities remain.
  static func clean() -> ToolSheet {
    ToolSheet(
      nom: "Carnet de lecture", editeur: "Lire Ensemble SCOP", finalite: "Carnet de lecture numérique de la classe",
      politiqueConfidentialite: "https://lire.example/rgpd",
      utilisateurs: ToolUsers(enseignants: true, eleves: true, niveaux: ["6e"], ageElevesMinimum: 11, comptesEleves: false),
      donneesCollectees: [
        PersonalData(categorie: .etatCivil, description: "nom, prénom, classe"),
        PersonalData(categorie: .scolarite, description: "fiches de lecture"),
      ],
      authentification: [.ssoENT], ageMinimumCGU: 0, grandPublic: false,
      hebergement: Hosting(pays: "FR", prestataire: "Scaleway"), soumisDroitExtraEuropeen: false,
      contratArt28: .signe, publicite: false, profilageCommercial: false, traceurs: [.aucun],
      reutilisationDonnees: [.aucune], fonctionnalitesIA: [.aucune],
      conservation: Retention(duree: TimeSpan(quantite: 1, unite: .annees), pointDeDepart: "fin de l'année scolaire"),
      exportSuppression: true, mfaAdministrateurs: true, pointsAcces: ["https://lire.example"])
  }

  static func evaluate(_ fiche: ToolSheet, registre: Register? = nil, probes: [TLSProbeReport]? = nil) -> Evaluation {
    Evaluator.evaluate(fiche, contexte: EvaluationContext(registre: registre, probes: probes, date: jour))
  }

  static func example(_ nom: String) throws -> ToolSheet {
    let url = exemples.appendingPathComponent(nom)
    return try ToolSheetReading.read(try Data(contentsOf: url), fichier: url.path)
  }
}

extension Evaluation {
  var raisons: Set<String> { Set(reasons.map(\.code)) }
  var conditionsCodes: Set<String> { Set(conditions.map(\.code)) }
  var notesCodes: Set<String> { Set(notes.map(\.code)) }
  /// Every code, whatever its kind.
  var codes: Set<String> { raisons.union(conditionsCodes).union(notesCodes) }
}

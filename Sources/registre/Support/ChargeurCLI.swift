import ArgumentParser
import Foundation
import RegistreFormats
import RegistreRules

/// Loads a register for a command that needs a valid one: on failure it
/// prints every diagnostic and stops with exit code 2, writing nothing.
enum ChargeurCLI {
  static func charger(_ chemin: String) throws -> RegistreCharge {
    do {
      return try ChargementRegistre.charger(URL(fileURLWithPath: chemin))
    } catch {
      afficher(error.diagnostics, racine: chemin)
      Console.erreur("Registre invalide : \(error.diagnostics.count) problème(s). Rien n'a été écrit.")
      throw CodeSortie.usage
    }
  }

  /// Prints diagnostics, one per line, paths relative to the register.
  static func afficher(_ diagnostics: [Diagnostic], racine: String) {
    for diagnostic in diagnostics {
      Console.erreur(diagnostic.texte)
    }
  }
}


extension ChargeurCLI {
  /// Loads a register for `audit`: incomplete fiches do not stop it; each comes back as an
  /// `IncompleteFiche` for the `registre-incomplet` rule. Any other problem stops with exit 2.
  static func chargerPourAudit(_ chemin: String) throws -> (RegistreCharge, [IncompleteFiche]) {
    do {
      let lu = try ChargementRegistre.loadLeniently(URL(fileURLWithPath: chemin))
      if !lu.incomplete.isEmpty {
        Console.erreur(
          "Registre incomplet : \(lu.incomplete.count) fiche(s) incomplète(s), auditée(s) sur ce qui peut être lu (constat registre-incomplet).")
      }
      return (lu.loaded, lu.incomplete.map(Self.constat))
    } catch {
      afficher(error.diagnostics, racine: chemin)
      Console.erreur("Registre invalide : \(error.diagnostics.count) problème(s). Rien n'a été écrit.")
      throw CodeSortie.usage
    }
  }

  /// Loads a register for a document: incomplete treatments are left out of the document and
  /// named on the error output (the caller then exits with code 1); anything else incomplete
  /// (the school, a processor, a breach, a treatment a breach refers to) refuses the register.
  static func chargerPourDocument(_ chemin: String) throws -> (RegistreCharge, [String]) {
    guard let lu = try? ChargementRegistre.loadLeniently(URL(fileURLWithPath: chemin)) else {
      return (try charger(chemin), [])
    }
    let fiches = lu.incomplete
    let ecartes = Set(fiches.map(\.id))
    let referencees = Set(lu.loaded.registre.violations.flatMap(\.traitements))
    guard !fiches.isEmpty, fiches.allSatisfy({ $0.kind == .treatment }), referencees.isDisjoint(with: ecartes) else {
      return (try charger(chemin), [])
    }
    var charge = lu.loaded
    charge.registre.traitements.removeAll { ecartes.contains($0.id) }
    let ids = fiches.map(\.id)
    Console.erreur(
      "Fiche(s) incomplète(s), non reprise(s) dans le document : \(ids.joined(separator: ", ")). Les compléter (voir « registre valider ») puis relancer.")
    return (charge, ids)
  }

  private static func constat(_ fiche: IncompleteRecordDiagnostics) -> IncompleteFiche {
    let subject: Subject
    switch fiche.kind {
    case .school: subject = .etablissement
    case .treatment: subject = .traitement(fiche.id)
    case .processor: subject = .sousTraitant(fiche.id)
    case .breach: subject = .violation(fiche.id)
    }
    let problemes = fiche.diagnostics.map { d -> String in
      let ligne = d.emplacement.ligne.map { " (\(fiche.file), ligne \($0))" } ?? " (\(fiche.file))"
      let champ = d.emplacement.champ.map { "champ « \($0) » : " } ?? ""
      return champ + d.message + ligne
    }
    return IncompleteFiche(
      subject: subject, problems: problemes, field: fiche.diagnostics.first?.emplacement.champ,
      audited: fiche.inRegister)
  }
}

import RegistreModel

/// Checks that span several files: unique ids and references between records.
enum RegisterCheck {
  static func check(_ registre: Register, emplacements: RegisterLocations) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []

    func duplicates(_ ids: [String], genre: String, ou: (String) -> Location?) {
      var vus = Set<String>()
      for id in ids where !vus.insert(id).inserted {
        diagnostics.append(Diagnostic(
          ou(id) ?? Location(fichier: genre), "identifiant « \(id) » en double", attendu: "des identifiants uniques"))
      }
    }
    duplicates(registre.traitements.map(\.id), genre: "traitements") { emplacements.treatment($0) }
    duplicates(registre.sousTraitants.map(\.id), genre: "sous-traitants") { emplacements.processor($0) }
    duplicates(registre.violations.map(\.id), genre: "violations") { emplacements.breach($0) }

    let sousTraitants = Set(registre.sousTraitants.map(\.id))
    let traitements = Set(registre.traitements.map(\.id))
    for traitement in registre.traitements {
      for (indice, id) in traitement.sousTraitants.enumerated() where !sousTraitants.contains(id) {
        diagnostics.append(Diagnostic(
          emplacements.treatment(traitement.id, champ: "sous_traitants[\(indice)]")
            ?? Location(fichier: "traitements/\(traitement.id).yaml", champ: "sous_traitants[\(indice)]"),
          "sous-traitant « \(id) » inconnu",
          attendu: "un fichier sous-traitants/\(id).yaml, ou l'identifiant d'un sous-traitant existant"))
      }
    }
    for violation in registre.violations {
      for (indice, id) in violation.traitements.enumerated() where !traitements.contains(id) {
        diagnostics.append(Diagnostic(
          emplacements.breach(violation.id, champ: "traitements[\(indice)]")
            ?? Location(fichier: "violations/\(violation.id).yaml", champ: "traitements[\(indice)]"),
          "traitement « \(id) » inconnu", attendu: "l'identifiant d'un traitement du registre"))
      }
      if let id = violation.sousTraitant, !sousTraitants.contains(id) {
        diagnostics.append(Diagnostic(
          emplacements.breach(violation.id, champ: "sous_traitant")
            ?? Location(fichier: "violations/\(violation.id).yaml", champ: "sous_traitant"),
          "sous-traitant « \(id) » inconnu", attendu: "l'identifiant d'un sous-traitant du registre"))
      }
    }
    let table = emplacements.table
    duplicates(registre.actions.map(\.id), genre: "actions") { table["actions/\($0)"] }
    duplicates(registre.demandes.map(\.id), genre: "demandes") { table["demandes/\($0)"] }
    for demande in registre.demandes {
      for (indice, id) in demande.traitements.enumerated() where !traitements.contains(id) {
        diagnostics.append(Diagnostic(
          table["demandes/\(demande.id)/traitements[\(indice)]"]
            ?? Location(fichier: "demandes/\(demande.id).yaml", champ: "traitements[\(indice)]"),
          "traitement « \(id) » inconnu", attendu: "l'identifiant d'un traitement du registre"))
      }
    }
    let fiches = traitements.union(sousTraitants).union(registre.violations.map(\.id))
      .union(registre.demandes.map(\.id)).union(["etablissement"])
    for action in registre.actions {
      for (indice, constat) in action.constats.enumerated() where !fiches.contains(constat.fiche) {
        diagnostics.append(Diagnostic(
          table["actions/\(action.id)/constats[\(indice)].fiche"]
            ?? Location(fichier: "actions/\(action.id).yaml", champ: "constats[\(indice)].fiche"),
          "fiche « \(constat.fiche) » inconnue",
          attendu: "l'identifiant d'un traitement, d'un sous-traitant ou d'une violation du registre, ou « etablissement »"))
      }
      if action.statut == .abandonnee, action.motifAbandon?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ?? true {
        diagnostics.append(Diagnostic(
          table["actions/\(action.id)/statut"] ?? Location(fichier: "actions/\(action.id).yaml", champ: "motif_abandon"),
          "action abandonnée sans motif", attendu: "motif_abandon : pourquoi l'action n'est plus à faire"))
      }
    }
    return diagnostics
  }
}

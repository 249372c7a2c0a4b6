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
    return diagnostics
  }
}

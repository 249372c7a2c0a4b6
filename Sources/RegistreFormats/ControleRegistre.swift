import RegistreModel

/// Checks that span several files: unique ids and references between records.
enum ControleRegistre {
  static func controler(_ registre: Registre, emplacements: EmplacementsDuRegistre) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []

    func doublons(_ ids: [String], genre: String, ou: (String) -> Emplacement?) {
      var vus = Set<String>()
      for id in ids where !vus.insert(id).inserted {
        diagnostics.append(Diagnostic(
          ou(id) ?? Emplacement(fichier: genre), "identifiant « \(id) » en double", attendu: "des identifiants uniques"))
      }
    }
    doublons(registre.traitements.map(\.id), genre: "traitements") { emplacements.traitement($0) }
    doublons(registre.sousTraitants.map(\.id), genre: "sous-traitants") { emplacements.sousTraitant($0) }
    doublons(registre.violations.map(\.id), genre: "violations") { emplacements.violation($0) }

    let sousTraitants = Set(registre.sousTraitants.map(\.id))
    let traitements = Set(registre.traitements.map(\.id))
    for traitement in registre.traitements {
      for (indice, id) in traitement.sousTraitants.enumerated() where !sousTraitants.contains(id) {
        diagnostics.append(Diagnostic(
          emplacements.traitement(traitement.id, champ: "sous_traitants[\(indice)]")
            ?? Emplacement(fichier: "traitements/\(traitement.id).yaml", champ: "sous_traitants[\(indice)]"),
          "sous-traitant « \(id) » inconnu",
          attendu: "un fichier sous-traitants/\(id).yaml, ou l'identifiant d'un sous-traitant existant"))
      }
    }
    for violation in registre.violations {
      for (indice, id) in violation.traitements.enumerated() where !traitements.contains(id) {
        diagnostics.append(Diagnostic(
          emplacements.violation(violation.id, champ: "traitements[\(indice)]")
            ?? Emplacement(fichier: "violations/\(violation.id).yaml", champ: "traitements[\(indice)]"),
          "traitement « \(id) » inconnu", attendu: "l'identifiant d'un traitement du registre"))
      }
      if let id = violation.sousTraitant, !sousTraitants.contains(id) {
        diagnostics.append(Diagnostic(
          emplacements.violation(violation.id, champ: "sous_traitant")
            ?? Emplacement(fichier: "violations/\(violation.id).yaml", champ: "sous_traitant"),
          "sous-traitant « \(id) » inconnu", attendu: "l'identifiant d'un sous-traitant du registre"))
      }
    }
    return diagnostics
  }
}

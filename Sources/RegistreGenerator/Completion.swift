import Foundation
import RegistreFormats
import RegistreModel

/// Fills the catalogue's « À COMPLÉTER » placeholders so that generated registers load:
/// a placeholder's own hint becomes the value (« À COMPLÉTER : ENT utilisé » → « ENT utilisé »),
/// country fields become FR.
enum Completion {
  struct CompletionError: Error, CustomStringConvertible {
    var description: String
  }

  static func treatment(_ t: Treatment) throws -> Treatment {
    try fill(t)
  }

  static func processor(_ s: Processor) throws -> Processor {
    try fill(s)
  }

  /// Round trip through JSON: the one generic way to reach every string field of the model.
  private static func fill<T: Codable>(_ valeur: T) throws -> T {
    let donnees = try JSONEncoder().encode(valeur)
    let objet = try JSONSerialization.jsonObject(with: donnees, options: [.fragmentsAllowed])
    let rempli = walk(objet, cle: nil)
    let sortie = try JSONSerialization.data(withJSONObject: rempli, options: [.fragmentsAllowed])
    return try JSONDecoder().decode(T.self, from: sortie)
  }

  private static func walk(_ objet: Any, cle: String?) -> Any {
    switch objet {
    case let dictionnaire as [String: Any]:
      var copie: [String: Any] = [:]
      for (k, v) in dictionnaire { copie[k] = walk(v, cle: k) }
      return copie
    case let liste as [Any]:
      return liste.map { walk($0, cle: cle) }
    case let texte as String where texte.hasPrefix(Format.marqueurACompleter):
      if cle == "pays" { return "FR" }
      var indice = String(texte.dropFirst(Format.marqueurACompleter.count))
      while let premier = indice.first, premier == " " || premier == ":" { indice.removeFirst() }
      guard let initiale = indice.first else { return "Renseigné par l'établissement" }
      return initiale.uppercased() + indice.dropFirst()
    default:
      return objet
    }
  }
}

/// Word lists for fictional names; every name generated is marked « (fictif) ».
enum Names {
  static let patrons = [
    "Jules-Ferry", "Victor-Hugo", "Jean-Moulin", "Marie-Curie", "Jean-Jaurès", "Louise-Michel",
    "Simone-Veil", "Albert-Camus", "George-Sand", "Paul-Éluard", "Jacques-Prévert", "Pierre-Brossolette",
    "Lucie-Aubrac", "Condorcet", "Voltaire", "Jean-de-La-Fontaine", "Olympe-de-Gouges", "Gustave-Eiffel",
    "Colette", "Antoine-de-Saint-Exupéry", "Rosa-Parks", "Joséphine-Baker", "Camille-Claudel",
    "Jean-Rostand", "Émile-Zola", "Paul-Langevin", "Germaine-Tillion", "Les Tilleuls", "Le Val-Fleuri",
    "La Source", "Les Érables", "Jean-Macé", "Henri-Wallon", "Irène-Joliot-Curie", "Aimé-Césaire",
  ]
  static let villes = [
    "Villefictive", "Saint-Exemple", "Bourg-Modèle", "Fontaine-Fictive", "Port-Démo", "Valmodèle",
    "Mont-Exemple", "Rivière-Fictive", "Champ-Démo", "Lac-Modèle", "Bois-Exemple", "Pré-Fictif",
  ]
  static let voies = [
    "rue de l'Exemple", "avenue des Écoles", "boulevard du Modèle", "chemin des Essais", "place de la Démo",
    "allée des Tilleuls", "rue du Collège", "route de la Source",
  ]
  static let prenoms = [
    "Hélène", "Paul", "Inès", "Karim", "Sophie", "Thomas", "Nadia", "Julien", "Claire", "Mehdi", "Anne",
    "Louis", "Fatou", "Marc", "Léa", "Yann",
  ]
  static let noms = [
    "Martin", "Bernard", "Durand", "Petit", "Moreau", "Laurent", "Garnier", "Faure", "Rousseau", "Blanc",
    "Guerin", "Muller", "Henry", "Roussel", "Nicolas", "Perrin",
  ]
  static let societes = [
    "Numérika", "ÉduLogic", "Scolaweb", "CantinePlus", "ClasseNet", "Pédagosoft", "Arpège Éducation",
    "Hébergement Hexagone", "DataÉcole", "VisioCampus", "Bibliothèque Numérique", "Médias Juniors",
  ]
  static let variantes = [
    "mathématiques", "langues vivantes", "sciences", "histoire-géographie", "club journal",
    "webradio", "voyage en Espagne", "séjour au ski", "échange avec l'Allemagne", "atelier théâtre",
    "orientation", "devoirs faits", "section sportive", "classe de 3e", "terminale",
  ]
}

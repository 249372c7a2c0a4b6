import Foundation

/// A register value independent of its file format: what the YAML reader and
/// the XML reader produce, and what both writers consume. Keys follow the
/// descriptor's order, so every writer emits fields in the same order.
indirect enum Value: Equatable, Sendable {
  case texte(String)
  case entier(Int)
  case booleen(Bool)
  case liste([Value])
  case objet([(String, Value)])

  static func == (lhs: Value, rhs: Value) -> Bool {
    switch (lhs, rhs) {
    case let (.texte(a), .texte(b)): return a == b
    case let (.entier(a), .entier(b)): return a == b
    case let (.booleen(a), .booleen(b)): return a == b
    case let (.liste(a), .liste(b)): return a == b
    case let (.objet(a), .objet(b)):
      return a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
    default: return false
    }
  }

  /// The JSON-compatible object tree, for Foundation's JSON coders.
  var objetJSON: Any {
    switch self {
    case .texte(let s): return s
    case .entier(let n): return n
    case .booleen(let b): return b
    case .liste(let l): return l.map(\.objetJSON)
    case .objet(let paires):
      var dictionnaire: [String: Any] = [:]
      for (cle, valeur) in paires { dictionnaire[cle] = valeur.objetJSON }
      return dictionnaire
    }
  }

  /// Decodes a model value from this tree.
  func decoder<T: Decodable>(_ type: T.Type) throws -> T {
    try ValueDecoder.decodeModel(T.self, self, parent: [], cle: nil)
  }

  /// Builds the tree of a model value, ordered and typed by its record type.
  static func from<T: Encodable>(_ valeur: T, type: RecordType) throws -> Value {
    let donnees = try JSONEncoder().encode(valeur)
    let objet = try JSONSerialization.jsonObject(with: donnees, options: [.fragmentsAllowed])
    return ordered(objet, genre: .objet(type))
  }

  /// Orders keys after the descriptor, drops empty lists and absent values.
  private static func ordered(_ objet: Any, genre: FieldKind) -> Value {
    switch genre {
    case .objet(let type):
      let dictionnaire = objet as? [String: Any] ?? [:]
      var paires: [(String, Value)] = []
      for champ in type.champs {
        guard let brut = dictionnaire[champ.cle], !(brut is NSNull) else { continue }
        let valeur = ordered(brut, genre: champ.genre)
        if case .liste(let elements) = valeur, elements.isEmpty { continue }
        paires.append((champ.cle, valeur))
      }
      return .objet(paires)
    case .liste(let genreElement, _):
      return .liste((objet as? [Any] ?? []).map { ordered($0, genre: genreElement) })
    case .entier:
      return .entier((objet as? Int) ?? (objet as? NSNumber)?.intValue ?? 0)
    case .booleen:
      return .booleen((objet as? Bool) ?? (objet as? NSNumber)?.boolValue ?? false)
    default:
      return .texte(objet as? String ?? "\(objet)")
    }
  }

  /// Whether some text value starts with « À COMPLÉTER ».
  var contientMarqueur: Bool {
    switch self {
    case .texte(let s): return YAMLReader.startsWithMarker(s)
    case .entier, .booleen: return false
    case .liste(let elements): return elements.contains { $0.contientMarqueur }
    case .objet(let paires): return paires.contains { $0.1.contientMarqueur }
    }
  }

  /// Every text value with its field path, to look for placeholders.
  func texts(chemin: String = "") -> [(String, String)] {
    switch self {
    case .texte(let s): return [(chemin, s)]
    case .entier, .booleen: return []
    case .liste(let elements):
      return elements.enumerated().flatMap { $1.texts(chemin: "\(chemin)[\($0)]") }
    case .objet(let paires):
      return paires.flatMap { $1.texts(chemin: chemin.isEmpty ? $0 : "\(chemin).\($0)") }
    }
  }
}

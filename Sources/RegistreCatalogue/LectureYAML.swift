import Foundation
import RegistreModel
import Yams

/// Why a bundled catalogue file could not be read.
struct ErreurLecture: Error, Sendable {
  var message: String
}

/// Reads one register file (a treatment or a processor) on its own.
///
/// The register format lets people leave out empty lists, while the model's
/// synthesised decoders expect every key; the missing lists are added as empty
/// sequences before decoding.
enum LectureYAML {
  private static let listesTraitement = [
    "sous_finalites", "personnes_concernees", "donnees", "sources_des_donnees", "destinataires",
    "sous_traitants", "transferts", "mesures_securite", "flux", "criteres_aipd", "a_confirmer",
    "references",
  ]
  private static let listesFlux = ["versions_tls", "donnees"]
  private static let listesResponsable = ["coresponsables"]
  private static let listesSousTraitant = ["sous_traitants_ulterieurs", "certifications"]

  static func traitement(_ texte: String) throws(ErreurLecture) -> Traitement {
    var racine = try compose(texte)
    completer(&racine, listesTraitement)
    if var responsable = racine["responsable"] {
      completer(&responsable, listesResponsable)
      racine["responsable"] = responsable
    }
    if case .sequence(var sequence)? = racine["flux"] {
      for index in sequence.indices {
        var flux = sequence[index]
        completer(&flux, listesFlux)
        sequence[index] = flux
      }
      racine["flux"] = .sequence(sequence)
    }
    return try decoder(Traitement.self, racine)
  }

  static func sousTraitant(_ texte: String) throws(ErreurLecture) -> SousTraitant {
    var racine = try compose(texte)
    completer(&racine, listesSousTraitant)
    return try decoder(SousTraitant.self, racine)
  }

  private static func compose(_ texte: String) throws(ErreurLecture) -> Node {
    let noeud: Node?
    do {
      noeud = try Yams.compose(yaml: texte)
    } catch {
      throw ErreurLecture(message: "YAML illisible : \(error)")
    }
    guard let noeud, noeud.mapping != nil else {
      throw ErreurLecture(message: "le fichier doit contenir une table de clés")
    }
    return noeud
  }

  private static func completer(_ noeud: inout Node, _ cles: [String]) {
    guard noeud.mapping != nil else { return }
    for cle in cles where noeud[cle] == nil {
      noeud[cle] = Node.sequence(Node.Sequence([]))
    }
  }

  private static func decoder<T: Decodable>(_ type: T.Type, _ noeud: Node) throws(ErreurLecture) -> T {
    do {
      return try YAMLDecoder().decode(type, from: noeud)
    } catch {
      throw ErreurLecture(message: "\(error)")
    }
  }
}

import Foundation
import RegistreModel
import Testing

@testable import RegistreFormats

private struct Interieur: Codable, Equatable {
  var nom: String
  var poids: Int?
}

private struct Exemple: Codable, Equatable {
  var titre: String
  var actif: Bool
  var nombre: Int
  var petit: UInt8
  var ratio: Double
  var jour: Jour
  var duree: Duree?
  var statut: StatutFiche
  var etiquettes: [String]
  var interieurs: [Interieur]
  var facultatif: String?
  var matrice: [[Int]]
}

@Suite struct DecodageDirectDeValeur {
  private static let arbre: Valeur = .objet([
    ("titre", .texte("Vie scolaire")),
    ("actif", .booleen(true)),
    ("nombre", .entier(42)),
    ("petit", .entier(7)),
    ("ratio", .entier(3)),
    ("jour", .texte("2025-09-01")),
    ("duree", .texte("1 an")),
    ("statut", .texte("valide")),
    ("etiquettes", .liste([.texte("a"), .texte("b")])),
    ("interieurs", .liste([.objet([("nom", .texte("x")), ("poids", .entier(2))]), .objet([("nom", .texte("y"))])])),
    ("matrice", .liste([.liste([.entier(1), .entier(2)]), .liste([])])),
  ])

  private static func remplacer(_ cle: String, par valeur: Valeur?) -> Valeur {
    guard case .objet(let paires) = arbre else { return arbre }
    var copie = paires.filter { $0.0 != cle }
    if let valeur { copie.append((cle, valeur)) }
    return .objet(copie)
  }

  @Test func unArbreBienTypeSeDecode() throws {
    let exemple = try Self.arbre.decoder(Exemple.self)
    #expect(exemple.titre == "Vie scolaire")
    #expect(exemple.actif)
    #expect(exemple.nombre == 42)
    #expect(exemple.petit == 7)
    #expect(exemple.ratio == 3)
    #expect(exemple.jour == Jour(iso: "2025-09-01"))
    #expect(exemple.duree == Duree(quantite: 1, unite: .annees))
    #expect(exemple.statut == .valide)
    #expect(exemple.etiquettes == ["a", "b"])
    #expect(exemple.interieurs == [Interieur(nom: "x", poids: 2), Interieur(nom: "y", poids: nil)])
    #expect(exemple.facultatif == nil)
    #expect(exemple.matrice == [[1, 2], []])
  }

  @Test func leResultatEstCeluiDeJSONDecoder() throws {
    // The former path (a JSON round trip) is the reference, on every record of the demo.
    let demo = Fixtures.depot.appendingPathComponent("Sources/RegistreCatalogue/Resources/demo")
    func comparer<T: Decodable & Equatable>(_ url: URL, _ type: TypeEnregistrement, _ modele: T.Type) throws {
      var lecteur = LecteurYAML(fichier: url.lastPathComponent)
      let arbre = try #require(lecteur.lire(try Data(contentsOf: url), type: type))
      let json = try JSONSerialization.data(withJSONObject: arbre.objetJSON, options: [.fragmentsAllowed])
      #expect(try arbre.decoder(T.self) == JSONDecoder().decode(T.self, from: json), "\(url.lastPathComponent)")
    }
    try comparer(demo.appendingPathComponent("etablissement.yaml"), Format.etablissement, Etablissement.self)
    var nombre = 0
    for (dossier, type) in ChargementRegistre.dossiers {
      for url in ChargementRegistre.fichiersYAML(demo.appendingPathComponent(dossier)) {
        switch dossier {
        case "traitements": try comparer(url, type, Traitement.self)
        case "sous-traitants": try comparer(url, type, SousTraitant.self)
        default: try comparer(url, type, Violation.self)
        }
        nombre += 1
      }
    }
    #expect(nombre > 20)
  }

  @Test func uneCleManquanteDonneKeyNotFoundAvecLeChemin() throws {
    let erreur = try #require(throws: DecodingError.self) { try Self.remplacer("titre", par: nil).decoder(Exemple.self) }
    guard case .keyNotFound(let cle, let contexte) = erreur else {
      Issue.record("attendu keyNotFound, obtenu \(erreur)")
      return
    }
    #expect(cle.stringValue == "titre")
    #expect(contexte.codingPath.isEmpty)
  }

  @Test(arguments: [
    ("titre", Valeur.entier(1), ["titre"]),
    ("actif", .texte("true"), ["actif"]),
    ("nombre", .texte("42"), ["nombre"]),
    ("nombre", .booleen(true), ["nombre"]),
    ("etiquettes", .texte("a"), ["etiquettes"]),
    ("etiquettes", .liste([.texte("a"), .entier(3)]), ["etiquettes", "Index 1"]),
    ("interieurs", .liste([.objet([("nom", .entier(1))])]), ["interieurs", "Index 0", "nom"]),
    ("interieurs", .liste([.objet([("nom", .texte("x")), ("poids", .texte("lourd"))])]), ["interieurs", "Index 0", "poids"]),
    ("interieurs", .liste([.texte("x")]), ["interieurs", "Index 0"]),
    ("matrice", .liste([.liste([.texte("1")])]), ["matrice", "Index 0", "Index 0"]),
    ("statut", .entier(1), ["statut"]),
  ])
  func unMauvaisTypeDonneTypeMismatchAvecLeChemin(cle: String, valeur: Valeur, chemin: [String]) throws {
    let erreur = try #require(throws: DecodingError.self) { try Self.remplacer(cle, par: valeur).decoder(Exemple.self) }
    guard case .typeMismatch(_, let contexte) = erreur else {
      Issue.record("attendu typeMismatch, obtenu \(erreur)")
      return
    }
    #expect(contexte.codingPath.map(\.stringValue) == chemin)
  }

  @Test(arguments: [
    ("statut", Valeur.texte("inconnu"), ["statut"]),
    ("jour", .texte("2025-02-30"), ["jour"]),
    ("duree", .texte("bientôt"), ["duree"]),
    ("petit", .entier(300), ["petit"]),
    ("petit", .entier(-1), ["petit"]),
  ])
  func uneValeurInvalideDonneDataCorruptedAvecLeChemin(cle: String, valeur: Valeur, chemin: [String]) throws {
    let erreur = try #require(throws: DecodingError.self) { try Self.remplacer(cle, par: valeur).decoder(Exemple.self) }
    guard case .dataCorrupted(let contexte) = erreur else {
      Issue.record("attendu dataCorrupted, obtenu \(erreur)")
      return
    }
    #expect(contexte.codingPath.map(\.stringValue) == chemin)
  }

  @Test func uneRacineQuiNestPasUnObjetEstRefusee() {
    #expect(throws: DecodingError.self) { try Valeur.liste([]).decoder(Exemple.self) }
    #expect(throws: DecodingError.self) { try Valeur.texte("x").decoder(Exemple.self) }
    #expect(throws: DecodingError.self) { try Valeur.objet([]).decoder([String].self) }
  }

  @Test func lesValeursSimplesSeDecodentALaRacine() throws {
    #expect(try Valeur.texte("a").decoder(String.self) == "a")
    #expect(try Valeur.entier(-3).decoder(Int.self) == -3)
    #expect(try Valeur.entier(5).decoder(Int64.self) == 5)
    #expect(try Valeur.booleen(false).decoder(Bool.self) == false)
    #expect(try Valeur.liste([.entier(1)]).decoder([Int].self) == [1])
    #expect(try Valeur.texte("obligation-legale").decoder(BaseLegale.self) == .obligationLegale)
  }

  @Test func unTypeIncompatibleDevientUnDiagnosticPasUnCrash() {
    var diagnostics: [Diagnostic] = []
    let resultat = ChargementRegistre.decoder(.objet([("id", .entier(3))]), Traitement.self, fichier: "t.yaml", into: &diagnostics)
    #expect(resultat == nil)
    #expect(diagnostics.count == 1)
    #expect(diagnostics.first?.message.hasPrefix("contenu incompatible avec le modèle") == true)
  }
}

@Suite struct SchemaParFil {
  @Test func desRegistresXMLSeChargentSurPlusieursFilsALaFois() throws {
    // The compiled schema is cached per thread; loads on many threads at once
    // must all validate (and a bad register still fails) as on one thread.
    let registre = try ChargementRegistre.charger(Fixtures.valide).registre
    let bon = try XMLRegistre.donnees(registre)
    let mauvais = Data(String(decoding: bon, as: UTF8.self).replacingOccurrences(of: "uai>", with: "uia>").utf8)
    let resultats = Resultats()
    DispatchQueue.concurrentPerform(iterations: 8) { _ in
      for _ in 0..<4 {
        let chargeBon = try? ChargementRegistre.chargerXML(bon, nom: "bon.xml", source: Fixtures.valide)
        var refus: [Diagnostic] = []
        do { _ = try ChargementRegistre.chargerXML(mauvais, nom: "mauvais.xml", source: Fixtures.valide) } catch let erreur as EchecChargement { refus = erreur.diagnostics } catch {}
        resultats.ajouter(chargeBon?.registre == registre, refus.first?.message.contains("registre.xsd") == true)
      }
    }
    #expect(resultats.bons == 32)
    #expect(resultats.refus == 32)
  }
}

private final class Resultats: @unchecked Sendable {
  private let verrou = NSLock()
  private(set) var bons = 0
  private(set) var refus = 0

  func ajouter(_ bon: Bool, _ refuse: Bool) {
    verrou.lock()
    defer { verrou.unlock() }
    if bon { bons += 1 }
    if refuse { refus += 1 }
  }
}

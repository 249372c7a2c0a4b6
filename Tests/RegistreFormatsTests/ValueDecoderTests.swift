import Foundation
import RegistreModel
import Testing

@testable import RegistreFormats

private struct Inner: Codable, Equatable {
  var nom: String
  var poids: Int?
}

private struct Example: Codable, Equatable {
  var titre: String
  var actif: Bool
  var nombre: Int
  var petit: UInt8
  var ratio: Double
  var jour: Day
  var duree: TimeSpan?
  var statut: RecordStatus
  var etiquettes: [String]
  var interieurs: [Inner]
  var facultatif: String?
  var matrice: [[Int]]
}

@Suite struct DirectValueDecoding {
  private static let arbre: Value = .objet([
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

  private static func replace(_ cle: String, par valeur: Value?) -> Value {
    guard case .objet(let paires) = arbre else { return arbre }
    var copie = paires.filter { $0.0 != cle }
    if let valeur { copie.append((cle, valeur)) }
    return .objet(copie)
  }

  @Test func aWellTypedTreeDecodes() throws {
    let exemple = try Self.arbre.decoder(Example.self)
    #expect(exemple.titre == "Vie scolaire")
    #expect(exemple.actif)
    #expect(exemple.nombre == 42)
    #expect(exemple.petit == 7)
    #expect(exemple.ratio == 3)
    #expect(exemple.jour == Day(iso: "2025-09-01"))
    #expect(exemple.duree == TimeSpan(quantite: 1, unite: .annees))
    #expect(exemple.statut == .valide)
    #expect(exemple.etiquettes == ["a", "b"])
    #expect(exemple.interieurs == [Inner(nom: "x", poids: 2), Inner(nom: "y", poids: nil)])
    #expect(exemple.facultatif == nil)
    #expect(exemple.matrice == [[1, 2], []])
  }

  @Test func theResultIsJSONDecoders() throws {
    // The former path (a JSON round trip) is the reference, on every record of the demo.
    let demo = Fixtures.depot.appendingPathComponent("Sources/RegistreCatalogue/Resources/demo")
    func compareBoth<T: Decodable & Equatable>(_ url: URL, _ type: RecordType, _ modele: T.Type) throws {
      var lecteur = YAMLReader(fichier: url.lastPathComponent)
      let arbre = try #require(lecteur.read(try Data(contentsOf: url), type: type))
      let json = try JSONSerialization.data(withJSONObject: arbre.objetJSON, options: [.fragmentsAllowed])
      #expect(try arbre.decoder(T.self) == JSONDecoder().decode(T.self, from: json), "\(url.lastPathComponent)")
    }
    try compareBoth(demo.appendingPathComponent("etablissement.yaml"), Format.etablissement, School.self)
    var nombre = 0
    for (dossier, type) in RegisterLoading.dossiers {
      for url in RegisterLoading.yamlFiles(demo.appendingPathComponent(dossier)) {
        switch dossier {
        case "traitements": try compareBoth(url, type, Treatment.self)
        case "sous-traitants": try compareBoth(url, type, Processor.self)
        case "actions": try compareBoth(url, type, PlannedAction.self)
        case "demandes": try compareBoth(url, type, RightsRequest.self)
        default: try compareBoth(url, type, Breach.self)
        }
        nombre += 1
      }
    }
    #expect(nombre > 20)
  }

  @Test func aMissingKeyGivesKeyNotFoundWithThePath() throws {
    let erreur = try #require(throws: DecodingError.self) { try Self.replace("titre", par: nil).decoder(Example.self) }
    guard case .keyNotFound(let cle, let contexte) = erreur else {
      Issue.record("attendu keyNotFound, obtenu \(erreur)")
      return
    }
    #expect(cle.stringValue == "titre")
    #expect(contexte.codingPath.isEmpty)
  }

  @Test(arguments: [
    ("titre", Value.entier(1), ["titre"]),
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
  func aWrongTypeGivesTypeMismatchWithThePath(cle: String, valeur: Value, chemin: [String]) throws {
    let erreur = try #require(throws: DecodingError.self) { try Self.replace(cle, par: valeur).decoder(Example.self) }
    guard case .typeMismatch(_, let contexte) = erreur else {
      Issue.record("attendu typeMismatch, obtenu \(erreur)")
      return
    }
    #expect(contexte.codingPath.map(\.stringValue) == chemin)
  }

  @Test(arguments: [
    ("statut", Value.texte("inconnu"), ["statut"]),
    ("jour", .texte("2025-02-30"), ["jour"]),
    ("duree", .texte("bientôt"), ["duree"]),
    ("petit", .entier(300), ["petit"]),
    ("petit", .entier(-1), ["petit"]),
  ])
  func anInvalidValueGivesDataCorruptedWithThePath(cle: String, valeur: Value, chemin: [String]) throws {
    let erreur = try #require(throws: DecodingError.self) { try Self.replace(cle, par: valeur).decoder(Example.self) }
    guard case .dataCorrupted(let contexte) = erreur else {
      Issue.record("attendu dataCorrupted, obtenu \(erreur)")
      return
    }
    #expect(contexte.codingPath.map(\.stringValue) == chemin)
  }

  @Test func aRootThatIsNotAnObjectIsRefused() {
    #expect(throws: DecodingError.self) { try Value.liste([]).decoder(Example.self) }
    #expect(throws: DecodingError.self) { try Value.texte("x").decoder(Example.self) }
    #expect(throws: DecodingError.self) { try Value.objet([]).decoder([String].self) }
  }

  @Test func scalarValuesDecodeAtTheRoot() throws {
    #expect(try Value.texte("a").decoder(String.self) == "a")
    #expect(try Value.entier(-3).decoder(Int.self) == -3)
    #expect(try Value.entier(5).decoder(Int64.self) == 5)
    #expect(try Value.booleen(false).decoder(Bool.self) == false)
    #expect(try Value.liste([.entier(1)]).decoder([Int].self) == [1])
    #expect(try Value.texte("obligation-legale").decoder(LegalBasis.self) == .obligationLegale)
  }

  @Test func anIncompatibleTypeBecomesADiagnosticNotACrash() {
    var diagnostics: [Diagnostic] = []
    let resultat = RegisterLoading.decoder(.objet([("id", .entier(3))]), Treatment.self, fichier: "t.yaml", into: &diagnostics)
    #expect(resultat == nil)
    #expect(diagnostics.count == 1)
    #expect(diagnostics.first?.message.hasPrefix("contenu incompatible avec le modèle") == true)
  }
}

@Suite struct SchemaPerThread {
  @Test func xmlRegistersLoadOnSeveralThreadsAtOnce() throws {
    // The compiled schema is cached per thread; loads on many threads at once
    // must all validate (and a bad register still fails) as on one thread.
    let registre = try RegisterLoading.load(Fixtures.valide).registre
    let bon = try RegisterXML.xmlData(registre)
    let mauvais = Data(String(decoding: bon, as: UTF8.self).replacingOccurrences(of: "uai>", with: "uia>").utf8)
    let resultats = Results()
    DispatchQueue.concurrentPerform(iterations: 8) { _ in
      for _ in 0..<4 {
        let chargeBon = try? RegisterLoading.loadXML(bon, nom: "bon.xml", source: Fixtures.valide)
        var refus: [Diagnostic] = []
        do { _ = try RegisterLoading.loadXML(mauvais, nom: "mauvais.xml", source: Fixtures.valide) } catch let erreur as LoadFailure { refus = erreur.diagnostics } catch {}
        resultats.add(chargeBon?.registre == registre, refus.first?.message.contains("registre.xsd") == true)
      }
    }
    #expect(resultats.bons == 32)
    #expect(resultats.refus == 32)
  }
}

private final class Results: @unchecked Sendable {
  private let verrou = NSLock()
  private(set) var bons = 0
  private(set) var refus = 0

  func add(_ bon: Bool, _ refuse: Bool) {
    verrou.lock()
    defer { verrou.unlock() }
    if bon { bons += 1 }
    if refuse { refus += 1 }
  }
}

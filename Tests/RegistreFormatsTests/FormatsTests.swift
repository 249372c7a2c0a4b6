import Foundation
import RegistreModel
import Testing

@testable import RegistreFormats
import RegistreTestSupport

/// Paths of the test fixtures.
enum Fixtures {
  static let racine = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
  static let valide = racine.appendingPathComponent("valide")
  static let malformes = racine.appendingPathComponent("malformes")
  static let depot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  static func rows(_ nom: String) throws -> [(String, String)] {
    try String(contentsOf: malformes.appendingPathComponent(nom), encoding: .utf8)
      .split(separator: "\n").filter { !$0.hasPrefix("#") }
      .map { ligne in
        let parties = ligne.split(separator: "\t", maxSplits: 1).map(String.init)
        return (parties[0], parties.count > 1 ? parties[1] : "")
      }
  }
}

@Suite struct FolderReading {
  @Test func theValidRegisterLoads() throws {
    let charge = try RegisterLoading.load(Fixtures.valide)
    #expect(charge.registre.etablissement.uai == "0999998E")
    #expect(charge.registre.traitements.map(\.id) == ["vie-scolaire"])
    let conservation = try #require(charge.registre.traitements.first?.donnees.last?.conservation)
    #expect(conservation.duree == TimeSpan(quantite: 1, unite: .annees))
    #expect(charge.emplacements.treatment("vie-scolaire", champ: "donnees[1].conservation.duree")?.ligne == 29)
  }

  @Test func anUnknownProcessorIsReported() throws {
    let dossier = try TemporaryFolder.make()
    defer { try? FileManager.default.removeItem(at: dossier) }
    try FileManager.default.copyItem(at: Fixtures.valide, to: dossier.appendingPathComponent("r"))
    try FileManager.default.removeItem(at: dossier.appendingPathComponent("r/sous-traitants/index-education.yaml"))
    #expect {
      try RegisterLoading.load(dossier.appendingPathComponent("r"))
    } throws: { erreur in
      let diagnostics = (erreur as? LoadFailure)?.diagnostics ?? []
      return diagnostics.contains { $0.message.contains("sous-traitant « index-education » inconnu") && $0.emplacement.ligne == 35 }
    }
  }

  /// Every placeholder of a file is reported, typed fields included.
  @Test func everyMarkerIsReported() throws {
    let dossier = try TemporaryFolder.make()
    defer { try? FileManager.default.removeItem(at: dossier) }
    let copie = dossier.appendingPathComponent("r")
    try FileManager.default.copyItem(at: Fixtures.valide, to: copie)
    let fiche = copie.appendingPathComponent("sous-traitants/index-education.yaml")
    try "id: index-education\nnom: \"À COMPLÉTER : raison sociale\"\npays: \"À COMPLÉTER : pays\"\n".write(to: fiche, atomically: true, encoding: .utf8)
    do {
      _ = try RegisterLoading.load(copie)
      Issue.record("des marqueurs ont été acceptés")
    } catch {
      let marqueurs = error.diagnostics.filter { $0.message.hasPrefix("valeur à compléter") }
      #expect(marqueurs.map(\.emplacement.ligne) == [2, 3])
    }
  }

  /// Issue 23: a boolean may be typed oui/non, read as true/false and written back as such;
  /// « peut-être » is still refused.
  @Test(arguments: [("oui", true), ("Non", false), ("true", true), ("false", false)])
  func booleansAcceptOuiAndNon(_ typed: String, _ value: Bool) throws {
    let dossier = try TemporaryFolder.make()
    defer { try? FileManager.default.removeItem(at: dossier) }
    let copie = dossier.appendingPathComponent("r")
    try FileManager.default.copyItem(at: Fixtures.valide, to: copie)
    let fiche = copie.appendingPathComponent("traitements/vie-scolaire.yaml")
    let texte = try String(contentsOf: fiche, encoding: .utf8)
    #expect(texte.contains("notice_existante: true"))
    try Data(texte.replacingOccurrences(of: "notice_existante: true", with: "notice_existante: \(typed)").utf8).write(to: fiche)
    let registre = try RegisterLoading.load(copie).registre
    let traitement = try #require(registre.traitements.first { $0.id == "vie-scolaire" })
    #expect(traitement.information?.noticeExistante == value)
    let xml = String(decoding: try RegisterXML.xmlData(registre), as: UTF8.self)
    #expect(xml.contains(">\(value)</"))
    #expect(!xml.contains(">\(typed)</") || typed == "\(value)")
  }

  /// Issue 23: a country typed by name gets its ISO code suggested; an unknown word gets no guess.
  @Test(arguments: [("Irlande", "IE"), ("États-Unis", "US"), ("etats-unis", "US"), ("Germany", "DE"), ("fr", "FR"), ("Atlantide", nil)])
  func aCountryNameGetsItsCodeSuggested(_ typed: String, _ code: String?) throws {
    let dossier = try TemporaryFolder.make()
    defer { try? FileManager.default.removeItem(at: dossier) }
    let copie = dossier.appendingPathComponent("r")
    try FileManager.default.copyItem(at: Fixtures.valide, to: copie)
    let fiche = copie.appendingPathComponent("sous-traitants/index-education.yaml")
    let texte = try String(contentsOf: fiche, encoding: .utf8)
    try Data(texte.replacingOccurrences(of: "\npays: FR", with: "\npays: \(typed)").utf8).write(to: fiche)
    do {
      _ = try RegisterLoading.load(copie)
      Issue.record("« \(typed) » accepté comme code pays")
    } catch {
      let message = try #require(error.diagnostics.first { $0.message.contains("n'est pas un code pays") }?.message)
      if let code {
        #expect(message.hasSuffix("vouliez-vous dire \(code) ?"), "\(message)")
      } else {
        #expect(!message.contains("vouliez-vous dire"), "\(message)")
      }
    }
  }

  @Test func aLoadWithoutSchoolFails() throws {
    let dossier = try TemporaryFolder.make()
    defer { try? FileManager.default.removeItem(at: dossier) }
    #expect(throws: LoadFailure.self) { try RegisterLoading.load(dossier) }
  }

  /// Every malformed YAML of the corpus yields its diagnostic, never a crash.
  @Test(arguments: try Fixtures.rows("attendus.tsv").map(\.0))
  func corpusYAML(_ nom: String) throws {
    let attendu = try #require(try Fixtures.rows("attendus.tsv").first { $0.0 == nom }?.1)
    let dossier = try TemporaryFolder.make()
    defer { try? FileManager.default.removeItem(at: dossier) }
    let registre = dossier.appendingPathComponent("r")
    try FileManager.default.copyItem(at: Fixtures.valide, to: registre)
    let cible = registre.appendingPathComponent("traitements/vie-scolaire.yaml")
    try FileManager.default.removeItem(at: cible)
    try FileManager.default.copyItem(at: Fixtures.malformes.appendingPathComponent(nom), to: cible)
    do {
      _ = try RegisterLoading.load(registre)
      Issue.record("\(nom) a été accepté")
    } catch {
      let textes = error.diagnostics.map(\.texte)
      #expect(textes.contains { $0.contains(attendu) }, "\(nom) : \(textes)")
      #expect(error.diagnostics.allSatisfy { $0.emplacement.fichier.hasPrefix("traitements/") || $0.emplacement.fichier == "etablissement.yaml" })
    }
  }

  @Test(arguments: try Fixtures.rows("attendus-xml.tsv").map(\.0))
  func corpusXML(_ nom: String) throws {
    let attendu = try #require(try Fixtures.rows("attendus-xml.tsv").first { $0.0 == nom }?.1)
    do {
      _ = try RegisterLoading.load(Fixtures.malformes.appendingPathComponent(nom))
      Issue.record("\(nom) a été accepté")
    } catch {
      let textes = error.diagnostics.map(\.texte)
      #expect(textes.contains { $0.contains(attendu) }, "\(nom) : \(textes)")
      #expect(!textes.joined().contains(ProcessInfo.processInfo.hostName), "le contenu d'un fichier local a fuité")
    }
  }

  @Test func theCorpusHasAtLeastThirtyEntries() throws {
    #expect(try Fixtures.rows("attendus.tsv").count + Fixtures.rows("attendus-xml.tsv").count >= 30)
  }
}

@Suite struct RoundTrip {
  /// Folder → XML → folder gives the same model, and the XML is schema-valid.
  @Test func folderXMLFolder() throws {
    let original = try RegisterLoading.load(Fixtures.valide).registre
    let dossier = try TemporaryFolder.make()
    defer { try? FileManager.default.removeItem(at: dossier) }
    let xml = dossier.appendingPathComponent("registre.xml")
    try RegisterXML.xmlData(original).write(to: xml)
    let depuisXML = try RegisterLoading.load(xml).registre
    #expect(depuisXML == original)
    try RegisterWriter.writeFolder(depuisXML, dans: dossier.appendingPathComponent("r"))
    let depuisDossier = try RegisterLoading.load(dossier.appendingPathComponent("r")).registre
    #expect(depuisDossier == original)
    #expect(try RegisterXML.xmlData(depuisDossier) == RegisterXML.xmlData(original))
  }

  @Test func writeNeverOverwritesAnExistingFolder() throws {
    let original = try RegisterLoading.load(Fixtures.valide).registre
    let dossier = try TemporaryFolder.make()
    defer { try? FileManager.default.removeItem(at: dossier) }
    try RegisterWriter.writeFolder(original, dans: dossier)
    #expect(throws: RegisterWriter.WriteError.self) { try RegisterWriter.writeFolder(original, dans: dossier) }
  }

  @Test func durationsReadInFrenchAndInISO() {
    #expect(TimeSpan(texte: "P1Y") == TimeSpan(quantite: 1, unite: .annees))
    #expect(TimeSpan(texte: "3 mois") == TimeSpan(quantite: 3, unite: .mois))
    #expect(TimeSpan(texte: "30 jours")?.enJours == 30)
    #expect(TimeSpan(texte: "un an") == nil)
    #expect(Day(iso: "2024-02-29") != nil)
    #expect(Day(iso: "2023-02-29") == nil)
  }
}

@Suite struct GeneratedFiles {
  /// Schemas/registre.xsd, the JSON Schema and docs/format.md match the descriptor.
  @Test func areUpToDate() throws {
    for (chemin, contenu) in DocumentationFormat.generatedFiles() {
      let present = try? String(contentsOf: Fixtures.depot.appendingPathComponent(chemin), encoding: .utf8)
      #expect(present == contenu, "\(chemin) est périmé : lancez `make schemas`")
    }
  }

  /// Every key the model encodes is described by the format.
  @Test func theDescriptorCoversTheModel() throws {
    let charge = try RegisterLoading.load(Fixtures.valide)
    func keysOf(_ objet: Any, type: RecordType) -> [String] {
      guard let table = objet as? [String: Any] else { return [] }
      return table.keys.filter { type.field($0) == nil }.map { "\(type.nom).\($0)" }
    }
    let etablissement = try JSONSerialization.jsonObject(with: JSONEncoder().encode(charge.registre.etablissement))
    #expect(keysOf(etablissement, type: Format.etablissement).isEmpty)
    for traitement in charge.registre.traitements {
      let objet = try JSONSerialization.jsonObject(with: JSONEncoder().encode(traitement))
      #expect(keysOf(objet, type: Format.traitement).isEmpty)
    }
  }
}

import Foundation
import RegistreModel
import Testing

@testable import RegistreFormats
@testable import RegistreCatalogue

/// Folder → XML → folder is lossless on the bundled registers too.
@Suite struct DemoRoundTrip {
  @Test func theDemoRoundTripsWithoutLoss() throws {
    let original = try RegisterLoading.load(try Catalogue.demoFolder()).registre
    let dossier = FileManager.default.temporaryDirectory.appendingPathComponent("registre-ar-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dossier, withIntermediateDirectories: true)
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

  /// Every catalogue entry survives the trip through the canonical XML tree
  /// (the templates keep their « À COMPLÉTER » placeholders, so the loader's
  /// checks are not the point here: the mapping is).
  @Test func everyCatalogueEntryRoundTrips() throws {
    let entrees = try Catalogue.allEntries()
    #expect(entrees.count >= 25)
    let etablissement = try RegisterLoading.load(try Catalogue.demoFolder()).registre.etablissement
    let sousTraitants = try Catalogue.processors().map(\.sousTraitant)
    let registre = Register(
      etablissement: etablissement, traitements: entrees.map(\.traitement), sousTraitants: sousTraitants)
    var lecteur = XMLTreeReader(fichier: "catalogue.xml")
    let relu = lecteur.register(try RegisterXML.tree(registre))
    #expect(relu == registre)
  } 
}

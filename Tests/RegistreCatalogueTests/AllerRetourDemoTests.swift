import Foundation
import RegistreModel
import Testing

@testable import RegistreFormats
@testable import RegistreCatalogue

/// Folder → XML → folder is lossless on the bundled registers too.
@Suite struct AllerRetourDemo {
  @Test func laDemoFaitLAllerRetourSansPerte() throws {
    let original = try ChargementRegistre.charger(try Catalogue.dossierDemo()).registre
    let dossier = FileManager.default.temporaryDirectory.appendingPathComponent("registre-ar-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dossier, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dossier) }

    let xml = dossier.appendingPathComponent("registre.xml")
    try XMLRegistre.donnees(original).write(to: xml)
    let depuisXML = try ChargementRegistre.charger(xml).registre
    #expect(depuisXML == original)

    try EcritureRegistre.ecrireDossier(depuisXML, dans: dossier.appendingPathComponent("r"))
    let depuisDossier = try ChargementRegistre.charger(dossier.appendingPathComponent("r")).registre
    #expect(depuisDossier == original)
    #expect(try XMLRegistre.donnees(depuisDossier) == XMLRegistre.donnees(original))
  }

  /// Every catalogue entry survives the trip through the canonical XML tree
  /// (the templates keep their « À COMPLÉTER » placeholders, so the loader's
  /// checks are not the point here: the mapping is).
  @Test func chaqueEntreeDuCatalogueFaitLAllerRetour() throws {
    let entrees = try Catalogue.entrees()
    #expect(entrees.count >= 25)
    let etablissement = try ChargementRegistre.charger(try Catalogue.dossierDemo()).registre.etablissement
    let sousTraitants = try Catalogue.sousTraitants().map(\.sousTraitant)
    let registre = Registre(
      etablissement: etablissement, traitements: entrees.map(\.traitement), sousTraitants: sousTraitants)
    var lecteur = LecteurArbreXML(fichier: "catalogue.xml")
    let relu = lecteur.registre(try XMLRegistre.arbre(registre))
    #expect(relu == registre)
  } 
}

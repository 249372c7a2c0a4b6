import Foundation
import RegistreFormats
import Testing

@testable import RegistreCatalogue
import RegistreTestSupport

/// The catalogue and the demo checked by the formats module's loader and validator.
@Suite struct ValidationTests {
  func diagnostics(_ dossier: URL) -> [Diagnostic] {
    do {
      _ = try RegisterLoading.load(dossier)
      return []
    } catch {
      return error.diagnostics
    }
  }

  @Test func demoLoadsWithoutDiagnostics() throws {
    let charge = try RegisterLoading.load(try Catalogue.demoFolder())
    #expect(charge.registre.traitements.count >= 20)
    #expect(charge.registre.violations.count == 2)
  }

  @Test func freshInitOnlyReportsPlaceholders() throws {
    let dossier = try TemporaryFolder.make()
    defer { try? FileManager.default.removeItem(at: dossier) }
    let tous = try Catalogue.allEntries().map(\.id)
    try Catalogue.createRegister(dans: dossier, nom: "Cité scolaire Exemple", uai: "0999996W", entrees: tous)
    let trouves = diagnostics(dossier)
    #expect(!trouves.isEmpty)
    for diagnostic in trouves {
      // Typed fields (a country code) report the placeholder as an invalid value, quoting it.
      let signaleLaMarque =
        diagnostic.message.hasPrefix("valeur à compléter")
        || diagnostic.message.contains("« \(Catalogue.marqueACompleter)")
      #expect(signaleLaMarque, "\(diagnostic.texte)")
      #expect(diagnostic.emplacement.ligne != nil, "\(diagnostic.texte)")
    }
    // Every file holding a placeholder is reported (a file whose country code is still a
    // placeholder only reports that one until it is filled).
    let avecMarques = Set(try yamlFiles(dossier).filter { $0.value.contains("\"\(Catalogue.marqueACompleter)") }.keys)
    #expect(Set(trouves.map(\.emplacement.fichier)) == avecMarques)
  }

  @Test func everyEntryValidatesOnceItsPlaceholdersAreFilled() throws {
    let dossier = try TemporaryFolder.make()
    defer { try? FileManager.default.removeItem(at: dossier) }
    let tous = try Catalogue.allEntries().map(\.id)
    try Catalogue.createRegister(dans: dossier, nom: "Cité scolaire Exemple", uai: "0999996W", entrees: tous)
    for (chemin, texte) in try yamlFiles(dossier) {
      try Data(fillMarkers(texte).utf8).write(to: dossier.appendingPathComponent(chemin))
    }
    let trouves = diagnostics(dossier)
    #expect(trouves.isEmpty, "\(trouves.map(\.texte).joined(separator: "\n"))")
    let charge = try RegisterLoading.load(dossier)
    #expect(charge.registre.traitements.count == tous.count)
  }

  @Test func commonSetValidatesOnceFilled() throws {
    let dossier = try TemporaryFolder.make()
    defer { try? FileManager.default.removeItem(at: dossier) }
    try Catalogue.createRegister(dans: dossier, nom: "Collège Exemple", uai: "0999995V")
    for (chemin, texte) in try yamlFiles(dossier) {
      try Data(fillMarkers(texte).utf8).write(to: dossier.appendingPathComponent(chemin))
    }
    let charge = try RegisterLoading.load(dossier)
    #expect(charge.registre.traitements.count == Catalogue.ensembleCommun.count)
    #expect(charge.registre.etablissement.nom == "Collège Exemple")
  }
}

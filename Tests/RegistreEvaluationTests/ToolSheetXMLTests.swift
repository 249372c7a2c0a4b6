import Foundation
import RegistreEvaluation
import RegistreFormats
import RegistreModel
import Testing

/// A tool sheet may also come as XML (`<fiche_outil>`, Schemas/registre.xsd).
@Suite struct ToolSheetXML {
  @Test(arguments: try FileManager.default.contentsOfDirectory(atPath: F.exemples.path).filter { $0.hasSuffix(".yaml") })
  func theExamplesAlsoReadAsXML(_ nom: String) throws {
    let fiche = try F.example(nom)
    let xml = try RegisterXML.record(fiche, racine: "fiche_outil", type: Format.ficheOutil)
    let relue = try ToolSheetReading.read(xml, fichier: "fiche.xml")
    #expect(relue == fiche)
    #expect(F.evaluate(relue).verdict == F.evaluate(fiche).verdict)
  }

  @Test func anInvalidXMLSheetIsRefusedWithItsLine() throws {
    let fiche = try F.example("ressource-gar.yaml")
    var xml = String(decoding: try RegisterXML.record(fiche, racine: "fiche_outil", type: Format.ficheOutil), as: UTF8.self)
    xml = xml.replacingOccurrences(of: "<nom>", with: "<nom_inconnu>").replacingOccurrences(of: "</nom>", with: "</nom_inconnu>")
    #expect {
      try ToolSheetReading.read(Data(xml.utf8), fichier: "fiche.xml")
    } throws: { erreur in
      let diagnostics = (erreur as? LoadFailure)?.diagnostics ?? []
      return diagnostics.contains { $0.emplacement.ligne != nil && $0.message.contains("élément inattendu") }
    }
    #expect(throws: LoadFailure.self) {
      try ToolSheetReading.read(Data("<!DOCTYPE x><fiche_outil/>".utf8), fichier: "fiche.xml")
    }
  }
}

import Foundation
import RegistreEvaluation
import RegistreFormats
import RegistreModel
import Testing

/// A tool sheet may also come as XML (`<fiche_outil>`, Schemas/registre.xsd).
@Suite struct FicheXML {
  @Test(arguments: try FileManager.default.contentsOfDirectory(atPath: F.exemples.path).filter { $0.hasSuffix(".yaml") })
  func lesExemplesSeLisentAussiEnXML(_ nom: String) throws {
    let fiche = try F.exemple(nom)
    let xml = try XMLRegistre.enregistrement(fiche, racine: "fiche_outil", type: Format.ficheOutil)
    let relue = try LectureFicheOutil.lire(xml, fichier: "fiche.xml")
    #expect(relue == fiche)
    #expect(F.evaluer(relue).verdict == F.evaluer(fiche).verdict)
  }

  @Test func uneFicheXMLInvalideEstRefuseeAvecSaLigne() throws {
    let fiche = try F.exemple("ressource-gar.yaml")
    var xml = String(decoding: try XMLRegistre.enregistrement(fiche, racine: "fiche_outil", type: Format.ficheOutil), as: UTF8.self)
    xml = xml.replacingOccurrences(of: "<nom>", with: "<nom_inconnu>").replacingOccurrences(of: "</nom>", with: "</nom_inconnu>")
    #expect {
      try LectureFicheOutil.lire(Data(xml.utf8), fichier: "fiche.xml")
    } throws: { erreur in
      let diagnostics = (erreur as? EchecChargement)?.diagnostics ?? []
      return diagnostics.contains { $0.emplacement.ligne != nil && $0.message.contains("élément inattendu") }
    }
    #expect(throws: EchecChargement.self) {
      try LectureFicheOutil.lire(Data("<!DOCTYPE x><fiche_outil/>".utf8), fichier: "fiche.xml")
    }
  }
}

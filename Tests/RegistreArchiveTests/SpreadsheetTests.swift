import Foundation
import RegistreArchive
import RegistreModel
import Testing
import RegistreTestSupport

@Suite struct SpreadsheetTests {
  func register() -> Register {
    Register(
      etablissement: School(nom: "Lycée", uai: "0750001A", responsableTraitement: Contact(nom: "M. Proviseur")),
      traitements: [
        Treatment(id: "t1", nom: "Cantine; self", finalitePrincipale: "=HYPERLINK(\"x\")",
          sousFinalites: ["Réserver", "Payer \"en ligne\""]),
        Treatment(id: "t2", nom: "Vie scolaire", finalitePrincipale: "Suivre les élèves"),
      ])
  }

  @Test func csvForFrenchSpreadsheets() throws {
    let data = Spreadsheet.csv(register())
    #expect(Array(data.prefix(3)) == [0xEF, 0xBB, 0xBF])
    let texte = String(decoding: data.dropFirst(3), as: UTF8.self)
    let lignes = texte.components(separatedBy: "\r\n")
    #expect(lignes.count == 4)  // header, two rows, and the empty string after the last CRLF
    // The columns follow the CNIL fiche's blocks (RegistreImport.CNILExport).
    #expect(lignes[0].hasPrefix("Nom du traitement;N° / RÉF;Date de création du traitement;Mise à jour du traitement;"))
    #expect(lignes[0].split(separator: ";").count == Spreadsheet.colonnes.count)
    #expect(lignes[1].hasPrefix("\"Cantine; self\";t1;"))
    // A formula is neutralised, quotes are doubled.
    #expect(lignes[1].contains("\"'=HYPERLINK(\"\"x\"\")\""))
    #expect(texte.contains("\"Réserver\nPayer \"\"en ligne\"\"\""))
  }

  @Test func odsIsAZipWithTheMimetypeFirstAndStored() throws {
    let data = try Spreadsheet.ods(register())
    let octets = [UInt8](data)
    #expect(Array(octets.prefix(4)) == [0x50, 0x4B, 0x03, 0x04])
    // Compression method 0 (stored) and the name "mimetype" right after the 30-byte header.
    #expect(octets[8] == 0 && octets[9] == 0)
    let nom = String(decoding: octets[30..<38], as: UTF8.self)
    #expect(nom == "mimetype")
    let type = String(decoding: octets[38..<(38 + 46)], as: UTF8.self)
    #expect(type == "application/vnd.oasis.opendocument.spreadsheet")
  }

  @Test func odsPassesUnzipIntegrityTest() throws {
    let unzip = try Checkers.require("unzip", package: "unzip")
    let dossier = try TemporaryFolder.make()
    defer { try? FileManager.default.removeItem(at: dossier) }
    let fichier = dossier.appendingPathComponent("registre.ods")
    try Spreadsheet.ods(try Tools.demoRegister()).write(to: fichier)
    let test = try Tools.run([unzip, "-t", fichier.path], dossier: dossier)
    #expect(test.code == 0, "\(test.sortie)")
    let liste = try Tools.run([unzip, "-Z1", fichier.path], dossier: dossier)
    #expect(liste.sortie.split(separator: "\n").map(String.init)
      == ["mimetype", "META-INF/manifest.xml", "styles.xml", "settings.xml", "content.xml"])
  }

  /// LibreOffice (Debian package libreoffice-calc-nogui, test profile of scripts/dependances.sh)
  /// opens the ODS and converts it back to CSV with the same cells.
  @Test func libreOfficeOpensTheODS() throws {
    // Missing LibreOffice: reported as skipped with the reason (or failed under REGISTRE_REQUIRE_CHECKERS=1).
    let office = try Checkers.require("libreoffice", "soffice", package: "libreoffice-calc-nogui")
    let dossier = try TemporaryFolder.make()
    defer { try? FileManager.default.removeItem(at: dossier) }
    let demo = try Tools.demoRegister()
    let fichier = dossier.appendingPathComponent("registre.ods")
    try Spreadsheet.ods(demo).write(to: fichier)
    let profil = dossier.appendingPathComponent("profil")
    let resultat = try Tools.run([
      office, "-env:UserInstallation=file://\(profil.path)", "--headless", "--convert-to",
      "csv:Text - txt - csv (StarCalc):59,34,76", "--outdir", dossier.path, fichier.path,
    ], dossier: dossier)
    #expect(resultat.code == 0, "\(resultat.sortie)")
    let csv = try String(contentsOf: dossier.appendingPathComponent("registre.csv"), encoding: .utf8)
    // The first sheet is the CNIL's list of treatments: its header block, then the column headers.
    #expect(csv.contains("\nNom du traitement;N° / RÉF;Date de création de la fiche;"))
    for traitement in demo.traitements { #expect(csv.contains(traitement.nom.replacingOccurrences(of: "\"", with: "\"\""))) }
  }
}

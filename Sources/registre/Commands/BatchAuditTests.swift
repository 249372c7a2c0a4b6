import ArgumentParser
import Foundation
import RegistreBatch
import RegistreModel
import RegistreRules
import RegistreSupport

/// `registre audit --lot DOSSIER`: the consolidated audit of many registers.
extension AuditCommand {
  func auditBatch(_ dossier: String, regles: [any Rule], jour: Day) throws {
    let rapport: BatchReport
    do throws(BatchError) {
      rapport = try BatchAudit.run(URL(fileURLWithPath: dossier), dateAudit: jour, regles: regles)
    } catch {
      Console.printError("Erreur : \(error.message).")
      throw ExitStatus.usage
    }
    let donnees: Data?
    switch format {
    case .texte: donnees = Data(BatchReportText.render(rapport).utf8)
    case .json: donnees = try BatchReportJSON.render(rapport) + Data("\n".utf8)
    case .csv: donnees = Data(BatchReportCSV.render(rapport).utf8)
    case .pdf: donnees = nil
    case .sarif: throw ExitStatus.usage  // Refused by validate().
    }
    if let sortie {
      let url = URL(fileURLWithPath: sortie)
      if let donnees {
        do {
          try AtomicFile.write(donnees, to: url, permissions: 0o640)
        } catch {
          Console.printError("Erreur : écriture impossible de « \(sortie) » (\(error)). Rien n'a été écrit.")
          throw ExitStatus.usage
        }
      } else {
        // The PDF: rendered, signed when asked, then written atomically by the pipeline.
        let (signe, autorite) = try signaturePDF(organisation: "Registre")
        try BatchReportPDF.write(rapport, sortie: url, modeles: modeles, signature: signe)
        try Self.writeAuthority(autorite, pres: url)
      }
      Console.printError(
        "Lot audité : \(rapport.audites) registre(s) audité(s), \(rapport.illisibles) illisible(s) ; "
          + "rapport écrit dans \(sortie).")
    } else if let donnees {
      FileHandle.standardOutput.write(donnees)
    } else {
      throw ExitStatus.usage  // A PDF without --sortie is refused by validate().
    }
    if rapport.illisibles > 0 {
      Console.printError("Attention : \(rapport.illisibles) registre(s) illisible(s), non audité(s).")
    }
    if rapport.fails(echecSi.gravite) { throw ExitStatus.problemes }
  }
}

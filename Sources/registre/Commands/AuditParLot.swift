import ArgumentParser
import Foundation
import RegistreLot
import RegistreModel
import RegistreRules
import RegistreSupport
import RegistreWorkflows

/// `registre audit --lot DOSSIER`: the consolidated audit of many registers.
extension Auditer {
  func auditerLot(_ dossier: String, regles: [any Rule], jour: Jour) throws {
    let rapport: RapportLot
    do throws(ErreurLot) {
      rapport = try AuditLot.run(
        URL(fileURLWithPath: dossier), dateAudit: jour, regles: regles, acceptances: AcceptancesFile.reader)
    } catch {
      Console.erreur("Erreur : \(error.message).")
      throw CodeSortie.usage
    }
    let donnees: Data?
    switch format {
    case .texte: donnees = Data(RapportLotTexte.rendre(rapport).utf8)
    case .json: donnees = try RapportLotJSON.rendre(rapport) + Data("\n".utf8)
    case .csv: donnees = Data(RapportLotCSV.rendre(rapport).utf8)
    case .pdf: donnees = nil
    case .sarif: throw CodeSortie.usage  // Refused by validate().
    }
    if let sortie {
      let url = URL(fileURLWithPath: sortie)
      if let donnees {
        do {
          try AtomicFile.write(donnees, to: url, permissions: 0o640)
        } catch {
          Console.erreur("Erreur : écriture impossible de « \(sortie) » (\(error)). Rien n'a été écrit.")
          throw CodeSortie.usage
        }
      } else {
        // The PDF: rendered, signed when asked, then written atomically by the pipeline.
        let (signe, autorite) = try signaturePDF(organisation: "Registre")
        try RapportLotPDF.ecrire(rapport, sortie: url, modeles: modeles, signature: signe)
        try Self.ecrireAutorite(autorite, pres: url)
      }
      Console.erreur(
        "Lot audité : \(rapport.audites) registre(s) audité(s), \(rapport.illisibles) illisible(s) ; "
          + "rapport écrit dans \(sortie).")
    } else if let donnees {
      FileHandle.standardOutput.write(donnees)
    } else {
      throw CodeSortie.usage  // A PDF without --sortie is refused by validate().
    }
    if rapport.illisibles > 0 {
      Console.erreur("Attention : \(rapport.illisibles) registre(s) illisible(s), non audité(s).")
    }
    if rapport.echoue(echecSi.gravite) { throw CodeSortie.problemes }
  }
}

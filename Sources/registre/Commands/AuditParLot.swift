import ArgumentParser
import Foundation
import RegistreLot
import RegistreModel
import RegistreRules
import RegistreSupport
import RegistreWorkflows

/// `registre audit --lot DOSSIER`: the consolidated audit of many registers.
extension Auditer {
  func auditerLot(_ dossier: String, options: AuditOptions) async throws {
    // Checked before the batch runs: a long audit is not thrown away at the end.
    try SortieExistante.verifier(sortie, remplacer: remplacer)
    let rapport = try SortieWorkflow.executer { () throws(WorkflowError) in
      try AuditWorkflow.runBatch(folder: dossier, options: options)
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
          try AtomicFile.write(donnees, to: url, permissions: 0o640, existing: remplacer ? .replace : .refuse)
        } catch {
          Console.erreur("Erreur : écriture impossible de « \(sortie) » (\(error)). Rien n'a été écrit.")
          throw CodeSortie.usage
        }
      } else {
        // The PDF: rendered, signed when asked, then written atomically by the pipeline.
        let identite = try signaturePDF(organisation: "Registre")
        let resultat = try await SortieWorkflow.executer(modeles: modeles) { () async throws(WorkflowError) in
          try await DocumentWorkflow.batchReport(
            rapport, output: url, settings: DocumentsCLI.reglages(modeles: modeles, signature: identite, remplacer: remplacer))
        }
        try DocumentsCLI.rendreCompte(resultat, annoncer: false)
        try Self.ecrireAutorite(identite, pres: url)
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

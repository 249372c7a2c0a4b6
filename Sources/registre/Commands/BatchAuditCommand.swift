import ArgumentParser
import Foundation
import RegistreBatch
import RegistreModel
import RegistreRules
import RegistreSupport
import RegistreWorkflows

/// `registre audit --lot DOSSIER`: the consolidated audit of many registers.
extension AuditCommand {
  func auditBatch(_ dossier: String, options: AuditOptions) async throws {
    // Checked before the batch runs: a long audit is not thrown away at the end.
    try ExistingOutput.check(sortie, replace: replace)
    let rapport = try WorkflowExit.run { () throws(WorkflowError) in
      try AuditWorkflow.runBatch(folder: dossier, options: options)
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
          try AtomicFile.write(donnees, to: url, permissions: 0o640, existing: replace ? .replace : .refuse)
        } catch {
          Console.printError("Erreur : écriture impossible de « \(sortie) » (\(error)). Rien n'a été écrit.")
          throw ExitStatus.usage
        }
      } else {
        // The PDF: rendered, signed when asked, then written atomically by the pipeline.
        let identite = try signaturePDF(organisation: "Registre")
        let resultat = try await WorkflowExit.run(modeles: modeles) { () async throws(WorkflowError) in
          try await DocumentWorkflow.batchReport(
            rapport, output: url, settings: DocumentsCLI.settings(modeles: modeles, signature: identite, replace: replace))
        }
        try DocumentsCLI.report(resultat, annoncer: false)
        try Self.writeAuthority(identite, pres: url)
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

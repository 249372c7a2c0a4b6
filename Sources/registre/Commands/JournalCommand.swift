import ArgumentParser
import Foundation
import RegistreSupport
import RegistreTeam
import RegistreWorkflows

/// `registre journal DOSSIER [--fichier F]`: the team's journal, in French.
struct JournalCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "journal",
    abstract: Typography.french("Liste les entrées du journal de l'équipe (journal.jsonl), avec les différences d'un fichier."),
    discussion: Typography.french("""
      Chaque entrée : son numéro, sa date (UTC), son auteur et ce qu'elle enregistre. Avec --fichier, seules les \
      entrées de ce fichier, chaque modification suivie de ses lignes retirées (-) et ajoutées (+), avec trois \
      lignes de contexte. La vérification de la chaîne est celle de « registre verifier --journal DOSSIER » ; \
      voir docs/journal.md. Code de sortie : 0 ; 1 si la chaîne est rompue (la liste est affichée quand même) ; \
      2 dossier illisible, sans journal, ou journal illisible.
      """))

  @Argument(help: ArgumentHelp(Typography.french("Dossier du registre.")))
  var dossier: String

  @Option(
    name: .customLong("fichier"),
    help: ArgumentHelp(Typography.french("Chemin d'un fichier du registre (traitements/ent.yaml)."), valueName: "fichier"))
  var fichier: String?

  func run() throws {
    let verification = try WorkflowExit.run { () throws(WorkflowError) in try VerificationWorkflow.verifyJournal(dossier) }
    let entries: [JournalEntry]
    do {
      entries = try Journal(folder: URL(fileURLWithPath: dossier)).entries()
    } catch {
      Console.printError("erreur : \(error.message)")
      throw ExitStatus.usage
    }
    Console.printOutput(JournalListing.text(entries, folder: dossier, file: fichier))
    if !verification.chainIntact {
      Console.printError(
        "attention : la chaîne du journal est rompue (\(verification.problems.count) problème(s)) : "
          + "registre verifier --journal \(dossier)")
      throw ExitStatus.problemes
    }
  }
}

public import Foundation
public import RegistreTeam

/// Team mode (issue 18): in a register folder that has `comptes.yaml`, every write of a register file is
/// journaled — the changes found on disk first, as made outside the application, then the write's own
/// changes under its author. Outside team mode the write simply runs; nothing else changes.
public enum TeamJournal {
  /// Runs `body`, a write of the register at `path` (a folder; a register XML file is never a team folder),
  /// under the journal's lock when the folder is in team mode.
  public static func journaled<T>(
    _ path: String, by actor: JournalActor = .commandLine(), _ body: () throws(WorkflowError) -> T
  ) throws(WorkflowError) -> T {
    let folder = URL(fileURLWithPath: path)
    guard TeamFolder.isTeamFolder(folder) else { return try body() }
    do {
      return try Journal(folder: folder).performJournaled(by: actor) { () throws -> T in try body() }
    } catch let error as WorkflowError {
      throw error
    } catch let error as JournalError {
      throw WorkflowError(.failed, "erreur : journal de l'équipe : \(error.message)")
    } catch {
      throw WorkflowError(.failed, "erreur : journal de l'équipe : \(error)")
    }
  }

  /// The same for a long asynchronous job (documents rendered before a small write): the journal lock is not
  /// held across suspension points, so outside changes are recorded before the job and its own after it;
  /// a file edited by hand while the job runs is then attributed to the job's author.
  public static func journaled<T>(
    _ path: String, by actor: JournalActor = .commandLine(), _ body: () async throws(WorkflowError) -> T
  ) async throws(WorkflowError) -> T {
    let folder = URL(fileURLWithPath: path)
    guard TeamFolder.isTeamFolder(folder) else { return try await body() }
    let journal = Journal(folder: folder)
    try record(journal, by: .outside)
    let result: T
    do {
      result = try await body()
    } catch {
      try record(journal, by: actor)
      throw error
    }
    try record(journal, by: actor)
    return result
  }

  private static func record(_ journal: Journal, by actor: JournalActor) throws(WorkflowError) {
    do {
      try journal.recordChanges(by: actor)
    } catch {
      throw WorkflowError(.failed, "erreur : journal de l'équipe : \(error.message)")
    }
  }
}

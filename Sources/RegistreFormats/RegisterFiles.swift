public import Foundation
import RegistreSupport

/// The files of a register folder that make up the register (what the loader reads and the journal tracks).
/// Anything else in the folder (`journal.jsonl`, its lock file, `comptes.yaml`, produced documents) is not part of it.
public enum RegisterFiles {
  public static let school = "etablissement.yaml"
  /// Accepted audit findings (`Format.acceptations`).
  public static let acceptances = "acceptations.yaml"
  /// Notices marked as issued (`Format.noticesDiffusees`).
  public static let issuedNotices = "notices-diffusees.yaml"
  /// The single files at the folder's top level.
  public static let topLevel = [school, acceptances, issuedNotices]
  /// The sub-folders of records, as the loader reads them.
  public static var recordFolders: [String] { RegisterLoading.dossiers.map(\.nom) }

  /// Paths relative to `folder` of the register files present, sorted: the top-level files, then the
  /// `.yaml` / `.yml` files of each record sub-folder (hidden files skipped, as the loader does). A sub-folder
  /// that leads out of `folder` (a link) is skipped, as the loader refuses it: see `refusedFolders`.
  public static func present(in folder: URL) -> [String] {
    var files: [String] = []
    for name in topLevel where AtomicFile.exists(folder.appendingPathComponent(name)) {
      files.append(name)
    }
    let refused = Set(refusedFolders(in: folder))
    for name in recordFolders where !refused.contains(name) {
      files += RegisterLoading.yamlFiles(folder.appendingPathComponent(name)).map { "\(name)/\($0.lastPathComponent)" }
    }
    return files.sorted()
  }

  /// The record sub-folders that lead out of `folder` (symbolic links), which the loader refuses to read.
  public static func refusedFolders(in folder: URL) -> [String] {
    recordFolders.filter { name in
      RegisterLoading.subfolderRefusal(folder.appendingPathComponent(name), name: name, folder: folder) != nil
    }
  }
}

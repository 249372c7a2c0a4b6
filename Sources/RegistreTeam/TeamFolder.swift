public import Foundation
import RegistreSupport

/// A register folder used by a team (issue 18): it has a `comptes.yaml`. In team mode every write of a
/// register file is journaled.
public enum TeamFolder {
  public static let accountsFileName = AccountBook.fileName

  public static func isTeamFolder(_ folder: URL) -> Bool {
    AtomicFile.exists(folder.appendingPathComponent(accountsFileName))
  }
}

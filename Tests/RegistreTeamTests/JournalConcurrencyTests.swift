import Foundation
import RegistreTeam
import RegistreTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

@Suite("Journal : ajouts concurrents")
struct JournalConcurrencyTests {
  @Test("Des ajouts depuis huit fils, chacun avec sa propre valeur Journal, gardent la chaîne")
  func concurrentAppends() throws {
    let folder = try TemporaryFolder.make("registre-journal")
    defer { try? FileManager.default.removeItem(at: folder) }
    let failures = Failures()
    DispatchQueue.concurrentPerform(iterations: 8) { thread in
      // Another spelling of the same folder: the lock is the folder's, not the value's.
      let journal = Journal(folder: thread.isMultiple(of: 2) ? folder : folder.appendingPathComponent("."))
      for number in 1...25 {
        do {
          try journal.append(
            JournalEvent(kind: .answer, file: "traitements/ent.yaml", number: number, text: "fil \(thread)"),
            by: JournalActor(account: "fil\(thread)", role: .contributeur, channel: .web))
        } catch {
          failures.add("\(error)")
        }
      }
    }
    #expect(failures.all.isEmpty)
    let journal = Journal(folder: folder)
    let verification = journal.verify()
    #expect(verification.chainIntact, "\(verification.problems)")
    #expect(verification.entryCount == 200)
    #expect(try journal.entries().map(\.sequence) == Array(1...200))
  }

  @Test("Pendant une écriture journalisée, le verrou du fichier est tenu pour les autres processus ; relâché après")
  func fileLockHeldDuringJournaledWrite() throws {
    let folder = try TemporaryFolder.make("registre-journal")
    defer { try? FileManager.default.removeItem(at: folder) }
    let journal = Journal(folder: folder)
    let lockPath = folder.appendingPathComponent(Journal.lockFileName).path
    // Another open file description behaves as another process would for flock(2).
    func otherProcessCouldLock() -> Bool {
      let descriptor = open(lockPath, O_RDWR | O_CREAT, 0o640)
      guard descriptor >= 0 else { return false }
      defer { close(descriptor) }
      guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else { return false }
      flock(descriptor, LOCK_UN)
      return true
    }
    let heldInside = try journal.performJournaled(by: .outside) { otherProcessCouldLock() }
    #expect(heldInside == false)
    #expect(otherProcessCouldLock())
  }
}

/// Errors gathered from several threads.
private final class Failures: @unchecked Sendable {
  private let lock = NSLock()
  private var messages: [String] = []
  func add(_ message: String) {
    lock.lock()
    messages.append(message)
    lock.unlock()
  }
  var all: [String] {
    lock.lock()
    defer { lock.unlock() }
    return messages
  }
}

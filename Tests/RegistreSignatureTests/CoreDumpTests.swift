import Foundation
import RegistreSupport
import Testing

@testable import RegistreSignature

#if canImport(Glibc)
  import Glibc
#endif

/// Issue 24: a crash while a private key is in memory must not write a core file.
@Suite struct CoreDumpTests {
  /// Soft and hard core size limits of this process, as the kernel reports them.
  private func coreLimit() throws -> [String] {
    let text = try String(contentsOfFile: "/proc/self/limits", encoding: .utf8)
    let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("Max core file size") })
    return line.dropFirst("Max core file size".count).split(separator: " ").prefix(2).map(String.init)
  }

  @Test func loadingAKeyTurnsCoreDumpsOff() throws {
    _ = try SigningCredentials.demonstration(organization: "Collège de test")
    #expect(try coreLimit() == ["0", "0"])
    #expect(ProcessHardening.dumpable == 0)
  }

  @Test func aPasswordInMemoryTurnsCoreDumpsOffToo() throws {
    _ = SecretPassword("motdepasse")
    #expect(try coreLimit() == ["0", "0"])
    #expect(ProcessHardening.dumpable == 0)
  }
}

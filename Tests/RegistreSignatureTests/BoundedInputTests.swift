import Foundation
import RegistreTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Small inputs read before the real work (authority, key, certificate, password, acceptations files): a
/// named pipe is refused at once (never waited on), a file over its limit is refused before it is read.
@Suite("Petits fichiers lus bornés : tube nommé et fichier trop grand refusés, sans attendre")
struct BoundedInputTests {
  func hostileFiles(_ folder: URL) throws -> (fifo: URL, large: URL) {
    let fifo = folder.appendingPathComponent("tube.pem")
    try #require(mkfifo(fifo.path, 0o600) == 0, "mkfifo")
    // Sparse, 8 MiB: no byte needs to be written for its size to exceed every limit.
    let large = folder.appendingPathComponent("enorme.pem")
    FileManager.default.createFile(atPath: large.path, contents: nil)
    let handle = try FileHandle(forWritingTo: large)
    try handle.truncate(atOffset: 8 << 20)
    try handle.close()
    return (fifo, large)
  }

  @Test("verifier --ac, signer --cle / --certificat / --mot-de-passe-fichier : code 2, fichier et raison nommés")
  func credentialsAndAuthorities() throws {
    let fixtures = try Fixtures.get()
    let folder = try TemporaryFolder.make()
    defer { try? FileManager.default.removeItem(at: folder) }
    let (fifo, large) = try hostileFiles(folder)
    let pdf = try fixtures.write(fixtures.classicPDF, "a-signer.pdf")
    for (file, reason) in [(fifo, "tube nommé, pas un fichier ordinaire"), (large, "fichier trop grand (8388608 octets, au plus")] {
      let verify = try RegistreCLI.run(["verifier", pdf.path, "--ac", file.path], mergeErrors: true)
      #expect(verify.status == 2, "\(verify.output)")
      #expect(verify.output.contains("\(file.path) : \(reason)"), "\(verify.output)")
      let output = folder.appendingPathComponent("\(UUID().uuidString).pdf")
      let key = try RegistreCLI.run(["signer", pdf.path, "--sortie", output.path, "--cle", file.path,
        "--certificat", fixtures.url("signer.pem").path], mergeErrors: true)
      #expect(key.status == 2, "\(key.output)")
      #expect(key.output.contains("\(file.path) : \(reason)"), "\(key.output)")
      let certificate = try RegistreCLI.run(["signer", pdf.path, "--sortie", output.path, "--cle",
        fixtures.url("signer.key").path, "--certificat", file.path], mergeErrors: true)
      #expect(certificate.status == 2, "\(certificate.output)")
      #expect(certificate.output.contains("\(file.path) : \(reason)"), "\(certificate.output)")
      let password = try RegistreCLI.run(["signer", pdf.path, "--sortie", output.path, "--p12",
        fixtures.url("signer.p12").path, "--mot-de-passe-fichier", file.path], mergeErrors: true)
      #expect(password.status == 2, "\(password.output)")
      #expect(password.output.contains("fichier de mot de passe illisible : \(file.path) : "), "\(password.output)")
      #expect(!FileManager.default.fileExists(atPath: output.path))
    }
  }

  @Test("acceptations.yaml en tube nommé ou trop grand : audit refusé (code 2), fichier et raison nommés")
  func acceptances() throws {
    let folder = try TemporaryFolder.make()
    defer { try? FileManager.default.removeItem(at: folder) }
    let (fifo, large) = try hostileFiles(folder)
    let demo = RegistreCLI.repository.appendingPathComponent("Sources/RegistreCatalogue/Resources/demo")
    for (file, reason) in [(fifo, "tube nommé"), (large, "fichier trop grand")] {
      let register = folder.appendingPathComponent(UUID().uuidString)
      try FileManager.default.copyItem(at: demo, to: register)
      try? FileManager.default.removeItem(at: register.appendingPathComponent("acceptations.yaml"))
      try FileManager.default.moveItem(at: file, to: register.appendingPathComponent("acceptations.yaml"))
      let audit = try RegistreCLI.run(["audit", register.path], mergeErrors: true)
      #expect(audit.status == 2, "\(audit.output)")
      #expect(audit.output.contains("acceptations.yaml: erreur: \(reason)"), "\(audit.output)")
    }
  }
}

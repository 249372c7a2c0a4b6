import Foundation
import RegistreTestSupport
import Testing

@testable import RegistreSignature

/// Runs the `registre` executable that `swift test` builds next to the test bundle (shared CLI runner).
func register(_ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, output: String, errors: String) {
  let result = try RegistreCLI.run(arguments, environment: environment)
  return (result.status, result.output, result.errors)
}

@Suite("Ligne de commande : registre signer et registre verifier")
struct CLITests {
  @Test("Signer avec un PKCS#12 puis vérifier : codes de sortie 0, 1, 2 et JSON")
  func signAndVerify() throws {
    let fixtures = try Fixtures.get()
    let input = try fixtures.write(fixtures.xrefStreamPDF, "entree.pdf")
    let output = fixtures.url("\(UUID().uuidString)-sortie.pdf")
    let passwordFile = try fixtures.write(Data("secret-p12\n".utf8), "mdp.txt")
    let sign = try register(["signer", input.path, "--sortie", output.path, "--p12", fixtures.url("signer.p12").path,
      "--mot-de-passe-fichier", passwordFile.path, "--raison", "Registre des activités de traitement 2026"])
    #expect(sign.status == 0, "\(sign.errors)")
    #expect(sign.output.contains("signé (PAdES B-B)"))

    let trusted = try register(["verifier", output.path, "--ac", fixtures.url("root.pem").path])
    #expect(trusted.status == 0, "\(trusted.output)\(trusted.errors)")
    #expect(trusted.output.contains("VALIDE"))
    #expect(trusted.output.contains("Registre des activités de traitement 2026"))

    let untrusted = try register(["verifier", output.path, "--ac", fixtures.url("tsa.pem").path])
    #expect(untrusted.status == 1)
    #expect(untrusted.output.contains("NON reconnue"))

    let json = try register(["verifier", output.path, "--ac", fixtures.url("root.pem").path, "--format", "json"])
    #expect(json.status == 0)
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .iso8601
    let reports = try decoder.decode([DocumentVerification].self, from: Data(json.output.utf8))
    #expect(reports.first?.signatures.first?.intact == true)
    #expect(reports.first?.valid == true)

    let misplaced = try register(["verifier", output.path, "--ac", input.path])
    #expect(misplaced.status == 2)
    #expect(misplaced.errors.contains("aucun certificat"))

    let garbage = try fixtures.write(Data("pas un pdf".utf8), "faux.pdf")
    let unreadable = try register(["verifier", garbage.path, output.path, "--ac", fixtures.url("root.pem").path])
    #expect(unreadable.status == 2)
    #expect(unreadable.errors.contains("n'est pas un PDF"))
  }

  @Test("Sortie existante, mauvais mot de passe, clé qui ne correspond pas : code 2, rien d'écrit")
  func refusals() throws {
    let fixtures = try Fixtures.get()
    let input = try fixtures.write(fixtures.classicPDF, "entree.pdf")
    let existing = try fixtures.write(Data("déjà là".utf8), "existant.pdf")
    let kept = try register(["signer", input.path, "--sortie", existing.path, "--cle", fixtures.url("signer.key").path,
      "--certificat", fixtures.url("signer.pem").path])
    #expect(kept.status == 2)
    #expect(try Data(contentsOf: existing) == Data("déjà là".utf8))
    #expect(kept.errors.contains("existe déjà"))

    let output = fixtures.url("\(UUID().uuidString)-sortie.pdf")
    let wrong = try register(["signer", input.path, "--sortie", output.path, "--p12", fixtures.url("signer.p12").path],
      environment: ["REGISTRE_MOT_DE_PASSE": "n'importe-quoi"])
    #expect(wrong.status == 2)
    #expect(wrong.errors.contains("mot de passe incorrect"))
    #expect(!wrong.errors.contains("n'importe-quoi"))
    #expect(!FileManager.default.fileExists(atPath: output.path))

    let mismatched = try register(["signer", input.path, "--sortie", output.path, "--cle", fixtures.url("other.key").path,
      "--certificat", fixtures.url("signer.pem").path])
    #expect(mismatched.status == 2)
    #expect(mismatched.errors.contains("ne correspond pas"))
    #expect(!FileManager.default.fileExists(atPath: output.path))

    let environment = try register(["signer", input.path, "--sortie", output.path, "--p12", fixtures.url("signer.p12").path],
      environment: ["REGISTRE_MOT_DE_PASSE": "secret-p12"])
    #expect(environment.status == 0, "\(environment.errors)")
    #expect(FileManager.default.fileExists(atPath: output.path))
  }
}

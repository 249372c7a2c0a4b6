import Foundation
import RegistreArchive
import RegistreCrypto
import RegistreSignature
import Testing
import RegistreTestSupport

@Suite struct ArchiveTests {
  /// Seals a small year signed with demonstration credentials; returns the archive, the year and the CA.
  func seal(_ archive: URL, annee: Int = 2026) throws -> (URL, Data) {
    let demo = try SigningCredentials.demonstration()
    let fichiers = [
      ArchiveFile(name: "registre-\(annee).xml", data: Data("<registre/>".utf8)),
      ArchiveFile(name: "bilan-\(annee).txt", data: Data("Bilan\n".utf8), permissions: 0o644),
    ]
    let annee = YearArchive.nextFolder(for: annee, in: archive)
    let dossier = try YearArchive.seal(fichiers, as: annee, in: archive) { manifeste in
      try DetachedSignature.sign(manifeste, credentials: demo.credentials)
    }
    return (dossier, Data(demo.authorityPEM.utf8))
  }

  @Test func sealedYearVerifiesAndManifestIsSha256sumCompatible() throws {
    let archive = try TemporaryFolder.make()
    defer { try? FileManager.default.removeItem(at: archive) }
    let (dossier, ac) = try seal(archive)
    #expect(dossier.lastPathComponent == "2026")
    // No signed PDF here: the manifest's signer must be named (the archive's one-signer rule).
    #expect(!ArchiveVerification.check(dossier, trustAnchors: [ac]).valid)
    let signataire = try #require(ArchiveVerification.check(dossier, trustAnchors: [ac]).manifestSignature?.signerFingerprint)
    let rapport = ArchiveVerification.check(dossier, trustAnchors: [ac], expectedSigners: [signataire])
    #expect(rapport.valid, "\(rapport.text)")
    // Personal data 0640, the rest 0644.
    let attributs = try FileManager.default.attributesOfItem(atPath: dossier.appendingPathComponent("registre-2026.xml").path)
    #expect((attributs[.posixPermissions] as? Int) == 0o640)
    // The manifest is what sha256sum checks (a missing sha256sum skips or fails the test, never passes it).
    let sha256sum = try Checkers.require("sha256sum", package: "coreutils")
    let resultat = try Tools.run([sha256sum, "-c", YearArchive.manifestName], dossier: dossier)
    #expect(resultat.code == 0, "\(resultat.sortie)")
    // Without the demonstration CA the signature is intact but not trusted.
    let sansAC = ArchiveVerification.check(dossier)
    #expect(sansAC.manifestSignature?.signatureValid == true)
    #expect(!sansAC.valid)
  }

  @Test func tamperingIsReported() throws {
    let archive = try TemporaryFolder.make()
    defer { try? FileManager.default.removeItem(at: archive) }
    let (dossier, ac) = try seal(archive)
    let fichier = dossier.appendingPathComponent("registre-2026.xml")
    // Sealed files are read-only for others; the owner may still alter them, which verification catches.
    var octets = [UInt8](try Data(contentsOf: fichier))
    octets[1] ^= 0x01
    try Data(octets).write(to: fichier)
    try Data("intrus".utf8).write(to: dossier.appendingPathComponent("ajout.txt"))
    try FileManager.default.removeItem(at: dossier.appendingPathComponent("bilan-2026.txt"))
    let rapport = ArchiveVerification.check(dossier, trustAnchors: [ac])
    #expect(!rapport.valid)
    #expect(rapport.changed == ["registre-2026.xml"])
    #expect(rapport.added == ["ajout.txt"])
    #expect(rapport.removed == ["bilan-2026.txt"])
    #expect(rapport.text.contains("fichier modifié : registre-2026.xml"))
  }

  @Test func editedManifestBreaksItsSignature() throws {
    let archive = try TemporaryFolder.make()
    defer { try? FileManager.default.removeItem(at: archive) }
    let (dossier, ac) = try seal(archive)
    // Replace a file and update its hash in the manifest: the manifest's signature no longer holds.
    let fichier = dossier.appendingPathComponent("bilan-2026.txt")
    let nouveau = Data("Bilan falsifié\n".utf8)
    try nouveau.write(to: fichier)
    let manifeste = dossier.appendingPathComponent(YearArchive.manifestName)
    var texte = try String(contentsOf: manifeste, encoding: .utf8)
    let ancien = texte.split(separator: "\n").first { $0.hasSuffix("bilan-2026.txt") }.map(String.init) ?? ""
    texte = texte.replacingOccurrences(of: ancien, with: "\(try Digest.sha256Hex(nouveau))  bilan-2026.txt")
    try Data(texte.utf8).write(to: manifeste)
    let rapport = ArchiveVerification.check(dossier, trustAnchors: [ac])
    #expect(rapport.changed.isEmpty)
    #expect(rapport.manifestSignature?.signatureValid == false)
    #expect(!rapport.valid)
  }

  @Test func aSealedYearIsNeverOverwrittenRevisionsFollow() throws {
    let archive = try TemporaryFolder.make()
    defer { try? FileManager.default.removeItem(at: archive) }
    _ = try seal(archive)
    let (revision, _) = try seal(archive)
    #expect(revision.lastPathComponent == "2026-r2")
    #expect(YearArchive.sealedYears(in: archive).map(\.name) == ["2026", "2026-r2"])
    let cible = SealedYear(year: 2026, revision: 1, url: archive.appendingPathComponent("2026"))
    #expect(throws: ArchiveError.self) {
      try YearArchive.seal([], as: cible, in: archive) { $0 }
    }
    #expect(YearArchive.previous(before: 2027, in: archive)?.name == "2026-r2")
  }

  @Test func unsafeNamesAreRefused() throws {
    let archive = try TemporaryFolder.make()
    defer { try? FileManager.default.removeItem(at: archive) }
    let cible = YearArchive.nextFolder(for: 2026, in: archive)
    for nom in ["../evasion", ".cache", "a/b", "MANIFEST.sha256"] {
      #expect(throws: ArchiveError.invalidName(nom)) {
        try YearArchive.seal([ArchiveFile(name: nom, data: Data())], as: cible, in: archive) { $0 }
      }
    }
    #expect(YearArchive.sealedYears(in: archive).isEmpty)
    // The temporary folders went away with the failed builds.
    #expect(try FileManager.default.contentsOfDirectory(atPath: archive.path).isEmpty)
  }

  @Test func failedSigningLeavesNoYear() throws {
    let archive = try TemporaryFolder.make()
    defer { try? FileManager.default.removeItem(at: archive) }
    struct Failure: Error {}
    let cible = YearArchive.nextFolder(for: 2026, in: archive)
    #expect(throws: ArchiveError.self) {
      try YearArchive.seal([ArchiveFile(name: "a.txt", data: Data("a".utf8))], as: cible, in: archive) { _ in
        throw Failure()
      }
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: archive.path).isEmpty)
  }

  @Test func detachedSignatureRejectsOtherContent() throws {
    let demo = try SigningCredentials.demonstration()
    let contenu = Data("manifeste".utf8)
    let signature = try DetachedSignature.sign(contenu, credentials: demo.credentials)
    let ac = Data(demo.authorityPEM.utf8)
    #expect(DetachedSignature.verify(contenu, signature: signature, trustAnchors: [ac]).valid)
    #expect(!DetachedSignature.verify(Data("manifestE".utf8), signature: signature, trustAnchors: [ac]).signatureValid)
    #expect(!DetachedSignature.verify(contenu, signature: Data("pas une signature".utf8)).valid)
  }
}

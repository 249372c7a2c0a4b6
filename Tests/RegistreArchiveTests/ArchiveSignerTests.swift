import Foundation
import RegistreTestSupport
import RegistreArchive
import RegistreSignature
import Testing

/// The sealed year must be sealed by the documents' signer, not by any certificate of the trusted CA.
@Suite struct ArchiveSignerTests {
  func register(_ arguments: [String], dans dossier: URL) throws -> (code: Int32, sortie: String) {
    try Tools.run([ExportCLITests.executable] + arguments, dossier: dossier)
  }

  /// A CA and two signers it certifies (EC P-256), made with the openssl command.
  func pki(_ dossier: URL) throws {
    let script = """
      set -e
      cat > ext.cnf <<'CNF'
      [req]
      distinguished_name = dn
      [dn]
      [ca_ext]
      basicConstraints = critical,CA:TRUE
      keyUsage = critical,keyCertSign,cRLSign
      [signer_ext]
      basicConstraints = CA:FALSE
      keyUsage = critical,digitalSignature,nonRepudiation
      CNF
      ec="-newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes"
      openssl req -x509 $ec -keyout ca.key -out ca.pem -days 30 -config ext.cnf -extensions ca_ext \
        -subj "/CN=AC de test" 2>/dev/null
      for nom in chef collegue; do
        openssl req -new $ec -keyout $nom.key -out $nom.csr -config ext.cnf -subj "/CN=$nom" 2>/dev/null
        openssl x509 -req -in $nom.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 30 \
          -extfile ext.cnf -extensions signer_ext -out $nom.pem 2>/dev/null
      done
      """
    let resultat = try Tools.run(["/bin/sh", "-c", "cd '\(dossier.path)' && \(script)"], dossier: dossier)
    try #require(resultat.code == 0, "\(resultat.sortie)")
  }

  @Test func manifestResealedByAColleagueOfTheSameCAIsRefused() throws {
    let racine = try TemporaryFolder.make("registre-archive")
    defer { try? FileManager.default.removeItem(at: racine) }
    try pki(racine)
    let fichier = { (nom: String) in racine.appendingPathComponent(nom).path }
    let archive = racine.appendingPathComponent("archive")
    let export = try register(["exporter", Tools.demo.path, "--annee", "2026", "--archive", archive.path,
      "--cle", fichier("chef.key"), "--certificat", fichier("chef.pem")], dans: racine)
    try #require(export.code == 0, "\(export.sortie)")
    let annee = archive.appendingPathComponent("2026")
    let ac = fichier("ca.pem")

    // Untouched: valid, with or without the expected signer (certificate file or fingerprint).
    #expect(try register(["verifier", annee.path, "--ac", ac], dans: racine).code == 0)
    let chef = try Data(contentsOf: URL(fileURLWithPath: fichier("chef.pem")))
    let empreinte = try #require(PDFVerifier.certificateFingerprints(in: chef).first)
    #expect(try register(["verifier", annee.path, "--ac", ac, "--signataire", fichier("chef.pem")], dans: racine).code == 0)
    let parEmpreinte = try register(["verifier", annee.path, "--ac", ac, "--signataire", empreinte.uppercased()], dans: racine)
    #expect(parEmpreinte.code == 0, "\(parEmpreinte.sortie)")
    let autre = try register(["verifier", annee.path, "--ac", ac, "--signataire", fichier("collegue.pem")], dans: racine)
    #expect(autre.code == 1)
    #expect(autre.sortie.contains("n'est pas un signataire attendu"), "\(autre.sortie)")
    let mauvais = try register(["verifier", annee.path, "--ac", ac, "--signataire", "pas-une-empreinte"], dans: racine)
    #expect(mauvais.code == 2)

    // The attack: XML and CSV altered, manifest recomputed and re-signed by the colleague's certificate.
    for nom in ["registre-2026.xml", "registre-2026.csv"] {
      let url = annee.appendingPathComponent(nom)
      try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: url.path)
      let avant = try Data(contentsOf: url)
      try (avant + Data((nom.hasSuffix(".xml") ? "<!-- conservation : 50 ans -->\n" : "faux;traitement\n").utf8)).write(to: url)
      #expect(try Data(contentsOf: url) != avant)
    }
    let noms = try FileManager.default.contentsOfDirectory(atPath: annee.path)
      .filter { $0 != YearArchive.manifestName && $0 != YearArchive.signatureName }
    let fichiers = try noms.map { ArchiveFile(name: $0, data: try Data(contentsOf: annee.appendingPathComponent($0))) }
    let manifeste = annee.appendingPathComponent(YearArchive.manifestName)
    let signature = annee.appendingPathComponent(YearArchive.signatureName)
    for url in [manifeste, signature] {
      try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: url.path)
    }
    try YearArchive.manifest(fichiers).write(to: manifeste)
    let resigne = try Tools.run(["/usr/bin/env", "openssl", "cms", "-sign", "-binary", "-cades", "-nosmimecap",
      "-md", "sha256", "-signer", fichier("collegue.pem"), "-inkey", fichier("collegue.key"), "-in", manifeste.path,
      "-outform", "DER", "-out", signature.path], dossier: racine)
    try #require(resigne.code == 0, "\(resigne.sortie)")

    // Before this check the archive was accepted: every hash matches and the colleague's chain is trusted.
    let rapport = ArchiveVerification.check(annee, trustAnchors: [try Data(contentsOf: URL(fileURLWithPath: ac))])
    #expect(rapport.changed.isEmpty && rapport.removed.isEmpty && rapport.added.isEmpty)
    #expect(rapport.manifestSignature?.signatureValid == true && rapport.manifestSignature?.trusted == true)
    #expect(!rapport.signerProblems.isEmpty)
    #expect(!rapport.valid)

    let verif = try register(["verifier", annee.path, "--ac", ac], dans: racine)
    #expect(verif.code == 1, "\(verif.sortie)")
    #expect(verif.sortie.contains("changement de signataire : le manifeste est signé par collegue, registre-2026.pdf par chef"),
      "\(verif.sortie)")
    // Naming the colleague does not help: the documents are the head teacher's.
    let nomme = try register(["verifier", annee.path, "--ac", ac, "--signataire", fichier("collegue.pem")], dans: racine)
    #expect(nomme.code == 1)
    #expect(nomme.sortie.contains("registre-2026.pdf est signé par chef"), "\(nomme.sortie)")
  }
}

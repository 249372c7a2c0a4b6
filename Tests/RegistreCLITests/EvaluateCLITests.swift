import Foundation
import RegistreFormats
import Testing
import RegistreTestSupport

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A loopback port nothing listens on: taken from the kernel, then released.
func freePort() throws -> Int {
  let descripteur = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
  guard descripteur >= 0 else { throw CocoaError(.fileReadUnknown) }
  defer { close(descripteur) }
  var adresse = sockaddr_in()
  adresse.sin_family = sa_family_t(AF_INET)
  adresse.sin_addr.s_addr = inet_addr("127.0.0.1")
  adresse.sin_port = 0
  var taille = socklen_t(MemoryLayout<sockaddr_in>.size)
  let lie = withUnsafePointer(to: &adresse) {
    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descripteur, $0, taille) }
  }
  guard lie == 0 else { throw CocoaError(.fileReadUnknown) }
  let lu = withUnsafeMutablePointer(to: &adresse) {
    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descripteur, $0, &taille) }
  }
  guard lu == 0 else { throw CocoaError(.fileReadUnknown) }
  return Int(UInt16(bigEndian: adresse.sin_port))
}

/// `registre evaluer` end to end: exit codes, outputs, --sortie, --ajouter.
@Suite struct EvaluateCLI {
  static let exemples = CLITool.depot.appendingPathComponent("Exemples/fiches-outils")

  func example(_ nom: String) -> String { Self.exemples.appendingPathComponent(nom).path }

  @Test func exitCodesFollowTheVerdict() throws {
    let gar = try CLITool.run(["evaluer", example("ressource-gar.yaml"), "--date", "2026-11-29"])
    #expect(gar.code == 0)
    #expect(gar.sortie.contains("Verdict : ADOPTABLE"))
    let conditions = try CLITool.run(["evaluer", example("appli-comptes-editeur-ue.yaml")])
    #expect(conditions.code == 1)
    #expect(conditions.sortie.contains("ADOPTABLE SOUS CONDITIONS"))
    let proscrit = try CLITool.run(["evaluer", example("appli-gratuite-publicite.yaml")])
    #expect(proscrit.code == 1)
    #expect(proscrit.sortie.contains("À PROSCRIRE"))
    #expect(proscrit.sortie.contains("Réf. : "))
  }

  @Test func invalidSheetExitsTwoWithLine() throws {
    let dossier = try TemporaryFolder.make()
    defer { try? FileManager.default.removeItem(at: dossier) }
    let fiche = dossier.appendingPathComponent("f.yaml")
    try Data("nom: X\nediteur: Y\nfinalite: Z\npublicite: peut-etre\n".utf8).write(to: fiche)
    let r = try CLITool.run(["evaluer", fiche.path, "--sortie", dossier.appendingPathComponent("out").path])
    #expect(r.code == 2)
    #expect(r.erreurs.contains("f.yaml:4"))
    #expect(!FileManager.default.fileExists(atPath: dossier.appendingPathComponent("out").path))
    let absente = try CLITool.run(["evaluer", dossier.appendingPathComponent("absente.yaml").path])
    #expect(absente.code == 2)
    #expect(try CLITool.run(["evaluer"]).code == 2)
    #expect(try CLITool.run(["evaluer", fiche.path, "--ajouter"]).code == 2)
  }

  @Test func sheetTemplate() throws {
    let r = try CLITool.run(["evaluer", "--modele"])
    #expect(r.code == 0)
    #expect(r.sortie.contains("contrat_art28:"))
    #expect(r.sortie.contains("# Valeurs : propose"))
    let accents = try CLITool.run(["évaluer", "--modèle"])
    #expect(accents.code == 0)
    #expect(accents.sortie == r.sortie)
  }

  @Test func formatJSON() throws {
    let r = try CLITool.run(["evaluer", example("ia-generative.yaml"), "--format", "json"])
    #expect(r.code == 1)
    let objet = try #require(try JSONSerialization.jsonObject(with: Data(r.sortie.utf8)) as? [String: Any])
    #expect(objet["verdict"] as? String == "a-proscrire")
    #expect(objet["draftEntry"] is String)
    #expect(objet["reasons"] is [[String: Any]])
  }

  @Test func pdfNeedsAFolder() throws {
    let r = try CLITool.run(["evaluer", example("ressource-gar.yaml"), "--format", "pdf"])
    #expect(r.code == 2)
    #expect(r.erreurs.contains("--sortie"))
    let signature = try CLITool.run(["evaluer", example("ressource-gar.yaml"), "--cle", "k.pem", "--certificat", "c.pem"])
    #expect(signature.code == 2)
  }

  /// The dated opinion as PDF (Apache FOP), signed with a throw-away key, then
  /// checked by `registre verifier`.
  @Test func signedOpinionPDF() throws {
    let dossier = try TemporaryFolder.make()
    defer { try? FileManager.default.removeItem(at: dossier) }
    let cle = dossier.appendingPathComponent("cle.pem")
    let certificat = dossier.appendingPathComponent("certificat.pem")
    let openssl = try ProcessRunner.run([
      "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
      "-keyout", cle.path, "-out", certificat.path, "-days", "30", "-subj", "/CN=Principale du collège/O=Test",
      "-addext", "keyUsage=critical,digitalSignature,nonRepudiation",
    ])
    #expect(openssl.status == 0, "\(openssl.output)")

    let out = dossier.appendingPathComponent("avis")
    let r = try CLITool.run([
      "evaluer", example("outil-americain-dpf.yaml"), "--format", "pdf", "--sortie", out.path,
      "--cle", cle.path, "--certificat", certificat.path, "--raison", "Avis sur QuizCloud",
    ])
    #expect(r.code == 1, "\(r.erreurs)")
    let pdf = try Data(contentsOf: out.appendingPathComponent("avis.pdf"))
    #expect(pdf.starts(with: Data("%PDF-".utf8)))
    let verification = try CLITool.run(["verifier", out.appendingPathComponent("avis.pdf").path, "--ac", certificat.path])
    #expect(verification.code == 0, "\(verification.sortie)\(verification.erreurs)")
    #expect(verification.sortie.contains("VALIDE"))
    // PDF/A-2b identification and French language, as the documents module produces them.
    let pikepdf = try ProcessRunner.run(
      [
        "python3", "-c",
      "import pikepdf,sys; p = pikepdf.open(sys.argv[1]); m = p.open_metadata(); print(m.get('pdfaid:part'), m.get('pdfaid:conformance'), p.Root.get('/Lang'))",
        out.appendingPathComponent("avis.pdf").path,
      ], mergeErrors: false)
    let lu = pikepdf.output
    #expect(lu.trimmingCharacters(in: .whitespacesAndNewlines) == "2 B fr")

    // The families' note takes the same road: template, FOP, the same signature.
    let note = out.appendingPathComponent("note-familles.pdf")
    let noteVerifiee = try CLITool.run(["verifier", note.path, "--ac", certificat.path])
    #expect(noteVerifiee.code == 0, "\(noteVerifiee.sortie)\(noteVerifiee.erreurs)")
    let texte = try CLITool.tool(["pdftotext", note.path, "-"]).sortie
    #expect(texte.contains("Information des familles : utilisation de QuizCloud"))
    #expect(texte.contains("Data Privacy Framework"))
    #expect(texte.contains("Brouillon produit par"))
  }

  /// A tool « à proscrire » gets neither a draft entry nor a families' note, in Markdown or PDF.
  @Test func proscribedToolGetsNoFamiliesNotePDF() throws {
    let dossier = try TemporaryFolder.make()
    defer { try? FileManager.default.removeItem(at: dossier) }
    let out = dossier.appendingPathComponent("avis")
    let r = try CLITool.run(["evaluer", example("appli-gratuite-publicite.yaml"), "--format", "pdf", "--sortie", out.path])
    #expect(r.code == 1, "\(r.erreurs)")
    #expect(r.sortie.contains("À PROSCRIRE"))
    let noms = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
    #expect(noms == ["avis.pdf", "avis.txt"])
  }

  @Test func outputWritesTheThreeFilesWithoutOverwriting() throws {
    let dossier = try TemporaryFolder.make()
    defer { try? FileManager.default.removeItem(at: dossier) }
    let out = dossier.appendingPathComponent("avis")
    let r = try CLITool.run(["evaluer", example("outil-americain-dpf.yaml"), "--sortie", out.path])
    #expect(r.code == 1)
    let noms = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
    #expect(noms == ["avis.txt", "note-familles.md", "traitement-quizcloud.yaml"])
    let note = try String(contentsOf: out.appendingPathComponent("note-familles.md"), encoding: .utf8)
    #expect(note.contains("QuizCloud"))
    let encore = try CLITool.run(["evaluer", example("outil-americain-dpf.yaml"), "--sortie", out.path])
    #expect(encore.code == 2)
    #expect(encore.erreurs.contains("existe déjà"))
  }

  @Test func addToRegisterNeverOverwrites() throws {
    let dossier = try TemporaryFolder.make()
    defer { try? FileManager.default.removeItem(at: dossier) }
    let registre = dossier.appendingPathComponent("registre")
    try FileManager.default.copyItem(at: CLITool.registreValide, to: registre)
    let args = ["evaluer", example("appli-comptes-editeur-ue.yaml"), "--registre", registre.path, "--ajouter"]
    let r = try CLITool.run(args)
    #expect(r.code == 1)
    let ajoute = registre.appendingPathComponent("traitements/mathsplus.yaml")
    let avant = try Data(contentsOf: ajoute)
    #expect(String(decoding: avant, as: UTF8.self).contains("statut: brouillon"))
    // The register now holds the draft: `valider` reports only its placeholders.
    let validation = try CLITool.run(["valider", registre.path])
    #expect(validation.erreurs.contains("valeur à compléter"))
    #expect(!validation.erreurs.contains("inconnu"))
    let encore = try CLITool.run(args)
    #expect(encore.code == 2)
    #expect(try Data(contentsOf: ajoute) == avant)
  }

  @Test func probingAClosedPortStaysLocal() throws {
    let dossier = try TemporaryFolder.make()
    defer { try? FileManager.default.removeItem(at: dossier) }
    let fiche = dossier.appendingPathComponent("f.yaml")
    let port = try freePort()
    try Data("nom: X\nediteur: Y\nfinalite: Z\npoints_acces: [\"https://127.0.0.1:\(port)/\"]\n".utf8).write(to: fiche)
    let r = try CLITool.run(["evaluer", fiche.path, "--sonder", "--delai", "2", "--format", "json"])
    #expect(r.code == 1)
    let objet = try #require(try JSONSerialization.jsonObject(with: Data(r.sortie.utf8)) as? [String: Any])
    let probes = try #require(objet["probes"] as? [[String: Any]])
    #expect(probes.first?["status"] as? String == "unreachable")
    let conditions = try #require(objet["conditions"] as? [[String: Any]])
    #expect(conditions.contains { $0["code"] as? String == "sonde-impossible" })
  }

  /// A sheet is the vendor's word: 23 endpoints give a warning naming the 3 left out, and 20 probes only.
  @Test func probingIsCappedAtTwentyEndpoints() throws {
    let dossier = try TemporaryFolder.make()
    defer { try? FileManager.default.removeItem(at: dossier) }
    let fiche = dossier.appendingPathComponent("f.yaml")
    let port = try freePort()
    let adresses = (1...23).map { "\"https://127.0.0.1:\(port)/p\($0)\"" }.joined(separator: ", ")
    try Data("nom: X\nediteur: Y\nfinalite: Z\npoints_acces: [\(adresses)]\n".utf8).write(to: fiche)
    let r = try CLITool.run(["evaluer", fiche.path, "--sonder", "--delai", "1", "--format", "json"])
    #expect(r.code == 1, "\(r.erreurs)")
    #expect(r.erreurs.contains(
      "Attention : la fiche déclare plus de 20 points d'accès ; la sonde examine les 20 premiers. Non sondés (3) : "
        + "https://127.0.0.1:\(port)/p21, https://127.0.0.1:\(port)/p22, https://127.0.0.1:\(port)/p23"), "\(r.erreurs)")
    let objet = try #require(try JSONSerialization.jsonObject(with: Data(r.sortie.utf8)) as? [String: Any])
    let probes = try #require(objet["probes"] as? [[String: Any]])
    #expect(probes.count == 20)
  }
}

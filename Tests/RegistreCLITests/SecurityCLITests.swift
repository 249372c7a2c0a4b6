import Foundation
import Testing
import RegistreTestSupport

/// Keys never leak, outputs are not world-readable, planted links are not followed, and ids from
/// input never become paths outside the output folder — all checked through the `registre` binary.
@Suite("Sécurité : clés, permissions, liens et chemins")
struct SecurityCLI {
  // MARK: Keys

  @Test func aSigningRunLeavesNoKeyOrPasswordInItsOutputsOrTemporaryFiles() throws {
    let dossier = try TemporaryFolder.make()
    defer { try? FileManager.default.removeItem(at: dossier) }
    let cles = try Keys.make(dans: dossier.appendingPathComponent("entrees"))
    let sorties = dossier.appendingPathComponent("sorties")
    let temporaire = dossier.appendingPathComponent("tmp")
    for url in [sorties, temporaire] { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }
    let pdf = sorties.appendingPathComponent("document.pdf")
    try PDFMinimal.sampleData().write(to: pdf)
    let env = ["TMPDIR": temporaire.path]

    var resultats: [CLITool.RunResult] = []
    // PEM key and certificate.
    resultats.append(try CLITool.run(
      ["signer", pdf.path, "--sortie", sorties.appendingPathComponent("pem.pdf").path,
       "--cle", cles.clePEM.path, "--certificat", cles.certificat.path], environnement: env))
    // Encrypted PEM key, password from the environment.
    resultats.append(try CLITool.run(
      ["signer", pdf.path, "--sortie", sorties.appendingPathComponent("pem-chiffree.pdf").path,
       "--cle", cles.clePEMChiffree.path, "--certificat", cles.certificat.path],
      environnement: env.merging(["REGISTRE_MOT_DE_PASSE": Keys.motDePasse]) { $1 }))
    // PKCS#12, password from a file.
    resultats.append(try CLITool.run(
      ["signer", pdf.path, "--sortie", sorties.appendingPathComponent("p12.pdf").path,
       "--p12", cles.p12.path, "--mot-de-passe-fichier", cles.fichierMotDePasse.path], environnement: env))
    for r in resultats { #expect(r.code == 0, "\(r.erreurs)") }
    // A wrong password fails without echoing what was typed.
    let faux = "Faux-\(Keys.motDePasse)"
    let refus = try CLITool.run(
      ["signer", pdf.path, "--sortie", sorties.appendingPathComponent("refus.pdf").path, "--p12", cles.p12.path],
      environnement: env.merging(["REGISTRE_MOT_DE_PASSE": faux]) { $1 })
    #expect(refus.code == 2)
    #expect(!refus.erreurs.contains(faux) && !refus.sortie.contains(faux))

    let secrets = try cles.secrets()
    #expect(secrets.count > 20, "too few private fragments to be a meaningful search")
    var lieux: [(String, Data)] = []
    for r in resultats + [refus] {
      lieux.append(("sortie standard", Data(r.sortie.utf8)))
      lieux.append(("sortie d'erreur", Data(r.erreurs.utf8)))
    }
    for url in try Tree.files(sous: sorties) + Tree.files(sous: temporaire) {
      lieux.append((url.path, try Data(contentsOf: url)))
    }
    #expect(lieux.count >= 11)
    for (lieu, contenu) in lieux {
      for secret in secrets {
        #expect(contenu.range(of: secret.octets) == nil, "\(secret.nom) trouvé dans \(lieu)")
      }
    }
    // Nothing is left in the temporary folder either.
    #expect(try Tree.files(sous: temporaire).isEmpty)
  }

  @Test func theDemoSignsWithAKeyThatNeverReachesTheDiskAndWritesRestrictedFiles() throws {
    let dossier = try TemporaryFolder.make()
    defer { try? FileManager.default.removeItem(at: dossier) }
    let temporaire = dossier.appendingPathComponent("tmp")
    try FileManager.default.createDirectory(at: temporaire, withIntermediateDirectories: true)
    let sortie = dossier.appendingPathComponent("demo")
    let r = try CLITool.run(
      ["demo", "--sortie", sortie.path, "--date", "2026-11-29"], environnement: ["TMPDIR": temporaire.path])
    #expect(r.code == 0, "\(r.erreurs)")
    // The demonstration key is made in memory: no PEM or PKCS#8 private key anywhere.
    let marqueurs = ["PRIVATE KEY", "ENCRYPTED"].map { Data($0.utf8) }
    let fichiers = try Tree.files(sous: sortie)
    #expect(fichiers.filter { $0.pathExtension == "pdf" }.count >= 2, "the demo should sign its documents")
    for url in fichiers {
      let contenu = try Data(contentsOf: url)
      for marqueur in marqueurs { #expect(contenu.range(of: marqueur) == nil, "\(url.path)") }
      // Everything it produces beside the copied register is for the owner and group only.
      if url.deletingLastPathComponent().standardizedFileURL == sortie.standardizedFileURL
        && !url.lastPathComponent.hasPrefix(".")
      {
        #expect(try Tree.mode(url) == 0o640, "\(url.lastPathComponent)")
      }
    }
    for texte in [r.sortie, r.erreurs] { #expect(!texte.contains("PRIVATE KEY")) }
    #expect(try Tree.files(sous: temporaire).isEmpty)
  }

  @Test func theSignedFileIsNotWorldReadable() throws {
    let dossier = try TemporaryFolder.make()
    defer { try? FileManager.default.removeItem(at: dossier) }
    let cles = try Keys.make(dans: dossier)
    let pdf = dossier.appendingPathComponent("document.pdf")
    try PDFMinimal.sampleData().write(to: pdf)
    let signe = dossier.appendingPathComponent("signe.pdf")
    let r = try CLITool.run(
      ["signer", pdf.path, "--sortie", signe.path, "--cle", cles.clePEM.path, "--certificat", cles.certificat.path])
    #expect(r.code == 0, "\(r.erreurs)")
    #expect(try Tree.mode(signe) == 0o640)
  }

  // MARK: Permissions

  @Test func registerExportsAreReadableByOwnerAndGroupOnly() throws {
    let dossier = try TemporaryFolder.make()
    defer { try? FileManager.default.removeItem(at: dossier) }
    let xml = dossier.appendingPathComponent("registre.xml")
    #expect(try CLITool.run(["convertir", CLITool.registreValide.path, "--sortie", xml.path]).code == 0)
    #expect(try Tree.mode(xml) == 0o640)
    let copie = dossier.appendingPathComponent("copie")
    #expect(try CLITool.run(["convertir", xml.path, "--sortie", copie.path]).code == 0)
    let initialise = dossier.appendingPathComponent("nouveau")
    #expect(try CLITool.run(
      ["init", initialise.path, "--nom", "Collège Exemple", "--uai", "0999995V", "--avec", "ent"]).code == 0)
    let demo = dossier.appendingPathComponent("demo")
    let d = try CLITool.run(["demo", "--sortie", demo.path, "--date", "2026-11-29"])
    #expect(d.code == 0, "\(d.erreurs)")
    var vus = 0
    for racine in [copie, initialise] {
      for url in try Tree.files(sous: racine) {
        #expect(try Tree.mode(url) == 0o640, "\(url.path)")
        vus += 1
      }
    }
    for nom in ["audit.txt", "audit.json", "audit.sarif"] {
      #expect(try Tree.mode(demo.appendingPathComponent(nom)) == 0o640, "\(nom)")
      vus += 1
    }
    #expect(vus >= 8)
  }

  // MARK: Symbolic links

  @Test func aLinkPlantedAtAnOutputPathIsNeverFollowed() throws {
    let dossier = try TemporaryFolder.make()
    defer { try? FileManager.default.removeItem(at: dossier) }
    let victime = dossier.appendingPathComponent("victime.txt")
    try Data("intact".utf8).write(to: victime)
    let absent = dossier.appendingPathComponent("absent.txt")
    let gestionnaire = FileManager.default
    func symlink(_ nom: String, vers cible: URL) throws -> URL {
      let url = dossier.appendingPathComponent(nom)
      try gestionnaire.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try gestionnaire.createSymbolicLink(atPath: url.path, withDestinationPath: cible.path)
      return url
    }
    func unchanged() throws {
      #expect(try String(contentsOf: victime, encoding: .utf8) == "intact")
      #expect(!gestionnaire.fileExists(atPath: absent.path))
    }

    // convertir → XML: a link to an existing file, then a dangling one.
    for (nom, cible) in [("vers-victime.xml", victime), ("vers-absent.xml", absent)] {
      let r = try CLITool.run(["convertir", CLITool.registreValide.path, "--sortie", try symlink(nom, vers: cible).path])
      #expect(r.code == 2, "\(nom)")
      try unchanged()
    }
    // convertir → folder: a dangling link where a record goes; nothing at all is written.
    let dossierSortie = dossier.appendingPathComponent("sortie")
    _ = try symlink("sortie/traitements/vie-scolaire.yaml", vers: absent)
    let conv = try CLITool.run(["convertir", CLITool.registreValide.path, "--sortie", dossierSortie.path])
    #expect(conv.code == 2)
    #expect(!gestionnaire.fileExists(atPath: dossierSortie.appendingPathComponent("etablissement.yaml").path))
    try unchanged()
    // init: same trap in a new register folder.
    let nouveau = dossier.appendingPathComponent("nouveau")
    _ = try symlink("nouveau/traitements/ent.yaml", vers: absent)
    let i = try CLITool.run(["init", nouveau.path, "--nom", "Collège X", "--uai", "0999995V", "--avec", "ent"])
    #expect(i.code == 2)
    try unchanged()
    // signer: both kinds of link.
    let cles = try Keys.make(dans: dossier.appendingPathComponent("cles"))
    let pdf = dossier.appendingPathComponent("document.pdf")
    try PDFMinimal.sampleData().write(to: pdf)
    for (nom, cible) in [("vers-victime.pdf", victime), ("vers-absent.pdf", absent)] {
      let r = try CLITool.run(
        ["signer", pdf.path, "--sortie", try symlink(nom, vers: cible).path, "--cle", cles.clePEM.path,
         "--certificat", cles.certificat.path])
      #expect(r.code == 2, "\(nom)")
      try unchanged()
    }
    // demo: a link to a folder it did not write is refused and the folder kept.
    let garde = dossier.appendingPathComponent("garde")
    try gestionnaire.createDirectory(at: garde, withIntermediateDirectories: true)
    try Data("à garder".utf8).write(to: garde.appendingPathComponent("notes.txt"))
    let d = try CLITool.run(["demo", "--sortie", try symlink("demo", vers: garde).path])
    #expect(d.code == 2)
    #expect(try gestionnaire.contentsOfDirectory(atPath: garde.path) == ["notes.txt"])
    try unchanged()
  }

  // MARK: Paths from input

  @Test(arguments: ["../../evasion", "/tmp/registre-evasion", "..", ".", "", "a/b", "a\\b", "Majuscule", "nul\u{0}x"])
  func anIdFromAnXMLRegisterNeverBecomesAPath(_ id: String) throws {
    let dossier = try TemporaryFolder.make()
    defer { try? FileManager.default.removeItem(at: dossier) }
    let valide = dossier.appendingPathComponent("valide.xml")
    #expect(try CLITool.run(["convertir", CLITool.registreValide.path, "--sortie", valide.path]).code == 0)
    let texte = try String(contentsOf: valide, encoding: .utf8)
    #expect(texte.contains("<id>vie-scolaire</id>"))
    let echappe = id.replacingOccurrences(of: "\u{0}", with: "&#0;")
    let hostile = dossier.appendingPathComponent("hostile.xml")
    try Data(texte.replacingOccurrences(of: "<id>vie-scolaire</id>", with: "<id>\(echappe)</id>").utf8).write(to: hostile)
    let sortie = dossier.appendingPathComponent("a/b/sortie")
    let r = try CLITool.run(["convertir", hostile.path, "--sortie", sortie.path])
    #expect(r.code != 0)
    #expect(!FileManager.default.fileExists(atPath: sortie.path))
    #expect(!FileManager.default.fileExists(atPath: "/tmp/registre-evasion.yaml"))
    #expect(try Tree.files(sous: dossier).map(\.lastPathComponent).sorted() == ["hostile.xml", "valide.xml"])
  }

  @Test(arguments: ["../evasion", "/tmp/registre-evasion", "..", "con/../x"])
  func anIdFromAYAMLRegisterNeverBecomesAPath(_ id: String) throws {
    let dossier = try TemporaryFolder.make()
    defer { try? FileManager.default.removeItem(at: dossier) }
    let registre = dossier.appendingPathComponent("registre")
    try FileManager.default.copyItem(at: CLITool.registreValide, to: registre)
    let fiche = registre.appendingPathComponent("traitements/vie-scolaire.yaml")
    let texte = try String(contentsOf: fiche, encoding: .utf8)
    #expect(texte.contains("id: vie-scolaire"))
    try Data(texte.replacingOccurrences(of: "id: vie-scolaire", with: "id: \"\(id)\"").utf8).write(to: fiche)
    let sortie = dossier.appendingPathComponent("x/y/copie")
    let r = try CLITool.run(["convertir", registre.path, "--sortie", sortie.path])
    #expect(r.code != 0)
    #expect(!FileManager.default.fileExists(atPath: dossier.appendingPathComponent("x").path))
    #expect(!FileManager.default.fileExists(atPath: "/tmp/registre-evasion.yaml"))
  }

  @Test(arguments: ["../../evasion", "/tmp/registre-evasion", "..", "ent/../../x"])
  func aCatalogueNameNeverBecomesAPath(_ nom: String) throws {
    let dossier = try TemporaryFolder.make()
    defer { try? FileManager.default.removeItem(at: dossier) }
    let cible = dossier.appendingPathComponent("a/b/registre")
    let r = try CLITool.run(["init", cible.path, "--nom", "Collège X", "--uai", "0999995V", "--avec", nom])
    #expect(r.code == 2)
    #expect(r.erreurs.contains("absente du catalogue") || r.erreurs.contains("inconnu"), "\(r.erreurs)")
    #expect(try Tree.files(sous: dossier).isEmpty)
    #expect(!FileManager.default.fileExists(atPath: "/tmp/registre-evasion.yaml"))
    let afficher = try CLITool.run(["catalogue", "afficher", nom])
    #expect(afficher.code == 2)
  }
}

// MARK: - Support

/// A throw-away signer made with the `openssl` command: PEM key, encrypted PEM key, PKCS#12.
struct Keys {
  static let motDePasse = "Registre-Secret-7f3c91"
  let dossier: URL
  var clePEM: URL { dossier.appendingPathComponent("cle.pem") }
  var clePEMChiffree: URL { dossier.appendingPathComponent("cle-chiffree.pem") }
  var certificat: URL { dossier.appendingPathComponent("certificat.pem") }
  var p12: URL { dossier.appendingPathComponent("signataire.p12") }
  var fichierMotDePasse: URL { dossier.appendingPathComponent("mot-de-passe.txt") }
  var cleDER: URL { dossier.appendingPathComponent("cle.der") }
  var certificatDER: URL { dossier.appendingPathComponent("certificat.der") }

  static func make(dans dossier: URL) throws -> Keys {
    try FileManager.default.createDirectory(at: dossier, withIntermediateDirectories: true)
    let c = Keys(dossier: dossier)
    try openssl(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", c.clePEM.path, "-out", c.certificat.path,
      "-days", "30", "-subj", "/CN=Signataire de test", "-addext", "keyUsage=critical,digitalSignature,nonRepudiation"], dossier)
    try openssl(["pkcs8", "-topk8", "-nocrypt", "-in", c.clePEM.path, "-outform", "DER", "-out", c.cleDER.path], dossier)
    try openssl(["x509", "-in", c.certificat.path, "-outform", "DER", "-out", c.certificatDER.path], dossier)
    try openssl(["pkey", "-in", c.clePEM.path, "-aes256", "-passout", "pass:\(motDePasse)", "-out", c.clePEMChiffree.path], dossier)
    try openssl(["pkcs12", "-export", "-inkey", c.clePEM.path, "-in", c.certificat.path, "-out", c.p12.path,
      "-passout", "pass:\(motDePasse)"], dossier)
    try Data("\(motDePasse)\n".utf8).write(to: c.fichierMotDePasse)
    return c
  }

  struct Secret {
    let nom: String
    let octets: Data
  }

  /// What must never appear: the password (text and hex), every line of the PEM bodies, and every
  /// 16-byte window of the private part of the key's DER (private exponent, primes…) that is not also
  /// in the certificate, raw and as hex as in a PDF's /Contents.
  func secrets() throws -> [Secret] {
    var secrets = [Secret(nom: "mot de passe", octets: Data(Self.motDePasse.utf8))]
    secrets.append(Secret(nom: "mot de passe (hex)", octets: Data(Self.hex(Data(Self.motDePasse.utf8)).utf8)))
    for url in [clePEM, clePEMChiffree] {
      let lignes = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
      for ligne in lignes where !ligne.hasPrefix("-----") && ligne.count >= 40 {
        secrets.append(Secret(nom: "ligne PEM de \(url.lastPathComponent)", octets: Data(ligne.utf8)))
      }
    }
    let der = try Data(contentsOf: cleDER)
    let cert = try Data(contentsOf: certificatDER)
    // The first quarter holds the ASN.1 headers and the modulus, which the CMS structure and the
    // certificate legitimately repeat; the private exponent and primes come after it.
    var debut = der.count / 4
    while debut + 16 <= der.count {
      let fenetre = der.subdata(in: debut..<(debut + 16))
      if cert.range(of: fenetre) == nil {
        secrets.append(Secret(nom: "clé DER [\(debut)]", octets: fenetre))
        secrets.append(Secret(nom: "clé DER hex [\(debut)]", octets: Data(Self.hex(fenetre).utf8)))
        secrets.append(Secret(nom: "clé DER HEX [\(debut)]", octets: Data(Self.hex(fenetre).uppercased().utf8)))
      }
      debut += 8
    }
    return secrets
  }

  static func hex(_ data: Data) -> String { data.map { String(format: "%02x", $0) }.joined() }

  private static func openssl(_ arguments: [String], _ dossier: URL) throws {
    let p = try ProcessRunner.run(["openssl"] + arguments, in: dossier)
    guard p.status == 0 else { throw ToolFailure(message: "openssl \(arguments.first ?? "") a échoué") }
  }
}

struct ToolFailure: Error {
  let message: String
}

enum Tree {
  /// Every regular file (and link) below `racine`, hidden ones included.
  static func files(sous racine: URL) throws -> [URL] {
    guard let enumerateur = FileManager.default.enumerator(at: racine, includingPropertiesForKeys: [.isDirectoryKey])
    else { return [] }
    var resultat: [URL] = []
    for case let url as URL in enumerateur where (try url.resourceValues(forKeys: [.isDirectoryKey])).isDirectory != true {
      resultat.append(url)
    }
    return resultat
  }

  static func mode(_ url: URL) throws -> Int {
    let attributs = try FileManager.default.attributesOfItem(atPath: url.path)
    return ((attributs[.posixPermissions] as? NSNumber)?.intValue ?? -1) & 0o777
  }
}

/// A one-page PDF with a classic cross-reference table, built with exact offsets.
enum PDFMinimal {
  static func sampleData() -> Data {
    let objets = [
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
    ]
    var texte = "%PDF-1.7\n"
    var positions: [Int] = []
    for (index, objet) in objets.enumerated() {
      positions.append(texte.utf8.count)
      texte += "\(index + 1) 0 obj\n\(objet)\nendobj\n"
    }
    let xref = texte.utf8.count
    texte += "xref\n0 \(objets.count + 1)\n0000000000 65535 f \n"
    for position in positions { texte += String(format: "%010d 00000 n \n", position) }
    texte += "trailer\n<< /Size \(objets.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
    return Data(texte.utf8)
  }
}

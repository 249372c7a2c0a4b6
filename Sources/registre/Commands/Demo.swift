import ArgumentParser
import Foundation
import RegistreCatalogue
import RegistreFormats
import RegistreModel
import RegistreRules
import RegistreSignature
import RegistreSupport

/// `registre demo`: the main job on the bundled demo register.
struct Demo: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "demo",
    abstract: "Copie le registre de démonstration (un lycée fictif) et lui applique le travail principal.",
    discussion: """
      Le registre est copié dans DOSSIER/registre/ ; à côté sont écrits le rapport d'audit (texte, JSON, SARIF), \
      le registre, les notices et le rapport d'audit en PDF/A, signés PAdES avec un certificat de démonstration \
      jetable (créé en mémoire, sa clé n'est jamais écrite), et le certificat de l'autorité de démonstration \
      (autorite-demonstration.pem) pour vérifier les signatures avec « registre verifier --ac ». \
      Un dossier produit par une démonstration précédente est remplacé ; tout autre dossier existant est refusé.
      """)

  /// Marks a folder written by `registre demo`, which a later run may replace.
  static let marqueur = ".registre-demo"

  @Option(name: .customLong("sortie"), help: "Dossier de sortie (par défaut : ./demo).")
  var sortie: String = "demo"

  @Option(name: .customLong("date"), help: "Date de l'audit, AAAA-MM-JJ (par défaut : aujourd'hui).")
  var date: String?

  func run() throws {
    let destination = URL(fileURLWithPath: sortie).standardizedFileURL
    try Self.checkDestination(destination)
    guard let jour = date.map({ Day(iso: $0) }) ?? AuditCommand.today() else {
      Console.printError("Erreur : date « \(date ?? "") » invalide (attendu : AAAA-MM-JJ).")
      throw ExitStatus.usage
    }

    // Everything is built in a sibling temporary folder, then moved into
    // place: an interrupted run leaves the previous output untouched.
    let parent = destination.deletingLastPathComponent()
    let travail = parent.appendingPathComponent(".\(destination.lastPathComponent).en-cours-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: travail, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: travail) }

    let registre = travail.appendingPathComponent("registre")
    do {
      try FileManager.default.copyItem(at: Catalogue.demoFolder(), to: registre)
      try Data().write(to: travail.appendingPathComponent(Self.marqueur))
    } catch {
      Console.printError("Erreur : copie du registre de démonstration impossible (\(error)).")
      throw ExitStatus.usage
    }

    Console.printOutput("1. Validation du registre")
    let charge = try CLILoader.load(registre.path)
    let r = charge.registre
    Console.printOutput(
      "   \(r.etablissement.nom) (\(r.etablissement.uai)) : \(r.traitements.count) traitements, "
        + "\(r.sousTraitants.count) sous-traitants, \(r.violations.count) violations — registre valide.")

    Console.printOutput("2. Audit")
    let rapport = RegistreRules.Audit.run(r, context: AuditContext(auditDate: jour))
    let localiser: FindingLocator = { AuditCommand.locationOf($0, dans: charge) }
    let texte = AuditTextReport.render(rapport, registre: r, colour: false, locate: localiser)
    try Self.write(Data(texte.utf8), travail, "audit.txt")
    try Self.write(
      AuditJSONReport.render(rapport, registre: r, source: "registre", locate: localiser), travail, "audit.json")
    try Self.write(
      AuditSARIFReport.render(rapport, toolVersion: RegistreCommand.configuration.version, locate: localiser),
      travail, "audit.sarif")
    Console.printOutput(
      "   \(rapport.count(.erreur)) erreur(s), \(rapport.count(.avertissement)) avertissement(s), "
        + "\(rapport.count(.note)) note(s) — voir audit.txt, audit.json, audit.sarif.")

    Console.printOutput("3. Documents PDF/A, signés PAdES (certificat de DÉMONSTRATION)")
    let demonstration: DemoCredentials
    do {
      demonstration = try SigningCredentials.demonstration(organization: r.etablissement.nom)
    } catch {
      Console.printError("Erreur : certificat de démonstration impossible (\(error)).")
      throw ExitStatus.usage
    }
    try Self.write(Data(demonstration.authorityPEM.utf8), travail, "autorite-demonstration.pem")
    let signature = DocumentsCLI.Signature(
      identifiants: demonstration.credentials,
      options: SignatureOptions(
        name: "Signataire de démonstration", reason: "Démonstration de Registre (signature sans valeur)",
        location: r.etablissement.nom))
    try AuditReportPDF.writeAll(charge, rapport: rapport, dans: travail, signature: signature)

    Console.printOutput("4. Vérification des signatures")
    for nom in Self.documents {
      let url = travail.appendingPathComponent(nom)
      let verification = try? PDFVerifier.verify(
        Data(contentsOf: url), trustAnchors: [Data(demonstration.authorityPEM.utf8)], file: nom)
      let valide = verification.map { !$0.signatures.isEmpty && $0.signatures.allSatisfy { $0.valid && $0.trusted } } ?? false
      Console.printOutput("   \(nom) : \(valide ? "signature valide et de confiance, document intact" : "SIGNATURE INVALIDE")")
      if !valide {
        Console.printError("Erreur : la signature de \(nom) ne se vérifie pas.")
        throw ExitStatus.problemes
      }
    }

    try Self.install(travail, a: destination)
    Console.printOutput("Terminé : \(sortie)/")
  }

  /// The signed documents the demo produces.
  static let documents = ["registre.pdf", "notice-familles.pdf", "notice-eleves.pdf", "rapport-audit.pdf"]

  /// Refuses a destination that exists and was not written by `registre demo`.
  static func checkDestination(_ destination: URL) throws {
    var estDossier: ObjCBool = false
    guard FileManager.default.fileExists(atPath: destination.path, isDirectory: &estDossier) else { return }
    let contenu = (try? FileManager.default.contentsOfDirectory(atPath: destination.path)) ?? []
    let remplacable = estDossier.boolValue && (contenu.isEmpty || contenu.contains(marqueur))
    guard remplacable else {
      Console.printError(
        "Erreur : \(destination.path) existe et n'a pas été écrit par « registre demo » : il n'est pas remplacé.")
      throw ExitStatus.usage
    }
  }

  static func write(_ donnees: Data, _ dossier: URL, _ nom: String) throws {
    do {
      try AtomicFile.write(donnees, to: dossier.appendingPathComponent(nom), permissions: 0o640, existing: .refuse)
    } catch {
      Console.printError("Erreur : écriture de \(nom) impossible (\(error)).")
      throw ExitStatus.usage
    }
  }

  /// Moves the finished folder into place, replacing a previous demo output.
  static func install(_ travail: URL, a destination: URL) throws {
    let gestionnaire = FileManager.default
    let ancien = destination.deletingLastPathComponent()
      .appendingPathComponent(".\(destination.lastPathComponent).ancien-\(UUID().uuidString)")
    let existait = gestionnaire.fileExists(atPath: destination.path)
    do {
      if existait { try gestionnaire.moveItem(at: destination, to: ancien) }
      try gestionnaire.moveItem(at: travail, to: destination)
      if existait { try? gestionnaire.removeItem(at: ancien) }
    } catch {
      if existait && !gestionnaire.fileExists(atPath: destination.path) {
        try? gestionnaire.moveItem(at: ancien, to: destination)
      }
      Console.printError("Erreur : installation de \(destination.path) impossible (\(error)).")
      throw ExitStatus.usage
    }
  }
}

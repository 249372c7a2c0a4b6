import ArgumentParser
import Foundation
import RegistreWorkflows

extension RegistreCommand {
  /// `registre exporter CHEMIN --annee 2026 --archive DOSSIER [--motif TEXTE] [signature | --demonstration]`
  struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "exporter",
      abstract: Typography.french("Scelle le registre de l'année dans l'archive : PDF signés, XML, tableurs, modifications, bilan."),
      discussion: Typography.french("""
        Écrit DOSSIER/AAAA/ : registre-AAAA.pdf (PDF/A-3 signé, XML incorporé), registre-AAAA.xml, .csv, .ods, \
        les notices et le rapport d'audit signés, changements-AAAA.txt/.json (par rapport à l'année précédente \
        de l'archive), bilan-AAAA.txt/.json/.pdf, MANIFEST.sha256 et sa signature MANIFEST.sha256.p7s.
        Une année scellée n'est jamais remplacée : une correction devient une révision AAAA-r2/, qui exige --motif.
        L'export est construit dans un dossier caché de l'archive puis renommé d'un coup : un export interrompu \
        ne laisse aucune année partielle.
        Un registre dont toutes les fiches sont des brouillons (statut: brouillon) n'est pas scellé sans \
        --accepter-brouillons ; des fiches en brouillon parmi d'autres sont scellées avec un avertissement qui les nomme.
        La signature exige un certificat (--p12, ou --cle et --certificat). --demonstration signe avec un \
        certificat de démonstration créé en mémoire, sans valeur probante (son autorité est jointe : \
        ac-demonstration.pem).
        Code de sortie : 0 année scellée, 2 entrée invalide ou échec (rien n'est ajouté à l'archive).
        """))

    @Argument(help: ArgumentHelp(Typography.french("Dossier du registre (ou XML canonique)."), valueName: "chemin"))
    var chemin: String

    @Option(name: [.customLong("annee"), .customLong("année")], help: ArgumentHelp(Typography.french("Année exportée (ex. 2026).")))
    var annee: Int

    @Option(name: .customLong("archive"), help: ArgumentHelp(Typography.french("Dossier de l'archive annuelle."), valueName: "dossier"))
    var archive: String

    @Option(name: .customLong("motif"), help: ArgumentHelp(Typography.french("Raison d'une révision (obligatoire quand l'année est déjà scellée).")))
    var motif: String?

    @Flag(name: [.customLong("demonstration"), .customLong("démonstration")], help: ArgumentHelp(Typography.french("Signer avec un certificat de démonstration (sans valeur probante).")))
    var demonstration = false

    @Option(name: [.customLong("modeles"), .customLong("modèles")], help: ArgumentHelp(Typography.french("Dossier de modèles XSLT personnalisés."), valueName: "dossier"))
    var modeles: String?

    @Flag(
      name: .customLong("accepter-brouillons"),
      help: ArgumentHelp(Typography.french("Sceller l'année même si toutes les fiches sont des brouillons (sinon : refusé).")))
    var accepterBrouillons = false

    @OptionGroup var signature: CLISigningOptions

    func validate() throws {
      guard (1900...2999).contains(annee) else { throw ValidationError("--annee attend une année à quatre chiffres.") }
      if demonstration && signature.demandee {
        throw ValidationError("--demonstration et --p12/--cle s'excluent.")
      }
      if !demonstration && !signature.demandee {
        throw ValidationError(
          "L'archive est signée : indiquez --p12, ou --cle et --certificat (ou --demonstration pour un essai).")
      }
      if let motif, motif.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
        throw ValidationError("--motif ne peut pas être vide.")
      }
    }

    func run() async throws {
      let options = YearExportOptions(
        year: annee, archive: URL(fileURLWithPath: archive), revisionReason: motif,
        templatesFolder: modeles.map { URL(fileURLWithPath: $0) }, acceptDrafts: accepterBrouillons,
        progress: TerminalProgress.report)
      let charge = try WorkflowExit.run { () throws(WorkflowError) in
        let charge = try RegisterInput.load(chemin)
        try YearExportWorkflow.checkTarget(options)
        // Before credentials: a refused draft register asks for no password.
        _ = try YearExportWorkflow.checkDrafts(charge.registre, options: options)
        return charge
      }
      let registre = charge.registre
      // Credentials first: a wrong password must stop the export before any work.
      let identite: SigningIdentity?
      do {
        identite = try signature.identity(demonstration: demonstration, organisation: registre.etablissement.nom)
      } catch {
        Console.printError("erreur : \(error.description) ; rien n'a été écrit.")
        throw ExitStatus.usage
      }
      guard let identite else { throw ExitStatus.usage }  // Refused by validate().
      let annee = try await WorkflowExit.run(modeles: modeles) { () async throws(WorkflowError) in
        try await YearExportWorkflow.run(charge, options: options, signing: identite)
      }
      annee.warnings.forEach(Console.printError)
      Console.printOutput("Année scellée : \(annee.folder.path)")
      if let precedent = annee.previousName {
        Console.printOutput("Modifications depuis \(precedent) : changements-\(options.year).txt")
      }
      if let autorite = annee.demonstrationAuthority {
        Console.printOutput(
          "Signé avec un certificat de DÉMONSTRATION (sans valeur probante). Vérification : "
            + "registre verifier \(annee.folder.path) --ac \(autorite.path)")
      }
    }
  }
}

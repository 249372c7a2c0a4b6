import ArgumentParser
import Foundation
import RegistrePIA
import RegistreWorkflows

/// `registre aipd`: the link with the CNIL's PIA software.
struct DPIACommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "aipd",
    abstract: Typography.french("AIPD avec le logiciel PIA de la CNIL : préparer un PIA depuis le registre, importer un PIA terminé."),
    discussion: Typography.french("""
      « registre aipd preparer » écrit un fichier JSON que le logiciel PIA de la CNIL (version 4) importe, \
      prérempli de ce que le registre sait du traitement ; ce qu'il ne sait pas est marqué « À compléter ». \
      « registre aipd importer » relit le PIA terminé et met à jour le bloc aipd de la fiche. Voir docs/aipd.md.
      """),
    subcommands: [Prepare.self, Import.self])

  struct Prepare: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "preparer",
      abstract: Typography.french("Écrit le PIA prérempli d'un traitement, à importer dans le logiciel PIA de la CNIL."),
      discussion: Typography.french("""
        Écrit FICHIER (JSON, UTF-8) ; un fichier existant n'est jamais remplacé sans --remplacer. Les trois \
        sections de risques restent à l'établissement : les expositions que le registre connaît (données \
        sensibles, flux, transferts, sous-traitants sans contrat) y sont données en commentaires.
        """))

    @Argument(help: ArgumentHelp(Typography.french("Dossier du registre ou fichier XML canonique.")))
    var chemin: String

    @Option(name: .customLong("traitement"), help: ArgumentHelp(Typography.french("Identifiant du traitement (id de la fiche).")))
    var traitement: String

    @Option(name: .customLong("sortie"), help: ArgumentHelp(Typography.french("Fichier JSON à écrire, par exemple pia-vie-scolaire.json.")))
    var sortie: String

    @Flag(name: .customLong("remplacer"), help: ArgumentHelp(Typography.french("Remplacer le fichier de sortie s'il existe.")))
    var remplacer = false

    func run() throws {
      let output = URL(fileURLWithPath: sortie)
      try WorkflowExit.run { () throws(WorkflowError) in
        try DPIAWorkflow.prepare(registerAt: chemin, treatment: traitement, output: output, replace: remplacer)
      }
      Console.printOutput("Écrit : \(output.path)")
      Console.printOutput(
        "À importer dans le logiciel PIA de la CNIL (« Importer un PIA ») ; une fois le PIA validé : registre aipd importer \(sortie) --registre \(chemin)")
    }
  }

  struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "importer",
      abstract: Typography.french("Relit un PIA exporté du logiciel de la CNIL et met à jour l'AIPD de la fiche."),
      discussion: Typography.french("""
        Lit le fichier JSON exporté par le logiciel PIA (« Exporter » au format JSON ; aussi les fichiers des \
        versions antérieures à 2025, dont les accents sont doublement encodés), range une copie dans aipd/ID.json \
        du registre et réécrit le seul bloc aipd de la fiche (statut, date, conclusion, avis du DPD, risques \
        résiduels, fichier) : le reste de la fiche, commentaires compris, ne change pas. Un PIA validé rend \
        l'AIPD « réalisée » ; un PIA en cours, « en cours » ; un PIA refusé la laisse « requise ».
        """))

    @Argument(help: ArgumentHelp(Typography.french("Fichier JSON exporté par le logiciel PIA.")))
    var fichier: String

    @Option(name: .customLong("registre"), help: ArgumentHelp(Typography.french("Dossier du registre.")))
    var registre: String

    @Option(
      name: .customLong("traitement"),
      help: ArgumentHelp(Typography.french("Identifiant du traitement, si le PIA n'a pas été préparé par « registre aipd preparer ».")))
    var traitement: String?

    @Flag(name: .customLong("remplacer"), help: ArgumentHelp(Typography.french("Remplacer une copie différente déjà rangée dans aipd/.")))
    var remplacer = false

    func run() throws {
      let outcome = try WorkflowExit.run { () throws(WorkflowError) in
        try TeamJournal.journaled(registre) { () throws(WorkflowError) in
          try DPIAWorkflow.importPIA(
            URL(fileURLWithPath: fichier), registerAt: registre, treatment: traitement, replace: remplacer)
        }
      }
      Console.printOutput(DPIAWorkflow.text(outcome))
    }
  }
}

import ArgumentParser
import Foundation
import RegistreModel
import RegistreWorkflows

/// `registre actions`: the action plan.
struct ActionsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "actions",
    abstract: Typography.french("Le plan d'action : liste les actions (en retard d'abord), ou les crée depuis l'audit."),
    discussion: Typography.french("""
      Chaque action est un fichier actions/ID.yaml du registre (titre, constats auxquels elle répond, \
      responsable, échéance, statut). « registre actions DOSSIER » les liste, les actions en retard d'abord \
      (code 1 s'il y en a) ; « registre actions creer DOSSIER » crée une action par constat ouvert de l'audit \
      qu'aucune action ne suit encore : une seconde exécution ne crée rien.
      """),
    subcommands: [List.self, Create.self], defaultSubcommand: List.self)

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "lister", abstract: Typography.french("Liste les actions du plan, les actions en retard d'abord."))

    @OptionGroup var registre: DatedRegister

    func run() throws {
      let (registre, day) = try self.registre.load()
      let lines = FollowUpWorkflow.actions(of: registre, on: day)
      Console.printOutput(FollowUpWorkflow.actionsText(lines, school: registre.etablissement.nom))
      if lines.contains(where: \.late) { throw ExitStatus.problemes }
    }
  }

  struct Create: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "creer",
      abstract: Typography.french("Crée une action par constat ouvert de l'audit (ou par fiche), sans doublon."),
      discussion: Typography.french("""
        Les actions créées sont « à faire », sans responsable ni échéance : le registre ne les connaît pas, \
        c'est à l'établissement de les fixer. Un constat déjà suivi par une action, quel que soit son statut, \
        n'en reçoit pas de nouvelle.
        """))

    @Argument(help: ArgumentHelp(Typography.french("Dossier du registre.")))
    var chemin: String

    @Flag(name: .customLong("par-fiche"), help: ArgumentHelp(Typography.french("Une action par fiche, pour tous ses constats.")))
    var parFiche = false

    @Option(name: .customLong("date"), help: ArgumentHelp(Typography.french("Date de l'audit (AAAA-MM-JJ), par défaut aujourd'hui.")))
    var date: String?

    func run() throws {
      let created = try WorkflowExit.run { () throws(WorkflowError) in
        try TeamJournal.journaled(chemin) { () throws(WorkflowError) in
          try FollowUpWorkflow.createActions(registerAt: chemin, date: try RegisterInput.day(date), byFiche: parFiche)
        }
      }
      created.written.forEach { Console.printOutput("Créé : \($0)") }
      Console.printOutput(
        "\(created.written.count) action(s) créée(s) ; \(created.alreadyFollowed) constat(s) déjà suivi(s) par une action.")
    }
  }
}

/// `registre demandes`: the register of rights requests.
struct RequestsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "demandes",
    abstract: Typography.french("Le registre des demandes d'exercice des droits : délais, réponses, demandes hors délai."),
    discussion: Typography.french("""
      Chaque demande est un fichier demandes/ID.yaml du registre. Le délai est d'un mois après la réception, \
      trois mois si une prolongation motivée a été notifiée dans le premier mois (art. 12.3 RGPD). Code 1 \
      quand une demande est sans réponse après son délai.
      """))

  @OptionGroup var registre: DatedRegister

  func run() throws {
    let (registre, day) = try self.registre.load()
    let lines = FollowUpWorkflow.requests(of: registre, on: day)
    Console.printOutput(FollowUpWorkflow.requestsText(lines, school: registre.etablissement.nom))
    if lines.contains(where: \.overdue) { throw ExitStatus.problemes }
  }
}

/// The register a follow-up list reads, and the day it is made on.
struct DatedRegister: ParsableArguments {
  @Argument(help: ArgumentHelp(Typography.french("Dossier du registre ou fichier XML canonique.")))
  var chemin: String

  @Option(name: .customLong("date"), help: ArgumentHelp(Typography.french("Date du jour (AAAA-MM-JJ), par défaut aujourd'hui.")))
  var date: String?

  func load() throws -> (Register, Day) {
    try WorkflowExit.run { () throws(WorkflowError) in
      (try RegisterInput.load(chemin).registre, try RegisterInput.day(date))
    }
  }
}

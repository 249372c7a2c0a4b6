import ArgumentParser
import Foundation
import RegistreTeam
import RegistreWorkflows

/// Where a team command reads its password: the terminal (masked), or the first line of standard input.
struct TeamPasswordOptions: ParsableArguments {
  @Flag(
    name: .customLong("mot-de-passe-stdin"),
    help: ArgumentHelp(Typography.french("Lire le mot de passe sur la première ligne de l'entrée standard (scripts), au lieu de le demander.")))
  var fromStandardInput = false

  /// The password; `confirm` asks twice at a terminal (a new password).
  func read(invite: String, confirm: Bool) throws -> String {
    if fromStandardInput {
      guard let line = readLine(strippingNewline: true), !line.isEmpty else {
        Console.printError("Erreur : aucun mot de passe sur l'entrée standard.")
        throw ExitStatus.usage
      }
      return line
    }
    guard let first = MaskedInput.readText(invite: invite) else {
      Console.printError("Erreur : pas de terminal pour saisir le mot de passe ; utilisez --mot-de-passe-stdin.")
      throw ExitStatus.usage
    }
    if confirm {
      guard MaskedInput.readText(invite: "Confirmez le mot de passe : ") == first else {
        Console.printError("Erreur : les deux saisies diffèrent ; rien n'a été écrit.")
        throw ExitStatus.usage
      }
    }
    return first
  }
}

/// The account a CLI move is made with: identifier and password, checked against `comptes.yaml`.
struct TeamAccountOptions: ParsableArguments {
  @Option(name: .customLong("compte"), help: ArgumentHelp(Typography.french("Identifiant du compte qui fait le changement (son mot de passe est demandé).")))
  var compte: String

  @OptionGroup var password: TeamPasswordOptions

  /// The journal's actor for this account, once its password is checked.
  func actor(folder: URL) throws -> JournalActor {
    try Self.actor(account: compte, password: password, folder: folder)
  }

  static func actor(account compte: String, password: TeamPasswordOptions, folder: URL) throws -> JournalActor {
    let book: AccountBook?
    do {
      book = try AccountBook.load(from: folder)
    } catch {
      Console.printError("Erreur : \(error.message)")
      throw ExitStatus.usage
    }
    guard let book else {
      Console.printError("Erreur : ce dossier n'a pas de comptes (\(AccountBook.fileName) absent) : registre comptes ajouter d'abord.")
      throw ExitStatus.usage
    }
    let secret = try password.read(invite: "Mot de passe de \(compte) : ", confirm: false)
    guard let account = book.authenticate(identifier: compte, password: secret) else {
      Console.printError("Erreur : identifiant ou mot de passe incorrect ; rien n'a été modifié.")
      throw ExitStatus.usage
    }
    return JournalActor(account: account.identifiant, role: account.role, channel: .commandLine)
  }
}

/// A refused team move: its French message, exit code 2 (nothing was changed).
func reportRefusal(_ refusal: TeamRefusal) -> ExitCode {
  Console.printError("Refusé : \(refusal.message)")
  return ExitStatus.usage
}

/// A fiche given as a path (`DOSSIER/traitements/ent.yaml`): its register folder and relative path.
func ficheLocation(_ path: String) throws -> (folder: URL, file: String) {
  let url = URL(fileURLWithPath: path).standardizedFileURL
  let folder = url.deletingLastPathComponent().deletingLastPathComponent()
  guard url.deletingLastPathComponent().lastPathComponent == "traitements",
    FileManager.default.fileExists(atPath: url.path)
  else {
    Console.printError("Erreur : « \(path) » n'est pas la fiche d'un traitement (attendu : DOSSIER/traitements/ID.yaml).")
    throw ExitStatus.usage
  }
  return (folder, "traitements/\(url.lastPathComponent)")
}

/// A recommendation move at the command line: the fiche located, the account's password checked, the move made
/// by `TeamWorkflow`; a refusal is printed and exits with code 2.
func recommendationMove(
  _ fiche: String, _ account: TeamAccountOptions, _ move: (URL, String, JournalActor) throws(TeamRefusal) -> String
) throws {
  let (folder, file) = try ficheLocation(fiche)
  let actor = try account.actor(folder: folder)
  do throws(TeamRefusal) {
    Console.printOutput("\(file) : " + (try move(folder, file, actor)))
  } catch {
    throw reportRefusal(error)
  }
}

/// `registre comptes ajouter|retirer|lister DOSSIER`.
struct AccountsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "comptes",
    abstract: Typography.french("Les comptes de l'équipe pour « registre serveur » : ajouter, retirer, lister."),
    discussion: Typography.french("""
      Les comptes sont dans comptes.yaml, dans le dossier du registre, lisible par son seul propriétaire : \
      seules des empreintes bcrypt des mots de passe y sont écrites. Rôles : contributeur (modifie les fiches et \
      les soumet à la relecture), dpd (relit, recommande, marque « contrôlé »), chef (valide, signe, scelle \
      l'année), lecteur (lit seulement). Le premier compte est créé ici, jamais par un mot de passe par défaut ; \
      il démarre le journal du dossier (journal.jsonl).
      """),
    subcommands: [Add.self, Remove.self, List.self])

  struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "ajouter", abstract: Typography.french("Ajoute un compte (le mot de passe est demandé deux fois)."))

    @Argument(help: ArgumentHelp(Typography.french("Dossier du registre (créé s'il n'existe pas).")))
    var dossier: String

    @Option(name: .customLong("identifiant"), help: ArgumentHelp(Typography.french("Identifiant de connexion (minuscules, chiffres, « . », « - », « _ »).")))
    var identifiant: String

    @Option(name: .customLong("role"), help: ArgumentHelp(Typography.french("contributeur, dpd, chef ou lecteur.")))
    var role: String

    @Option(name: .customLong("nom"), help: ArgumentHelp(Typography.french("Nom affiché (facultatif).")))
    var nom: String?

    @OptionGroup var password: TeamPasswordOptions

    func validate() throws {
      guard Role(rawValue: role) != nil else {
        throw ValidationError("Rôle « \(role) » inconnu (attendu : \(Role.allCases.map(\.rawValue).joined(separator: ", "))).")
      }
      if let problem = AccountBook.identifierProblem(identifiant) {
        throw ValidationError("Identifiant « \(identifiant) » : \(problem).")
      }
    }

    func run() throws {
      guard let role = Role(rawValue: role) else { throw ExitStatus.usage }
      let secret = try password.read(invite: "Mot de passe de \(identifiant) : ", confirm: true)
      let folder = URL(fileURLWithPath: dossier).standardizedFileURL
      do throws(TeamRefusal) {
        try TeamWorkflow.addAccount(
          folder, identifier: identifiant, name: nom, role: role, password: secret, by: JournalActor.commandLine(),
          today: ISO8601DateFormatter.string(from: Date(), timeZone: .current, formatOptions: [.withFullDate]))
      } catch {
        throw reportRefusal(error)
      }
      Console.printOutput("Compte « \(identifiant) » (\(role.libelle.lowercased())) ajouté à \(AccountBook.fileName).")
    }
  }

  struct Remove: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "retirer", abstract: Typography.french("Retire un compte."))

    @Argument(help: ArgumentHelp(Typography.french("Dossier du registre.")))
    var dossier: String

    @Option(name: .customLong("identifiant"), help: ArgumentHelp(Typography.french("Identifiant du compte à retirer.")))
    var identifiant: String

    func run() throws {
      do throws(TeamRefusal) {
        try TeamWorkflow.removeAccount(
          URL(fileURLWithPath: dossier).standardizedFileURL, identifier: identifiant, by: JournalActor.commandLine())
      } catch {
        throw reportRefusal(error)
      }
      Console.printOutput("Compte « \(identifiant) » retiré ; ses sessions ouvertes se ferment à leur prochaine requête.")
    }
  }

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "lister", abstract: Typography.french("Liste les comptes (jamais leurs empreintes)."))

    @Argument(help: ArgumentHelp(Typography.french("Dossier du registre.")))
    var dossier: String

    func run() throws {
      let book: AccountBook?
      do {
        book = try AccountBook.load(from: URL(fileURLWithPath: dossier))
      } catch {
        Console.printError("Erreur : \(error.message)")
        throw ExitStatus.usage
      }
      guard let book, !book.accounts.isEmpty else {
        Console.printOutput("Aucun compte : registre comptes ajouter \(dossier) --identifiant IDENTIFIANT --role chef")
        return
      }
      for account in book.accounts {
        Console.printOutput("\(account.identifiant)\t\(account.role.rawValue)\t\(account.nom ?? "(nom non renseigné)")\tcréé le \(account.cree)")
      }
    }
  }
}

/// `registre statut FICHE [--vers ETAT --compte ID]`: a fiche's review state, or a move.
struct ReviewStatusCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "statut",
    abstract: Typography.french("Où en est la relecture d'une fiche (ou de toutes), ou la fait avancer : brouillon → à relire → contrôlé → validé."),
    discussion: Typography.french("""
      Sans --vers, affiche l'état de relecture de la fiche, ou de chaque fiche d'un dossier. Avec --vers, fait le \
      passage au nom du compte donné par --compte (mot de passe demandé, ou --mot-de-passe-stdin) : a-relire \
      (contributeur, chef), controle (dpd), valide (chef), brouillon (renvoi d'une fiche à relire, avec --motif). \
      Le passage est écrit au journal du dossier, comme dans l'application web. Toute modification d'une fiche \
      renvoie celle-ci en brouillon.
      Exemple : registre statut mon-registre/traitements/ent.yaml --vers controle --compte dpd.academie
      """))

  @Argument(help: ArgumentHelp(Typography.french("Fiche (DOSSIER/traitements/ID.yaml), ou dossier du registre pour toutes les fiches.")))
  var chemin: String

  @Option(name: .customLong("vers"), help: ArgumentHelp(Typography.french("a-relire, controle, valide ou brouillon.")))
  var vers: String?

  @Option(name: .customLong("motif"), help: ArgumentHelp(Typography.french("Motif du passage (obligatoire pour un renvoi en brouillon).")))
  var motif: String?

  @Option(name: .customLong("compte"), help: ArgumentHelp(Typography.french("Identifiant du compte qui fait le passage.")))
  var compte: String?

  @OptionGroup var password: TeamPasswordOptions

  func validate() throws {
    if let vers, ReviewState(rawValue: vers) == nil {
      throw ValidationError("État « \(vers) » inconnu (attendu : \(ReviewState.allCases.map(\.rawValue).joined(separator: ", "))).")
    }
    if vers != nil && compte == nil { throw ValidationError("--vers demande --compte (le compte qui fait le passage).") }
  }

  func run() throws {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: chemin, isDirectory: &isFolder) else {
      Console.printError("Erreur : « \(chemin) » introuvable.")
      throw ExitStatus.usage
    }
    if isFolder.boolValue {
      guard vers == nil else {
        Console.printError("Erreur : --vers s'applique à une fiche (DOSSIER/traitements/ID.yaml), pas à un dossier.")
        throw ExitStatus.usage
      }
      let folder = URL(fileURLWithPath: chemin).standardizedFileURL
      do throws(TeamRefusal) {
        try TeamWorkflow.standings(folder).forEach { Console.printOutput(Self.line($0)) }
      } catch {
        throw reportRefusal(error)
      }
      return
    }
    let (folder, file) = try ficheLocation(chemin)
    guard let vers, let target = ReviewState(rawValue: vers), let compte else {
      do throws(TeamRefusal) {
        let standing = try TeamWorkflow.standing(folder, file: file)
        Console.printOutput(Self.line(standing))
        for r in standing.recommendations {
          Console.printOutput("  recommandation n° \(r.number) (\(r.status.libelle.lowercased())) : \(r.text)")
        }
      } catch {
        throw reportRefusal(error)
      }
      return
    }
    let actor = try TeamAccountOptions.actor(account: compte, password: password, folder: folder)
    do throws(TeamRefusal) {
      let standing = try TeamWorkflow.move(folder, file: file, to: target, by: actor, reason: motif)
      Console.printOutput("\(file) : « \(standing.state.libelle) » (écrit au journal).")
    } catch {
      throw reportRefusal(error)
    }
  }

  static func line(_ s: FicheStanding) -> String {
    var text = "\(s.file)\t\(s.state.libelle)"
    if let by = s.movedBy, let at = s.movedAt, s.dropBack == nil { text += "\tdepuis le \(at), par \(by.libelle)" }
    if let drop = s.dropBack { text += "\t\(drop.libelle)" }
    let open = s.recommendations.filter { $0.status != .close }.count
    if open > 0 { text += "\t\(open) recommandation(s) non close(s)" }
    return text
  }
}

/// `registre recommandations ajouter|repondre|clore FICHE`: the DPD's recommendations on a fiche.
struct RecommendationsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "recommandations",
    abstract: Typography.french("Les recommandations du DPD sur une fiche : ajouter (dpd), répondre (contributeur, chef), clore (dpd)."),
    discussion: Typography.french("""
      Chaque recommandation, réponse ou clôture est écrite au journal du dossier, au nom du compte donné par \
      --compte (mot de passe demandé, ou --mot-de-passe-stdin). « registre statut FICHE » les liste.
      """),
    subcommands: [Add.self, Answer.self, Close.self])

  struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ajouter", abstract: Typography.french("Ajoute une recommandation (dpd)."))
    @Argument(help: ArgumentHelp(Typography.french("Fiche (DOSSIER/traitements/ID.yaml).")))
    var fiche: String
    @Option(name: .customLong("texte"), help: ArgumentHelp(Typography.french("La recommandation.")))
    var texte: String
    @OptionGroup var account: TeamAccountOptions

    func run() throws {
      try recommendationMove(fiche, account) { (folder, file, actor) throws(TeamRefusal) in
        let made = try TeamWorkflow.recommend(folder, file: file, text: texte, by: actor)
        return "recommandation n° \(made.number) écrite au journal."
      }
    }
  }

  struct Answer: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "repondre", abstract: Typography.french("Répond à une recommandation (contributeur, chef)."))
    @Argument(help: ArgumentHelp(Typography.french("Fiche (DOSSIER/traitements/ID.yaml).")))
    var fiche: String
    @Argument(help: ArgumentHelp(Typography.french("Numéro de la recommandation.")))
    var numero: Int
    @Option(name: .customLong("texte"), help: ArgumentHelp(Typography.french("La réponse.")))
    var texte: String
    @OptionGroup var account: TeamAccountOptions

    func run() throws {
      try recommendationMove(fiche, account) { (folder, file, actor) throws(TeamRefusal) in
        try TeamWorkflow.answer(folder, file: file, number: numero, text: texte, by: actor)
        return "réponse à la recommandation n° \(numero) écrite au journal."
      }
    }
  }

  struct Close: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "clore", abstract: Typography.french("Clôt une recommandation (dpd)."))
    @Argument(help: ArgumentHelp(Typography.french("Fiche (DOSSIER/traitements/ID.yaml).")))
    var fiche: String
    @Argument(help: ArgumentHelp(Typography.french("Numéro de la recommandation.")))
    var numero: Int
    @Option(name: .customLong("texte"), help: ArgumentHelp(Typography.french("Un mot de clôture (facultatif).")))
    var texte: String?
    @OptionGroup var account: TeamAccountOptions

    func run() throws {
      try recommendationMove(fiche, account) { (folder, file, actor) throws(TeamRefusal) in
        try TeamWorkflow.close(folder, file: file, number: numero, text: texte, by: actor)
        return "recommandation n° \(numero) close (écrit au journal)."
      }
    }
  }
}

public import Foundation
public import RegistreTeam
import RegistreSupport

/// Why a team move was refused, in French; front ends choose the HTTP status or exit code from `kind`.
public struct TeamRefusal: Error, Sendable, CustomStringConvertible {
  public enum Kind: Sendable, Equatable {
    /// The role does not allow it (HTTP 403).
    case forbidden
    /// The fiche is not in a state where this move exists (HTTP 409).
    case conflict
    /// No such fiche or recommendation (HTTP 404).
    case notFound
    /// Bad input: empty text, unreadable files (HTTP 422, exit code 2).
    case invalid
  }

  public var kind: Kind
  public var message: String
  public init(_ kind: Kind, _ message: String) {
    self.kind = kind
    self.message = message
  }
  public var description: String { message }
}

/// One thing that waits for a person on the dashboard.
public struct WaitingItem: Sendable, Equatable {
  public var file: String
  /// French: « À relire », « Recommandation n° 2 à traiter »…
  public var what: String
  public var since: String?
}

/// The team's review workflow (issue 18), for the CLI and the web server alike: moves of a fiche, the DPD's
/// recommendations and their answers, accounts. Every move is checked against the actor's role here, and
/// written to the folder's journal, where the review state is read back from.
public enum TeamWorkflow {
  /// Longest recommendation, answer or reason accepted.
  public static let maximumTextLength = 4000

  /// The fiches the review applies to: the treatments' files, relative to the folder.
  public static func ficheFiles(in folder: URL) -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("traitements").path)) ?? []
    return names.filter { !$0.hasPrefix(".") && ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) }.sorted()
      .map { "traitements/\($0)" }
  }

  /// The relative path of a treatment's file from its identifier (`ent` → `traitements/ent.yaml`), if it exists.
  public static func ficheFile(of treatment: String, in folder: URL) -> String? {
    ficheFiles(in: folder).first { ($0 as NSString).lastPathComponent.split(separator: ".").first.map(String.init) == treatment }
  }

  public static func board(_ folder: URL) throws(TeamRefusal) -> ReviewBoard {
    do {
      return ReviewBoard(entries: try Journal(folder: folder).entries())
    } catch {
      throw TeamRefusal(.invalid, "journal illisible : \(error.message)")
    }
  }

  /// Where every fiche stands, checked against the files on disk.
  public static func standings(_ folder: URL) throws(TeamRefusal) -> [FicheStanding] {
    let board = try board(folder)
    let journal = Journal(folder: folder)
    return ficheFiles(in: folder).map { board.standing(of: $0, currentHash: journal.currentHash(of: $0)) }
  }

  public static func standing(_ folder: URL, file: String) throws(TeamRefusal) -> FicheStanding {
    let journal = Journal(folder: folder)
    return try board(folder).standing(of: file, currentHash: journal.currentHash(of: file))
  }

  /// Runs a write under the journal: outside changes first recorded as such, then the write's own changes
  /// under `actor`; a fiche that was beyond brouillon and is changed gets an explicit move back, with the reason.
  public static func journaledWrite<T>(_ folder: URL, by actor: JournalActor, _ body: () throws -> T) throws -> T {
    let journal = Journal(folder: folder)
    let before = (try? standings(folder)) ?? []
    let result = try journal.performJournaled(by: actor, body)
    let after = Dictionary(((try? standings(folder)) ?? []).map { ($0.file, $0) }, uniquingKeysWith: { a, _ in a })
    for old in before where old.state != .brouillon {
      guard let now = after[old.file], now.state == .brouillon else { continue }
      try journal.append(
        JournalEvent(
          kind: .status, file: old.file, after: journal.currentHash(of: old.file), from: old.state, to: .brouillon,
          text: "retour en brouillon : fiche modifiée"),
        by: actor)
    }
    return result
  }

  /// Moves a fiche to `target` (brouillon → à relire → contrôlé → validé, or à relire → brouillon).
  /// Validation also writes `statut: valide` in the fiche, so that the register's documents say it.
  @discardableResult
  public static func move(
    _ folder: URL, file: String, to target: ReviewState, by actor: JournalActor, reason: String?
  ) throws(TeamRefusal) -> FicheStanding {
    guard ficheFiles(in: folder).contains(file) else { throw TeamRefusal(.notFound, "Aucune fiche « \(file) ».") }
    let current = try standing(folder, file: file)
    guard let action = current.state.move(to: target) else {
      throw TeamRefusal(
        .conflict,
        "La fiche « \(file) » est « \(current.state.libelle) » : elle ne peut pas passer à « \(target.libelle) ».")
    }
    guard let role = actor.role, role.may(action) else {
      throw TeamRefusal(.forbidden, "Le rôle \(actor.role?.libelle.lowercased() ?? "inconnu") ne permet pas de \(action.libelle).")
    }
    let reason = try cleaned(reason, required: target == .brouillon, what: "le motif")
    let journal = Journal(folder: folder)
    do {
      if target == .valide {
        try journal.performJournaled(by: actor) { try setDeclaredStatus("valide", in: folder.appendingPathComponent(file)) }
      }
      try journal.append(
        JournalEvent(kind: .status, file: file, after: journal.currentHash(of: file), from: current.state, to: target, text: reason),
        by: actor)
    } catch let refusal as TeamRefusal {
      throw refusal
    } catch {
      throw TeamRefusal(.invalid, "Rien n'a été enregistré : \(error)")
    }
    return try standing(folder, file: file)
  }

  /// A new recommendation of the DPD on a fiche.
  @discardableResult
  public static func recommend(_ folder: URL, file: String, text: String, by actor: JournalActor) throws(TeamRefusal)
    -> Recommendation
  {
    try allowed(.writeRecommendation, actor)
    guard ficheFiles(in: folder).contains(file) else { throw TeamRefusal(.notFound, "Aucune fiche « \(file) ».") }
    let text = try cleaned(text, required: true, what: "la recommandation") ?? ""
    let number = try board(folder).nextRecommendationNumber(for: file)
    try append(JournalEvent(kind: .recommendation, file: file, number: number, text: text), folder, actor)
    guard let made = try standing(folder, file: file).recommendations.first(where: { $0.number == number }) else {
      throw TeamRefusal(.invalid, "La recommandation n'a pas été relue au journal.")
    }
    return made
  }

  /// An answer of the team to a recommendation (it stays open to the DPD, who closes it).
  public static func answer(_ folder: URL, file: String, number: Int, text: String, by actor: JournalActor) throws(TeamRefusal) {
    try allowed(.answerRecommendation, actor)
    let recommendation = try existing(folder, file: file, number: number)
    guard recommendation.status != .close else {
      throw TeamRefusal(.conflict, "La recommandation n° \(number) de « \(file) » est close.")
    }
    let text = try cleaned(text, required: true, what: "la réponse") ?? ""
    try append(JournalEvent(kind: .answer, file: file, number: number, text: text), folder, actor)
  }

  /// The DPD closes a recommendation (done, or no longer relevant), with an optional word.
  public static func close(_ folder: URL, file: String, number: Int, text: String?, by actor: JournalActor) throws(TeamRefusal) {
    try allowed(.closeRecommendation, actor)
    let recommendation = try existing(folder, file: file, number: number)
    guard recommendation.status != .close else {
      throw TeamRefusal(.conflict, "La recommandation n° \(number) de « \(file) » est déjà close.")
    }
    let text = try cleaned(text, required: false, what: "le mot de clôture")
    try append(JournalEvent(kind: .close, file: file, number: number, text: text), folder, actor)
  }

  /// What waits for a person of `role`, fiche by fiche.
  public static func waiting(for role: Role, in standings: [FicheStanding]) -> [WaitingItem] {
    var items: [WaitingItem] = []
    for s in standings {
      switch role {
      case .dpd:
        if s.state == .aRelire { items.append(WaitingItem(file: s.file, what: "Fiche à relire", since: s.movedAt)) }
        for r in s.recommendations where r.status == .repondue {
          items.append(WaitingItem(file: s.file, what: "Réponse à la recommandation n° \(r.number) : à clore ou à relancer", since: r.answers.last?.time))
        }
      case .chef:
        if s.state == .controle { items.append(WaitingItem(file: s.file, what: "Fiche contrôlée, à valider", since: s.movedAt)) }
        for r in s.recommendations where r.status == .ouverte {
          items.append(WaitingItem(file: s.file, what: "Recommandation n° \(r.number) à traiter", since: r.time))
        }
      case .contributeur:
        if s.state == .brouillon, let drop = s.dropBack {
          items.append(WaitingItem(file: s.file, what: drop.libelle + " À soumettre de nouveau à la relecture.", since: drop.time))
        } else if s.state == .brouillon, s.reason != nil, s.movedAt != nil {
          items.append(WaitingItem(file: s.file, what: "Fiche renvoyée en brouillon : \(s.reason ?? "")", since: s.movedAt))
        }
        for r in s.recommendations where r.status == .ouverte {
          items.append(WaitingItem(file: s.file, what: "Recommandation n° \(r.number) à traiter", since: r.time))
        }
      case .lecteur:
        break
      }
    }
    return items
  }

  // MARK: Accounts

  /// Adds an account to `comptes.yaml` (creating the folder and the file for the first one) and journals it;
  /// the first account also starts the journal with the state of every register file.
  public static func addAccount(
    _ folder: URL, identifier: String, name: String?, role: Role, password: String, by actor: JournalActor,
    cost: UInt8 = AccountBook.defaultCost, today: String
  ) throws(TeamRefusal) {
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    } catch {
      throw TeamRefusal(.invalid, "Création du dossier « \(folder.path) » impossible.")
    }
    var book: AccountBook
    do {
      book = try AccountBook.load(from: folder) ?? AccountBook()
      try book.add(identifier: identifier, name: name, role: role, password: password, cost: cost, today: today)
      try book.save(to: folder)
    } catch {
      throw TeamRefusal(.invalid, error.message)
    }
    let journal = Journal(folder: folder)
    do {
      try journal.recordChanges(by: .outside)
      try journal.append(JournalEvent(kind: .accountAdded, account: identifier, role: role), by: actor)
    } catch {
      throw TeamRefusal(.invalid, "Le compte est créé, mais le journal n'a pas pu être écrit : \(error.message)")
    }
  }

  public static func removeAccount(_ folder: URL, identifier: String, by actor: JournalActor) throws(TeamRefusal) {
    let removed: Account
    do throws(AccountError) {
      guard var book = try AccountBook.load(from: folder) else {
        throw AccountError("Ce dossier n'a pas de comptes (\(AccountBook.fileName) absent).")
      }
      removed = try book.remove(identifier: identifier)
      try book.save(to: folder)
    } catch {
      throw TeamRefusal(.invalid, error.message)
    }
    try append(JournalEvent(kind: .accountRemoved, account: identifier, role: removed.role), folder, actor)
  }

  // MARK: Helpers

  private static func allowed(_ action: TeamAction, _ actor: JournalActor) throws(TeamRefusal) {
    guard let role = actor.role, role.may(action) else {
      throw TeamRefusal(.forbidden, "Le rôle \(actor.role?.libelle.lowercased() ?? "inconnu") ne permet pas de \(action.libelle).")
    }
  }

  private static func existing(_ folder: URL, file: String, number: Int) throws(TeamRefusal) -> Recommendation {
    guard let found = try standing(folder, file: file).recommendations.first(where: { $0.number == number }) else {
      throw TeamRefusal(.notFound, "Aucune recommandation n° \(number) pour « \(file) ».")
    }
    return found
  }

  private static func append(_ event: JournalEvent, _ folder: URL, _ actor: JournalActor) throws(TeamRefusal) {
    do {
      try Journal(folder: folder).append(event, by: actor)
    } catch {
      throw TeamRefusal(.invalid, "Rien n'a été enregistré : le journal n'a pas pu être écrit (\(error.message)).")
    }
  }

  private static func cleaned(_ text: String?, required: Bool, what: String) throws(TeamRefusal) -> String? {
    let trimmed = text?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
    if trimmed.isEmpty {
      if required { throw TeamRefusal(.invalid, "Indiquez \(what).") }
      return nil
    }
    guard trimmed.count <= maximumTextLength else {
      throw TeamRefusal(.invalid, "Texte trop long : au plus \(maximumTextLength) caractères pour \(what).")
    }
    return trimmed
  }

  /// Rewrites the fiche's top-level `statut:` line (or adds one), keeping every other line and comment.
  static func setDeclaredStatus(_ value: String, in url: URL) throws {
    let text = try String(contentsOf: url, encoding: .utf8)
    var lines = text.components(separatedBy: "\n")
    if let index = lines.firstIndex(where: { $0.hasPrefix("statut:") }) {
      lines[index] = "statut: \(value)"
    } else {
      if lines.last == "" { lines.removeLast() }
      lines.append("statut: \(value)")
      lines.append("")
    }
    try AtomicFile.write(Data(lines.joined(separator: "\n").utf8), to: url, permissions: 0o640)
  }
}

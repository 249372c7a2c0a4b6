public import Foundation
import HummingbirdBcrypt
import RegistreSupport
import Yams

/// One person of the team. Only a bcrypt hash of the password is ever kept.
public struct Account: Codable, Sendable, Equatable {
  /// What the person types to sign in: lowercase letters, digits, `.`, `-`, `_`.
  public var identifiant: String
  /// The person's name as the pages and the journal show it (optional).
  public var nom: String?
  public var role: Role
  /// bcrypt (`$2b$…`), from HummingbirdBcrypt; the password cannot be recovered from it.
  public var empreinte: String
  /// Day the account was created (`AAAA-MM-JJ`).
  public var cree: String

  public init(identifiant: String, nom: String?, role: Role, empreinte: String, cree: String) {
    self.identifiant = identifiant
    self.nom = nom
    self.role = role
    self.empreinte = empreinte
    self.cree = cree
  }
}

/// A refusal of the accounts file or of a change to it, in French.
public struct AccountError: Error, Sendable, Equatable, CustomStringConvertible {
  public var message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}

/// `comptes.yaml` in the register folder: the team's accounts (issue 18).
public struct AccountBook: Sendable, Equatable {
  public static let fileName = "comptes.yaml"
  /// bcrypt's cost: 2^12 rounds, about a quarter of a second per check on a current machine.
  public static let defaultCost: UInt8 = 12
  /// At least 12 characters (ANSSI's guide on passwords, 2021, for a password limited by throttling)
  /// and at most 72 bytes, what bcrypt reads.
  public static let minimumPasswordLength = 12
  public static let maximumPasswordBytes = 72

  public var accounts: [Account]

  public init(accounts: [Account] = []) { self.accounts = accounts }

  public static func url(in folder: URL) -> URL { folder.appendingPathComponent(fileName) }

  /// The accounts of `folder`, or nil when it has no `comptes.yaml` (not a team folder).
  public static func load(from folder: URL) throws(AccountError) -> AccountBook? {
    let url = url(in: folder)
    guard AtomicFile.exists(url) else { return nil }
    let text: String
    do {
      text = try String(contentsOf: url, encoding: .utf8)
    } catch {
      throw AccountError("\(fileName) : lecture impossible (fichier UTF-8 attendu).")
    }
    struct File: Codable { var comptes: [Account]? }
    let file: File
    do {
      file = try YAMLDecoder().decode(File.self, from: text)
    } catch {
      throw AccountError("\(fileName) : \(Self.describe(error))")
    }
    let book = AccountBook(accounts: file.comptes ?? [])
    var seen = Set<String>()
    for (index, account) in book.accounts.enumerated() {
      if let problem = identifierProblem(account.identifiant) {
        throw AccountError("\(fileName), compte n° \(index + 1), champ « identifiant » : \(problem)")
      }
      guard seen.insert(account.identifiant).inserted else {
        throw AccountError("\(fileName), compte n° \(index + 1) : l'identifiant « \(account.identifiant) » est en double.")
      }
      guard account.empreinte.hasPrefix("$2") else {
        throw AccountError(
          "\(fileName), compte « \(account.identifiant) », champ « empreinte » : empreinte bcrypt attendue ($2b$…) ; "
            + "recréez le compte avec « registre comptes ajouter ».")
      }
    }
    return book
  }

  /// Writes the file atomically, readable by its owner only (it holds password hashes).
  public func save(to folder: URL) throws(AccountError) {
    struct File: Codable { var comptes: [Account] }
    let body: String
    do {
      body = try YAMLEncoder().encode(File(comptes: accounts))
    } catch {
      throw AccountError("\(Self.fileName) : écriture impossible.")
    }
    let text = """
      # Comptes de l'application Registre (registre comptes). Seules des empreintes bcrypt des mots de passe
      # sont enregistrées : aucun mot de passe ne peut en être retrouvé. Ne modifiez pas ce fichier à la main.

      """ + body
    do {
      try AtomicFile.write(Data(text.utf8), to: Self.url(in: folder), permissions: 0o600)
    } catch {
      throw AccountError("\(Self.fileName) : écriture impossible (\(error)).")
    }
  }

  public func account(_ identifier: String) -> Account? { accounts.first { $0.identifiant == identifier } }

  /// Adds an account with a new password's bcrypt hash.
  public mutating func add(
    identifier: String, name: String?, role: Role, password: String, cost: UInt8 = defaultCost, today: String
  ) throws(AccountError) {
    if let problem = Self.identifierProblem(identifier) {
      throw AccountError("Identifiant « \(identifier) » : \(problem)")
    }
    guard account(identifier) == nil else {
      throw AccountError("Le compte « \(identifier) » existe déjà : retirez-le d'abord pour le recréer.")
    }
    if let problem = Self.passwordProblem(password) { throw AccountError(problem) }
    accounts.append(
      Account(identifiant: identifier, nom: name, role: role, empreinte: Bcrypt.hash(password, cost: cost), cree: today))
  }

  /// Removes an account; the last `chef` cannot be removed while others remain (nobody could seal the year).
  @discardableResult
  public mutating func remove(identifier: String) throws(AccountError) -> Account {
    guard let index = accounts.firstIndex(where: { $0.identifiant == identifier }) else {
      throw AccountError("Aucun compte « \(identifier) ».")
    }
    let removed = accounts[index]
    if removed.role == .chef, accounts.count > 1, accounts.filter({ $0.role == .chef }).count == 1 {
      throw AccountError(
        "« \(identifier) » est le seul compte chef d'établissement : créez d'abord un autre compte chef.")
    }
    accounts.remove(at: index)
    return removed
  }

  /// The account if the password is its own. An unknown identifier costs the same bcrypt check,
  /// so that timing does not tell which identifiers exist.
  public func authenticate(identifier: String, password: String) -> Account? {
    guard password.utf8.count <= Self.maximumPasswordBytes else { return nil }
    guard let account = account(identifier) else {
      _ = Bcrypt.verify(password, hash: Self.timingDummy)
      return nil
    }
    return Bcrypt.verify(password, hash: account.empreinte) ? account : nil
  }

  /// A hash of a random string, checked for unknown identifiers (cost 12, as real accounts).
  private static let timingDummy = Bcrypt.hash(UUID().uuidString, cost: defaultCost)

  public static func identifierProblem(_ identifier: String) -> String? {
    let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789.-_")
    if identifier.isEmpty || identifier.count > 64 { return "1 à 64 caractères attendus" }
    if !identifier.allSatisfy({ allowed.contains($0) }) {
      return "lettres minuscules sans accent, chiffres, « . », « - » ou « _ » attendus"
    }
    return nil
  }

  public static func passwordProblem(_ password: String) -> String? {
    if password.count < minimumPasswordLength {
      return "Mot de passe trop court : au moins \(minimumPasswordLength) caractères attendus."
    }
    if password.utf8.count > maximumPasswordBytes {
      return "Mot de passe trop long : au plus \(maximumPasswordBytes) octets (limite de bcrypt)."
    }
    if password.contains(where: { $0.isNewline }) { return "Un mot de passe ne contient pas de saut de ligne." }
    return nil
  }

  static func describe(_ error: any Error) -> String {
    if let error = error as? DecodingError {
      switch error {
      case .keyNotFound(let key, let context):
        return "champ « \(key.stringValue) » manquant (\(path(context.codingPath)))"
      case .typeMismatch(_, let context), .valueNotFound(_, let context):
        return "valeur invalide à « \(path(context.codingPath)) » : \(context.debugDescription)"
      case .dataCorrupted(let context):
        return "YAML illisible (\(context.debugDescription))"
      @unknown default:
        return "YAML illisible"
      }
    }
    return "YAML illisible (\(error))"
  }

  private static func path(_ keys: [any CodingKey]) -> String {
    keys.map { $0.intValue.map { "n° \($0 + 1)" } ?? $0.stringValue }.joined(separator: " › ")
  }
}

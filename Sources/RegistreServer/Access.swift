import Foundation
import Hummingbird
import HTTPTypes
import RegistreTeam

/// A signed-in person, as the pages and the journal see them.
struct SignedIn: Sendable, Equatable {
  var account: String
  var name: String?
  var role: Role

  var actor: JournalActor { JournalActor(account: account, role: role, channel: .web) }
  var displayName: String { name.map { "\($0) (\(account))" } ?? account }
}

/// How people sign in: with the accounts of `comptes.yaml`, or, on the demo copy only, by choosing a role.
enum AccessMode: Sendable, Equatable {
  case accounts
  /// `registre serveur --demo`: a throw-away copy of a fictitious school; no password, the role is chosen.
  case demonstration
  /// One school of `registre serveur --lot`: people sign in with the lot's accounts; in the school they are
  /// `dpd` where the school's own `comptes.yaml` names them `dpd` too, readers everywhere else.
  case lotSchool(lotFolder: URL)
}

/// Server-side sessions, in memory: a random 256-bit token in an HttpOnly, Secure, SameSite=Strict cookie.
/// A session ends after 30 minutes without a request or 8 hours after sign-in, whichever comes first.
final class SessionStore: @unchecked Sendable {
  static let cookieName = "registre_session"
  static let idleLimit: TimeInterval = 30 * 60
  static let absoluteLimit: TimeInterval = 8 * 3600
  private struct Session {
    var user: SignedIn
    var created: Date
    var seen: Date
  }
  private let lock = NSLock()
  private var sessions: [String: Session] = [:]

  func open(_ user: SignedIn, now: Date = Date()) -> String {
    var generator = SystemRandomNumberGenerator()
    let token = (0..<4).map { _ in
      let hex = String(generator.next() as UInt64, radix: 16)
      return String(repeating: "0", count: 16 - hex.count) + hex
    }.joined()
    lock.lock()
    defer { lock.unlock() }
    sessions = sessions.filter { Self.isLive($0.value, now) }
    sessions[token] = Session(user: user, created: now, seen: now)
    return token
  }

  func user(_ token: String, now: Date = Date()) -> SignedIn? {
    lock.lock()
    defer { lock.unlock() }
    guard var session = sessions[token] else { return nil }
    guard Self.isLive(session, now) else {
      sessions[token] = nil
      return nil
    }
    session.seen = now
    sessions[token] = session
    return session.user
  }

  func close(_ token: String) {
    lock.lock()
    sessions[token] = nil
    lock.unlock()
  }

  private static func isLive(_ session: Session, _ now: Date) -> Bool {
    now.timeIntervalSince(session.seen) < idleLimit && now.timeIntervalSince(session.created) < absoluteLimit
  }

  static func setCookie(_ token: String) -> String {
    "\(cookieName)=\(token); Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=\(Int(absoluteLimit))"
  }

  static let clearCookie = "\(cookieName)=; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=0"

  static func token(in request: Request) -> String? {
    for field in request.headers[values: .cookie] {
      for part in field.split(separator: ";") {
        let pair = part.trimmingCharacters(in: .whitespaces)
        if pair.hasPrefix(cookieName + "=") { return String(pair.dropFirst(cookieName.count + 1)) }
      }
    }
    return nil
  }
}

/// What each route needs. Reading needs a session; every POST is listed here, and a POST that is not
/// is refused for everyone (deny by default), so that a new write route cannot be left unchecked.
enum RouteAccess: Equatable {
  case open
  case signedIn(TeamAction)
  /// A review move: the role must allow at least one move; the workflow checks the exact one.
  case reviewMove
  case refused

  static func required(_ method: HTTPRequest.Method, _ path: String) -> RouteAccess {
    let parts = path.split(separator: "/").map(String.init)
    if path == "/static/registre.css" || path == "/connexion" { return .open }
    guard method == .post else { return method == .get || method == .head ? .signedIn(.read) : .refused }
    switch parts.count {
    case 1 where parts[0] == "deconnexion": return .signedIn(.read)
    case 1 where parts[0] == "catalogue": return .signedIn(.edit)
    case 1 where parts[0] == "evaluer": return .signedIn(.read)  // adding the draft is checked by the handler
    case 1 where parts[0] == "documents": return .signedIn(.produceDocuments)
    case 2 where parts == ["documents", "annee"]: return .signedIn(.sealYear)
    case 2 where parts[0] == "nouveau", 2 where parts == ["modifier", "etablissement"]: return .signedIn(.edit)
    case 3 where parts[0] == "modifier": return .signedIn(.edit)
    case 3 where parts[0] == "traitements" && parts[2] == "aipd": return .signedIn(.importDPIA)
    case 3 where parts[0] == "traitements" && parts[2] == "statut": return .reviewMove
    case 3 where parts[0] == "traitements" && parts[2] == "recommandations": return .signedIn(.writeRecommendation)
    case 5 where parts[0] == "traitements" && parts[2] == "recommandations" && parts[4] == "reponse":
      return .signedIn(.answerRecommendation)
    case 5 where parts[0] == "traitements" && parts[2] == "recommandations" && parts[4] == "cloture":
      return .signedIn(.closeRecommendation)
    default: return .refused
    }
  }

  func allows(_ role: Role) -> Bool {
    switch self {
    case .open: return true
    case .signedIn(let action): return role.may(action)
    case .reviewMove:
      return [TeamAction.submitForReview, .sendBack, .markControlled, .validate].contains { role.may($0) }
    case .refused: return false
    }
  }
}

/// Checks every request against its route's requirement before any handler runs.
struct AccessMiddleware<Context: RequestContext>: RouterMiddleware {
  let site: Site

  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
    let requirement = RouteAccess.required(request.method, request.uri.path)
    if requirement == .open { return try await next(request, context) }
    guard let user = site.user(request) else {
      if request.method == .get || request.method == .head {
        let path = request.uri.path
        let next = path == "/" ? "" : "?suite=\(path.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "/-_."))) ?? "")"
        return redirect("/connexion\(next)")
      }
      throw PageError(
        status: .forbidden, title: "Connexion nécessaire",
        message: "Votre session a expiré ou vous n'êtes pas connecté : rien n'a été modifié. Connectez-vous et recommencez.")
    }
    guard requirement.allows(user.role) else {
      throw PageError(
        status: .forbidden, title: "Accès refusé",
        message: "Votre rôle (\(user.role.libelle.lowercased())) ne permet pas cette action : rien n'a été modifié.")
    }
    // Handlers and the layout read the person from the task, never from the page.
    return try await Site.$currentUser.withValue(user) { try await next(request, context) }
  }
}

extension Site {
  /// The signed-in person of a request, checked again against `comptes.yaml` (a removed account or a
  /// changed role takes effect at once).
  func user(_ request: Request) -> SignedIn? {
    guard let token = SessionStore.token(in: request), let user = sessions.user(token) else { return nil }
    switch access {
    case .demonstration:
      return user
    case .accounts:
      guard let account = (try? AccountBook.load(from: folder))??.account(user.account), account.role == user.role else {
        sessions.close(token)
        return nil
      }
      return user
    case .lotSchool(let lotFolder):
      guard let account = (try? AccountBook.load(from: lotFolder))??.account(user.account), account.role == user.role else {
        sessions.close(token)
        return nil
      }
      var inSchool = user
      let schoolRole = (try? AccountBook.load(from: folder))??.account(user.account)?.role
      inSchool.role = user.role == .dpd && schoolRole == .dpd ? .dpd : .lecteur
      return inSchool
    }
  }

  /// The signed-in person of the request being handled; the middleware already refused anyone else.
  func requireUser() throws -> SignedIn {
    guard let user = Site.currentUser else { throw HTTPError(.forbidden) }
    return user
  }

  /// Refuses with a French 403 page when the role does not allow `action`.
  func require(_ action: TeamAction, _ user: SignedIn) throws {
    guard user.role.may(action) else {
      throw PageError(
        status: .forbidden, title: "Accès refusé",
        message: "Votre rôle (\(user.role.libelle.lowercased())) ne permet pas de \(action.libelle) : rien n'a été modifié.")
    }
  }
}

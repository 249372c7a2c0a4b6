import Foundation
import Hummingbird
import HTTPTypes
import RegistreTeam

/// `/connexion` and `/deconnexion`.
struct SignInPages: Sendable {
  let site: Site

  func register(on router: Router<BasicRequestContext>) {
    router.get("/connexion") { request, _ in
      signInPage(next: request.uri.queryParameters.get("suite"), message: nil, status: .ok)
    }
    router.post("/connexion") { request, _ in try await signIn(request) }
    router.post("/deconnexion") { request, _ in try await signOut(request) }
  }

  /// Only a path of this site, never another origin (`//autre.example`).
  static func safeNext(_ next: String?) -> String {
    guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\") else { return "/" }
    return next
  }

  func signInPage(next: String?, message: String?, status: HTTPResponse.Status) -> Response {
    site.page(
      "signin", title: "Connexion", status: status,
      data: Wording.present([
        "next": Self.safeNext(next), "message": message, "demonstration": site.access == .demonstration,
        "roles": Role.allCases.map { ["value": $0.rawValue, "label": $0.libelle] },
      ]))
  }

  func signIn(_ request: Request) async throws -> Response {
    let form = try await PostedForm.read(request, site: site)
    let next = Self.safeNext(form.first("suite"))
    let user: SignedIn
    switch site.access {
    case .demonstration:
      guard let role = form.first("role").flatMap(Role.init(rawValue:)) else {
        return signInPage(next: next, message: "Choisissez un rôle.", status: .unprocessableContent)
      }
      user = SignedIn(account: "demo.\(role.rawValue)", name: "Démonstration", role: role)
    case .lotSchool:
      // A school of a lot has no sign-in of its own: the lot's is shared (`/connexion` is not prefixed).
      return redirect("/connexion")
    case .accounts:
      let identifier = (form.first("identifiant") ?? "").trimmingCharacters(in: .whitespaces)
      let password = form.first("mot_de_passe") ?? ""
      if let until = site.throttle.blockedUntil(identifier) {
        let time = until.formatted(.dateTime.hour().minute().locale(Locale(identifier: "fr_FR")))
        return signInPage(
          next: next, message: "Trop de tentatives de connexion : réessayez après \(time).", status: .tooManyRequests)
      }
      let book: AccountBook?
      do {
        book = try AccountBook.load(from: site.folder)
      } catch {
        throw PageError(status: .internalServerError, title: "Comptes illisibles", message: error.message)
      }
      guard let account = book?.authenticate(identifier: identifier, password: password) else {
        site.throttle.recordFailure(identifier)
        return signInPage(next: next, message: "Identifiant ou mot de passe incorrect.", status: .unauthorized)
      }
      site.throttle.recordSuccess(identifier)
      user = SignedIn(account: account.identifiant, name: account.nom, role: account.role)
    }
    if let old = SessionStore.token(in: request) { site.sessions.close(old) }
    let token = site.sessions.open(user)
    return Response(status: .seeOther, headers: [.location: next, .setCookie: SessionStore.setCookie(token)])
  }

  func signOut(_ request: Request) async throws -> Response {
    _ = try await PostedForm.read(request, site: site)
    if let token = SessionStore.token(in: request) { site.sessions.close(token) }
    return Response(status: .seeOther, headers: [.location: "/connexion", .setCookie: SessionStore.clearCookie])
  }
}

import Foundation
import Hummingbird
import HTTPTypes
import Mustache
import RegistreBatch
import RegistreFormats
import RegistreModel
import RegistreRules
import RegistreTeam
import RegistreWorkflows

/// The links of a school's pages inside a lot: every absolute link of the page gets the school's prefix,
/// except the lot's own pages (sign-in, sign-out, the académie's view).
enum LotLinks {
  static let home = "/etablissements"
  static let shared = ["/connexion", "/deconnexion", home]

  static func prefix(_ html: String, with base: String) -> String {
    var result = html
    for attribute in ["href=\"", "action=\"", "src=\""] {
      result = prefixAttribute(result, attribute, base)
    }
    return result
  }

  static func location(_ location: String, base: String) -> String {
    guard location.hasPrefix("/"), !location.hasPrefix("//"), !isShared(location) else { return location }
    return base + location
  }

  private static func isShared(_ path: String) -> Bool {
    shared.contains { path == $0 || path.hasPrefix($0 + "/") || path.hasPrefix($0 + "?") }
  }

  private static func prefixAttribute(_ html: String, _ attribute: String, _ base: String) -> String {
    var output = ""
    output.reserveCapacity(html.utf8.count + 1024)
    var rest = html[...]
    while let range = rest.range(of: attribute + "/") {
      output += rest[..<range.upperBound].dropLast()
      let after = rest[range.upperBound...]
      let value = after.prefix { $0 != "\"" }
      let path = "/" + value
      output += value.hasPrefix("/") || isShared(path) ? path : base + path
      rest = after[value.endIndex...]
    }
    output += rest
    return output
  }
}

/// `registre serveur --lot DOSSIER`: the académie's DPD over a folder of school registers.
enum LotServer {
  static func router(_ options: ServerOptions, templates: MustacheLibrary) throws -> Router<BasicRequestContext> {
    let sessions = SessionStore()
    let lotSite = Site(options: options, templates: templates, sessions: sessions)
    let names: [String]
    do throws(BatchError) {
      names = try BatchAudit.registerPaths(dans: options.folder).filter { name in
        var isFolder: ObjCBool = false
        return FileManager.default.fileExists(atPath: options.folder.appendingPathComponent(name).path, isDirectory: &isFolder)
          && isFolder.boolValue && Codes.isSafeIdentifier(name)
      }
    } catch {
      throw ServerSetupError(message: error.message)
    }
    var schools: [String: RouterResponder<BasicRequestContext>] = [:]
    for name in names {
      var schoolOptions = options
      schoolOptions.folder = options.folder.appendingPathComponent(name)
      schoolOptions.lot = false
      schoolOptions.lotSchool = (options.folder, "\(LotLinks.home)/\(name)")
      let site = Site(options: schoolOptions, templates: templates, sessions: sessions)
      // Changes made to a school's files since the last start are journaled as made outside the application.
      if Journal(folder: site.folder).exists { _ = try? Journal(folder: site.folder).recordChanges(by: .outside) }
      let router = Router(context: BasicRequestContext.self)
      router.add(middleware: ErrorPageMiddleware(site: site))
      router.add(middleware: AccessMiddleware(site: site))
      Pages(site: site).register(on: router)
      schools[name] = router.buildResponder()
    }
    let router = Router(context: BasicRequestContext.self)
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: ErrorPageMiddleware(site: lotSite))
    router.add(middleware: LotDispatch(schools: schools))
    router.add(middleware: AccessMiddleware(site: lotSite))
    SignInPages(site: lotSite).register(on: router)
    LotPages(site: lotSite, schools: names).register(on: router)
    return router
  }
}

/// Hands `/etablissements/NOM/…` to that school's pages, with the prefix taken off, and puts it back on
/// the redirections they answer.
struct LotDispatch: RouterMiddleware {
  typealias Context = BasicRequestContext
  let schools: [String: RouterResponder<BasicRequestContext>]

  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
    let path = request.uri.path
    let parts = path.split(separator: "/", maxSplits: 2, omittingEmptySubsequences: true)
    guard parts.count >= 2, parts[0] == "etablissements", let responder = schools[String(parts[1])] else {
      return try await next(request, context)
    }
    let base = "\(LotLinks.home)/\(parts[1])"
    var head = request.head
    let rest = String(request.uri.description.dropFirst(base.count))
    head.path = rest.isEmpty || !rest.hasPrefix("/") ? "/" + rest.drop { $0 == "/" } : rest
    let inner = Request(head: head, body: request.body)
    var response = try await responder.respond(to: inner, context: context)
    if let location = response.headers[.location] {
      response.headers[.location] = LotLinks.location(location, base: base)
    }
    return response
  }
}

public import Foundation
import RegistreFormats
import RegistreTeam
public import Hummingbird
import HTTPTypes
public import Logging
import Mustache
import NIOCore

/// `registre serveur`: the register folder as a local web application.
public enum RegistreWebServer {
  /// The application for `options`; `run()` serves it until SIGINT/SIGTERM.
  public static func application(_ options: ServerOptions) async throws -> some ApplicationProtocol {
    let router = try await router(options)
    var logger = Logger(label: "registre-serveur")
    logger.logLevel = .warning
    return Application(
      router: router,
      configuration: ApplicationConfiguration(address: .hostname(options.host, port: options.port), serverName: nil),
      logger: logger)
  }

  /// The router with every page; exposed for the handler tests.
  public static func router(_ options: ServerOptions) async throws -> Router<BasicRequestContext> {
    try router(site: try await site(options))
  }

  /// The site of `options`: its templates loaded, its CSRF token drawn, its document jobs.
  static func site(_ options: ServerOptions, jobs: DocumentJobs = DocumentJobs()) async throws -> Site {
    guard let directory = Bundle.module.resourceURL?.appendingPathComponent("templates").path else {
      throw ServerSetupError(message: "modèles de pages introuvables")
    }
    if options.access == .accounts {
      // The first account is made at the command line, never by a default password.
      let book: AccountBook?
      do {
        book = try AccountBook.load(from: options.folder)
      } catch {
        throw ServerSetupError(message: error.message)
      }
      guard let book, !book.accounts.isEmpty else {
        throw ServerSetupError(
          message: "ce dossier n'a pas encore de comptes. Créez le premier (le chef d'établissement, par exemple) avec : "
            + "registre comptes ajouter \(options.folder.path) --identifiant IDENTIFIANT --role chef")
      }
    }
    let templates = try await MustacheLibrary(directory: directory)
    return Site(options: options, templates: templates, jobs: jobs)
  }

  static func router(site: Site) throws -> Router<BasicRequestContext> {
    let options = site.options
    if options.lot { return try LotServer.router(options, templates: site.templates) }
    // Changes made to the files since the last start are journaled as made outside the application.
    if options.access == .accounts || Journal(folder: site.folder).exists {
      do {
        try Journal(folder: site.folder).recordChanges(by: .outside)
      } catch {
        throw ServerSetupError(message: "journal du dossier illisible : \(error.message)")
      }
    }
    // The server reads the same folder after every edit: only the files whose bytes changed are parsed
    // again; the audit, whose findings cross files, runs on the whole register (AuditWorkflow.run).
    ParseCache.shared.enable(true)
    let router = Router(context: BasicRequestContext.self)
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: ErrorPageMiddleware(site: site))
    router.add(middleware: AccessMiddleware(site: site))
    SignInPages(site: site).register(on: router)
    Pages(site: site).register(on: router)
    return router
  }
}

/// A problem that prevents the server from starting (French message for the CLI).
public struct ServerSetupError: Error, Sendable {
  public var message: String
}

/// A strict Content-Security-Policy and the other protective headers, on every response.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
  static var policy: String {
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
  }

  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
    let start = ContinuousClock.now
    var response = try await next(request, context)
    // Server time of the page, read by the benchmark (Benchmarks/serveur.py), not by tests.
    let elapsed = ContinuousClock.now - start
    let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
    response.headers[HTTPField.Name("Server-Timing")!] = "app;dur=\(String(format: "%.2f", milliseconds))"
    response.headers[.contentSecurityPolicy] = Self.policy
    response.headers[.xContentTypeOptions] = "nosniff"
    response.headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
    response.headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
    response.headers[HTTPField.Name("Cross-Origin-Opener-Policy")!] = "same-origin"
    if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
    return response
  }
}

/// Every error becomes a French HTML page with its status; never a stack trace or an internal message.
struct ErrorPageMiddleware<Context: RequestContext>: RouterMiddleware {
  let site: Site

  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
    do {
      return try await next(request, context)
    } catch let error as PageError {
      return site.page(
        "error", title: error.title, status: error.status,
        data: ["heading": error.title, "message": error.message])
    } catch let error as any HTTPResponseError {
      let (title, message) = Self.wording(error.status)
      return site.page("error", title: title, status: error.status, data: ["heading": title, "message": message])
    } catch {
      context.logger.error("requête \(request.uri.path) : \(String(describing: error))")
      let (title, message) = Self.wording(.internalServerError)
      return site.page("error", title: title, status: .internalServerError, data: ["heading": title, "message": message])
    }
  }

  static func wording(_ status: HTTPResponse.Status) -> (String, String) {
    switch status.code {
    case 400: return ("Requête incorrecte", "La requête n'a pas pu être lue.")
    case 403: return ("Accès refusé", "Le jeton de sécurité du formulaire est absent ou invalide : rien n'a été modifié. Rechargez la page et recommencez.")
    case 404: return ("Page introuvable", "Cette adresse ne correspond à aucune page du registre.")
    case 405: return ("Méthode non acceptée", "Cette adresse n'accepte pas ce type de requête.")
    case 413: return ("Requête trop volumineuse", "Le formulaire envoyé dépasse la taille acceptée : rien n'a été modifié.")
    default: return ("Erreur du serveur", "Une erreur est survenue : rien n'a été modifié. Le détail est écrit dans la console du serveur.")
    }
  }
}

/// An error shown to the user as a page with its own French wording.
struct PageError: Error {
  var status: HTTPResponse.Status
  var title: String
  var message: String
}

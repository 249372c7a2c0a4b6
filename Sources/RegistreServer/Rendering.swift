import Foundation
import Hummingbird
import HTTPTypes
import Mustache
import NIOCore
import RegistreFormats
import RegistreModel
import RegistreRules
import RegistreTeam

extension Site {
  /// A full HTML page: the named template inside the layout. `refresh`: the browser reloads it every
  /// second (`<meta http-equiv="refresh">`, no script), for a job that is still running.
  func page(
    _ template: String, title: String, status: HTTPResponse.Status = .ok, data: [String: Any], current: String? = nil,
    refresh: Bool = false
  ) -> Response {
    var context = data
    context["csrf"] = csrfToken
    let user = Site.currentUser
    // What the person may do, for the templates to offer only that; the server checks again on every POST.
    context["may"] = Dictionary(uniqueKeysWithValues: TeamAction.allCases.map { ($0.rawValue, user?.role.may($0) ?? false) })
    let body = templates.render(context, withTemplate: template) ?? ""
    var layout: [String: Any] = [
      "title": title, "content": body, "demo": options.demo, "folder": folder.lastPathComponent, "csrf": csrfToken,
      "refresh": refresh,
      "nav": user == nil ? [] : Self.navigation.map { item in
        ["href": item.href, "label": item.label, "current": item.href == current]
      },
    ]
    if let user { layout["user"] = ["name": user.displayName, "role": user.role.libelle] }
    if !basePath.isEmpty { layout["lotHome"] = LotLinks.home }
    var html = templates.render(layout, withTemplate: "layout") ?? ""
    if !basePath.isEmpty { html = LotLinks.prefix(html, with: basePath) }
    return Response(
      status: status, headers: [.contentType: "text/html; charset=utf-8"],
      body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
  }

  static let navigation: [(href: String, label: String)] = [
    ("/", "Tableau de bord"), ("/traitements", "Traitements"), ("/catalogue", "Ajouter depuis le catalogue"), ("/suivi", "Actions et demandes"),
    ("/evaluer", "Évaluer un outil"), ("/documents", "Documents"), ("/journal", "Journal"),
  ]
}

/// Reading a posted form: size limit, CSRF token, then the values.
struct PostedForm {
  var values: FormFields.Values

  /// A request a page of another site sent (the browser says so) is refused before its body is read.
  static func refuseCrossSite(_ request: Request) throws {
    if let fetchSite = request.headers[HTTPField.Name("Sec-Fetch-Site")!], fetchSite == "cross-site" {
      throw HTTPError(.forbidden)
    }
  }

  static func read(_ request: Request, site: Site) async throws -> PostedForm {
    try refuseCrossSite(request)
    var request = request
    let buffer = try await request.collectBody(upTo: site.options.maxBodySize)
    let values = parse(String(buffer: buffer))
    guard let token = values["_csrf"]?.first, constantTimeEqual(token, site.csrfToken) else {
      throw HTTPError(.forbidden)
    }
    return PostedForm(values: values)
  }

  /// `application/x-www-form-urlencoded`, keeping repeated keys (checkboxes).
  static func parse(_ body: String) -> FormFields.Values {
    var values: FormFields.Values = [:]
    for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      func decode(_ s: Substring) -> String {
        String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
      }
      let key = decode(parts[0])
      guard !key.isEmpty else { continue }
      values[key, default: []].append(parts.count > 1 ? decode(parts[1]) : "")
    }
    return values
  }

  static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
    let x = Array(a.utf8), y = Array(b.utf8)
    guard x.count == y.count else { return false }
    var difference: UInt8 = 0
    for i in x.indices { difference |= x[i] ^ y[i] }
    return difference == 0
  }

  func first(_ key: String) -> String? { values[key]?.first }

  /// The record's own values, without the form's control fields (`_csrf`, `_version`…).
  var recordValues: FormFields.Values { values.filter { !$0.key.hasPrefix("_") } }
}

func redirect(_ location: String) -> Response {
  Response(status: .seeOther, headers: [.location: location])
}

/// French wording of findings and values, shared by the pages.
enum Wording {
  static func severity(_ s: Severity) -> String {
    switch s {
    case .erreur: return "Erreur"
    case .avertissement: return "Avertissement"
    case .note: return "Note"
    }
  }

  static func finding(_ f: Finding) -> [String: Any] {
    present([
      "rule": f.rule, "severity": severity(f.severity), "severityKey": f.severity.rawValue,
      "subject": f.subject.libelle, "message": f.message, "reference": f.reference, "remedy": f.remediation,
      "field": f.field ?? "", "accepted": f.isAccepted, "criteria": f.criteria,
      "link": link(f.subject),
    ])
  }

  /// The values that exist: Mustache would print a `nil` kept in an `Any` as « nil ».
  static func present(_ values: [String: Any?]) -> [String: Any] {
    values.compactMapValues { $0 }
  }

  static func link(_ subject: Subject) -> String? {
    switch subject {
    case .etablissement: return "/modifier/etablissement"
    case .traitement(let id): return "/traitements/\(id)"
    case .sousTraitant(let id): return "/modifier/sous-traitants/\(id)"
    case .violation(let id): return "/modifier/violations/\(id)"
    case .action(let id): return "/modifier/actions/\(id)"
    case .demande(let id): return "/modifier/demandes/\(id)"
    }
  }

  /// The form that edits a subject's file.
  static func formLink(_ subject: Subject) -> String {
    switch subject {
    case .etablissement: return "/modifier/etablissement"
    case .traitement(let id): return "/modifier/traitements/\(id)"
    case .sousTraitant(let id): return "/modifier/sous-traitants/\(id)"
    case .violation(let id): return "/modifier/violations/\(id)"
    case .action(let id): return "/modifier/actions/\(id)"
    case .demande(let id): return "/modifier/demandes/\(id)"
    }
  }

  static func diagnostic(_ d: Diagnostic) -> [String: Any] {
    var text = d.message
    if let expected = d.attendu { text += " (attendu : \(expected))" }
    let kind = RecordKind.allCases.first { d.emplacement.fichier.hasPrefix($0.rawValue) }
    var link: String?
    if let kind {
      let id = (d.emplacement.fichier as NSString).lastPathComponent.replacingOccurrences(of: ".yaml", with: "")
      link = kind == .school ? "/modifier/etablissement" : "/modifier/\(kind.rawValue)/\(id)"
      if let field = d.emplacement.champ { link? += "#champ-\(FormTree.anchor(field))" }
    }
    return present([
      "file": d.emplacement.description, "field": d.emplacement.champ ?? "", "text": text, "link": link,
    ])
  }

  /// The French label of an allowed value, or the value itself.
  static func value(_ raw: String, kind: FieldKind) -> String {
    switch kind {
    case .enumeration(_, let allowed): return allowed.first { $0.valeur == raw }?.libelle ?? raw
    case .booleen: return raw == "true" ? "oui" : raw == "false" ? "non" : raw
    case .liste(let element, _): return value(raw, kind: element)
    default: return raw
    }
  }
}

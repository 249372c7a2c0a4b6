import Foundation
import Hummingbird
import HTTPTypes
import MultipartKit
import NIOCore
import RegistrePIA
import RegistreRules
import RegistreWorkflows

/// « Préparer l'AIPD » and « Importer une AIPD terminée » on a treatment's page: the entry points
/// `registre aipd preparer` and `registre aipd importer` call (`DPIAWorkflow`).
struct DPIAPages: Sendable {
  let site: Site
  let pages: Pages

  func register(on router: Router<BasicRequestContext>) {
    router.get("/traitements/:id/aipd.json") { _, context in try prepare(try identifier(context)) }
    router.post("/traitements/:id/aipd") { request, context in try await importFinished(request, try identifier(context)) }
  }

  func identifier(_ context: BasicRequestContext) throws -> String { try pages.identifier(context) }

  /// The prefilled PIA, as a download named as the CLI example names it.
  func prepare(_ id: String) throws -> Response {
    let data: Data
    do throws(WorkflowError) {
      (_, data) = try DPIAWorkflow.prepared(registerAt: site.folder.path, treatment: id)
    } catch {
      throw HTTPError(.notFound)
    }
    return Response(
      status: .ok,
      headers: [.contentType: "application/json; charset=utf-8", .contentDisposition: "attachment; filename=\"pia-\(id).json\""],
      body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
  }

  /// The upload form's fields (multipart/form-data).
  struct Upload: Decodable {
    var _csrf: String
    var pia: Data?
    var remplacer: String?
  }

  /// Largest upload: a PIA file plus the form's own fields.
  static let maximumUpload = PIAReading.maximumSize + 64_000

  func importFinished(_ request: Request, _ id: String) async throws -> Response {
    try PostedForm.refuseCrossSite(request)
    guard let type = request.headers[.contentType], type.hasPrefix("multipart/form-data"),
      let boundary = Self.boundary(type)
    else { throw HTTPError(.badRequest) }
    var request = request
    let body = try await request.collectBody(upTo: Self.maximumUpload)
    guard let upload = try? FormDataDecoder(nestingDepth: 2).decode(Upload.self, from: body, boundary: boundary),
      PostedForm.constantTimeEqual(upload._csrf, site.csrfToken)
    else { throw HTTPError(.forbidden) }
    guard let data = upload.pia, !data.isEmpty else {
      return try pages.treatment(id, problems: ["Choisissez le fichier JSON exporté par le logiciel PIA."], status: .unprocessableContent)
    }
    let user = try site.requireUser()
    let report: String
    do {
      let outcome = try TeamWorkflow.journaledWrite(site.folder, by: user.actor) {
        try DPIAWorkflow.importPIA(
          data, named: "fichier envoyé", registerAt: site.folder.path, treatment: id, replace: upload.remplacer == "oui")
      }
      report = DPIAWorkflow.text(outcome)
    } catch let error as WorkflowError {
      return try pages.treatment(id, problems: error.lines, status: .unprocessableContent)
    }
    site.forget()
    return try pages.treatment(id, importReport: report)
  }

  static func boundary(_ contentType: String) -> String? {
    for parameter in contentType.split(separator: ";").dropFirst() {
      let pair = parameter.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
      if pair.count == 2, pair[0].lowercased() == "boundary" {
        let value = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        return value.isEmpty || value.count > 70 ? nil : value
      }
    }
    return nil
  }
}

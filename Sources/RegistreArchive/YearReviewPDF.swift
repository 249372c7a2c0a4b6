public import Foundation
public import RegistreDocuments

extension YearReview {
  /// The bundled one-page template (`Resources/bilan.xsl`).
  public static var template: URL? { Bundle.module.url(forResource: "bilan", withExtension: "xsl") }

  /// The review as a one-page PDF/A-2b, through XSLT and the given renderer (FOP).
  public func pdf(
    renderer: any Renderer, transformer: any StylesheetTransformer = LibXSLTTransformer(), date: DocumentDate
  ) async throws -> Data {
    guard let template = Self.template else { throw ArchiveError.io("modèle du bilan introuvable") }
    let fo = try transformer.transform(
      xml(), stylesheet: template, parameters: ["horodatage": date.timestamp, "date-document": date.day])
    return try await renderer.render(
      RenderRequest(fo: fo, profile: .pdfA2b, creationDate: date.isFixed ? date.date : nil))
  }
}

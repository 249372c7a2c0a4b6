public import Foundation
import RegistreDocuments
public import RegistreEvaluation

/// The pre-adoption check of a digital tool: its dated opinion as a PDF.
public enum EvaluationWorkflow {
  /// The dated opinion as PDF/A-2b, through Apache FOP and, with `settings.signing`, the one
  /// signing step. `school` names the school when the register is known.
  public static func opinionPDF(
    _ evaluation: Evaluation, school: String?, settings: DocumentSettings
  ) async throws(WorkflowError) -> Data {
    let library = try DocumentWorkflow.templates(settings.templatesFolder)
    let date = DocumentDate.fromEnvironment()
    let fo = AvisFO.document(evaluation, etablissement: school, horodatage: date.isFixed ? date.timestamp : nil)
    let request = RenderRequest(fo: fo, profile: .pdfA2b, creationDate: date.isFixed ? date.date : nil)
    var pdf: Data
    do throws(RenderError) {
      pdf = try await library.fopRenderer().render(request)
    } catch {
      throw WorkflowError(.documents, "avis.pdf : \(error.message) Rien n'a été écrit.")
    }
    if let signing = settings.signing {
      do {
        pdf = try signing.sign(pdf)
      } catch {
        throw WorkflowError(.signing, "Signature impossible : \(error). Rien n'a été écrit.")
      }
    }
    return pdf
  }
}

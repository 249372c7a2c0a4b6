public import Foundation
public import RegistreDocuments
public import RegistreEvaluation

/// The pre-adoption check of a digital tool: its dated opinion as a PDF.
public enum EvaluationWorkflow {
  /// The dated opinion as PDF/A-2b, through Apache FOP and, with `settings.signing`, the one
  /// signing step. `school` names the school when the register is known.
  public static func opinionPDF(
    _ evaluation: Evaluation, school: String?, settings: DocumentSettings
  ) async throws(WorkflowError) -> Data {
    let pipeline = try DocumentWorkflow.pipeline(DocumentSettings(templatesFolder: settings.templatesFolder))
    var pdf: Data
    do throws(DocumentError) {
      pdf = try await pipeline.pdf(for: .opinion, input: OpinionXML.document(evaluation, etablissement: school))
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

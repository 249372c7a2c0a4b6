public import Foundation
public import RegistreDocuments

extension YearReview {
  /// The review as a one-page PDF/A-2b, through the one road of every document: the template
  /// `bilan.xsl` of the pipeline's templates (`Templates/` or the school's `--modeles`), FOP.
  public func pdf(pipeline: DocumentPipeline) async throws(DocumentError) -> Data {
    try await pipeline.pdf(for: .yearlyReview, input: xml())
  }
}

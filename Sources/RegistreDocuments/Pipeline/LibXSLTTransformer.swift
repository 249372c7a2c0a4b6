public import Foundation
public import RegistreXML

/// The production XSLT step: libxslt through `RegistreXML.XSLTStylesheet`,
/// sandboxed to the stylesheet's own folder (imports of sibling templates work;
/// other files, writes and the network are refused).
///
/// Each transformation is bounded (`XSLTLimits`): a school's template that loops,
/// recurses without end or builds huge strings is stopped with a French message.
public struct LibXSLTTransformer: StylesheetTransformer {
  public var limits: XSLTLimits

  public init(limits: XSLTLimits = .standard) {
    self.limits = limits
  }

  /// French wording of a reached bound.
  static func explain(_ limit: XSLTLimit, _ limits: XSLTLimits) -> String {
    switch limit {
    case .instructions:
      return "le modèle a exécuté plus de \(limits.instructions) instructions XSLT (boucle ou récursion sans fin ?) ; transformation interrompue"
    case .xpathOperations:
      return "le modèle a évalué plus de \(limits.xpathOperations) opérations XPath ; transformation interrompue"
    case .memory:
      return "le modèle a demandé plus de \(limits.memoryBytes / (1024 * 1024)) Mio de mémoire ; transformation interrompue"
    case .time:
      return "le modèle n'a pas terminé en \(limits.time.components.seconds) s ; transformation interrompue"
    }
  }

  public func transform(_ document: Data, stylesheet: URL, parameters: [String: String])
    throws(DocumentError) -> Data
  {
    let name = stylesheet.lastPathComponent
    let input: RegistreXML.XMLDocument
    do {
      input = try RegistreXML.XMLDocument.parse(data: document, name: "entrée")
    } catch {
      throw .transformFailed(template: name, detail: "\(error)")
    }
    do {
      let compiled = try XSLTStylesheet(
        contentsOf: stylesheet, templatesDirectory: stylesheet.deletingLastPathComponent())
      return try compiled.transform(input, parameters: parameters, limits: limits)
    } catch {
      if case .limitExceeded(let limit) = error {
        throw .transformFailed(template: name, detail: Self.explain(limit, limits))
      }
      throw .transformFailed(template: name, detail: error.description)
    }
  }
}

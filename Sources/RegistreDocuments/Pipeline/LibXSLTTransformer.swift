public import Foundation
import RegistreXML

/// The production XSLT step: libxslt through `RegistreXML.XSLTStylesheet`,
/// sandboxed to the stylesheet's own folder (imports of sibling templates work;
/// other files, writes and the network are refused).
public struct LibXSLTTransformer: StylesheetTransformer {
  public init() {}

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
      return try compiled.transform(input, parameters: parameters)
    } catch {
      throw .transformFailed(template: name, detail: error.description)
    }
  }
}

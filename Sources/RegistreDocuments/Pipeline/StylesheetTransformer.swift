public import Foundation

/// Runs an XSLT 1.0 stylesheet over an XML document. The production
/// implementation is libxslt (module RegistreXML) with file and network access
/// forbidden outside the templates folder.
public protocol StylesheetTransformer: Sendable {
  /// - Parameters:
  ///   - stylesheet: the template file; its folder is the only one it may read.
  ///   - parameters: string parameters (quoted by the implementation, never
  ///     evaluated as XPath).
  /// - Returns: the serialized result (XSL-FO).
  func transform(_ document: Data, stylesheet: URL, parameters: [String: String])
    throws(DocumentError) -> Data
}

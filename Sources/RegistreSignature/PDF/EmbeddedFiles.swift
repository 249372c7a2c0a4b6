public import Foundation
import RegistreCrypto

/// A file attached to a PDF (PDF/A-3 associated file or `/EmbeddedFiles` entry).
public struct EmbeddedFile: Equatable, Sendable {
  /// The file name (`/UF`, else `/F`, else the name-tree key).
  public var name: String
  public var data: Data
}

extension PDFDocument {
  static let maximumEmbeddedFiles = 256

  /// The files embedded in the document: the catalog's `/AF` array and its `/Names /EmbeddedFiles` tree,
  /// each file once, decoded (Flate inflated).
  public func embeddedFiles() throws(PDFError) -> [EmbeddedFile] {
    let (_, catalog) = try catalog()
    var specifications: [(String?, PDFObject)] = []
    if let associated = try resolve(catalog["AF"]).arrayValue {
      for item in associated.prefix(Self.maximumEmbeddedFiles) { specifications.append((nil, item)) }
    }
    if let names = try resolveDictionary(catalog["Names"]), let tree = names["EmbeddedFiles"] {
      try collectNameTree(tree, into: &specifications, depth: 0)
    }
    var seen: Set<Int> = []
    var files: [EmbeddedFile] = []
    for (key, item) in specifications {
      if let reference = item.referenceValue {
        guard !seen.contains(reference.number) else { continue }
        seen.insert(reference.number)
      }
      guard let specification = try resolveDictionary(item), let streams = try resolveDictionary(specification["EF"])
      else { continue }
      guard let streamEntry = streams["UF"] ?? streams["F"] else { continue }
      if let reference = streamEntry.referenceValue {
        guard !seen.contains(-1 - reference.number) else { continue }
        seen.insert(-1 - reference.number)
      }
      let stream = try resolve(streamEntry)
      let data = try decodedStream(stream)
      let name = (specification["UF"]?.stringValue ?? specification["F"]?.stringValue).map(PDFObject.decodeText)
        ?? key ?? "fichier"
      files.append(EmbeddedFile(name: name, data: Data(data)))
      if files.count >= Self.maximumEmbeddedFiles { break }
    }
    return files
  }

  /// The PDF with every embedded `.xml` file declared `application/xml` (`/Subtype` of its stream, which
  /// PDF/A-3 requires to be the file's MIME type; Apache FOP writes `application/octet-stream`), in one
  /// incremental update whose identifier depends only on the document, so that a reproducible document
  /// stays reproducible. A PDF without such a file comes back unchanged.
  public static func declaringXMLAttachments(_ data: Data) throws(PDFError) -> Data {
    let document = try PDFDocument(data: data)
    let (_, catalog) = try document.catalog()
    var specifications: [(String?, PDFObject)] = []
    if let associated = try document.resolve(catalog["AF"]).arrayValue {
      for item in associated.prefix(maximumEmbeddedFiles) { specifications.append((nil, item)) }
    }
    if let names = try document.resolveDictionary(catalog["Names"]), let tree = names["EmbeddedFiles"] {
      try document.collectNameTree(tree, into: &specifications, depth: 0)
    }
    var update = try IncrementalUpdate(document: document)
    var changed: Set<Int> = []
    for (_, item) in specifications {
      guard let specification = try document.resolveDictionary(item),
        let name = (specification["UF"]?.stringValue ?? specification["F"]?.stringValue).map(PDFObject.decodeText),
        name.lowercased().hasSuffix(".xml"), let streams = try document.resolveDictionary(specification["EF"])
      else { continue }
      for key in ["F", "UF"] {
        guard let reference = streams[key]?.referenceValue, !changed.contains(reference.number),
          case .stream(var dictionary, let bytes) = try document.resolve(streams[key]),
          dictionary["Subtype"]?.nameValue != "application/xml"
        else { continue }
        dictionary["Subtype"] = .name("application/xml")
        update.set(reference, .stream(dictionary, bytes))
        changed.insert(reference.number)
      }
    }
    guard !changed.isEmpty else { return data }
    update.updateIdentifier = (try? Digest.sha256(data)).map { Array($0.prefix(16)) }
    return Data(update.write().bytes)
  }

  fileprivate func collectNameTree(_ node: PDFObject, into result: inout [(String?, PDFObject)], depth: Int)
    throws(PDFError)
  {
    guard depth < PDFLexer.maximumNesting, result.count < Self.maximumEmbeddedFiles else { return }
    guard let dictionary = try resolveDictionary(node) else { return }
    if let names = try resolve(dictionary["Names"]).arrayValue {
      var index = 0
      while index + 1 < names.count {
        let key = try resolve(names[index]).stringValue.map(PDFObject.decodeText)
        result.append((key, names[index + 1]))
        index += 2
      }
    }
    if let kids = try resolve(dictionary["Kids"]).arrayValue {
      for kid in kids { try collectNameTree(kid, into: &result, depth: depth + 1) }
    }
  }
}

import Foundation
import RegistreFormats
@testable import RegistreImport

enum Fixture {
  static func data(_ name: String) throws -> Data {
    guard let url = Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil) else {
      throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: name])
    }
    return try Data(contentsOf: url)
  }

  static func url(_ name: String) throws -> URL {
    guard let url = Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil) else {
      throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: name])
    }
    return url
  }
}

extension DraftValue {
  /// The value at a dotted path with indices: `donnees[1].categorie`.
  func at(_ path: String) -> DraftValue? {
    var current: DraftValue? = self
    for part in path.split(separator: ".") {
      var name = Substring(part)
      var index: Int?
      if let open = part.firstIndex(of: "["), let close = part.firstIndex(of: "]") {
        name = part[..<open]
        index = Int(part[part.index(after: open)..<close])
      }
      current = current?[String(name)]
      if let index {
        guard case .list(let items)? = current, items.indices.contains(index) else { return nil }
        current = items[index]
      }
    }
    return current
  }

  func text(_ path: String) -> String? {
    if case .text(let s)? = at(path) { return s }
    return nil
  }

  func count(_ path: String) -> Int {
    if case .list(let items)? = at(path) { return items.count }
    return 0
  }
}

extension ImportedRegister {
  func treatment(_ id: String) -> DraftValue? { treatments.first { $0.id == id }?.draft }
}

import ZIPFoundation

/// Builds zip files in memory for hostile-input tests.
enum TestZip {
  static func make(_ entries: [(String, Data)], compressed: Bool = true) throws -> Data {
    let archive = try Archive(data: Data(), accessMode: .create)
    for (path, data) in entries {
      try archive.addEntry(
        with: path, type: .file, uncompressedSize: Int64(data.count),
        compressionMethod: compressed && path != "mimetype" ? .deflate : .none
      ) { position, size in
        data.subdata(in: Int(position)..<Int(position) + size)
      }
    }
    guard let data = archive.data else { throw CocoaError(.fileWriteUnknown) }
    return data
  }

  static let mimetype = ("mimetype", Data("application/vnd.oasis.opendocument.spreadsheet".utf8))

  /// An ODS whose content.xml is `body` inside the spreadsheet element.
  static func ods(_ body: String, prolog: String = "") throws -> Data {
    let xml = """
      <?xml version="1.0" encoding="UTF-8"?>\(prolog)
      <office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
      xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" \
      xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>\(body)\
      </office:spreadsheet></office:body></office:document-content>
      """
    return try make([mimetype, ("content.xml", Data(xml.utf8))])
  }
}

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

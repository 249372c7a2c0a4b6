import Foundation

/// The one JSON layout of every machine report (English keys, sorted, indented, ISO 8601 dates),
/// so that two runs on the same input give the same bytes.
public enum ReportJSON {
  public static func string<Value: Encodable>(_ value: Value) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.dateEncodingStrategy = .iso8601
    return String(decoding: try encoder.encode(value), as: UTF8.self)
  }
}

public import Foundation
public import RegistreModel
import RegistreImport

/// The register as a table, in the CNIL's layout (`RegistreImport.CNILExport`): the CSV has one row per
/// treatment with the columns in the order of the CNIL fiche's blocks; the ODS has the list of treatments,
/// one fiche sheet per treatment following the model block by block, and sheets for the school, processors
/// and breaches.
public enum Spreadsheet {
  /// Column headers, in French.
  public static let colonnes = CNILExport.csvColumns

  /// The rows (without the header), treatments in the register's order.
  public static func rows(_ registre: Register) -> [[String]] {
    CNILExport.csvRows(registre)
  }

  /// CSV for French spreadsheet software: UTF-8 with a byte-order mark (Excel otherwise reads
  /// Windows-1252), `;` separators (the French list separator), CRLF line ends, RFC 4180 quoting.
  /// A cell starting with `=`, `+`, `-` or `@` is prefixed with `'` so it is never run as a formula.
  public static func csv(_ registre: Register) -> Data {
    var text = "\u{FEFF}"
    for row in [colonnes] + rows(registre) {
      text += row.map(cell).joined(separator: ";") + "\r\n"
    }
    return Data(text.utf8)
  }

  static func cell(_ value: String) -> String {
    var value = value
    if let first = value.first, "=+-@".contains(first) { value = "'" + value }
    guard value.contains(where: { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
    return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  /// An OpenDocument spreadsheet (`.ods`) in the CNIL's layout, `mimetype` first and stored.
  public static func ods(_ registre: Register) throws -> Data {
    var zip = ZipWriter()
    for (name, data) in CNILExport.odsParts(registre) { try zip.add(name, data) }
    return zip.finish()
  }
}

import Foundation

/// A reader for the CSV files spreadsheets and MADIS write: UTF-8 with or without a byte-order mark,
/// `;`, `,` or tab separators (guessed from the first line), `"` quoting with doubled quotes, and
/// PHP's `fputcsv` escape (a `\"` inside a quoted field is kept as is, not ended there).
enum CSV {
  static func table(_ data: Data, name: String) throws(ImportError) -> Table {
    var bytes = [UInt8](data)
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
    guard let text = String(bytes: bytes, encoding: .utf8) else {
      throw ImportError("\(name) : le fichier n'est pas en UTF-8 (enregistrez-le en « CSV UTF-8 »)")
    }
    let scalars = Array(text.unicodeScalars)
    let separator = guessSeparator(scalars)
    var rows: [[Cell]] = []
    var row: [Cell] = []
    var field = String.UnicodeScalarView()
    var quoted = false
    var index = 0
    var cells = 0
    var line = 1

    func endField() throws(ImportError) {
      guard field.count <= TableLimits.maximumCellLength else {
        throw ImportError("\(name), ligne \(line) : cellule de plus de \(TableLimits.maximumCellLength) caractères")
      }
      row.append(Cell(String(field)))
      field = String.UnicodeScalarView()
      cells += 1
      guard row.count <= TableLimits.maximumColumns else {
        throw ImportError("\(name), ligne \(line) : plus de \(TableLimits.maximumColumns) colonnes")
      }
      guard cells <= TableLimits.maximumCells else {
        throw ImportError("\(name) : plus de \(TableLimits.maximumCells) cellules")
      }
    }
    func endRow() throws(ImportError) {
      try endField()
      rows.append(row)
      row = []
      guard rows.count <= TableLimits.maximumRows else {
        throw ImportError("\(name) : plus de \(TableLimits.maximumRows) lignes")
      }
    }

    while index < scalars.count {
      let c = scalars[index]
      if quoted {
        if c == "\\", index + 1 < scalars.count, scalars[index + 1] == "\"" {
          field.append(c)
          field.append("\"")
          index += 2
          continue
        }
        if c == "\"" {
          if index + 1 < scalars.count, scalars[index + 1] == "\"" {
            field.append("\"")
            index += 2
            continue
          }
          quoted = false
          index += 1
          continue
        }
        if c == "\n" { line += 1 }
        field.append(c)
        index += 1
        continue
      }
      switch c {
      case "\"" where field.isEmpty:
        quoted = true
      case separator:
        try endField()
      case "\r":
        if index + 1 < scalars.count, scalars[index + 1] == "\n" { index += 1 }
        try endRow()
        line += 1
      case "\n":
        try endRow()
        line += 1
      default:
        field.append(c)
      }
      index += 1
    }
    if quoted { throw ImportError("\(name), ligne \(line) : guillemet ouvert jamais fermé") }
    if !field.isEmpty || !row.isEmpty { try endRow() }
    return Table(name: name, rows: rows)
  }

  /// The separator that occurs most often outside quotes in the first line.
  static func guessSeparator(_ scalars: [Unicode.Scalar]) -> Unicode.Scalar {
    var counts: [Unicode.Scalar: Int] = [";": 0, ",": 0, "\t": 0]
    var quoted = false
    for c in scalars {
      if c == "\"" { quoted.toggle() }
      if !quoted, c == "\n" { break }
      if !quoted, counts[c] != nil { counts[c, default: 0] += 1 }
    }
    var best: Unicode.Scalar = ";"
    for candidate in [",", "\t"] as [Unicode.Scalar] where counts[candidate, default: 0] > counts[best, default: 0] {
      best = candidate
    }
    return best
  }
}

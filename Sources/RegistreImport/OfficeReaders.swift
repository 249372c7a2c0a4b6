import Foundation
import RegistreModel

/// Counts what a file's sheets hold, against `TableLimits`, so that a sheet of a million repeated
/// cells is refused with its name instead of filling memory.
struct CellBudget {
  let file: String
  var cells = 0

  mutating func take(_ n: Int, sheet: String) throws(ImportError) {
    cells += n
    guard cells <= TableLimits.maximumCells else {
      throw ImportError("\(file), feuille « \(sheet) » : plus de \(TableLimits.maximumCells) cellules remplies (feuille démesurée) ; refusé")
    }
  }
}

/// The sheets of an OpenDocument spreadsheet (`content.xml`): text in document order (paragraphs joined
/// by line breaks, `<text:s/>` spaces kept), cell comments left out, date cells typed, repeated cells
/// and rows expanded only up to the next filled one.
enum ODSReader {
  static let mimeType = "application/vnd.oasis.opendocument.spreadsheet"

  static func isODS(_ zip: ZipContainer) -> Bool {
    guard zip.contains("mimetype"), let data = try? zip.data("mimetype") else { return false }
    return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) == mimeType
  }

  static func tables(_ zip: ZipContainer) throws(ImportError) -> [Table] {
    guard zip.contains("content.xml") else { throw ImportError("\(zip.name) : content.xml absent : pas un tableur OpenDocument") }
    let data = try zip.data("content.xml")
    var tables: [Table] = []
    var budget = CellBudget(file: zip.name)
    var sheet: String?
    var rows: [[Cell]] = []
    var pendingRows = 0
    var rowRepeat = 1
    var row: [Cell]?
    var pendingCells = 0
    var cellRepeat = 1
    var cell: Cell?
    var paragraphs: [String] = []
    var paragraph: String?
    var annotationDepth = 0
    let name = "\(zip.name)/content.xml"

    func bounded(_ attribute: String?, limit: Int, what: String) throws(ImportError) -> Int {
      guard let attribute else { return 1 }
      guard let n = Int(attribute), n >= 1 else { throw ImportError("\(name), feuille « \(sheet ?? "") » : \(what) invalide « \(attribute) »") }
      return n
    }

    try XMLEvents.parse(data, name: name) { (event) throws(ImportError) in
      switch event {
      case .start(let element, let attributes):
        if annotationDepth > 0 {
          if element == "office:annotation" { annotationDepth += 1 }
          return
        }
        switch element {
        case "table:table":
          sheet = attributes["table:name"] ?? "Feuille \(tables.count + 1)"
          rows = []
          pendingRows = 0
        case "table:table-row":
          row = []
          pendingCells = 0
          rowRepeat = try bounded(attributes["table:number-rows-repeated"], limit: Int.max, what: "répétition de lignes")
        case "table:table-cell", "table:covered-table-cell":
          cellRepeat = try bounded(attributes["table:number-columns-repeated"], limit: Int.max, what: "répétition de cellules")
          var date: Day?
          if attributes["office:value-type"] == "date", let value = attributes["office:date-value"] {
            date = Day(iso: String(value.prefix(10)))
          }
          cell = Cell("", date: date)
          paragraphs = []
        case "text:p", "text:h":
          paragraph = ""
        case "text:s":
          let n = min(Int(attributes["text:c"] ?? "1") ?? 1, 1_000)
          paragraph? += String(repeating: " ", count: max(n, 1))
        case "text:tab":
          paragraph? += "\t"
        case "text:line-break":
          paragraph? += "\n"
        case "office:annotation":
          annotationDepth = 1
        default:
          break
        }
      case .text(let text):
        guard annotationDepth == 0 else { return }
        if paragraph != nil {
          paragraph? += text
          if (paragraph?.utf8.count ?? 0) > TableLimits.maximumCellLength * 4 {
            throw ImportError("\(name), feuille « \(sheet ?? "") » : cellule de plus de \(TableLimits.maximumCellLength) caractères")
          }
        }
      case .end(let element):
        if annotationDepth > 0 {
          if element == "office:annotation" { annotationDepth -= 1 }
          return
        }
        switch element {
        case "text:p", "text:h":
          if let paragraph, cell != nil { paragraphs.append(paragraph) }
          paragraph = nil
        case "table:table-cell", "table:covered-table-cell":
          guard var finished = cell, row != nil else { return }
          finished.text = paragraphs.joined(separator: "\n")
          guard finished.text.count <= TableLimits.maximumCellLength else {
            throw ImportError("\(name), feuille « \(sheet ?? "") » : cellule de plus de \(TableLimits.maximumCellLength) caractères")
          }
          cell = nil
          if finished.text.isEmpty && finished.date == nil {
            pendingCells += cellRepeat
            return
          }
          let width = (row?.count ?? 0) + pendingCells + cellRepeat
          guard width <= TableLimits.maximumColumns else {
            throw ImportError("\(name), feuille « \(sheet ?? "") », ligne \(rows.count + pendingRows + 1) : plus de \(TableLimits.maximumColumns) colonnes remplies ; refusé")
          }
          try budget.take(pendingCells + cellRepeat, sheet: sheet ?? "")
          row? += Array(repeating: Cell(""), count: pendingCells) + Array(repeating: finished, count: cellRepeat)
          pendingCells = 0
        case "table:table-row":
          guard let finished = row else { return }
          row = nil
          if finished.isEmpty {
            pendingRows += rowRepeat
            return
          }
          guard rows.count + pendingRows + rowRepeat <= TableLimits.maximumRows else {
            throw ImportError("\(name), feuille « \(sheet ?? "") » : plus de \(TableLimits.maximumRows) lignes remplies ; refusé")
          }
          try budget.take(finished.count * rowRepeat, sheet: sheet ?? "")
          rows += Array(repeating: [], count: pendingRows) + Array(repeating: finished, count: rowRepeat)
          pendingRows = 0
        case "table:table":
          tables.append(Table(name: sheet ?? "", rows: rows))
          sheet = nil
        default:
          break
        }
      }
    }
    return tables
  }
}

/// The sheets of an Office Open XML workbook (`.xlsx`): names from `xl/workbook.xml` and its relations,
/// shared and inline strings, numbers as written (dates are serial numbers there, read by the mapping).
enum XLSXReader {
  static func isXLSX(_ zip: ZipContainer) -> Bool { zip.contains("xl/workbook.xml") }

  static func tables(_ zip: ZipContainer) throws(ImportError) -> [Table] {
    var budget = CellBudget(file: zip.name)
    var shared: [String] = []
    if zip.contains("xl/sharedStrings.xml") {
      var current: String?
      var inText = false
      var inPhonetic = false
      try XMLEvents.parse(try zip.data("xl/sharedStrings.xml"), name: "\(zip.name)/xl/sharedStrings.xml") { (event) throws(ImportError) in
        switch event {
        case .start("si", _): current = ""
        case .start("rPh", _): inPhonetic = true
        case .end("rPh"): inPhonetic = false
        case .start("t", _): inText = true
        case .end("t"): inText = false
        case .text(let s) where inText && !inPhonetic: current? += s
        case .end("si"):
          shared.append(current ?? "")
          current = nil
          guard shared.count <= TableLimits.maximumCells else {
            throw ImportError("\(zip.name) : plus de \(TableLimits.maximumCells) textes partagés ; refusé")
          }
        default: break
        }
      }
    }
    var relations: [String: String] = [:]
    if zip.contains("xl/_rels/workbook.xml.rels") {
      try XMLEvents.parse(try zip.data("xl/_rels/workbook.xml.rels"), name: "\(zip.name)/xl/_rels/workbook.xml.rels") { (event) throws(ImportError) in
        if case .start("Relationship", let a) = event, let id = a["Id"], let target = a["Target"] { relations[id] = target }
      }
    }
    var sheets: [(String, String)] = []
    try XMLEvents.parse(try zip.data("xl/workbook.xml"), name: "\(zip.name)/xl/workbook.xml") { (event) throws(ImportError) in
      if case .start("sheet", let a) = event, let name = a["name"], let id = a["r:id"], let target = relations[id] {
        let path = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
        sheets.append((name, path))
      }
    }
    var tables: [Table] = []
    for (sheetName, path) in sheets {
      guard ZipContainer.isSafe(path), zip.contains(path) else {
        throw ImportError("\(zip.name) : la feuille « \(sheetName) » renvoie à « \(path) », absent ou hors de l'archive")
      }
      var rows: [[Cell]] = []
      var reference = ""
      var type = ""
      var value: String?
      var inValue = false
      var rowIndex = -1
      try XMLEvents.parse(try zip.data(path), name: "\(zip.name)/\(path)") { (event) throws(ImportError) in
        switch event {
        case .start("row", let a):
          rowIndex = (Int(a["r"] ?? "") ?? (rowIndex + 2)) - 1
        case .start("c", let a):
          reference = a["r"] ?? ""
          type = a["t"] ?? "n"
          value = nil
        case .start("v", _), .start("t", _): inValue = true
        case .end("v"), .end("t"): inValue = false
        case .text(let s) where inValue: value = (value ?? "") + s
        case .end("c"):
          guard var text = value else { return }
          if type == "s" { text = Int(text).flatMap { shared.indices.contains($0) ? shared[$0] : nil } ?? "" }
          if type == "b" { text = text == "1" ? "VRAI" : "FAUX" }
          let letters = String(reference.prefix { $0.isLetter })
          let column = Table.columnIndex(letters) ?? 0
          let r = Int(reference.drop { $0.isLetter }).map { $0 - 1 } ?? max(rowIndex, 0)
          guard r >= 0, r < TableLimits.maximumRows, column < TableLimits.maximumColumns else {
            throw ImportError("\(zip.name), feuille « \(sheetName) » : cellule « \(reference) » hors des limites (\(TableLimits.maximumRows) lignes, \(TableLimits.maximumColumns) colonnes)")
          }
          guard text.count <= TableLimits.maximumCellLength else {
            throw ImportError("\(zip.name), feuille « \(sheetName) », \(reference) : cellule de plus de \(TableLimits.maximumCellLength) caractères")
          }
          try budget.take(1, sheet: sheetName)
          while rows.count <= r { rows.append([]) }
          while rows[r].count <= column { rows[r].append(Cell("")) }
          rows[r][column] = Cell(text)
        default: break
        }
      }
      tables.append(Table(name: sheetName, rows: rows))
    }
    return tables
  }
}

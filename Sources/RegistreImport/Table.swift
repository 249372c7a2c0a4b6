public import RegistreModel

/// One cell of a sheet: its text as shown, and its date when the cell is date-typed.
public struct Cell: Sendable, Equatable {
  public var text: String
  public var date: Day?

  public init(_ text: String, date: Day? = nil) {
    self.text = text
    self.date = date
  }
}

/// One sheet (or a CSV file): rows of cells, short rows allowed.
public struct Table: Sendable, Equatable {
  public var name: String
  public var rows: [[Cell]]

  public init(name: String, rows: [[Cell]]) {
    self.name = name
    self.rows = rows
  }

  /// The cell at 0-based `row`, `column`; an empty cell past the end of a short row.
  public subscript(row: Int, column: Int) -> Cell {
    guard rows.indices.contains(row), rows[row].indices.contains(column) else { return Cell("") }
    return rows[row][column]
  }

  /// Spreadsheet name of a cell: `B25` for 0-based row 24, column 1.
  public static func reference(row: Int, column: Int) -> String {
    "\(columnLetters(column))\(row + 1)"
  }

  /// `A`, `B`, … `Z`, `AA`… for a 0-based column.
  public static func columnLetters(_ column: Int) -> String {
    var n = column + 1
    var letters = ""
    while n > 0 {
      let r = (n - 1) % 26
      letters = String(UnicodeScalar(UInt8(65 + r))) + letters
      n = (n - 1) / 26
    }
    return letters
  }

  /// 0-based column of `A`, `B`, … `AA`; `nil` for anything else.
  public static func columnIndex(_ letters: String) -> Int? {
    guard !letters.isEmpty, letters.count <= 3 else { return nil }
    var n = 0
    for scalar in letters.uppercased().unicodeScalars {
      guard ("A"..."Z").contains(scalar) else { return nil }
      n = n * 26 + Int(scalar.value - 64)
    }
    return n - 1
  }
}

/// Bounds on what a sheet may hold, so that a hostile file fails fast with a clear message.
public enum TableLimits {
  /// Rows in one sheet or CSV file.
  public static let maximumRows = 100_000
  /// Columns in one row.
  public static let maximumColumns = 1_024
  /// Cells of all sheets of one file (after `number-columns-repeated` is expanded).
  public static let maximumCells = 2_000_000
  /// Characters in one cell.
  public static let maximumCellLength = 100_000
}

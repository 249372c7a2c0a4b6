public import Foundation
public import RegistreSupport

/// The formats `registre importer` reads.
public enum ImportFormat: String, Sendable, CaseIterable {
  case cnilODS = "cnil-ods"
  case madisCSV = "madis-csv"
  case spreadsheet = "tableur"
}

/// Reads a file into register drafts: the format given, or guessed from the content (a zip with the CNIL
/// model's sheets, MADIS's header row, or else any spreadsheet, which needs a mapping).
public enum Importer {
  /// Largest input file (the CNIL model weighs 60 to 80 kB, a MADIS export of a thousand treatments a few MB).
  public static let maximumFileSize = 64 * 1024 * 1024

  public struct Options: Sendable {
    public var format: ImportFormat?
    /// Text of the mapping file (`--correspondance`), for `tableur`.
    public var mapping: String?
    /// For a MADIS file that holds several collectivities.
    public var structure: String?
    /// Where the reading stands (issue 22): the source read, then each fiche converted, n of N.
    public var progress: ProgressReport?

    public init(format: ImportFormat? = nil, mapping: String? = nil, structure: String? = nil, progress: ProgressReport? = nil) {
      self.format = format
      self.mapping = mapping
      self.structure = structure
      self.progress = progress
    }
  }

  public static func read(_ data: Data, name: String, options: Options = Options()) throws(ImportError) -> ImportedRegister {
    guard !data.isEmpty else { throw ImportError("\(name) : fichier vide") }
    guard data.count <= maximumFileSize else {
      throw ImportError("\(name) : fichier trop grand (\(data.count) octets, au plus \(maximumFileSize))")
    }
    let isZip = data.starts(with: [0x50, 0x4B, 0x03, 0x04]) || data.starts(with: [0x50, 0x4B, 0x05, 0x06])
    let reading = ProgressCounter("Lecture de la source", total: 1, report: options.progress)
    let tables: [Table]
    if isZip {
      let zip = try ZipContainer(data, name: name)
      if ODSReader.isODS(zip) {
        tables = try ODSReader.tables(zip)
      } else if XLSXReader.isXLSX(zip) {
        tables = try XLSXReader.tables(zip)
      } else {
        throw ImportError("\(name) : archive zip qui n'est ni un classeur OpenDocument (.ods) ni un classeur Excel (.xlsx)")
      }
    } else {
      tables = [try CSV.table(data, name: name)]
    }
    reading.advance()
    let format: ImportFormat
    if let given = options.format {
      format = given
    } else if options.mapping != nil {
      format = .spreadsheet
    } else if isZip, CNILModel.recognises(tables) {
      format = .cnilODS
    } else if !isZip, let table = tables.first, MadisCSV.recognises(table) {
      format = .madisCSV
    } else {
      throw ImportError(
        "\(name) : ni le modèle de registre de la CNIL ni l'export CSV de MADIS ; pour un autre tableur, "
          + "donnez une correspondance des colonnes (--correspondance FICHIER.yaml, modèle : registre importer --modele-correspondance)")
    }
    switch format {
    case .cnilODS:
      guard isZip else { throw ImportError("\(name) : --format cnil-ods attend un fichier .ods") }
      guard CNILModel.recognises(tables) else {
        throw ImportError("\(name) : aucune feuille n'a les libellés de la fiche de la CNIL (« Nom du traitement », « Finalité principale ») ni la liste des traitements")
      }
      return try CNILModel.read(tables, file: name, progress: options.progress)
    case .madisCSV:
      guard !isZip, let table = tables.first else { throw ImportError("\(name) : --format madis-csv attend un fichier .csv") }
      return try MadisCSV.read(table, structure: options.structure, progress: options.progress)
    case .spreadsheet:
      guard let mapping = options.mapping else {
        throw ImportError("\(name) : --format tableur demande --correspondance FICHIER.yaml (modèle : registre importer --modele-correspondance)")
      }
      return try MappedSpreadsheet.read(tables, mapping: try ColumnMapping.parse(mapping), file: name, isCSV: !isZip, progress: options.progress)
    }
  }
}

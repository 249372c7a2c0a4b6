// libFuzzer harness: `registre importer` on untrusted bytes (zip containers with ODS or XLSX sheets, CSV,
// MADIS's export, the CNIL model), with the hostile-input bounds of RegistreImport.
import Foundation
import RegistreImport

/// The mapping used when the first byte asks for the generic spreadsheet reader.
private let mapping = """
  colonnes:
    nom: A
    finalite_principale: B
    donnees: C
    conservation: D
    personnes_concernees: E
    destinataires: F
    sous_traitants: G
    mesures_securite: H
    date_creation: I
  """

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzImport(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
  guard let start, count > 0 else { return 0 }
  // The first byte chooses the format: guessed from the content, or forced.
  let options: Importer.Options
  switch start[0] % 4 {
  case 1: options = .init(format: .madisCSV)
  case 2: options = .init(format: .spreadsheet, mapping: mapping)
  case 3: options = .init(format: .cnilODS)
  default: options = .init()
  }
  let data = Data(bytes: start + 1, count: count - 1)
  _ = try? Importer.read(data, name: "fuzz", options: options)
  return 0
}

// libFuzzer harness: one YAML record file, as the register folder reader sees it.
// The first byte picks the record type; the rest is the file's content.
import Foundation
import RegistreFormats
import RegistreModel
import RegistreRules

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzYAML(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
  guard let start, count > 0 else { return 0 }
  let selector = start[0]
  let data = Data(bytes: start + 1, count: count - 1)
  switch selector % 5 {
  case 0: _ = try? YAMLFileReading.read(data, fichier: "etablissement.yaml", type: Format.etablissement, en: School.self)
  case 1: _ = try? YAMLFileReading.read(data, fichier: "t.yaml", type: Format.traitement, en: Treatment.self)
  case 2:
    _ = try? YAMLFileReading.read(data, fichier: "s.yaml", type: Format.sousTraitant, en: Processor.self)
  case 3: _ = try? YAMLFileReading.read(data, fichier: "v.yaml", type: Format.violation, en: Breach.self)
  default:
    _ = try? YAMLFileReading.read(
      data, fichier: "acceptations.yaml", type: Format.acceptations, en: Acceptances.self)
  }
  // Catalogue templates accept « À COMPLÉTER » markers: a second path through the text checks.
  if selector >= 128 {
    _ = try? YAMLFileReading.read(
      data, fichier: "modele.yaml", type: Format.traitement, en: Treatment.self, accepterMarqueurs: true)
  }
  return 0
}

// libFuzzer harness: a vendor's tool sheet, as `registre evaluer` reads it, then the evaluation
// rules on what was read (no register, no TLS probe: nothing leaves the process).
import Foundation
import RegistreEvaluation
import RegistreModel

private let jour = Day(iso: "2026-11-29")

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzToolSheet(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
  guard let start, let jour else { return 0 }
  let data = Data(bytes: start, count: count)
  guard let fiche = try? ToolSheetReading.read(data, fichier: "fiche.yaml") else { return 0 }
  _ = Evaluator.evaluate(fiche, contexte: EvaluationContext(date: jour))
  return 0
}

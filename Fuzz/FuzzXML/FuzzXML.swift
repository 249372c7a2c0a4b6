// libFuzzer harness: a canonical XML register (parse with DOCTYPE refusal, XSD validation, model).
import Foundation
import RegistreFormats

private let source = URL(fileURLWithPath: "/nonexistent/registre.xml")

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzXML(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
  guard let start else { return 0 }
  let data = Data(bytes: start, count: count)
  _ = try? RegisterLoading.loadXML(data, nom: "registre.xml", source: source)
  return 0
}

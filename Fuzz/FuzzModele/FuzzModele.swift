// libFuzzer harness: the template step. The input is a school's XSLT template (what
// `--modeles DIR` supplies); it is compiled in a private folder and applied to a small
// register with tight XSLTLimits. Nothing may crash, hang past the limits or read outside
// the folder; every outcome (result, refusal, limit reached) is acceptable.
import Foundation
import RegistreXML

private let folder: URL = {
  let url = FileManager.default.temporaryDirectory.appendingPathComponent("registre-fuzz-modele-\(getpid())")
  try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  return url
}()
private let template = folder.appendingPathComponent("registre.xsl")
private let register = Data(
  """
  <registre xmlns="urn:registre"><etablissement><nom>Collège &amp; lycée</nom></etablissement>
  <traitements><traitement id="t1"><nom>Cantine</nom></traitement><traitement id="t2"><nom>ENT</nom></traitement>
  </traitements></registre>
  """.utf8)
private let limits = XSLTLimits(
  instructions: 200_000, xpathOperations: 2_000_000, memoryBytes: 64 * 1024 * 1024, time: .seconds(1))

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzTemplate(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
  guard let start else { return 0 }
  guard (try? Data(bytes: start, count: count).write(to: template)) != nil else { return 0 }
  guard let stylesheet = try? XSLTStylesheet(contentsOf: template, templatesDirectory: folder),
    let input = try? XMLDocument.parse(data: register, name: "registre.xml")
  else { return 0 }
  _ = try? stylesheet.transform(input, parameters: ["date-document": "2026-12-01"], limits: limits)
  return 0
}

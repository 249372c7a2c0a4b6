import Foundation
import RegistreTestSupport
import Testing

@testable import RegistreSignature

/// The CMS of the last signature of `pdf` and where its hexadecimal digits start.
func lastSignatureCMS(_ pdf: [UInt8]) throws -> (der: [UInt8], hexStart: Int, hexLength: Int) {
  let document = try PDFDocument(bytes: pdf)
  let (_, dictionary) = try #require(try PDFVerifier.signatureFields(document).last)
  let range = dictionary["ByteRange"]?.arrayValue?.compactMap(\.integerValue) ?? []
  let contents = dictionary["Contents"]?.stringValue
  try #require(range.count == 4 && contents != nil, "signature sans /ByteRange ni /Contents")
  guard let contents else { return ([], 0, 0) }
  return (contents, range[1] + 1, range[2] - range[1] - 2)
}

/// Writes `der` in place of the last signature's `/Contents`, padded with zeros.
func replaceLastSignatureCMS(_ pdf: [UInt8], with der: [UInt8]) throws -> [UInt8] {
  let (_, start, length) = try lastSignatureCMS(pdf)
  try #require(der.count * 2 <= length, "le CMS modifié ne tient pas dans /Contents")
  var bytes = pdf
  for index in start..<(start + length) { bytes[index] = UInt8(ascii: "0") }
  PDFSigner.writeHex(der, into: &bytes, at: start)
  return bytes
}

@Suite("Horodatage de signature : un jeton repris d'une autre signature est refusé")
struct TimestampAttackTests {
  @Test("Jeton d'horodatage d'une autre signature greffé (CMS réécrit par asn1crypto) : refusé, raison en français ; pyHanko refuse aussi")
  func transplantedToken() throws {
    let fixtures = try Fixtures.get()
    let python = try Checkers.require("python3", package: "python3")
    let tsa = try LocalTSA(fixtures: fixtures)
    let options = SignatureOptions(timestampURL: tsa.url)
    // Two B-T signatures by the same signer and the same authority, on two different documents.
    let target = [UInt8](try signed(fixtures.classicPDF, fixtures, options: options))
    let donor = [UInt8](try signed(fixtures.embeddedXMLPDF, fixtures, options: options))
    // Control: the untouched target is valid, its timestamp too.
    let control = try verify(Data(target), fixtures)
    #expect(control.valid, "\(control)")
    #expect(control.signatures.first?.timestamp?.valid == true)

    let targetFile = try fixtures.write(Data(try lastSignatureCMS(target).der), "cible.der")
    let donorFile = try fixtures.write(Data(try lastSignatureCMS(donor).der), "donneur.der")
    let output = fixtures.url("\(UUID().uuidString)-greffe.der")
    let script = try #require(Bundle.module.url(forResource: "Fixtures/swap_timestamp.py", withExtension: nil))
    let swap = try runTool(python, [script.path, targetFile.path, donorFile.path, output.path])
    try #require(swap.status == 0, "asn1crypto (pyHanko) : \(swap.output)")
    let grafted = try replaceLastSignatureCMS(target, with: [UInt8](try Data(contentsOf: output)))

    let report = try verify(Data(grafted), fixtures)
    let signature = try #require(report.signatures.first)
    // The signature itself is untouched: intact and cryptographically correct.
    #expect(signature.intact)
    #expect(signature.signatureValid)
    #expect(!report.valid)
    #expect(!signature.valid)
    let timestamp = try #require(signature.timestamp)
    #expect(!timestamp.valid)
    #expect(timestamp.problem?.contains("porte sur d'autres données") == true, "\(timestamp)")
    #expect(signature.problems.contains { $0.hasPrefix("horodatage invalide : le jeton d'horodatage porte sur d'autres données") },
      "\(signature.problems)")
    // An invalid timestamp neither raises the level nor moves the date at which the chain is checked.
    #expect(signature.level == "PAdES-B-B")
    #expect(signature.chainCheckedAt != timestamp.time)

    // The registre verifier says it too, with exit code 1.
    let file = try fixtures.write(Data(grafted), "greffe.pdf")
    let cli = try RegistreCLI.run(["verifier", file.path, "--ac", fixtures.url("root.pem").path], mergeErrors: true)
    #expect(cli.status == 1, "\(cli.output)")
    #expect(cli.output.contains("porte sur d'autres données"), "\(cli.output)")

    // Second opinion.
    let pyhanko = try fixtures.pyhankoValidate(file)
    #expect(pyhanko.status != 0, "\(pyhanko.output)")
    #expect(!pyhanko.output.contains("TIMESTAMP_TOKEN<INTACT:TRUSTED>"), "\(pyhanko.output)")
  }
}

import Foundation
import Testing

@testable import RegistreSignature

/// Builds a small PDF with a classic xref table; `trailerExtra` is added to the trailer and
/// `startxref` may be overridden to point anywhere.
func handMadePDF(objects: [String], trailerExtra: String = "", startXref: Int? = nil) -> [UInt8] {
  var bytes = Array("%PDF-1.4\n%\u{E2}\u{E3}\n".utf8)
  var offsets: [Int] = []
  for (index, body) in objects.enumerated() {
    offsets.append(bytes.count)
    bytes += Array("\(index + 1) 0 obj\n\(body)\nendobj\n".utf8)
  }
  let xref = bytes.count
  var table = "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
  for offset in offsets { table += String(format: "%010d 00000 n \n", offset) }
  table += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R \(trailerExtra) >>\nstartxref\n\(startXref ?? xref)\n%%EOF\n"
  bytes += Array(table.utf8)
  return bytes
}

let minimalObjects = [
  "<< /Type /Catalog /Pages 2 0 R >>",
  "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
  "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
  "<< /Length 8 >>\nstream\nBT ET q\nendstream",
]

@Suite("Lecteur PDF robuste")
struct PDFReaderTests {
  @Test("PDF minimal fait main : lu, signé, vérifié")
  func minimal() throws {
    let fixtures = try Fixtures.get()
    let pdf = Data(handMadePDF(objects: minimalObjects))
    let document = try PDFDocument(data: pdf)
    #expect(try document.firstPage().0 == PDFReference(number: 3))
    let output = try signed(pdf, fixtures)
    #expect(try verify(output, fixtures).valid)
  }

  @Test("Objets : chaînes, noms, nombres, références, tableaux imbriqués")
  func lexer() throws {
    var lexer = PDFLexer(bytes: Array("<< /A (a\\(b\\)\\101) /B <48 65 6C6> /N#20x /V /R 12 0 R /L [1 -2.5 +3 true null] >>".utf8))
    let object = try lexer.parseObject()
    let dictionary = try #require(object.dictionaryValue)
    #expect(dictionary["A"] == .string(Array("a(b)A".utf8)))
    #expect(dictionary["B"] == .string([0x48, 0x65, 0x6C, 0x60]))
    #expect(dictionary["N x"] == .name("V"))
    #expect(dictionary["R"] == .reference(PDFReference(number: 12)))
    #expect(dictionary["L"] == .array([.integer(1), .real(-2.5), .integer(3), .bool(true), .null]))
    // Round trip through the serialiser.
    var again = PDFLexer(bytes: object.serialized())
    #expect(try again.parseObject() == object)
  }

  @Test("Imbrication extrême : refusée sans planter")
  func deepNesting() {
    let bytes = Array(String(repeating: "[", count: 100_000).utf8)
    var lexer = PDFLexer(bytes: bytes)
    #expect(throws: PDFError.self) { try lexer.parseObject() }
  }

  @Test("/Length plus grand que le fichier : flux retrouvé par endstream")
  func lengthBeyondFile() throws {
    var objects = minimalObjects
    objects[3] = "<< /Length 99999999 >>\nstream\nBT ET q\nendstream"
    let document = try PDFDocument(data: Data(handMadePDF(objects: objects)))
    guard case .stream(_, let data) = try document.object(4) else {
      Issue.record("stream expected")
      return
    }
    #expect(data == Array("BT ET q".utf8))
  }

  @Test("Boucle /Prev et startxref hors du fichier : pas de blocage")
  func prevLoop() throws {
    let base = handMadePDF(objects: minimalObjects)
    let xref = try #require(PDFDocument.findLast(Array("\nxref\n".utf8), in: base, range: 0..<base.count)) + 1
    // /Prev pointing to the section itself.
    let looping = handMadePDF(objects: minimalObjects, trailerExtra: "/Prev \(xref)")
    #expect(try PDFDocument(data: Data(looping)).sections.count == 1)
    #expect(throws: PDFError.self) {
      try PDFDocument(data: Data(handMadePDF(objects: minimalObjects, startXref: 10_000_000)))
    }
    #expect(throws: PDFError.self) {
      try PDFDocument(data: Data(handMadePDF(objects: minimalObjects, startXref: 20)))
    }
  }

  @Test("Références circulaires dans /Length et l'arbre des pages : erreur ou repli, jamais de blocage")
  func circularReferences() throws {
    var objects = minimalObjects
    objects[1] = "<< /Type /Pages /Kids [2 0 R] /Count 1 >>"
    objects[3] = "<< /Length 4 0 R >>\nstream\nBT ET q\nendstream"
    let document = try PDFDocument(data: Data(handMadePDF(objects: objects)))
    #expect(throws: PDFError.self) { try document.firstPage() }
    #expect(try document.object(4) != .null)
  }

  @Test("Fichiers altérés au hasard : jamais de plantage")
  func mutations() throws {
    let fixtures = try Fixtures.get()
    var generator = SeededGenerator(seed: 20_261_129)
    for source in [fixtures.xrefStreamPDF, try signed(fixtures.classicPDF, fixtures)] {
      let original = [UInt8](source)
      for round in 0..<150 {
        var bytes = original
        if round % 5 == 0 {
          bytes = Array(bytes.prefix(Int.random(in: 0..<bytes.count, using: &generator)))
        } else {
          for _ in 0..<Int.random(in: 1...8, using: &generator) {
            // Bias towards the structure at the end of the file.
            let position = round % 2 == 0
              ? Int.random(in: max(0, bytes.count - 600)..<bytes.count, using: &generator)
              : Int.random(in: 0..<bytes.count, using: &generator)
            bytes[position] = UInt8.random(in: 0...255, using: &generator)
          }
        }
        // Either outcome is fine; the test is that it returns.
        _ = try? PDFVerifier.verify(Data(bytes))
        _ = try? PDFSigner.sign(Data(bytes), credentials: try fixtures.signer())
      }
    }
    #expect(Bool(true), "every mutated file was handled")
  }

  @Test("Nombres démesurés (/Length, /ByteRange, /XRefStm, /M) : pas de dépassement arithmétique")
  func hugeNumbers() throws {
    var objects = minimalObjects
    objects[3] = "<< /Length 9223372036854775807 >>\nstream\nBT ET q\nendstream"
    let document = try PDFDocument(data: Data(handMadePDF(objects: objects, trailerExtra: "/XRefStm -5")))
    #expect(try document.object(4) != .null)
    #expect(throws: PDFError.self) {
      try PDFDocument(data: Data(handMadePDF(objects: minimalObjects, trailerExtra: "/Prev 9223372036854775807")))
    }
    let big = "9223372036854775807"
    let signatureObjects = [
      "<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [5 0 R] >> >>",
      minimalObjects[1], minimalObjects[2], minimalObjects[3],
      "<< /FT /Sig /T (S) /V 6 0 R >>",
      "<< /Type /Sig /SubFilter /ETSI.CAdES.detached /M (D:20260101+99999999999999999'99) /ByteRange [0 \(big) \(big) \(big)] /Contents <00> >>",
    ]
    let report = try PDFVerifier.verify(Data(handMadePDF(objects: signatureObjects)))
    #expect(report.signatures.count == 1)
    #expect(report.signatures.first?.valid == false)
    #expect(report.signatures.first?.problems == ["/ByteRange invalide"])
  }

  @Test("Flux décompressé avec prédicteur PNG")
  func pngPredictor() throws {
    // Two rows of 3 columns with the Up filter (2).
    let raw: [UInt8] = [2, 1, 2, 3, 2, 1, 1, 1]
    let decoded = try StreamDecoder.unpredict(raw, parameters: PDFDictionary([("Predictor", .integer(12)), ("Columns", .integer(3))]))
    #expect(decoded == [1, 2, 3, 2, 3, 4])
  }
}

/// A deterministic generator so a failing mutation can be reproduced.
struct SeededGenerator: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

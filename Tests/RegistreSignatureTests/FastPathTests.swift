import Foundation
import RegistreCrypto
import Testing

@testable import RegistreSignature

/// The helpers that spare copies and byte loops on large files: each checked against a plain reference.
@Suite("Chemins rapides : recherche d'octets, révision ajoutée, hexadécimal, date")
struct FastPathTests {
  /// The obvious quadratic search, as a reference.
  static func naiveFind(_ needle: [UInt8], in haystack: [UInt8], range: Range<Int>) -> Int? {
    guard !needle.isEmpty, range.count >= needle.count else { return nil }
    for index in range.lowerBound...(range.upperBound - needle.count)
    where Array(haystack[index..<(index + needle.count)]) == needle {
      return index
    }
    return nil
  }

  @Test("find : trouve la première occurrence dans l'intervalle, rien au-delà")
  func findInRange() {
    let text = Array("xx%%EOFyy%%EOF%%EO".utf8)
    let marker = Array("%%EOF".utf8)
    #expect(PDFDocument.find(marker, in: text, range: 0..<text.count) == 2)
    #expect(PDFDocument.find(marker, in: text, range: 3..<text.count) == 9)
    // The second marker ends at 14: a range stopping at 13 must not see it.
    #expect(PDFDocument.find(marker, in: text, range: 3..<13) == nil)
    #expect(PDFDocument.find(marker, in: text, range: 3..<14) == 9)
    // A truncated marker at the end is not a match.
    #expect(PDFDocument.find(marker, in: text, range: 10..<text.count) == nil)
    #expect(PDFDocument.find([], in: text, range: 0..<text.count) == nil)
    #expect(PDFDocument.find(marker, in: [], range: 0..<0) == nil)
    // A range beyond the buffer is clamped, never read out of bounds.
    #expect(PDFDocument.find(marker, in: text, range: 5..<1000) == 9)
  }

  @Test("find : mêmes réponses qu'une recherche naïve sur des octets aléatoires (premiers octets répétés)")
  func findMatchesNaive() {
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<300 {
      // A small alphabet makes partial matches (same first byte, different rest) frequent.
      let haystack = (0..<Int.random(in: 0...200, using: &generator)).map { _ in UInt8.random(in: 0...2, using: &generator) }
      let needle = (0..<Int.random(in: 1...4, using: &generator)).map { _ in UInt8.random(in: 0...2, using: &generator) }
      let lower = Int.random(in: 0...haystack.count, using: &generator)
      let upper = Int.random(in: lower...haystack.count, using: &generator)
      #expect(
        PDFDocument.find(needle, in: haystack, range: lower..<upper)
          == Self.naiveFind(needle, in: haystack, range: lower..<upper))
    }
  }

  @Test("revisionEnds : chaque %%EOF, avec et sans fin de ligne ; aucun sans marqueur")
  func revisionEnds() {
    let text = Array("a%%EOF\r\nb%%EOF\nc%%EOF".utf8)
    #expect(PDFVerifier.revisionEnds(text) == [6, 7, 8, 14, 15, 21])
    #expect(PDFVerifier.revisionEnds(Array("%%EO pas de marqueur %EOF".utf8)).isEmpty)
  }

  @Test("Révision ajoutée seule : identique à la fin du fichier complet, décalages absolus")
  func appendedBytesMatchWrite() throws {
    let original = handMadePDF(objects: minimalObjects)
    let document = try PDFDocument(bytes: original)
    var update = try IncrementalUpdate(document: document)
    let reference = update.allocate()
    update.set(reference, .dictionary(PDFDictionary([("Type", .name("Essai"))])))
    let (tail, tailOffsets) = update.appendedBytes()
    let (whole, wholeOffsets) = update.write()
    #expect(whole.count == original.count + tail.count)
    #expect(Array(whole[..<original.count]) == original)
    #expect(tailOffsets == wholeOffsets)
    let offset = try #require(tailOffsets[reference])
    #expect(offset > original.count)
    #expect(whole[offset..<(offset + 2)] == Array("<<".utf8)[...])
    // The new file reads back, with the new object where the cross-reference section says.
    let reread = try PDFDocument(bytes: whole)
    #expect(try reread.object(reference.number).dictionaryValue?["Type"]?.nameValue == "Essai")
  }

  @Test("Hexadécimal écrit en place, sans déborder du tampon")
  func hex() {
    var buffer = Array("<000000>".utf8)
    PDFSigner.writeHex([0x0A, 0xFF, 0x30], into: &buffer, at: 1)
    #expect(String(decoding: buffer, as: UTF8.self) == "<0AFF30>")
    var short = Array("<00>".utf8)
    PDFSigner.writeHex([0xAB, 0xCD], into: &short, at: 1)
    #expect(String(decoding: short, as: UTF8.self) == "<AB>")
  }

  @Test("Date PDF en UTC, relue à l'identique")
  func pdfDate() throws {
    let date = Date(timeIntervalSince1970: 1_767_225_599)  // 2025-12-31 23:59:59 UTC
    #expect(PDFSigner.pdfDate(date) == "D:20251231235959Z")
    #expect(PDFSigner.pdfDate(Date(timeIntervalSince1970: 0)) == "D:19700101000000Z")
    #expect(PDFVerifier.parsePDFDate(PDFSigner.pdfDate(date)) == date)
  }

  @Test("CMS signé par morceaux : même empreinte qu'en un bloc, lue dans la chaîne d'OpenSSL ; contenu modifié refusé")
  func cmsDigestInOnePass() throws {
    let fixtures = try Fixtures.get()
    let content = Array("première partie|seconde partie".utf8)
    let parts = [content[..<17], content[17...]]
    let der = try CMSSigner.sign(parts: parts, credentials: try fixtures.signer())
    let cms = try #require(CMSContainer(der: der))
    let signerInfo = try #require(cms.signerInfos.first)
    let hashed = CMSContentDigest(cms, parts)
    #expect(hashed.digest(.sha256) == (try Digest.compute(.sha256, over: [content[...]])))
    // No digest BIO for an algorithm the SignedData does not announce.
    #expect(hashed.digest(.sha512) == nil)
    #expect(hashed.verifyContent(signerInfo))
    let altered = CMSContentDigest(cms, [content[..<16]])
    #expect(altered.digest(.sha256) == (try Digest.compute(.sha256, over: [content[..<16]])))
    #expect(!altered.verifyContent(signerInfo))
  }

  @Test("Signature en place : la révision est ajoutée au tableau ; en cas d'échec il reste intact")
  func signInPlace() throws {
    let fixtures = try Fixtures.get()
    let original = handMadePDF(objects: minimalObjects)
    var bytes = original
    bytes.reserveCapacity(original.count + 256 * 1024)
    try PDFSigner.sign(appendingTo: &bytes, credentials: try fixtures.signer())
    #expect(bytes.count > original.count)
    #expect(Array(bytes[..<original.count]) == original)
    let report = try PDFVerifier.verify(Data(bytes), trustAnchors: [try fixtures.data("root.pem")])
    #expect(report.valid)
    // The copying variant leaves its input alone.
    let copy = try PDFSigner.sign(bytes: original, credentials: try fixtures.signer())
    #expect(copy.count > original.count)
    #expect(original == handMadePDF(objects: minimalObjects))
    var notAPDF = Array("bonjour".utf8)
    #expect(throws: SignatureError.self) { try PDFSigner.sign(appendingTo: &notAPDF, credentials: try fixtures.signer()) }
    #expect(notAPDF == Array("bonjour".utf8))
  }

  @Test("Date PDF : valeurs extrêmes sans plantage")
  func pdfDateExtremes() {
    #expect(PDFSigner.pdfDate(Date(timeIntervalSince1970: .infinity)) == "D:19700101000000Z")
    #expect(PDFSigner.pdfDate(Date(timeIntervalSince1970: 1e300)) == "D:19700101000000Z")
    #expect(PDFSigner.pdfDate(Date(timeIntervalSince1970: 253_402_300_799)) == "D:99991231235959Z")
  }

  @Test("Lecture des dates PDF : fuseaux, champs absents, champs hors bornes normalisés, texte invalide")
  func parseDates() {
    let noon = Date(timeIntervalSince1970: 1_780_142_400)  // 2026-05-30 12:00:00 UTC
    #expect(PDFVerifier.parsePDFDate("D:20260530120000Z") == noon)
    #expect(PDFVerifier.parsePDFDate("D:20260530140000+02'00'") == noon)
    #expect(PDFVerifier.parsePDFDate("D:20260530063000-05'30'") == noon)
    #expect(PDFVerifier.parsePDFDate("20260530120000") == noon)
    #expect(PDFVerifier.parsePDFDate("D:2026") == Date(timeIntervalSince1970: 1_767_225_600))  // 2026-01-01
    // Month 13 rolls over to January of the next year, as a calendar would.
    #expect(PDFVerifier.parsePDFDate("D:202513") == Date(timeIntervalSince1970: 1_767_225_600))
    #expect(PDFVerifier.parsePDFDate("D:19691231235959Z") == Date(timeIntervalSince1970: -1))
    #expect(PDFVerifier.parsePDFDate("D:99") == nil)
    #expect(PDFVerifier.parsePDFDate("hier") == nil)
  }
}

import Testing
@testable import RegistreSignature

@Test func moduleLinks() {
  #expect(PDFObject.integer(3).serialized() == Array("3".utf8))
}

import Testing
@testable import RegistreXML

@Test func moduleLinks() {
  #expect(Bool(true))
}

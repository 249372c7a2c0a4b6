import Testing
@testable import RegistreFormats

@Test func moduleLinks() {
  #expect(Bool(true))
}

import Testing
@testable import RegistreSignature

@Test func moduleLinks() {
  #expect(Bool(true))
}

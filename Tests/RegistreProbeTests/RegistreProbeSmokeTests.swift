import Testing
@testable import RegistreProbe

@Test func moduleLinks() {
  #expect(Bool(true))
}

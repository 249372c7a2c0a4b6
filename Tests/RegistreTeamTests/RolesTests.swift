import RegistreTeam
import Testing

@Suite("Rôles et statuts de relecture")
struct RolesTests {
  @Test("Un lecteur ne peut que lire")
  func readerOnlyReads() {
    for action in TeamAction.allCases {
      #expect(Role.lecteur.may(action) == (action == .read), "lecteur × \(action)")
    }
  }

  @Test("Seul le DPD marque contrôlé, seul le chef valide")
  func onlyDPDControlsOnlyHeadValidates() {
    #expect(Role.allCases.filter { $0.may(.markControlled) } == [.dpd])
    #expect(Role.allCases.filter { $0.may(.validate) } == [.chef])
    #expect(Role.allCases.filter { $0.may(.sealYear) } == [.chef])
  }

  @Test("Les seuls passages permis sont ceux du circuit de relecture")
  func reviewMoves() {
    #expect(ReviewState.brouillon.move(to: .aRelire) == .submitForReview)
    #expect(ReviewState.aRelire.move(to: .controle) == .markControlled)
    #expect(ReviewState.controle.move(to: .valide) == .validate)
    #expect(ReviewState.brouillon.move(to: .valide) == nil)
    #expect(ReviewState.brouillon.move(to: .controle) == nil)
    #expect(ReviewState.aRelire.move(to: .valide) == nil)
  }
}

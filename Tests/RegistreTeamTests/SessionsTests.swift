import Foundation
import RegistreTeam
import Testing

@Suite("Sessions : jetons aléatoires, expiration, fermeture")
struct SessionsTests {
  let user = SignedIn(account: "cpe", name: nil, role: .contributeur)
  let start = Date(timeIntervalSince1970: 3_000_000)

  @Test("Une session expire après 30 minutes sans requête")
  func idleExpiry() {
    let store = SessionStore()
    let token = store.open(user, now: start)
    #expect(token.count == 64)
    #expect(store.user(token, now: start.addingTimeInterval(29 * 60)) == user)
    // The request at 29 minutes renewed it; 31 minutes after that one, it is gone.
    #expect(store.user(token, now: start.addingTimeInterval(29 * 60 + 31 * 60)) == nil)
    #expect(store.user(token, now: start) == nil)
  }

  @Test("Une session active expire quand même 8 heures après la connexion")
  func absoluteExpiry() {
    let store = SessionStore()
    let token = store.open(user, now: start)
    var now = start
    while now.timeIntervalSince(start) < 8 * 3600 - 20 * 60 {
      now = now.addingTimeInterval(20 * 60)
      #expect(store.user(token, now: now) != nil)
    }
    #expect(store.user(token, now: start.addingTimeInterval(8 * 3600 + 1)) == nil)
  }

  @Test("Deux connexions ont deux jetons ; fermer l'une ne ferme pas l'autre ; un jeton inconnu ne vaut rien")
  func tokens() {
    let store = SessionStore()
    let a = store.open(user, now: start)
    let b = store.open(user, now: start)
    #expect(a != b)
    store.close(a)
    #expect(store.user(a, now: start) == nil)
    #expect(store.user(b, now: start) == user)
    #expect(store.user(String(repeating: "0", count: 64), now: start) == nil)
    #expect(SessionStore.token(inCookieHeader: "autre=1; registre_session=\(b); x=y") == b)
    #expect(SessionStore.token(inCookieHeader: "autre=1") == nil)
    #expect(SessionStore.setCookie(b).contains("HttpOnly; Secure; SameSite=Strict"))
  }
}

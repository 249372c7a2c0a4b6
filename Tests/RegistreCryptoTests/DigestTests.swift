import Foundation
import RegistreCrypto
import Testing

/// Known-answer vectors of FIPS 180-2 (NIST, 2002), appendices A–C and the SHA examples of NIST's
/// "Cryptographic Standards and Guidelines — Examples with Intermediate Values".
@Suite("Empreintes : vecteurs connus de la FIPS 180-2")
struct DigestTests {
  static let abc = Data("abc".utf8)
  static let twoBlocks = Data("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)

  @Test("SHA-1, SHA-256, SHA-384 et SHA-512 de « abc »")
  func abcVectors() throws {
    #expect(Digest.hex(try Digest.compute(.sha1, of: Self.abc)) == "a9993e364706816aba3e25717850c26c9cd0d89d")
    #expect(
      try Digest.sha256Hex(Self.abc) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    #expect(
      Digest.hex(try Digest.compute(.sha384, of: Self.abc))
        == "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7")
    #expect(
      Digest.hex(try Digest.compute(.sha512, of: Self.abc))
        == "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
        + "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f")
  }

  @Test("SHA-256 du message vide et du message de deux blocs")
  func emptyAndTwoBlocks() throws {
    #expect(try Digest.sha256Hex(Data()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(
      try Digest.sha256Hex(Self.twoBlocks) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
  }

  @Test("Par morceaux : même empreinte que d'un bloc, pour chaque algorithme ; longueurs annoncées")
  func partsEqualWhole() throws {
    let bytes = [UInt8](Self.twoBlocks)
    for algorithm in DigestAlgorithm.allCases {
      let whole = try Digest.compute(algorithm, of: Self.twoBlocks)
      #expect(whole.count == algorithm.length)
      #expect(try Digest.compute(algorithm, over: [bytes[..<5], bytes[5..<40], bytes[40...]]) == whole)
      #expect(try Digest.compute(algorithm, over: [bytes[...]]) == whole)
      // One byte less is another digest.
      #expect(try Digest.compute(algorithm, over: [bytes.dropLast()]) != whole)
    }
  }

  @Test("Écriture hexadécimale en minuscules")
  func hex() {
    #expect(Digest.hex([0x00, 0x0f, 0xa0, 0xff]) == "000fa0ff")
    #expect(Digest.hex([]) == "")
  }

  @Test("Octets aléatoires : la longueur demandée, deux tirages différents")
  func randomBytes() {
    let first = SecureRandom.bytes(32)
    #expect(first.count == 32)
    #expect(first != SecureRandom.bytes(32))
  }
}

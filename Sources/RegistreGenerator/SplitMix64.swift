/// SplitMix64 (Steele, Lea & Flood, 2014): a tiny generator whose output is the
/// same on every platform and Swift version, unlike the standard library's
/// `random(in:using:)` helpers, whose algorithms are not part of their contract.
public struct SplitMix64: Sendable {
  private var etat: UInt64

  public init(graine: UInt64) {
    etat = graine
  }

  /// The next 64 random bits.
  public mutating func next() -> UInt64 {
    etat &+= 0x9E37_79B9_7F4A_7C15
    var z = etat
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A uniform integer in `0..<borne` (`borne` > 0), without modulo bias.
  public mutating func uniform(_ borne: Int) -> Int {
    precondition(borne > 0)
    let n = UInt64(borne)
    let limite = UInt64.max - UInt64.max % n
    while true {
      let x = next()
      if x < limite { return Int(x % n) }
    }
  }

  /// True with probability `p` (0…1).
  public mutating func draw(_ p: Double) -> Bool {
    Double(next() >> 11) / 9_007_199_254_740_992.0 < p
  }

  /// One element of a non-empty array.
  public mutating func element<T>(_ liste: [T]) -> T {
    liste[uniform(liste.count)]
  }

  /// Fisher–Yates shuffle with this generator.
  public mutating func shuffle<T>(_ liste: inout [T]) {
    guard liste.count > 1 else { return }
    for i in stride(from: liste.count - 1, to: 0, by: -1) {
      liste.swapAt(i, uniform(i + 1))
    }
  }

  /// Mixes two values into an independent seed (for one school's own stream).
  public static func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
    var g = SplitMix64(graine: a ^ (b &* 0xD1B5_4A32_D192_ED03))
    _ = g.next()
    return g.next()
  }
}

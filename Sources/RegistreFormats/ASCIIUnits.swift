/// Walks UTF-8 text and yields, for each position that matters to the
/// pre-parse scans, the ASCII byte when it stands alone as a `Character`, or
/// ``autre`` otherwise.
///
/// The scans used to iterate `Character`s (grapheme breaking on every byte).
/// They only look for ASCII characters, so bytes are enough, provided the
/// few cases where an ASCII scalar is not a `Character` of its own give the
/// same answer: CR LF is one `Character`; a combining mark (Extend,
/// SpacingMark, ZWJ) joins the ASCII scalar before it; a Prepend scalar joins
/// the one after it. Such an ASCII scalar is yielded as ``autre``. A
/// non-ASCII `Character` may come out as several ``autre`` in a row, which
/// the scans treat like a single one.
struct ASCIIUnits: Sequence, IteratorProtocol {
  /// Never a byte of valid UTF-8, so never mistaken for ASCII.
  static let autre: UInt8 = 0xFF

  private let octets: [UInt8]
  private var position = 0
  /// The non-ASCII scalar just read, which may prepend itself to an ASCII one.
  private var precedent: Unicode.Scalar?
  /// Answers of ``joins(_:_:)`` already computed in this text (a text uses few
  /// distinct scalars past U+0300: ’, narrow no-break spaces…).
  private var dejaVus: [(Unicode.Scalar, Unicode.Scalar, Bool)] = []

  init(_ texte: String) {
    octets = Array(texte.utf8)
  }

  mutating func next() -> UInt8? {
    guard position < octets.count else { return nil }
    let octet = octets[position]
    if octet < 0x80 {
      let avant = precedent
      precedent = nil
      position += 1
      if octet == 0x0D, position < octets.count, octets[position] == 0x0A {
        position += 1
        return Self.autre
      }
      // Controls (C0, DEL) never join anything (grapheme rules GB4, GB5).
      guard octet >= 0x20, octet != 0x7F else { return octet }
      if let avant, joins(avant, "a") { return Self.autre }
      if position < octets.count, octets[position] >= 0x80, let suivant = scalar(a: position)?.0,
        joins("a", suivant)
      {
        return Self.autre
      }
      return octet
    }
    if let (lu, longueur) = scalar(a: position) {
      precedent = lu
      position += longueur
    } else {
      precedent = nil
      position += 1
    }
    return Self.autre
  }

  /// Whether `a` and `b` form a single `Character`. Below U+0300 no scalar
  /// extends or prepends (Latin-1 and Latin Extended), which spares the
  /// check for nearly all French text.
  private mutating func joins(_ a: Unicode.Scalar, _ b: Unicode.Scalar) -> Bool {
    guard a.value >= 0x300 || b.value >= 0x300 else { return false }
    for (x, y, reponse) in dejaVus where x == a && y == b { return reponse }
    var paire = String.UnicodeScalarView()
    paire.append(a)
    paire.append(b)
    let reponse = String(paire).count == 1
    if dejaVus.count < 32 { dejaVus.append((a, b, reponse)) }
    return reponse
  }

  /// The scalar whose UTF-8 encoding starts at `i`, with its length.
  private func scalar(a i: Int) -> (Unicode.Scalar, Int)? {
    let tete = octets[i]
    let longueur: Int
    var valeur: UInt32
    switch tete {
    case 0xC0..<0xE0: longueur = 2; valeur = UInt32(tete & 0x1F)
    case 0xE0..<0xF0: longueur = 3; valeur = UInt32(tete & 0x0F)
    case 0xF0..<0xF8: longueur = 4; valeur = UInt32(tete & 0x07)
    default: return nil
    }
    guard i + longueur <= octets.count else { return nil }
    for k in 1..<longueur { valeur = valeur << 6 | UInt32(octets[i + k] & 0x3F) }
    return Unicode.Scalar(valeur).map { ($0, longueur) }
  }
}

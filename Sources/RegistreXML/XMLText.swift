/// Text escaping for XML written by hand (XSL-FO, small documents): one
/// place for what every writer needs.
public enum XMLText {
  /// Escapes `&`, `<`, `>`, `"` and `'` for element content and attribute
  /// values, and drops the characters XML 1.0 forbids.
  public static func escape(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&apos;"
      case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
      default:
        let value = scalar.value
        if value < 0x20 || value == 0xFFFE || value == 0xFFFF { continue }
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}

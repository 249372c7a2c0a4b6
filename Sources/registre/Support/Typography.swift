/// French typography for the help texts: the argument parser wraps lines at ordinary spaces only,
/// so the spaces inside « » and before « : ; ? ! » become no-break spaces and never end a line.
enum Typography {
  static func french(_ text: String) -> String {
    text.replacingOccurrences(of: "« ", with: "«\u{A0}")
      .replacingOccurrences(of: " »", with: "\u{A0}»")
      .replacingOccurrences(of: " :", with: "\u{A0}:")
      .replacingOccurrences(of: " ;", with: "\u{A0};")
      .replacingOccurrences(of: " ?", with: "\u{A0}?")
      .replacingOccurrences(of: " !", with: "\u{A0}!")
  }
}

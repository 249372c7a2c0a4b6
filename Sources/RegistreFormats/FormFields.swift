public import Foundation
public import RegistreModel
import Yams

/// Flat form values for one record file, keyed by field path in the diagnostics' spelling
/// (`donnees[0].conservation.duree`), so that a web form generated from the descriptor maps
/// to the YAML file and back, and each diagnostic of the reader lands on its form field.
///
/// A path may carry several values (checkboxes of a list of allowed values). A list of texts
/// is one value with one item per line.
public enum FormFields {
  public typealias Values = [String: [String]]

  // MARK: YAML → form

  /// The values of a YAML record as form fields. Unreadable YAML gives no values (the form
  /// starts empty and the reader's diagnostics say why); unknown keys are left out.
  public static func values(fromYAML data: Data, type: RecordType) -> Values {
    guard let text = String(data: data, encoding: .utf8),
      let node = try? Yams.compose(yaml: text, .basic, Constructor([:], [:], [:]), .utf8)
    else { return [:] }
    var values: Values = [:]
    flatten(node, kind: .objet(type), path: "", into: &values)
    return values
  }

  private static func flatten(_ node: Node, kind: FieldKind, path: String, into values: inout Values) {
    switch kind {
    case .objet(let type):
      guard case .mapping(let mapping) = node else { return }
      for (keyNode, valueNode) in mapping {
        guard case .scalar(let key) = keyNode, let field = type.field(key.string) else { continue }
        flatten(valueNode, kind: field.genre, path: join(path, field.cle), into: &values)
      }
    case .liste(let element, _):
      guard case .sequence(let sequence) = node else {
        if case .scalar(let s) = node, !s.string.isEmpty { values[path] = [s.string] }
        return
      }
      switch element {
      case .objet:
        for (index, item) in sequence.enumerated() {
          flatten(item, kind: element, path: "\(path)[\(index)]", into: &values)
        }
      case .enumeration:
        values[path] = sequence.compactMap { $0.scalar?.string }
      default:
        values[path] = [sequence.compactMap { $0.scalar?.string }.joined(separator: "\n")]
      }
    default:
      if case .scalar(let scalar) = node, !(scalar.string.isEmpty && scalar.style == .plain) {
        values[path] = [scalar.string]
      }
    }
  }

  // MARK: form → YAML

  /// The YAML text of a record from form values, fields in descriptor order. Empty values are
  /// left out (a required one then gets the reader's « champ obligatoire manquant »), and so is
  /// an item of a list of objects whose fields are all empty. Values are written as typed, so
  /// that a malformed one (« abc » for a number) reaches the reader and its diagnostic.
  public static func yaml(from values: Values, type: RecordType) -> String {
    let node = objectNode(values, type: type, path: "") ?? Node([(Node, Node)]())
    return (try? Yams.serialize(node: node, allowUnicode: true, sortKeys: false)) ?? ""
  }

  /// How many items of the list of objects at `path` the values hold (highest index + 1).
  public static func itemCount(_ values: Values, path: String) -> Int {
    let prefix = "\(path)["
    var count = 0
    for key in values.keys where key.hasPrefix(prefix) {
      let rest = key.dropFirst(prefix.count)
      if let close = rest.firstIndex(of: "]"), let index = Int(rest[..<close]) { count = max(count, index + 1) }
    }
    return count
  }

  private static func objectNode(_ values: Values, type: RecordType, path: String) -> Node? {
    var pairs: [(Node, Node)] = []
    for field in type.champs {
      if let node = fieldNode(values, kind: field.genre, path: join(path, field.cle)) {
        pairs.append((Node(field.cle), node))
      }
    }
    return pairs.isEmpty ? nil : Node(pairs)
  }

  private static func fieldNode(_ values: Values, kind: FieldKind, path: String) -> Node? {
    switch kind {
    case .objet(let type):
      return objectNode(values, type: type, path: path)
    case .liste(let element, _):
      switch element {
      case .objet(let type):
        // A bounded count: a forged index cannot make the server build millions of items.
        let count = min(itemCount(values, path: path), 500)
        let items = (0..<count).compactMap { objectNode(values, type: type, path: "\(path)[\($0)]") }
        return items.isEmpty ? nil : Node(items)
      case .enumeration:
        let items = (values[path] ?? []).map(clean).filter { !$0.isEmpty }
        return items.isEmpty ? nil : Node(items.map { scalarNode($0, kind: element) })
      default:
        let lines = (values[path] ?? []).flatMap { $0.split(whereSeparator: \.isNewline) }
          .map { clean(String($0)) }.filter { !$0.isEmpty }
        return lines.isEmpty ? nil : Node(lines.map { scalarNode($0, kind: element) })
      }
    default:
      guard let raw = values[path]?.first else { return nil }
      let value = kind.isFreeText ? raw.replacingOccurrences(of: "\r\n", with: "\n") : clean(raw)
      guard !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
      return scalarNode(value, kind: kind)
    }
  }

  private static func scalarNode(_ value: String, kind: FieldKind) -> Node {
    switch kind {
    case .entier, .booleen:
      // Plain when it reads as intended; quoted otherwise so the reader reports it as written.
      if Int(value) != nil || value == "true" || value == "false" { return Node(value) }
      return Node(value, Tag(.str), .doubleQuoted)
    case .date:
      return Node(value, Tag(.str), YAMLReader.styleAmbigu(value) && Day(iso: value) == nil ? .doubleQuoted : .plain)
    default:
      return Node(value, Tag(.str), YAMLReader.styleAmbigu(value) ? .doubleQuoted : .plain)
    }
  }

  private static func clean(_ value: String) -> String { value.trimmingCharacters(in: .whitespacesAndNewlines) }

  private static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

  // MARK: Checks

  /// The same diagnostics `valider` gives for this file on its own: YAML, fields, types,
  /// allowed values, « À COMPLÉTER » placeholders. Empty when the record decodes.
  public static func check<T: Decodable>(
    _ data: Data, file: String, type: RecordType, as model: T.Type
  ) -> (record: T?, diagnostics: [Diagnostic]) {
    do {
      return (try YAMLFileReading.read(data, fichier: file, type: type, en: model), [])
    } catch {
      return (nil, error.diagnostics)
    }
  }

  /// The checks `valider` makes across files (unique ids, references to processors and
  /// treatments that exist), for a register in which one record was just replaced.
  public static func crossChecks(_ registre: Register) -> [Diagnostic] {
    RegisterCheck.check(registre, emplacements: RegisterLocations())
  }
}

extension FieldKind {
  /// Texts whose line breaks matter (everything typed as free text).
  var isFreeText: Bool {
    if case .texte = self { return true }
    return false
  }
}

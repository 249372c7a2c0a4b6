import Foundation
import RegistreFormats

/// The form of a record, generated from its descriptor (`Format.swift`): one control per field,
/// its label and help from the descriptor's documentation, the allowed values of enumerations,
/// and the diagnostics of the reader at the field they concern.
enum FormTree {
  /// HTML id of a field path (`donnees[0].conservation.duree` → `donnees-0-conservation-duree`).
  static func anchor(_ path: String) -> String {
    String(path.map { $0.isLetter || $0.isNumber || $0 == "_" ? $0 : "-" })
  }

  /// One more empty item is offered for every list of objects, so that one can be added
  /// without JavaScript; `extra` adds more (« ajouter un élément »).
  static func fields(
    _ type: RecordType, values: FormFields.Values, errors: [String: [String]], prefix: String = "",
    fixed: Set<String> = [], extra: [String: Int] = [:]
  ) -> [[String: Any]] {
    type.champs.map { field in
      node(field, path: prefix.isEmpty ? field.cle : "\(prefix).\(field.cle)", values: values, errors: errors, fixed: fixed, extra: extra)
    }
  }

  static func label(_ field: Field) -> String {
    var text = field.documentation
    if text.hasSuffix(".") { text.removeLast() }
    return text
  }

  private static func node(
    _ field: Field, path: String, values: FormFields.Values, errors: [String: [String]], fixed: Set<String>,
    extra: [String: Int]
  ) -> [String: Any] {
    let id = "champ-\(anchor(path))"
    var help = "Champ YAML « \(field.cle) » : \(field.genre.attendu)"
    if let example = field.exemple { help += " ; exemple : \(example)" }
    var node: [String: Any] = [
      "id": id, "name": path, "label": label(field), "help": help, "required": field.obligatoire,
      "errors": errors[path] ?? [], "invalid": !(errors[path] ?? []).isEmpty, "key": field.cle,
      // Every key a nested node could otherwise inherit from its parent's context (Mustache
      // looks names up the context stack) is set, so a partial never recurses by accident.
      "isGroup": false, "isList": false, "isCheckboxes": false, "isTextarea": false, "isSelect": false,
      "isInput": false, "children": [[String: Any]](), "items": [[String: Any]](), "options": [[String: Any]](),
      "readonly": false, "value": "", "addName": "", "legend": "",
    ]
    let value = values[path]?.first ?? ""
    switch field.genre {
    case .objet(let type):
      node["isGroup"] = true
      node["children"] = fields(type, values: values, errors: errors, prefix: path, fixed: fixed, extra: extra)
    case .liste(.objet(let type), _):
      node["isList"] = true
      let count = FormFields.itemCount(values, path: path) + 1 + (extra[path] ?? 0)
      node["items"] = (0..<count).map { index -> [String: Any] in
        [
          "legend": "\(label(field)) — élément \(index + 1)\(index >= FormFields.itemCount(values, path: path) ? " (nouveau, facultatif)" : "")",
          "children": fields(type, values: values, errors: errors, prefix: "\(path)[\(index)]", fixed: fixed, extra: extra),
        ]
      }
      node["addName"] = path
    case .liste(.enumeration(_, let allowed), _):
      node["isCheckboxes"] = true
      let chosen = Set(values[path] ?? [])
      node["options"] = allowed.enumerated().map { index, option -> [String: Any] in
        ["value": option.valeur, "label": option.libelle, "checked": chosen.contains(option.valeur), "id": "\(id)-\(index)"]
      }
    case .liste:
      node["isTextarea"] = true
      node["value"] = value
      node["help"] = help + " (un élément par ligne)"
    case .enumeration(_, let allowed):
      node["isSelect"] = true
      node["options"] =
        [["value": "", "label": "— non renseigné —", "selected": value.isEmpty]]
        + allowed.map { ["value": $0.valeur, "label": $0.libelle, "selected": $0.valeur == value] }
      if !value.isEmpty, !allowed.contains(where: { $0.valeur == value }) {
        // A value the file holds that is not allowed stays visible, so the diagnostic makes sense.
        node["options"] = (node["options"] as? [[String: Any]] ?? []) + [["value": value, "label": "\(value) (valeur inconnue)", "selected": true]]
      }
    case .booleen:
      node["isSelect"] = true
      node["options"] = [
        ["value": "", "label": "— inconnu —", "selected": value.isEmpty],
        ["value": "true", "label": "oui", "selected": value == "true"],
        ["value": "false", "label": "non", "selected": value == "false"],
      ]
      if !value.isEmpty, value != "true", value != "false" {
        node["options"] = (node["options"] as? [[String: Any]] ?? []) + [["value": value, "label": value, "selected": true]]
      }
    case .texte where field.cle == "description" || field.cle == "finalite_principale" || field.cle == "remarques"
      || field.cle == "consequences" || field.cle == "mesures" || field.cle == "conclusion":
      node["isTextarea"] = true
      node["value"] = value
    default:
      node["isInput"] = true
      node["value"] = value
      node["readonly"] = fixed.contains(path)
    }
    return node
  }

  /// Diagnostics by field path; those that match no field of the form go under "".
  static func errors(_ diagnostics: [Diagnostic], type: RecordType) -> [String: [String]] {
    var table: [String: [String]] = [:]
    for d in diagnostics {
      var text = d.message
      if let expected = d.attendu { text += " (attendu : \(expected))" }
      let path = d.emplacement.champ ?? ""
      table[path, default: []].append(text)
      // An item of a list of texts or values is shown at the list's own control.
      if path.hasSuffix("]"), let open = path.lastIndex(of: "[") {
        table[String(path[..<open]), default: []].append(text)
      }
    }
    return table
  }
}

public import Foundation

/// The SARIF 2.1.0 report, so that code-review tools show findings on the
/// register's YAML lines. Accepted findings carry an external suppression.
public enum AuditSARIFReport {
  public static let schemaURI = "https://json.schemastore.org/sarif-2.1.0.json"

  public static func render(
    _ report: AuditReport, toolVersion: String, locate: FindingLocator = { _ in nil }
  ) throws -> Data {
    let rules = report.ruleIDs.compactMap(Rules.rule)
    let index = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1.id, $0) })
    let descriptors: [[String: Any]] = rules.map { rule in
      [
        "id": rule.id,
        "name": rule.id,
        "shortDescription": ["text": rule.title],
        "fullDescription": ["text": rule.summary],
        "help": ["text": "\(rule.remediation)\nRéférence : \(rule.reference)"],
        "defaultConfiguration": ["level": rule.severity.englishKey],
        "properties": ["reference": rule.reference],
      ]
    }
    let results: [[String: Any]] = report.findings.map { f in
      var result: [String: Any] = [
        "ruleId": f.rule,
        "level": f.severity.englishKey,
        "message": ["text": f.message],
      ]
      if let i = index[f.rule] { result["ruleIndex"] = i }
      let location =
        locate(f) ?? FindingLocation(file: FindingLocation.defaultFile(for: f.subject), field: f.field)
      var physical: [String: Any] = ["artifactLocation": ["uri": location.file, "uriBaseId": "REGISTRE"]]
      if let line = location.line, line >= 1 {
        var region: [String: Any] = ["startLine": line]
        if let column = location.column, column >= 1 { region["startColumn"] = column }
        physical["region"] = region
      }
      var loc: [String: Any] = ["physicalLocation": physical]
      if let field = f.field ?? location.field {
        loc["logicalLocations"] = [["name": field, "fullyQualifiedName": "\(f.subject.libelle).\(field)"]]
      }
      result["locations"] = [loc]
      var properties: [String: Any] = [
        "reference": f.reference, "remediation": f.remediation, "subject": f.subject.libelle,
      ]
      if let t = f.treatment { properties["treatment"] = t }
      if !f.criteria.isEmpty { properties["criteria"] = f.criteria }
      result["properties"] = properties
      if let a = f.acceptance {
        result["suppressions"] = [
          [
            "kind": "external", "status": "accepted",
            "justification": "\(a.justification) (\(a.par), \(a.date))",
          ]
        ]
      }
      return result
    }
    let document: [String: Any] = [
      "$schema": schemaURI,
      "version": "2.1.0",
      "runs": [
        [
          "tool": [
            "driver": [
              "name": "registre", "version": toolVersion, "language": "fr", "rules": descriptors,
            ]
          ],
          "originalUriBaseIds": ["REGISTRE": ["description": ["text": "Racine du dossier du registre"]]],
          "results": results,
        ]
      ],
    ]
    return try JSONSerialization.data(
      withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
  }
}

import Foundation
import RegistreFormats
import RegistreModel
import RegistreProbe
import RegistreRules

/// The draft register entry as YAML, ready for `traitements/<id>.yaml`.
public enum DraftYAML {
  public static func text(_ evaluation: Evaluation) throws -> String {
    try RegisterWriter.yaml(evaluation.draftEntry, type: Format.traitement)
  }
}

/// The plain-text opinion (avis) printed by default.
public enum EvaluationTextReport {
  public static func render(_ e: Evaluation) -> String {
    var s = "Avis sur l'outil « \(e.fiche.nom) » (\(e.fiche.editeur)) — \(e.date)\n"
    s += "Verdict : \(e.verdict.libelle.uppercased())\n"
    func section(_ titre: String, _ items: [EvaluationItem]) {
      guard !items.isEmpty else { return }
      s += "\n\(titre) :\n"
      for (i, item) in items.enumerated() {
        s += "  \(i + 1). [\(item.basis.libelle)] \(item.message)\n"
        s += "     Réf. : \(item.reference)  (\(item.code))\n"
      }
    }
    section("Raisons bloquantes", e.reasons)
    section("Conditions", e.conditions)
    section("À savoir", e.notes)
    s += "\nAIPD : \(e.dpia.conclusion)\n"
    if let probes = e.probes, !probes.isEmpty {
      s += "\nSonde TLS :\n"
      for p in probes {
        let versions = p.acceptedVersions.sorted().map(\.displayName).joined(separator: ", ")
        s += "  - \(p.endpoint) : \(p.verdict.level.label)"
        s += versions.isEmpty ? "" : " (versions acceptées : \(versions))"
        s += "\n"
      }
    }
    if e.verdict != .aProscrire {
      s += "\nFiche de registre proposée : traitements/\(e.draftEntry.id).yaml (brouillon, à compléter).\n"
    }
    return s
  }
}

/// The JSON form (`--format json`), with English keys.
public enum EvaluationJSONReport {
  struct Document: Encodable {
    struct Tool: Encodable {
      var name: String
      var vendor: String
      var purpose: String
    }
    struct DPIA: Encodable {
      var required: Bool
      var conclusion: String
      var reasons: [String]
    }
    var tool: Tool
    var date: String
    var verdict: String
    var reasons: [EvaluationItem]
    var conditions: [EvaluationItem]
    var notes: [EvaluationItem]
    var dpia: DPIA
    var probes: [TLSProbeReport]?
    var draftEntryId: String
    var draftEntry: String
    var notice: String
  }

  /// The JSON text; `notice` is the draft notice for families.
  public static func render(_ e: Evaluation, notice: String) throws -> String {
    let doc = Document(
      tool: .init(name: e.fiche.nom, vendor: e.fiche.editeur, purpose: e.fiche.finalite),
      date: e.date.description, verdict: e.verdict.rawValue, reasons: e.reasons, conditions: e.conditions,
      notes: e.notes,
      dpia: .init(required: e.dpia.required, conclusion: e.dpia.conclusion, reasons: e.dpia.reasons),
      probes: e.probes, draftEntryId: e.draftEntry.id, draftEntry: try DraftYAML.text(e), notice: notice)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.dateEncodingStrategy = .iso8601
    return String(decoding: try encoder.encode(doc), as: UTF8.self)
  }
}

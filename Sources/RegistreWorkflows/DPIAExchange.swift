public import Foundation
import RegistreDocuments
public import RegistreFormats
public import RegistreModel
public import RegistrePIA
import RegistreSupport

/// What `registre aipd importer` did.
public struct DPIAImportOutcome: Sendable {
  public var reading: PIAReading
  public var treatmentID: String
  /// The fiche's file, relative to the register folder.
  public var fiche: String
  /// The PIA's copy in the register folder (`aipd/ID.json`).
  public var storedFile: String
  public var record: DPIA
  /// The actions written for the PIA's action plan (`actions/…yaml`); those already there are kept.
  public var actionsWritten: [String] = []
}

/// The link with the CNIL's PIA software: a PIA prefilled from a fiche (`registre aipd preparer`),
/// and a finished PIA brought back into the fiche's DPIA record (`registre aipd importer`).
public enum DPIAWorkflow {
  /// Folder of the register where imported PIA files are kept, sealed with the year.
  public static let folderName = "aipd"

  /// Writes the PIA of treatment `id` to `output`; never replaces a file unless `replace`.
  @discardableResult
  public static func prepare(
    registerAt path: String, treatment id: String, output: URL, replace: Bool = false
  ) throws(WorkflowError) -> PIAFile {
    let (file, data) = try prepared(registerAt: path, treatment: id)
    do {
      try AtomicFile.write(data, to: output, permissions: 0o640, existing: replace ? .replace : .refuse)
    } catch {
      switch error {
      case .destinationExists:
        throw WorkflowError(.failed, "erreur : \(output.path) existe déjà : rien n'a été écrit (--remplacer pour le remplacer).")
      case .destinationIsSymbolicLink:
        throw WorkflowError(.failed, "erreur : \(output.path) est un lien symbolique : rien n'a été écrit.")
      case .systemError(let operation, _, let code):
        throw WorkflowError(
          .failed, "erreur : écriture de \(output.path) impossible (\(operation), \(String(cString: strerror(code)))).")
      }
    }
    return file
  }

  /// The PIA of treatment `id` and its JSON bytes, written nowhere (the web page sends them).
  public static func prepared(registerAt path: String, treatment id: String) throws(WorkflowError) -> (PIAFile, Data) {
    let loaded = try RegisterInput.load(path)
    let t = try treatment(id, in: loaded.registre)
    let file = PIAPreparation.prepare(t, in: loaded.registre, now: DocumentDate.fromEnvironment().date)
    do { return (file, try PIAPreparation.json(file)) } catch {
      throw WorkflowError(.failed, "erreur : écriture JSON impossible (\(error)).")
    }
  }

  /// Reads the finished PIA at `file`, copies it to `aipd/ID.json` and rewrites the fiche's
  /// `aipd` block, each atomically; the rest of the fiche, comments included, is kept as it is.
  public static func importPIA(
    _ file: URL, registerAt path: String, treatment requested: String?, replace: Bool = false
  ) throws(WorkflowError) -> DPIAImportOutcome {
    let raw: Data
    do { raw = try BoundedFile.read(file, limit: PIAReading.maximumSize) } catch {
      throw WorkflowError(.failed, "\(file.lastPathComponent) : erreur : \(error.reason)")
    }
    return try importPIA(raw, named: file.lastPathComponent, registerAt: path, treatment: requested, replace: replace)
  }

  /// The same for the bytes of a PIA file (an upload), `name` used in messages.
  public static func importPIA(
    _ raw: Data, named name: String, registerAt path: String, treatment requested: String?, replace: Bool = false
  ) throws(WorkflowError) -> DPIAImportOutcome {
    let reading: PIAReading
    do { reading = try PIAReading.read(raw) } catch {
      throw WorkflowError(.failed, "\(name) : erreur : \(error.message). Rien n'a été écrit.")
    }
    let id: String
    switch (requested, reading.treatmentID) {
    case (let asked?, let named?) where asked != named:
      throw WorkflowError(
        .failed,
        "erreur : ce PIA a été préparé pour le traitement « \(named) », pas « \(asked) ». Rien n'a été écrit.")
    case (let asked?, _): id = asked
    case (nil, let named?): id = named
    case (nil, nil):
      throw WorkflowError(
        .failed,
        "erreur : ce PIA ne dit pas à quel traitement il se rapporte (il n'a pas été préparé par « registre aipd preparer ») : indiquez --traitement ID. Rien n'a été écrit.")
    }
    let loaded = try RegisterInput.load(path)
    let t = try treatment(id, in: loaded.registre)
    guard let location = loaded.emplacements.treatment(id) else {
      throw WorkflowError(.failed, "erreur : fichier de la fiche « \(id) » introuvable. Rien n'a été écrit.")
    }
    let folder = AcceptancesFile.folder(of: loaded)
    let stored = "\(folderName)/\(id).json"
    let (record, refusal) = reading.record(keeping: t.aipd, storedAt: stored)
    guard let record else {
      throw WorkflowError(.failed, "\(name) : \(refusal ?? "statut inconnu"). Rien n'a été écrit.")
    }

    // The fiche with its new DPIA block, read back by the same reader before anything is written.
    let ficheURL = folder.appendingPathComponent(location.fichier)
    let bytes: Data
    do { bytes = try BoundedFile.read(ficheURL, limit: 2_000_000, followSymlinks: false) } catch {
      throw WorkflowError(.failed, "\(location.fichier) : erreur : \(error.reason). Rien n'a été écrit.")
    }
    guard let ficheText = String(data: bytes, encoding: .utf8) else {
      throw WorkflowError(.failed, "\(location.fichier) : erreur : texte non UTF-8. Rien n'a été écrit.")
    }
    let updated = DPIABlock.replace(in: ficheText, with: record)
    let reread = try? YAMLFileReading.read(
      Data(updated.utf8), fichier: location.fichier, type: Format.traitement, en: Treatment.self)
    guard let reread, reread.aipd == record else {
      throw WorkflowError(
        .failed, "erreur : la fiche \(location.fichier) n'a pas pu être mise à jour sans risque (bloc « aipd » inattendu) ; rien n'a été écrit.")
    }

    // The PIA's copy first (identical bytes may stay), then the fiche; a refused fiche removes a new copy.
    let copy = folder.appendingPathComponent(stored)
    let existing = try? BoundedFile.read(copy, limit: PIAReading.maximumSize, followSymlinks: false)
    let created = existing == nil
    if let existing, existing != raw, !replace {
      throw WorkflowError(
        .failed, "erreur : \(stored) existe déjà, avec un autre contenu : --remplacer pour le remplacer. Rien n'a été écrit.")
    }
    do {
      try FileManager.default.createDirectory(
        at: copy.deletingLastPathComponent(), withIntermediateDirectories: true,
        attributes: [.posixPermissions: 0o750])
      if existing != raw { try AtomicFile.write(raw, to: copy, permissions: 0o640, existing: .replace) }
      try AtomicFile.write(Data(updated.utf8), to: ficheURL, permissions: 0o640, existing: .replace)
    } catch {
      if created { try? FileManager.default.removeItem(at: copy) }
      throw WorkflowError(.failed, "erreur : écriture impossible (\(error)) ; la fiche n'a pas été modifiée.")
    }
    var outcome = DPIAImportOutcome(reading: reading, treatmentID: id, fiche: location.fichier, storedFile: stored, record: record)
    outcome.actionsWritten = writeActions(reading, treatment: id, existing: loaded.registre.actions, folder: folder)
    return outcome
  }

  /// The French report of an import, the same for the CLI and the web page.
  public static func text(_ outcome: DPIAImportOutcome) -> String {
    let r = outcome.reading
    var lines = ["AIPD lue : logiciel PIA de la CNIL, « \(r.file.pia.name) »"]
    if r.repairedEncoding { lines.append("  (fichier d'une version antérieure à 2025 : double encodage des accents réparé)") }
    lines.append("  Traitement : \(outcome.treatmentID)")
    lines.append("  Statut du PIA : \(r.status.libelle) → aipd.statut : \(outcome.record.statut.rawValue)")
    if let date = outcome.record.date { lines.append("  Date retenue : \(date) (dernière modification du PIA)") }
    lines.append("  Avis du DPD : " + (r.dpoVerdict ?? "non donné dans le PIA") + (r.dpoOpinion.map { " — « \($0) »" } ?? ""))
    if r.residualRisks.isEmpty {
      lines.append("  Risques résiduels : aucun évalué dans le PIA")
    } else {
      lines.append("  Risques résiduels :")
      for risk in r.residualRisks {
        let who = r.reassessed[risk.risque] == true ? "réévaluation après plan d'action" : "estimation de l'auteur"
        lines.append(
          "    - \(risk.risque.libelle) : gravité \(risk.gravite?.libelle.lowercased() ?? "non définie"), vraisemblance \(risk.vraisemblance?.libelle.lowercased() ?? "non définie") (\(who))")
      }
    }
    if !r.plannedMeasures.isEmpty {
      lines.append("  Mesures du plan d'action du PIA :")
      for m in r.plannedMeasures {
        var line = "    - \(m.title)"
        if let comment = m.comment { line += " : \(comment)" }
        if let owner = m.owner { line += " ; responsable : \(owner)" }
        if let due = m.dueDate { line += " ; échéance : \(due)" }
        lines.append(line)
      }
    }
    if !outcome.actionsWritten.isEmpty {
      lines.append("Plan d'action : " + outcome.actionsWritten.map { "créé \($0)" }.joined(separator: ", "))
    }
    lines.append("Fiche mise à jour : \(outcome.fiche) (bloc aipd) ; PIA rangé dans \(outcome.storedFile)")
    return lines.joined(separator: "\n")
  }

  /// The PIA's planned measures as actions of the plan, `aipd-ID-N`: written once (an action
  /// already in the register keeps its own status and owner), never with an invented date or owner.
  static func writeActions(_ reading: PIAReading, treatment id: String, existing: [PlannedAction], folder: URL) -> [String] {
    var written: [String] = []
    let known = Set(existing.map(\.id))
    for (index, measure) in reading.plannedMeasures.enumerated() {
      let actionID = "aipd-\(id)".prefix(58) + "-\(index + 1)"
      guard !known.contains(String(actionID)) else { continue }
      let action = PlannedAction(
        id: String(actionID), titre: measure.title + (measure.comment.map { " : \($0)" } ?? ""),
        constats: [FindingReference(regle: "aipd-requise-manquante", fiche: id)],
        recommandation: "Plan d'action de l'AIPD (logiciel PIA de la CNIL)", responsable: measure.owner,
        echeance: measure.dueDate.flatMap(Day.init(iso:)))
      let relative = "actions/\(action.id).yaml"
      guard let yaml = try? RegisterWriter.yaml(action, type: Format.action) else { continue }
      let text = "# Créée par « registre aipd importer » depuis le plan d'action du PIA.\n" + yaml
      do {
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("actions"), withIntermediateDirectories: true)
        try AtomicFile.write(Data(text.utf8), to: folder.appendingPathComponent(relative), permissions: 0o640, existing: .refuse)
        written.append(relative)
      } catch {
        continue
      }
    }
    return written
  }

  static func treatment(_ id: String, in registre: Register) throws(WorkflowError) -> Treatment {
    guard let t = registre.traitements.first(where: { $0.id == id }) else {
      let known = registre.traitements.map(\.id).sorted().joined(separator: ", ")
      throw WorkflowError(.failed, "erreur : aucun traitement « \(id) » dans le registre (traitements : \(known)).")
    }
    return t
  }
}

/// The top-level `aipd:` block of a fiche's YAML, rewritten as text so that the rest of the file,
/// comments and layout included, stays byte for byte.
enum DPIABlock {
  static func replace(in text: String, with record: DPIA) -> String {
    var lines = text.components(separatedBy: "\n")
    let block = yaml(record)
    if let start = lines.firstIndex(where: { $0.hasPrefix("aipd:") }) {
      var end = start + 1
      while end < lines.count, lines[end].hasPrefix(" ") || lines[end].hasPrefix("\t") || lines[end].hasPrefix("- ") {
        end += 1
      }
      lines.replaceSubrange(start..<end, with: block)
      return lines.joined(separator: "\n")
    }
    var result = text
    if !result.hasSuffix("\n") && !result.isEmpty { result += "\n" }
    return result + block.joined(separator: "\n") + "\n"
  }

  static func yaml(_ r: DPIA) -> [String] {
    var lines = ["aipd:", "  statut: \(r.statut.rawValue)"]
    if let motif = r.motif { lines.append("  motif: \(quoted(motif))") }
    if let date = r.date { lines.append("  date: '\(date)'") }
    if let conclusion = r.conclusion { lines.append("  conclusion: \(quoted(conclusion))") }
    if let avis = r.avisDPD { lines.append("  avis_dpd: \(quoted(avis))") }
    if !r.risquesResiduels.isEmpty {
      lines.append("  risques_residuels:")
      for risk in r.risquesResiduels {
        lines.append("  - risque: \(risk.risque.rawValue)")
        if let g = risk.gravite { lines.append("    gravite: \(g.rawValue)") }
        if let v = risk.vraisemblance { lines.append("    vraisemblance: \(v.rawValue)") }
      }
    }
    if let file = r.fichierPIA { lines.append("  fichier_pia: \(quoted(file))") }
    return lines
  }

  /// A YAML double-quoted scalar.
  static func quoted(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      default:
        if scalar.value < 0x20 || scalar.value == 0x7F {
          out += String(format: "\\x%02X", scalar.value)
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }
}

public import Foundation
public import RegistreFormats
public import RegistreModel
public import RegistreRules
import RegistreSupport

/// An action as the list shows it: late or not at the day of the list.
public struct ActionLine: Sendable {
  public var action: PlannedAction
  public var late: Bool
}

/// A rights request as the list shows it: its deadline and where it stands.
public struct RequestLine: Sendable {
  public var request: RightsRequest
  public var deadline: Day
  /// No answer and the deadline passed.
  public var overdue: Bool
  /// No answer, deadline within a week.
  public var dueSoon: Bool
}

/// What `registre actions creer` wrote.
public struct ActionCreation: Sendable {
  public var written: [String]
  /// Open findings an action already answers.
  public var alreadyFollowed: Int
}

/// The action plan and the register of rights requests, for the CLI and the web pages alike.
public enum FollowUpWorkflow {
  /// The actions, late first, then by due date (none last), then by id.
  public static func actions(of registre: Register, on day: Day) -> [ActionLine] {
    registre.actions.map { a in ActionLine(action: a, late: a.isOpen && (a.echeance.map { $0 < day } ?? false)) }
      .sorted { x, y in
        if x.late != y.late { return x.late }
        if x.action.isOpen != y.action.isOpen { return x.action.isOpen }
        switch (x.action.echeance, y.action.echeance) {
        case (let a?, let b?) where a != b: return a < b
        case (_?, nil): return true
        case (nil, _?): return false
        default: return x.action.id < y.action.id
        }
      }
  }

  /// The requests, overdue first, then by deadline.
  public static func requests(of registre: Register, on day: Day) -> [RequestLine] {
    registre.demandes.map { r in
      let deadline = r.deadline
      let open = r.reponse == nil
      return RequestLine(
        request: r, deadline: deadline, overdue: open && deadline < day,
        dueSoon: open && !(deadline < day) && deadline < day.adding(jours: 8))
    }
    .sorted { x, y in
      if x.overdue != y.overdue { return x.overdue }
      if (x.request.reponse == nil) != (y.request.reponse == nil) { return x.request.reponse == nil }
      return x.deadline != y.deadline ? x.deadline < y.deadline : x.request.id < y.request.id
    }
  }

  /// The French list of `registre actions`.
  public static func actionsText(_ lines: [ActionLine], school: String) -> String {
    let late = lines.filter(\.late).count
    var out = ["Plan d'action — \(school) : \(lines.count) action(s), dont \(late) en retard"]
    for line in lines {
      let a = line.action
      var text = "  " + (line.late ? "EN RETARD " : "") + "[\(a.statut.libelle.lowercased())] \(a.id) — \(a.titre)"
      text += " — échéance : " + (a.echeance.map(\.description) ?? "non fixée")
      text += " — responsable : " + (a.responsable ?? "non désigné")
      if !a.constats.isEmpty { text += " — constats : " + a.constats.map { "\($0.regle) (\($0.fiche))" }.joined(separator: ", ") }
      out.append(text)
    }
    return out.joined(separator: "\n")
  }

  /// The French list of `registre demandes`.
  public static func requestsText(_ lines: [RequestLine], school: String) -> String {
    let overdue = lines.filter(\.overdue).count
    var out = ["Demandes d'exercice des droits — \(school) : \(lines.count) demande(s), dont \(overdue) hors délai"]
    for line in lines {
      let r = line.request
      var text = "  " + (line.overdue ? "HORS DÉLAI " : line.dueSoon ? "À RÉPONDRE CETTE SEMAINE " : "")
      text += "\(r.id) — \(r.droit.libelle), \(r.demandeur.libelle.lowercased()), reçue le \(r.dateReception)"
      if let answer = r.reponse {
        text += " — réponse le \(answer.date) : \(answer.decision.libelle.lowercased())"
      } else {
        text += " — sans réponse, délai : \(line.deadline)" + (r.prolongation != nil ? " (prolongé)" : "")
      }
      out.append(text)
    }
    return out.joined(separator: "\n")
  }

  /// One action per open finding (or per fiche with `byFiche`), written to `actions/` of the
  /// register at `path`; a finding an action already lists (whatever its status) gets none, so
  /// a second run writes nothing.
  public static func createActions(
    registerAt path: String, date: Day, byFiche: Bool = false
  ) throws(WorkflowError) -> ActionCreation {
    let outcome = try AuditWorkflow.run(registerAt: path, options: AuditOptions(date: date))
    let registre = outcome.loaded.registre
    let folder = AcceptancesFile.folder(of: outcome.loaded)
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: outcome.loaded.source.path, isDirectory: &isFolder), isFolder.boolValue
    else {
      throw WorkflowError(.failed, "erreur : le plan d'action s'écrit dans un dossier de registre, pas dans un fichier XML.")
    }
    let followed = Set(registre.actions.flatMap(\.constats))
    var open: [FindingReference] = []
    var titles: [FindingReference: String] = [:]
    for f in outcome.report.findings where !f.isAccepted {
      // Actions answer the register's findings, not findings about the plan itself.
      if case .action = f.subject { continue }
      let reference = FindingReference(regle: f.rule, fiche: f.subject.id ?? "etablissement")
      guard !followed.contains(reference), titles[reference] == nil else { continue }
      open.append(reference)
      titles[reference] = f.remediation
    }
    let already = outcome.report.findings.filter { f in
      !f.isAccepted && followed.contains(FindingReference(regle: f.rule, fiche: f.subject.id ?? "etablissement"))
    }.count
    var taken = Set(registre.actions.map(\.id))
    func identifier(_ base: String) -> String {
      let cleaned = String(base.lowercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "-" })
        .split(separator: "-").joined(separator: "-")
      var id = String(cleaned.prefix(60))
      var n = 2
      while taken.contains(id) || FileManager.default.fileExists(atPath: folder.appendingPathComponent("actions/\(id).yaml").path) {
        id = String(cleaned.prefix(56)) + "-\(n)"
        n += 1
      }
      taken.insert(id)
      return id
    }
    var actions: [PlannedAction] = []
    if byFiche {
      var order: [String] = []
      var groups: [String: [FindingReference]] = [:]
      for reference in open {
        if groups[reference.fiche] == nil { order.append(reference.fiche) }
        groups[reference.fiche, default: []].append(reference)
      }
      for fiche in order {
        let references = groups[fiche] ?? []
        actions.append(
          PlannedAction(
            id: identifier("corriger-\(fiche)"),
            titre: "Traiter les \(references.count) constat(s) de « \(fiche) » : " + references.map(\.regle).joined(separator: ", "),
            constats: references))
      }
    } else {
      for reference in open {
        let rule = Rules.rule(reference.regle)?.title ?? reference.regle
        actions.append(
          PlannedAction(
            id: identifier("\(reference.regle)-\(reference.fiche)"), titre: "\(rule) (\(reference.fiche))",
            constats: [reference], recommandation: nil))
      }
    }
    var written: [String] = []
    do {
      try FileManager.default.createDirectory(at: folder.appendingPathComponent("actions"), withIntermediateDirectories: true)
      for action in actions {
        let relative = "actions/\(action.id).yaml"
        let text = "# Créée par « registre actions creer » le \(date) : responsable et échéance à fixer.\n"
          + (try RegisterWriter.yaml(action, type: Format.action))
        try AtomicFile.write(Data(text.utf8), to: folder.appendingPathComponent(relative), permissions: 0o640, existing: .refuse)
        written.append(relative)
      }
    } catch {
      throw WorkflowError(
        .failed, lines: written.map { "Créé : \($0)" } + ["erreur : écriture du plan d'action interrompue (\(error))."])
    }
    return ActionCreation(written: written, alreadyFollowed: already)
  }
}

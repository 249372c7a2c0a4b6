public import Foundation
public import RegistreModel

/// Why a PIA file was refused, in French.
public struct PIAReadError: Error, Sendable, CustomStringConvertible {
  public var message: String
  public var description: String { message }
  init(_ message: String) { self.message = message }
}

/// What a finished PIA says, read from its JSON file.
public struct PIAReading: Sendable {
  public enum Status: Sendable, Equatable {
    case inProgress, refused, validated, validatedWithSignature, archived, unknown(Int)

    init(_ code: Int?) {
      switch code ?? 0 {
      case 0: self = .inProgress
      case 1: self = .refused
      case 2: self = .validated
      case 3: self = .validatedWithSignature
      case 4: self = .archived
      case let other: self = .unknown(other)
      }
    }

    public var libelle: String {
      switch self {
      case .inProgress: return "en cours"
      case .refused: return "refusé"
      case .validated: return "validé (validation simple)"
      case .validatedWithSignature: return "validé (validation avec signature)"
      case .archived: return "archivé"
      case .unknown(let code): return "inconnu (\(code))"
      }
    }
  }

  /// A measure the PIA plans (in its action plan), with what the evaluation says of it.
  public struct PlannedMeasure: Sendable, Equatable {
    public var title: String
    public var comment: String?
    public var dueDate: String?
    public var owner: String?
  }

  public var file: PIAFile
  /// True when the file was double-encoded (PIA before 2025-03) and was repaired.
  public var repairedEncoding: Bool
  public var status: Status
  /// The fiche id the file names (« registre:ID » in `category`), when Registre prepared it.
  public var treatmentID: String?
  /// « pourrait être mis en œuvre » / « ne devrait pas être mis en œuvre », and the opinion's text.
  public var dpoVerdict: String?
  public var dpoOpinion: String?
  public var residualRisks: [ResidualRisk]
  /// Whether each residual risk is the evaluator's re-assessment (true) or the author's estimate.
  public var reassessed: [FearedEvent: Bool]
  public var plannedMeasures: [PlannedMeasure]
  /// The day the PIA was last changed (`pia.updated_at`).
  public var lastChanged: Day?

  /// Largest file read (10 MB; a PIA with long answers is a few hundred kilobytes).
  public static let maximumSize = 10_000_000
  /// Deepest nesting of arrays and objects accepted (a PIA file needs 6).
  public static let maximumDepth = 32

  /// Reads a PIA JSON file: BOM tolerated, double encoding repaired, size and depth bounded,
  /// members checked for the types the PIA software writes.
  public static func read(_ data: Data) throws(PIAReadError) -> PIAReading {
    guard data.count <= maximumSize else {
      throw PIAReadError("fichier trop gros (\(data.count) octets ; au plus \(maximumSize))")
    }
    var bytes = data
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
    let depth = nesting(bytes)
    guard depth <= maximumDepth else {
      throw PIAReadError("structure JSON trop profonde (\(depth) niveaux ; au plus \(maximumDepth))")
    }
    var repaired = false
    if let fixed = repairDoubleEncoding(bytes) {
      bytes = fixed
      repaired = true
    }
    let top: Any
    do { top = try JSONSerialization.jsonObject(with: bytes) } catch {
      throw PIAReadError("ce n'est pas un fichier JSON lisible")
    }
    guard let object = top as? [String: Any], object["pia"] is [String: Any] else {
      throw PIAReadError("ce n'est pas un fichier du logiciel PIA : l'objet « pia » manque")
    }
    for key in ["answers", "measures", "evaluations", "comments"] where !(object[key] is [Any]) {
      throw PIAReadError("fichier PIA incomplet : « \(key) » doit être une liste (même vide)")
    }
    let file: PIAFile
    do { file = try JSONDecoder().decode(PIAFile.self, from: bytes) } catch let error as DecodingError {
      throw PIAReadError("fichier PIA invalide : \(describe(error))")
    } catch {
      throw PIAReadError("fichier PIA invalide")
    }
    return PIAReading(file: file, repairedEncoding: repaired)
  }

  init(file: PIAFile, repairedEncoding: Bool) {
    self.file = file
    self.repairedEncoding = repairedEncoding
    status = Status(file.pia.status)
    let category = file.pia.category ?? ""
    treatmentID = category.hasPrefix("registre:") ? String(category.dropFirst("registre:".count)) : nil
    switch file.pia.dpoStatus {
    case 0?: dpoVerdict = "le traitement ne devrait pas être mis en œuvre"
    case 1?: dpoVerdict = "le traitement pourrait être mis en œuvre"
    default: dpoVerdict = nil
    }
    dpoOpinion = file.pia.dpoOpinion.map(PlainText.from).flatMap { $0.isEmpty ? nil : $0 }
    var risks: [ResidualRisk] = []
    var reassessed: [FearedEvent: Bool] = [:]
    for (event, item, gravity, likelihood) in [
      (FearedEvent.accesIllegitime, "3.2", 325, 326), (.modificationNonDesiree, "3.3", 335, 336), (.disparition, "3.4", 345, 346),
    ] {
      let gauges = file.evaluation(item)?.gauges
      let evaluatorGravity = gauges?.x.flatMap(PIAScale.init(pia:))
      let evaluatorLikelihood = gauges?.y.flatMap(PIAScale.init(pia:))
      if evaluatorGravity != nil || evaluatorLikelihood != nil {
        risks.append(ResidualRisk(risque: event, gravite: evaluatorGravity, vraisemblance: evaluatorLikelihood))
        reassessed[event] = true
        continue
      }
      let g = file.answer(gravity)?.data.gauge.flatMap(PIAScale.init(pia:))
      let l = file.answer(likelihood)?.data.gauge.flatMap(PIAScale.init(pia:))
      if g != nil || l != nil {
        risks.append(ResidualRisk(risque: event, gravite: g, vraisemblance: l))
        reassessed[event] = false
      }
    }
    residualRisks = risks
    self.reassessed = reassessed
    var planned: [PlannedMeasure] = []
    for evaluation in file.evaluations {
      let comment = evaluation.actionPlanComment.map(PlainText.from).flatMap { $0.isEmpty ? nil : $0 }
      guard comment != nil || evaluation.estimatedImplementationDate != nil || evaluation.personInCharge?.isEmpty == false
      else { continue }
      var title = "Point \(evaluation.referenceTo) du PIA"
      if evaluation.referenceTo.hasPrefix("3.1."), let id = Int(evaluation.referenceTo.dropFirst(4)),
        let measure = file.measures.first(where: { $0.id == id })
      {
        title = measure.title
      } else if let event = [("3.2", FearedEvent.accesIllegitime), ("3.3", .modificationNonDesiree), ("3.4", .disparition)]
        .first(where: { $0.0 == evaluation.referenceTo })?.1
      {
        title = event.libelle
      }
      planned.append(
        PlannedMeasure(
          title: title, comment: comment, dueDate: evaluation.estimatedImplementationDate.map { String($0.prefix(10)) },
          owner: evaluation.personInCharge.flatMap { $0.isEmpty ? nil : $0 }))
    }
    plannedMeasures = planned
    lastChanged = (file.pia.updatedAt ?? file.pia.createdAt).flatMap { Day(iso: String($0.prefix(10))) }
  }

  /// The fiche's DPIA record after this PIA: nil when the PIA cannot conclude one (archived or
  /// unknown status), with the reason.
  public func record(keeping previous: DPIA?, storedAt path: String) -> (DPIA?, String?) {
    let statut: DPIAStatus
    var conclusion: String
    switch status {
    case .validated, .validatedWithSignature:
      statut = .realisee
      conclusion = "PIA \(status.libelle)"
    case .inProgress:
      statut = .enCours
      conclusion = "PIA en cours"
    case .refused:
      statut = .requise
      conclusion = "PIA refusé"
      if let reason = file.pia.rejectionReason.map(PlainText.from), !reason.isEmpty { conclusion += " : \(reason)" }
    case .archived, .unknown:
      return (nil, "statut du PIA « \(status.libelle) » : il ne dit pas si l'analyse a été validée ; importez la version en cours ou validée")
    }
    if let verdict = dpoVerdict { conclusion += " ; avis du DPD : \(verdict)" }
    conclusion += "."
    var dpia = DPIA(
      statut: statut, motif: nil, date: lastChanged ?? previous?.date, conclusion: conclusion, avisDPD: dpoOpinion,
      risquesResiduels: residualRisks, fichierPIA: path)
    if statut != .realisee, dpia.date == nil { dpia.date = previous?.date }
    return (dpia, nil)
  }

  /// Deepest nesting of `[` and `{` outside strings, counted without parsing.
  static func nesting(_ bytes: Data) -> Int {
    var depth = 0
    var deepest = 0
    var inString = false
    var escaped = false
    for byte in bytes {
      if inString {
        if escaped { escaped = false } else if byte == 0x5C { escaped = true } else if byte == 0x22 { inString = false }
        continue
      }
      switch byte {
      case 0x22: inString = true
      case 0x5B, 0x7B:
        depth += 1
        deepest = max(deepest, depth)
      case 0x5D, 0x7D: depth -= 1
      default: break
      }
    }
    return deepest
  }

  /// UTF-8 bytes that were read as Latin-1 and written again as UTF-8 (« Ã© » for « é »):
  /// the repaired bytes, or nil when the text is not double-encoded.
  static func repairDoubleEncoding(_ bytes: Data) -> Data? {
    guard let text = String(data: bytes, encoding: .utf8) else { return nil }
    // Only characters U+0080…U+00FF can come from a double encoding; a real « é » alone is not one.
    guard text.unicodeScalars.contains(where: { (0xC2...0xC3).contains($0.value) }),
      text.unicodeScalars.allSatisfy({ $0.value <= 0xFF })
    else { return nil }
    let latin1 = Data(text.unicodeScalars.map { UInt8($0.value) })
    guard let decoded = String(data: latin1, encoding: .utf8) else { return nil }
    return Data(decoded.utf8)
  }

  static func describe(_ error: DecodingError) -> String {
    func path(_ context: DecodingError.Context) -> String {
      context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        .trimmingCharacters(in: CharacterSet(charactersIn: "."))
    }
    switch error {
    case .typeMismatch(_, let c), .valueNotFound(_, let c):
      return "« \(path(c)) » n'a pas le type attendu"
    case .keyNotFound(let key, let c):
      let base = path(c)
      return "« \(base.isEmpty ? key.stringValue : base + "." + key.stringValue) » manque"
    case .dataCorrupted(let c):
      return "« \(path(c)) » illisible"
    @unknown default:
      return "contenu inattendu"
    }
  }
}

/// The text of the PIA software's HTML: tags dropped, entities decoded, spaces folded.
enum PlainText {
  static func from(_ html: String) -> String {
    var text = html.replacingOccurrences(of: "<br\\s*/?>|</p>|</li>|</div>", with: " ", options: .regularExpression)
    text = text.replacingOccurrences(of: "<[^>]*>", with: "", options: .regularExpression)
    for (entity, value) in [("&nbsp;", " "), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
      text = text.replacingOccurrences(of: entity, with: value)
    }
    return text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
  }
}

import Foundation

/// A file of the CNIL's PIA software (v4.x, « exporter en JSON »): five top-level keys, in this
/// order, no version field. Only the members Registre writes or reads are modelled; the software
/// ignores missing optional members and unknown keys on import.
public struct PIAFile: Codable, Sendable, Equatable {
  public var pia: PIARecord
  public var answers: [PIAAnswer]
  public var measures: [PIAMeasure]
  public var evaluations: [PIAEvaluation]
  public var comments: [PIAComment]

  public init(
    pia: PIARecord, answers: [PIAAnswer] = [], measures: [PIAMeasure] = [], evaluations: [PIAEvaluation] = [],
    comments: [PIAComment] = []
  ) {
    self.pia = pia
    self.answers = answers
    self.measures = measures
    self.evaluations = evaluations
    self.comments = comments
  }

  /// The answer to a question (111 … 346), if any.
  public func answer(_ question: Int) -> PIAAnswer? { answers.first { $0.referenceTo == question } }

  /// The evaluation of an item (« 3.2 »…), if any.
  public func evaluation(_ reference: String) -> PIAEvaluation? { evaluations.first { $0.referenceTo == reference } }
}

/// The `pia` object: the PIA's name, status, people and opinions.
public struct PIARecord: Codable, Sendable, Equatable {
  public var name: String
  /// Free text; Registre writes « registre:ID » so that the finished PIA finds its fiche again.
  public var category: String?
  /// 0 en cours, 1 refusé, 2 validation simple, 3 validation avec signature, 4 archivé.
  public var status: Int?
  public var authorName: String?
  public var evaluatorName: String?
  public var validatorName: String?
  /// 0 « ne devrait pas être mis en œuvre », 1 « pourrait être mis en œuvre ».
  public var dpoStatus: Int?
  public var dpoOpinion: String?
  public var dposNames: String?
  public var concernedPeopleSearchedOpinion: Bool?
  public var concernedPeopleSearchedContent: String?
  public var concernedPeopleStatus: Int?
  public var concernedPeopleOpinion: String?
  public var peopleNames: String?
  public var rejectionReason: String?
  public var appliedAdjustments: String?
  public var createdAt: String?
  public var updatedAt: String?

  public init(name: String, category: String? = nil, status: Int = 0, createdAt: String, updatedAt: String) {
    self.name = name
    self.category = category
    self.status = status
    self.createdAt = createdAt
    self.updatedAt = updatedAt
  }

  enum CodingKeys: String, CodingKey {
    case name, category, status
    case authorName = "author_name"
    case evaluatorName = "evaluator_name"
    case validatorName = "validator_name"
    case dpoStatus = "dpo_status"
    case dpoOpinion = "dpo_opinion"
    case dposNames = "dpos_names"
    case concernedPeopleSearchedOpinion = "concerned_people_searched_opinion"
    case concernedPeopleSearchedContent = "concerned_people_searched_content"
    case concernedPeopleStatus = "concerned_people_status"
    case concernedPeopleOpinion = "concerned_people_opinion"
    case peopleNames = "people_names"
    case rejectionReason = "rejection_reason"
    case appliedAdjustments = "applied_adjustments"
    case createdAt = "created_at"
    case updatedAt = "updated_at"
  }

  // Every member, as the PIA software writes a new PIA: empty texts, null statuses, false flags.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(name, forKey: .name)
    try c.encode(category ?? "", forKey: .category)
    try c.encode(status ?? 0, forKey: .status)
    try c.encode(authorName ?? "", forKey: .authorName)
    try c.encode(evaluatorName ?? "", forKey: .evaluatorName)
    try c.encode(validatorName ?? "", forKey: .validatorName)
    try c.encode(dpoStatus, forKey: .dpoStatus)
    try c.encode(dpoOpinion ?? "", forKey: .dpoOpinion)
    try c.encode(dposNames ?? "", forKey: .dposNames)
    try c.encode(concernedPeopleSearchedOpinion ?? false, forKey: .concernedPeopleSearchedOpinion)
    try c.encode(concernedPeopleSearchedContent ?? "", forKey: .concernedPeopleSearchedContent)
    try c.encode(concernedPeopleStatus, forKey: .concernedPeopleStatus)
    try c.encode(concernedPeopleOpinion ?? "", forKey: .concernedPeopleOpinion)
    try c.encode(peopleNames ?? "", forKey: .peopleNames)
    try c.encode(rejectionReason ?? "", forKey: .rejectionReason)
    try c.encode(appliedAdjustments ?? "", forKey: .appliedAdjustments)
    try c.encode(createdAt, forKey: .createdAt)
    try c.encode(updatedAt, forKey: .updatedAt)
  }
}

/// One answer, by question id; `data.text` is HTML.
public struct PIAAnswer: Codable, Sendable, Equatable {
  public var referenceTo: Int
  public var data: PIAAnswerData
  public var createdAt: String?

  public init(_ question: Int, text: String? = nil, gauge: Int? = nil, list: [String] = [], createdAt: String?) {
    referenceTo = question
    data = PIAAnswerData(text: text, gauge: gauge, list: list)
    self.createdAt = createdAt
  }

  enum CodingKeys: String, CodingKey {
    case referenceTo = "reference_to"
    case data
    case createdAt = "created_at"
  }
}

public struct PIAAnswerData: Codable, Sendable, Equatable {
  public var text: String?
  public var gauge: Int?
  public var list: [String]?

  public init(text: String?, gauge: Int?, list: [String]?) {
    self.text = text
    self.gauge = gauge
    self.list = list
  }

  // `encodeIfPresent` would drop the nulls the PIA software writes for unused members.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(text, forKey: .text)
    try c.encode(gauge, forKey: .gauge)
    try c.encode(list ?? [], forKey: .list)
  }
}

/// A measure of section 3.1; the risk questions list measures by title.
public struct PIAMeasure: Codable, Sendable, Equatable {
  public var id: Int
  public var title: String
  public var content: String?
  public var placeholder: String?
  public var createdAt: String?

  public init(id: Int, title: String, content: String?, createdAt: String?) {
    self.id = id
    self.title = title
    self.content = content
    placeholder = "measures.default_placeholder"
    self.createdAt = createdAt
  }

  enum CodingKeys: String, CodingKey {
    case id, title, content, placeholder
    case createdAt = "created_at"
  }
}

/// An evaluation: `reference_to` « 1.1 », « 2.1.211 », « 3.1.<mesure> », « 3.2 »…
public struct PIAEvaluation: Codable, Sendable, Equatable {
  public var referenceTo: String
  /// 0 en attente, 1 à corriger, 2 améliorable, 3 acceptable.
  public var status: Int?
  public var evaluationComment: String?
  public var actionPlanComment: String?
  /// The evaluator's re-assessment on 3.2 / 3.3 / 3.4: x gravity, y likelihood (0–4).
  public var gauges: PIAGauges?
  public var estimatedImplementationDate: String?
  public var personInCharge: String?

  enum CodingKeys: String, CodingKey {
    case referenceTo = "reference_to"
    case status
    case evaluationComment = "evaluation_comment"
    case actionPlanComment = "action_plan_comment"
    case gauges
    case estimatedImplementationDate = "estimated_implementation_date"
    case personInCharge = "person_in_charge"
  }
}

public struct PIAGauges: Codable, Sendable, Equatable {
  public var x: Int?
  public var y: Int?
}

/// A comment on a question (or on a measure when `for_measure`).
public struct PIAComment: Codable, Sendable, Equatable {
  public var description: String
  public var forMeasure: Bool
  public var referenceTo: Int
  public var createdAt: String?

  public init(question: Int, description: String, createdAt: String?) {
    self.description = description
    forMeasure = false
    referenceTo = question
    self.createdAt = createdAt
  }

  enum CodingKeys: String, CodingKey {
    case description
    case forMeasure = "for_measure"
    case referenceTo = "reference_to"
    case createdAt = "created_at"
  }

  // The PIA back end stores `reference_to` as text: both spellings are read.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    description = try c.decodeIfPresent(String.self, forKey: .description) ?? ""
    forMeasure = try c.decodeIfPresent(Bool.self, forKey: .forMeasure) ?? false
    if let number = try? c.decode(Int.self, forKey: .referenceTo) {
      referenceTo = number
    } else if let text = try? c.decode(String.self, forKey: .referenceTo), let number = Int(text) {
      referenceTo = number
    } else {
      throw DecodingError.dataCorruptedError(
        forKey: .referenceTo, in: c, debugDescription: "un numéro de question ou de mesure")
    }
    createdAt = try c.decodeIfPresent(String.self, forKey: .createdAt)
  }
}

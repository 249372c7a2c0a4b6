/// A recommendation of the DPD on one fiche, with the team's answers and its closing.
public struct Recommendation: Sendable, Equatable {
  public struct Note: Sendable, Equatable {
    public var actor: JournalActor
    public var time: String
    public var text: String?
  }

  public enum Status: String, Sendable {
    case ouverte, repondue, close
    public var libelle: String {
      switch self {
      case .ouverte: return "Ouverte"
      case .repondue: return "Répondue"
      case .close: return "Close"
      }
    }
  }

  public var file: String
  public var number: Int
  public var text: String
  public var author: JournalActor
  public var time: String
  public var answers: [Note] = []
  public var closing: Note?

  public var status: Status { closing != nil ? .close : (answers.isEmpty ? .ouverte : .repondue) }
}

/// Where one fiche stands, as the journal says and as its file on disk confirms.
public struct FicheStanding: Sendable, Equatable {
  /// Why a fiche that had been moved forward is a brouillon again.
  public struct DropBack: Sendable, Equatable {
    public var previous: ReviewState
    /// Who changed the file (nil: the change is on disk but in no journal entry yet).
    public var actor: JournalActor?
    public var time: String?

    /// French, for the pages and the CLI.
    public var libelle: String {
      let who = actor.map { " par \($0.libelle)" } ?? " hors application, sans entrée au journal"
      let when = time.map { " le \($0)" } ?? ""
      return "Retour en brouillon : la fiche a été modifiée\(when)\(who) alors qu'elle était « \(previous.libelle) »."
    }
  }

  public var file: String
  public var state: ReviewState
  /// The last move's author and time (nil: never moved).
  public var movedBy: JournalActor?
  public var movedAt: String?
  public var reason: String?
  public var dropBack: DropBack?
  public var recommendations: [Recommendation]

  public var openRecommendations: [Recommendation] { recommendations.filter { $0.status == .ouverte } }
}

/// The review state of every fiche, folded from the journal's entries: the journal is the only record of
/// moves and recommendations, so that nobody can set « contrôlé » by editing a file.
public struct ReviewBoard: Sendable {
  private struct Track {
    var state: ReviewState = .brouillon
    /// The file's hash when the last forward move was made.
    var stateHash: String?
    var movedBy: JournalActor?
    var movedAt: String?
    var reason: String?
    var dropBack: FicheStanding.DropBack?
    /// The file's hash as the journal last recorded it.
    var lastHash: String?
    var recommendations: [Recommendation] = []
  }

  private var tracks: [String: Track] = [:]

  public init(entries: [JournalEntry]) {
    for entry in entries {
      guard let file = entry.event.file else { continue }
      var track = tracks[file] ?? Track()
      let event = entry.event
      switch event.kind {
      case .baseline, .change:
        track.lastHash = event.after
        if track.state != .brouillon, event.after != track.stateHash {
          track.dropBack = .init(previous: track.state, actor: entry.actor, time: entry.time)
          track.state = .brouillon
          track.stateHash = nil
        }
      case .status:
        if let target = event.to {
          // An explicit drop back keeps the reason already found from the change entry.
          if target != .brouillon || track.state != .brouillon { track.dropBack = nil }
          track.state = target
          track.stateHash = event.after
          track.movedBy = entry.actor
          track.movedAt = entry.time
          track.reason = event.text
        }
      case .recommendation:
        if let number = event.number, let text = event.text {
          track.recommendations.append(
            Recommendation(file: file, number: number, text: text, author: entry.actor, time: entry.time))
        }
      case .answer, .close:
        if let number = event.number, let index = track.recommendations.firstIndex(where: { $0.number == number }) {
          let note = Recommendation.Note(actor: entry.actor, time: entry.time, text: event.text)
          if event.kind == .answer {
            track.recommendations[index].answers.append(note)
          } else {
            track.recommendations[index].closing = note
          }
        }
      case .accountAdded, .accountRemoved, .seal:
        break
      }
      tracks[file] = track
    }
  }

  /// Files the journal knows anything about.
  public var files: [String] { tracks.keys.sorted() }

  /// The standing of `file` given its current hash on disk (nil: the file is absent). A forward state
  /// whose file has changed since the move, even outside the application, is reported as brouillon.
  public func standing(of file: String, currentHash: String?) -> FicheStanding {
    let track = tracks[file] ?? Track()
    var standing = FicheStanding(
      file: file, state: track.state, movedBy: track.movedBy, movedAt: track.movedAt, reason: track.reason,
      dropBack: track.dropBack, recommendations: track.recommendations)
    if track.state != .brouillon, currentHash != track.stateHash {
      standing.dropBack = .init(previous: track.state, actor: nil, time: nil)
      standing.state = .brouillon
    }
    return standing
  }

  /// The next number for a new recommendation on `file`.
  public func nextRecommendationNumber(for file: String) -> Int {
    (tracks[file]?.recommendations.map(\.number).max() ?? 0) + 1
  }
}

public import Foundation

/// A register file whose current state differs from the journal's last record of it: what the next
/// journaled write will record as a change made outside the application.
public struct UnjournaledChange: Codable, Sendable, Equatable {
  public var file: String
  /// The hash the journal last recorded (nil: the journal does not know the file).
  public var recorded: String?
  /// The file's hash now (nil: the file is gone, or unreadable).
  public var current: String?
  /// The file is there but was not read: a symbolic link (never followed), a special file or a giant.
  public var unreadable: Bool

  public init(file: String, recorded: String?, current: String?, unreadable: Bool = false) {
    self.file = file
    self.recorded = recorded
    self.current = current
    self.unreadable = unreadable
  }

  /// French.
  public var libelle: String {
    if unreadable {
      return "\(file) : fichier illisible (lien symbolique, fichier spécial ou trop grand), non suivi par le journal"
    }
    switch (recorded, current) {
    case (nil, _): return "\(file) : fichier apparu sans entrée au journal"
    case (_, nil): return "\(file) : fichier supprimé sans entrée au journal"
    default: return "\(file) : fichier modifié depuis sa dernière entrée au journal"
    }
  }
}

/// What `Journal.verify()` found.
public struct JournalVerification: Encodable, Sendable, Equatable {
  public struct Problem: Codable, Sendable, Equatable, CustomStringConvertible {
    /// The line of `journal.jsonl` (from 1), when the problem is on one line.
    public var line: Int?
    /// French.
    public var message: String

    public init(line: Int?, message: String) {
      self.line = line
      self.message = message
    }

    public var description: String { line.map { "ligne \($0) : \(message)" } ?? message }
  }

  /// Whether the journal file exists (a folder without one has nothing to verify).
  public var exists: Bool
  /// Well-formed entries.
  public var entryCount: Int
  /// The hash of the last well-formed entry: what a sealed copy records, and what shows that no entry was
  /// removed from the end since.
  public var headHash: String?
  public var problems: [Problem]
  public var unjournaledChanges: [UnjournaledChange]
  /// The sealed copies compared with this journal (`verifier --journal DOSSIER --archive A`), oldest first.
  public var sealedCopies: [SealedCopy] = []

  /// A journal sealed with a year, compared with the folder's journal: the journal only grows, so the sealed
  /// copy must be the beginning of it, byte for byte.
  public struct SealedCopy: Codable, Sendable, Equatable {
    /// The sealed year's folder name (`2026`, `2026-r2`).
    public var name: String
    public var entryCount: Int
    public var headHash: String?
    /// French; nil when the folder's journal begins with the sealed copy.
    public var problem: String?

    public init(name: String, entryCount: Int, headHash: String?, problem: String?) {
      self.name = name
      self.entryCount = entryCount
      self.headHash = headHash
      self.problem = problem
    }
  }

  public init(
    exists: Bool, entryCount: Int, headHash: String?, problems: [Problem], unjournaledChanges: [UnjournaledChange]
  ) {
    self.exists = exists
    self.entryCount = entryCount
    self.headHash = headHash
    self.problems = problems
    self.unjournaledChanges = unjournaledChanges
  }

  /// The chain holds: no altered, removed, reordered, malformed or torn entry.
  public var chainIntact: Bool { problems.isEmpty }
  /// The chain holds, every register file is as the journal last recorded it, and every sealed copy compared
  /// is the beginning of the journal.
  public var isClean: Bool {
    problems.isEmpty && unjournaledChanges.isEmpty && sealedCopies.allSatisfy { $0.problem == nil }
  }

  private enum CodingKeys: String, CodingKey {
    case exists, entryCount, headHash, problems, unjournaledChanges, sealedCopies, chainIntact, clean
  }

  /// The stored fields, and the two verdicts (`chainIntact`, `clean`) for a machine reader.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(exists, forKey: .exists)
    try container.encode(entryCount, forKey: .entryCount)
    try container.encode(headHash, forKey: .headHash)
    try container.encode(problems, forKey: .problems)
    try container.encode(unjournaledChanges, forKey: .unjournaledChanges)
    try container.encode(sealedCopies, forKey: .sealedCopies)
    try container.encode(chainIntact, forKey: .chainIntact)
    try container.encode(isClean, forKey: .clean)
  }

  /// The French report of `registre verifier --journal`, for the journal at `path`.
  public func text(path: String) -> String {
    var lines = ["Journal \(path)"]
    lines.append("  Entrées lisibles : \(entryCount)")
    lines.append("  Empreinte de la dernière entrée : \(headHash ?? "aucune (journal vide)")")
    for problem in problems { lines.append("  ! \(problem.description)") }
    for change in unjournaledChanges { lines.append("  ! \(change.libelle)") }
    if !unjournaledChanges.isEmpty {
      lines.append(
        "    (la prochaine écriture par l'application ou une commande enregistrera ces modifications « hors application »)")
    }
    for copy in sealedCopies {
      if let problem = copy.problem {
        lines.append("  ! année scellée \(copy.name) : \(problem)")
      } else {
        lines.append(
          "  Année scellée \(copy.name) : le journal commence par sa copie (\(copy.entryCount) entrée(s), "
            + "jusqu'à \(copy.headHash ?? "aucune empreinte"))")
      }
    }
    if isClean {
      lines.append("  Résultat : chaîne intacte ; chaque fichier du registre est dans l'état que le journal a enregistré.")
      lines.append(
        "  Limite : la suppression des dernières entrées ne rompt pas la chaîne ; comparez l'empreinte ci-dessus "
          + "à celle d'une année scellée (registre verifier sur l'archive).")
    } else if problems.isEmpty, sealedCopies.allSatisfy({ $0.problem == nil }) {
      lines.append("  Résultat : chaîne intacte, mais des fichiers ont changé sans entrée au journal.")
    } else if problems.isEmpty {
      lines.append("  Résultat : JOURNAL ALTÉRÉ depuis une année scellée (chaîne intacte, mais différente de sa copie scellée).")
    } else {
      lines.append("  Résultat : JOURNAL ALTÉRÉ (\(problems.count) problème(s)).")
    }
    return lines.joined(separator: "\n")
  }
}

extension Journal {
  /// Checks the chain of a journal's raw bytes (for instance the copy inside a sealed archive). The
  /// `unjournaledChanges` are empty: there are no register files to compare with.
  public static func verify(data: Data) -> JournalVerification {
    var problems: [JournalVerification.Problem] = []
    let decoder = JSONDecoder()
    var entries: [(line: Int, entry: JournalEntry)] = []
    for line in lines(data) {
      if !line.complete {
        problems.append(.init(line: line.number, message: "dernière ligne tronquée (écriture interrompue ou fichier coupé)"))
        continue
      }
      if line.bytes.isEmpty {
        problems.append(.init(line: line.number, message: "ligne vide (une entrée JSON attendue)"))
        continue
      }
      guard let entry = try? decoder.decode(JournalEntry.self, from: line.bytes) else {
        problems.append(.init(line: line.number, message: "ligne illisible (une entrée JSON attendue)"))
        continue
      }
      entries.append((line.number, entry))
      let expected = try? expectedHash(of: entry)
      if expected != entry.hash {
        problems.append(
          .init(
            line: line.number,
            message: "entrée n° \(entry.sequence) modifiée : son empreinte ne correspond plus à son contenu"))
      } else if (try? canonicalJSON(entry)) != line.bytes {
        problems.append(
          .init(
            line: line.number,
            message: "entrée n° \(entry.sequence) réécrite : champs ajoutés ou mise en forme changée"))
      }
    }

    // Sequences: each once, in order, none missing.
    let allSequences = entries.map(\.entry.sequence)
    var seen = Set<Int>()
    var highest = 0
    var hashBySequence: [Int: String] = [:]
    for (index, item) in entries.enumerated() {
      let sequence = item.entry.sequence
      if sequence < 1 {
        problems.append(.init(line: item.line, message: "numéro d'entrée \(sequence) invalide (1, 2, 3… attendus)"))
      } else if seen.contains(sequence) {
        problems.append(.init(line: item.line, message: "entrée n° \(sequence) en double"))
      } else if sequence < highest {
        problems.append(
          .init(
            line: item.line,
            message: "entrée n° \(sequence) placée après l'entrée n° \(highest) : entrées dans le désordre"))
      } else if sequence > highest + 1 {
        let later = Set(allSequences[(index + 1)...])
        let missing = Array((highest + 1)..<sequence)
        let moved = missing.filter { later.contains($0) }
        let removed = missing.filter { !later.contains($0) }
        if !moved.isEmpty {
          problems.append(
            .init(
              line: item.line,
              message: "entrée n° \(sequence) placée avant l'entrée n° \(moved[0]) : entrées dans le désordre"))
        }
        if !removed.isEmpty {
          problems.append(
            .init(line: item.line, message: "\(describe(removed)) manquante(s) avant cette ligne : entrée(s) supprimée(s)"))
        }
      }
      seen.insert(sequence)
      highest = max(highest, sequence)
      if hashBySequence[sequence] == nil { hashBySequence[sequence] = item.entry.hash }
    }

    // Links: each entry names the hash of the one numbered before it.
    for item in entries {
      let sequence = item.entry.sequence
      let expected: String? = sequence == 1 ? zeroHash : hashBySequence[sequence - 1]
      guard let expected, item.entry.previous != expected else { continue }
      let message =
        sequence == 1
        ? "entrée n° 1 : son lien « previous » devrait être 64 zéros"
        : "entrée n° \(sequence) : son lien « previous » ne correspond pas à l'entrée n° \(sequence - 1) "
          + "(entrée précédente remplacée, ou réécrite avec une nouvelle empreinte)"
      problems.append(.init(line: item.line, message: message))
    }
    problems.sort { ($0.line ?? 0) < ($1.line ?? 0) }
    return JournalVerification(
      exists: !data.isEmpty, entryCount: entries.count, headHash: entries.last?.entry.hash, problems: problems,
      unjournaledChanges: [])
  }

  /// Compares the folder's journal `current` with a copy sealed as `name`: the sealed bytes must be the
  /// beginning of the journal, line for line. Finds the entries removed or changed since the seal.
  public static func compare(_ current: Data, withSealed sealed: Data, name: String) -> JournalVerification.SealedCopy {
    let sealedLines = lines(sealed)
    let currentLines = lines(current)
    let verification = verify(data: sealed)
    var copy = JournalVerification.SealedCopy(
      name: name, entryCount: verification.entryCount, headHash: verification.headHash, problem: nil)
    for (index, line) in sealedLines.enumerated() {
      guard index < currentLines.count else {
        copy.problem =
          "les lignes \(index + 1) à \(sealedLines.count) de la copie scellée manquent au journal du dossier "
          + "(entrées supprimées depuis le scellement)"
        return copy
      }
      let mine = currentLines[index]
      // The sealed copy's last line is complete; the folder's journal may have grown after it.
      guard mine.bytes == line.bytes, mine.complete || !line.complete else {
        copy.problem =
          "la ligne \(index + 1) du journal du dossier diffère de la copie scellée "
          + "(entrée modifiée ou remplacée depuis le scellement)"
        return copy
      }
    }
    return copy
  }

  /// « l'entrée n° 3 », « les entrées n° 3 à 5 ».
  private static func describe(_ sequences: [Int]) -> String {
    guard let first = sequences.first, let last = sequences.last else { return "" }
    if first == last { return "L'entrée n° \(first)" }
    if sequences.count == last - first + 1 { return "Les entrées n° \(first) à \(last)" }
    return "Les entrées n° " + sequences.map(String.init).joined(separator: ", ")
  }
}

public import Foundation
public import RegistreModel
public import RegistreSupport
import Yams

/// A record built field by field by an importer, before it is a model value: an enumerated field may
/// hold « À COMPLÉTER : … » when the source's value could not be mapped, which the model cannot.
/// Written as YAML in the descriptor's field order; `valider` then reports each placeholder.
public indirect enum DraftValue: Equatable, Sendable {
  case text(String)
  case integer(Int)
  case boolean(Bool)
  case list([DraftValue])
  case object([(String, DraftValue)])

  public static func == (lhs: DraftValue, rhs: DraftValue) -> Bool {
    Value(lhs) == Value(rhs)
  }

  /// The value of `key` in an object, if any.
  public subscript(key: String) -> DraftValue? {
    guard case .object(let pairs) = self else { return nil }
    return pairs.first { $0.0 == key }?.1
  }

  /// The draft of a model value, ordered and typed by its record type.
  public static func from<T: Encodable>(_ value: T, type: RecordType) throws -> DraftValue {
    DraftValue(try Value.from(value, type: type))
  }

  init(_ value: Value) {
    switch value {
    case .texte(let s): self = .text(s)
    case .entier(let n): self = .integer(n)
    case .booleen(let b): self = .boolean(b)
    case .liste(let l): self = .list(l.map(DraftValue.init))
    case .objet(let p): self = .object(p.map { ($0.0, DraftValue($0.1)) })
    }
  }
}

extension Value {
  init(_ draft: DraftValue) {
    switch draft {
    case .text(let s): self = .texte(s)
    case .integer(let n): self = .entier(n)
    case .boolean(let b): self = .booleen(b)
    case .list(let l): self = .liste(l.map(Value.init))
    case .object(let p): self = .objet(p.map { ($0.0, Value($0.1)) })
    }
  }

  /// Keys in the descriptor's order; empty lists dropped. Keys the type does not know are kept at the
  /// end, so that the reader reports them rather than the writer hiding them.
  func ordered(by type: RecordType) -> Value {
    guard case .objet(let pairs) = self else { return self }
    var out: [(String, Value)] = []
    for field in type.champs {
      guard let value = pairs.first(where: { $0.0 == field.cle })?.1 else { continue }
      if case .liste(let elements) = value, elements.isEmpty { continue }
      out.append((field.cle, Value.order(value, kind: field.genre)))
    }
    out += pairs.filter { pair in type.field(pair.0) == nil }
    return .objet(out)
  }

  private static func order(_ value: Value, kind: FieldKind) -> Value {
    switch (value, kind) {
    case (.objet, .objet(let type)): return value.ordered(by: type)
    case (.liste(let elements), .liste(let element, _)): return .liste(elements.map { order($0, kind: element) })
    default: return value
    }
  }
}

extension RegisterWriter {
  /// YAML text of one draft record of `type`.
  public static func yaml(draft: DraftValue, type: RecordType) throws -> String {
    try Yams.serialize(node: yamlNode(Value(draft).ordered(by: type)), allowUnicode: true, sortKeys: false)
  }

  /// Writes a new register folder from drafts: built whole in a hidden sibling folder, then renamed into
  /// place in one step, so an interrupted import leaves no half folder. Refused when `folder` exists
  /// (even empty): an import never writes into an existing register.
  ///
  /// `progress`: each file written, n of N (issue 22).
  ///
  /// - Returns: the files written, relative to `folder`.
  @discardableResult
  public static func writeNewFolder(
    school: DraftValue, treatments: [(id: String, draft: DraftValue)],
    processors: [(id: String, draft: DraftValue)], to folder: URL, progress: ProgressReport? = nil
  ) throws(WriteError) -> [String] {
    var files: [(String, String)] = []
    do {
      files.append(("etablissement.yaml", try yaml(draft: school, type: Format.etablissement)))
      for t in treatments { files.append(("traitements/\(t.id).yaml", try yaml(draft: t.draft, type: Format.traitement))) }
      for p in processors { files.append(("sous-traitants/\(p.id).yaml", try yaml(draft: p.draft, type: Format.sousTraitant))) }
    } catch {
      throw .ecriture("sérialisation impossible : \(error)")
    }
    let manager = FileManager.default
    if manager.fileExists(atPath: folder.path) || (try? manager.destinationOfSymbolicLink(atPath: folder.path)) != nil {
      throw .fichierExistant(folder.lastPathComponent)
    }
    let parent = folder.deletingLastPathComponent()
    let staging = parent.appendingPathComponent(".\(folder.lastPathComponent).import-\(UUID().uuidString)")
    do {
      try manager.createDirectory(at: staging, withIntermediateDirectories: false)
      for name in ["traitements", "sous-traitants", "violations"] {
        try manager.createDirectory(at: staging.appendingPathComponent(name), withIntermediateDirectories: false)
      }
      let writing = ProgressCounter("Écriture des fiches", total: files.count, report: progress)
      for (relative, text) in files {
        try AtomicFile.write(Data(text.utf8), to: staging.appendingPathComponent(relative), permissions: 0o640, existing: .refuse)
        writing.advance()
      }
    } catch {
      try? manager.removeItem(at: staging)
      throw .ecriture("\(staging.path) : \(error)")
    }
    // rename(2) fails when the destination appeared meanwhile as a non-empty folder; an empty one
    // would be replaced, so the check is repeated just before.
    guard !manager.fileExists(atPath: folder.path) else {
      try? manager.removeItem(at: staging)
      throw .fichierExistant(folder.lastPathComponent)
    }
    do {
      try manager.moveItem(at: staging, to: folder)
    } catch {
      try? manager.removeItem(at: staging)
      throw .ecriture("\(folder.path) : \(error)")
    }
    return files.map(\.0)
  }
}

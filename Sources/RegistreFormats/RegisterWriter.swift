public import Foundation
public import RegistreModel
import RegistreSupport
import Yams

/// Writes a register as a folder of YAML files, fields in descriptor order.
public enum RegisterWriter {
  /// Errors while writing a register folder.
  public enum WriteError: Error, Sendable {
    case fichierExistant(String)
    case ecriture(String)
  }

  /// YAML text of one record.
  public static func yaml<T: Encodable>(_ valeur: T, type: RecordType) throws -> String {
    try Yams.serialize(node: yamlNode(Value.from(valeur, type: type)), allowUnicode: true, sortKeys: false)
  }

  /// Writes `registre` into `dossier` (created if needed). Existing files are
  /// never overwritten: the whole write is refused before anything is written.
  public static func writeFolder(_ registre: Register, dans dossier: URL) throws(WriteError) {
    var fichiers: [(String, String)] = []
    do {
      fichiers.append(("etablissement.yaml", try yaml(registre.etablissement, type: Format.etablissement)))
      for t in registre.traitements { fichiers.append(("traitements/\(t.id).yaml", try yaml(t, type: Format.traitement))) }
      for s in registre.sousTraitants { fichiers.append(("sous-traitants/\(s.id).yaml", try yaml(s, type: Format.sousTraitant))) }
      for v in registre.violations { fichiers.append(("violations/\(v.id).yaml", try yaml(v, type: Format.violation))) }
      for a in registre.actions { fichiers.append(("actions/\(a.id).yaml", try yaml(a, type: Format.action))) }
      for d in registre.demandes { fichiers.append(("demandes/\(d.id).yaml", try yaml(d, type: Format.demande))) }
    } catch {
      throw .ecriture("sérialisation impossible : \(error)")
    }
    // fileExists follows links: a dangling link planted at a record's path needs its own check,
    // otherwise earlier files would be written before AtomicFile refuses the link.
    for (relatif, _) in fichiers {
      let chemin = dossier.appendingPathComponent(relatif).path
      if FileManager.default.fileExists(atPath: chemin)
        || (try? FileManager.default.destinationOfSymbolicLink(atPath: chemin)) != nil
      {
        throw .fichierExistant(relatif)
      }
    }
    for (relatif, texte) in fichiers {
      let url = dossier.appendingPathComponent(relatif)
      do {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try AtomicFile.write(Data(texte.utf8), to: url, permissions: 0o640, existing: .refuse)
      } catch {
        throw .ecriture("\(relatif) : \(error)")
      }
    }
  }

  static func yamlNode(_ valeur: Value) -> Node {
    switch valeur {
    case .texte(let s): return Node(s, Tag(.str), YAMLReader.styleAmbigu(s) ? .doubleQuoted : .plain)
    case .entier(let n): return Node("\(n)")
    case .booleen(let b): return Node(b ? "true" : "false")
    case .liste(let elements): return Node(elements.map(yamlNode))
    case .objet(let paires): return Node(paires.map { (Node($0.0), yamlNode($0.1)) })
    }
  }
}

extension YAMLReader {
  /// Strings that YAML would read as something else (numbers, booleans, dates,
  /// null) are quoted when written.
  static func styleAmbigu(_ s: String) -> Bool {
    if s.isEmpty || ["true", "false", "null", "~", "yes", "no", "on", "off"].contains(s.lowercased()) { return true }
    if Double(s) != nil || Int(s) != nil { return true }
    if let premier = s.first, "-?:,[]{}#&*!|>'\"%@`".contains(premier) { return true }
    return s.contains(": ") || s.contains(" #") || s.hasSuffix(":") || s.contains("\n")
  }
}

public import Foundation
public import RegistreModel
import RegistreFormats
import RegistreSignature

/// Reads a register from any of the forms it takes: a YAML folder, a canonical XML file, an exported
/// register PDF (through its embedded XML), or a sealed year of the archive (its `registre-AAAA.xml`).
public enum RegisterSource {
  /// Why a register could not be read: French lines, one per problem.
  public struct Failure: Error, Sendable {
    public var lines: [String]
  }

  public static func load(_ url: URL) throws(Failure) -> Register {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
      throw Failure(lines: ["\(url.path) : chemin introuvable"])
    }
    if isDirectory.boolValue {
      let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
      if names.contains(YearArchive.manifestName),
        let xml = names.sorted().first(where: { $0.hasPrefix("registre-") && $0.hasSuffix(".xml") })
      {
        return try loadXML(url.appendingPathComponent(xml))
      }
      do { return try RegisterLoading.load(url).registre } catch {
        throw Failure(lines: error.diagnostics.map(\.texte))
      }
    }
    if url.pathExtension.lowercased() == "pdf" { return try loadPDF(url) }
    return try loadXML(url)
  }

  static func loadXML(_ url: URL) throws(Failure) -> Register {
    do { return try RegisterLoading.loadXML(url).registre } catch {
      throw Failure(lines: error.diagnostics.map(\.texte))
    }
  }

  static func loadPDF(_ url: URL) throws(Failure) -> Register {
    guard let data = try? Data(contentsOf: url) else { throw Failure(lines: ["\(url.path) : fichier illisible"]) }
    let files: [EmbeddedFile]
    do { files = try PDFDocument(data: data).embeddedFiles() } catch {
      throw Failure(lines: ["\(url.path) : \(error.description)"])
    }
    guard let xml = files.first(where: { $0.name.lowercased().hasSuffix(".xml") }) else {
      throw Failure(lines: ["\(url.path) : aucun registre XML incorporé dans ce PDF"])
    }
    do { return try RegisterLoading.loadXML(xml.data, nom: "\(url.lastPathComponent) → \(xml.name)", source: url).registre }
    catch { throw Failure(lines: error.diagnostics.map(\.texte)) }
  }
}

public import Foundation
import RegistreSupport

/// Where the XSLT templates and FOP's configuration come from: the built-in
/// set shipped with the tool (the top-level `Templates/` folder, bundled as a
/// resource of this module), or a school's own copy given with `--modeles DOSSIER`.
public struct TemplateLibrary: Sendable, Equatable {
  /// The folder holding `registre.xsl`, `notice-familles.xsl`, … and `fop/fop.xconf`.
  public let folder: URL

  public init(folder: URL) {
    self.folder = folder.standardizedFileURL
  }

  /// The templates shipped with the tool.
  public static var builtIn: TemplateLibrary? {
    guard let url = Bundle.module.url(forResource: "Templates", withExtension: nil) else {
      return nil
    }
    return TemplateLibrary(folder: url)
  }

  /// A school's folder, checked to exist.
  public static func custom(_ folder: URL) throws(DocumentError) -> TemplateLibrary {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder),
      isFolder.boolValue
    else {
      throw .templatesFolderMissing(path: folder.path)
    }
    return TemplateLibrary(folder: folder)
  }

  /// The template file for `kind`.
  public func template(for kind: DocumentKind) throws(DocumentError) -> URL {
    let url = folder.appendingPathComponent(kind.templateFileName)
    guard FileManager.default.isReadableFile(atPath: url.path) else {
      throw .templateMissing(path: url.path)
    }
    return url
  }

  /// FOP's configuration in this library.
  public var fopConfiguration: URL {
    folder.appendingPathComponent("fop").appendingPathComponent("fop.xconf")
  }

  /// A FOP renderer configured from this library: its `fop.xconf`, and a check
  /// that each font file it names exists (with the Debian package to install).
  public func fopRenderer(timeout: Duration = .seconds(180)) -> FOPRenderer {
    FOPRenderer(
      configuration: fopConfiguration, requiredFiles: fontFiles(), timeout: timeout, readableFolders: [folder])
  }

  /// The warm renderer configured like `fopRenderer`: one JVM for every document of the process.
  public func warmFOPRenderer(timeout: Duration = .seconds(180)) -> WarmFOPRenderer {
    WarmFOPRenderer(
      configuration: fopConfiguration, requiredFiles: fontFiles(), timeout: timeout, readableFolders: [folder])
  }

  /// The renderer documents use: the warm service by default, the `fop` command when
  /// `REGISTRE_RENDU=fop` (the fallback, and the reference of the tests). Any other value
  /// of `REGISTRE_RENDU` but `service` is ignored and means the default.
  public func renderer(
    timeout: Duration = .seconds(180), environment: [String: String] = ProcessInfo.processInfo.environment
  ) -> any Renderer {
    RenderingMode(environment: environment) == .command
      ? fopRenderer(timeout: timeout) : warmFOPRenderer(timeout: timeout)
  }

  /// Absolute font paths named by `embed-url="…"` in the configuration.
  func fontFiles() -> [(path: String, package: String)] {
    guard let data = try? Data(contentsOf: fopConfiguration) else { return [] }
    let text = String(decoding: data, as: UTF8.self)
    var files: [(path: String, package: String)] = []
    var rest = Substring(text)
    while let start = rest.range(of: "embed-url=\"") {
      rest = rest[start.upperBound...]
      guard let end = rest.firstIndex(of: "\"") else { break }
      var path = String(rest[..<end])
      if path.hasPrefix("file://") { path.removeFirst("file://".count) }
      if path.hasPrefix("/") {
        let package = path.contains("dejavu") ? "fonts-dejavu-core" : "police"
        files.append((path, package))
      }
      rest = rest[end...]
    }
    return files
  }

  /// Copies every template (and FOP's configuration) into `destination`, which
  /// must not exist yet or be empty, for a school to edit
  /// (`registre modeles exporter DOSSIER`). Returns the files written.
  public func export(to destination: URL) throws(DocumentError) -> [URL] {
    let manager = FileManager.default
    if let existing = try? manager.contentsOfDirectory(atPath: destination.path),
      !existing.isEmpty
    {
      throw .writeFailed(path: destination.path, detail: "le dossier existe et n'est pas vide")
    }
    guard let enumerator = manager.enumerator(at: folder, includingPropertiesForKeys: nil) else {
      throw .templatesFolderMissing(path: folder.path)
    }
    var written: [URL] = []
    var sources: [URL] = []
    for case let url as URL in enumerator { sources.append(url) }
    sources.sort { $0.path < $1.path }
    let base = folder.resolvingSymlinksInPath().path
    do {
      try manager.createDirectory(at: destination, withIntermediateDirectories: true)
      for source in sources {
        var isFolder: ObjCBool = false
        guard manager.fileExists(atPath: source.path, isDirectory: &isFolder), !isFolder.boolValue
        else { continue }
        let path = source.resolvingSymlinksInPath().path
        guard path.hasPrefix(base + "/") else { continue }
        let relative = String(path.dropFirst(base.count + 1))
        let target = destination.appendingPathComponent(relative)
        try manager.createDirectory(
          at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        let data = try Data(contentsOf: source)
        try AtomicFile.write(data, to: target, existing: .refuse)
        written.append(target)
      }
    } catch let error as DocumentError {
      throw error
    } catch {
      throw .writeFailed(path: destination.path, detail: "\(error)")
    }
    return written
  }
}

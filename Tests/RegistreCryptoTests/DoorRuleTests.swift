import Foundation
import RegistreTestSupport
import Testing

/// docs/ARCHITECTURE.md: only the crypto door, the signature internals and the TLS probe see OpenSSL.
@Suite("Règle d'architecture : OpenSSL derrière la porte cryptographique")
struct DoorRuleTests {
  static let allowed = ["Sources/RegistreCrypto/", "Sources/RegistreSignature/", "Sources/RegistreProbe/"]

  @Test("Aucun autre module, ni aucun test, n'importe COpenSSL")
  func onlyTheDoorImportsOpenSSL() throws {
    let root = RegistreCLI.repository
    var offenders: [String] = []
    var scanned = 0
    for folder in ["Sources", "Tests", "Fuzz"] {
      let base = root.appendingPathComponent(folder)
      guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil) else { continue }
      for case let url as URL in walker where url.pathExtension == "swift" {
        scanned += 1
        let relative = String(url.path.dropFirst(root.path.count + 1))
        guard !Self.allowed.contains(where: relative.hasPrefix) else { continue }
        let text = try String(contentsOf: url, encoding: .utf8)
        let imports = text.split(separator: "\n").contains { line in
          let words = line.split(separator: " ")
          return words.count >= 2 && words.last == "COpenSSL" && words.dropLast().allSatisfy {
            ["import", "public", "package", "internal", "@_implementationOnly", "@testable"].contains(String($0))
          }
        }
        if imports { offenders.append(relative) }
      }
    }
    #expect(scanned > 100, "les sources n'ont pas été trouvées sous \(root.path)")
    #expect(offenders.isEmpty, "importent COpenSSL hors de la porte : \(offenders)")
  }

  @Test("Package.swift : seuls RegistreCrypto, RegistreSignature et RegistreProbe dépendent de COpenSSL")
  func onlyTheDoorDependsOnOpenSSL() throws {
    let manifest = try String(contentsOf: RegistreCLI.repository.appendingPathComponent("Package.swift"), encoding: .utf8)
    var dependents: [String] = []
    // Each target declaration starts with `name: "…"`; its dependencies follow until the next declaration.
    let declarations = manifest.components(separatedBy: "name: \"").dropFirst()
    for declaration in declarations {
      let name = String(declaration.prefix { $0 != "\"" })
      let body = declaration.drop { $0 != "\"" }.dropFirst()
      if body.contains("\"COpenSSL\"") { dependents.append(name) }
    }
    #expect(Set(dependents) == ["RegistreCrypto", "RegistreSignature", "RegistreProbe"])
  }
}

/// docs/ARCHITECTURE.md: every test target starts programs through RegistreTestSupport, and no symlink shares code.
@Suite("Règle des essais : un seul lanceur de processus, aucun lien symbolique")
struct TestSupportRuleTests {
  @Test("Hors de RegistreTestSupport, aucun test ne lance un processus lui-même ni ne passe par un lien")
  func oneProcessRunner() throws {
    let tests = RegistreCLI.repository.appendingPathComponent("Tests")
    var offenders: [String] = []
    var links: [String] = []
    var scanned = 0
    let keys: [URLResourceKey] = [.isSymbolicLinkKey]
    guard let walker = FileManager.default.enumerator(at: tests, includingPropertiesForKeys: keys) else {
      Issue.record("Tests/ introuvable sous \(tests.path)")
      return
    }
    for case let url as URL in walker {
      let relative = String(url.path.dropFirst(tests.path.count + 1))
      if try url.resourceValues(forKeys: Set(keys)).isSymbolicLink == true { links.append(relative) }
      guard url.pathExtension == "swift", !relative.hasPrefix("RegistreTestSupport/") else { continue }
      scanned += 1
      let text = try String(contentsOf: url, encoding: .utf8)
      // Spelled in two parts so that this file does not match itself.
      let forbidden: [String] = ["Process" + "()", "posix" + "_spawn"]
      if forbidden.contains(where: { text.contains($0) }) { offenders.append(relative) }
    }
    #expect(scanned > 50)
    #expect(offenders.isEmpty, "lancent un processus sans RegistreTestSupport : \(offenders)")
    #expect(links.isEmpty, "liens symboliques sous Tests/ : \(links)")
  }
}

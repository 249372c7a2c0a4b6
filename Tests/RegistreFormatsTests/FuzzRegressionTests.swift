import Foundation
import RegistreFormats
import RegistreModel
import Testing

/// Replays inputs kept from fuzzing (docs/fuzzing.md): each must give a value or a diagnostic,
/// never a crash or a hang. A crash found later is added to these folders with its fix.
@Suite("Fuzzing : entrées conservées, rejouées")
struct FuzzRegression {
  static let dossier = Fixtures.racine.appendingPathComponent("fuzz")

  static func files(_ sousDossier: String) -> [URL] {
    let url = dossier.appendingPathComponent(sousDossier)
    let noms = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
    return noms.sorted().map { url.appendingPathComponent($0) }
  }

  @Test func yamlInputsAreReadOrRefusedForEveryRecordType() throws {
    let fichiers = Self.files("yaml")
    #expect(fichiers.count >= 10)
    var refus = 0
    for url in fichiers {
      // Like the harness, the first byte picked the record type; every type reads the rest here.
      let donnees = try Data(contentsOf: url).dropFirst()
      func replay<T: Decodable>(_ type: RecordType, _ modele: T.Type) {
        do {
          _ = try YAMLFileReading.read(Data(donnees), fichier: url.lastPathComponent, type: type, en: modele)
        } catch {
          #expect(!error.diagnostics.isEmpty, "\(url.lastPathComponent)")
          refus += 1
        }
      }
      replay(Format.etablissement, School.self)
      replay(Format.traitement, Treatment.self)
      replay(Format.sousTraitant, Processor.self)
      replay(Format.violation, Breach.self)
    }
    #expect(refus > 0)
  }

  @Test func xmlInputsAreLoadedOrRefusedWithDiagnostics() throws {
    let fichiers = Self.files("xml")
    #expect(fichiers.count >= 10)
    for url in fichiers {
      let donnees = try Data(contentsOf: url)
      do {
        _ = try RegisterLoading.loadXML(donnees, nom: url.lastPathComponent, source: url)
      } catch {
        #expect(!error.diagnostics.isEmpty, "\(url.lastPathComponent)")
      }
    }
  }
}

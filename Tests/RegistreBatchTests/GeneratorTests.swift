import Foundation
import RegistreFormats
import RegistreBatch
import RegistreGenerator
import RegistreModel
import Testing
import RegistreTestSupport

/// Every file of a folder, by relative path.
func contents(_ dossier: URL) throws -> [String: Data] {
  var table: [String: Data] = [:]
  let enumerateur = FileManager.default.enumerator(at: dossier, includingPropertiesForKeys: [.isRegularFileKey])
  while let url = enumerateur?.nextObject() as? URL {
    guard (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true else { continue }
    table[String(url.path.dropFirst(dossier.path.count))] = try Data(contentsOf: url)
  }
  return table
}

@Suite struct GeneratorTests {
  @Test func sameSeedSameBytes() throws {
    let p = GenerationParameters(etablissements: 4, traitements: 30, graine: 7, partDefauts: 0.3, illisibles: 1)
    let a = try TemporaryFolder.make()
    let b = try TemporaryFolder.make()
    defer {
      try? FileManager.default.removeItem(at: a)
      try? FileManager.default.removeItem(at: b)
    }
    try RegisterGenerator(p).write(dans: a)
    try RegisterGenerator(p).write(dans: b)
    let x = try contents(a)
    let y = try contents(b)
    #expect(x.count == 4)
    #expect(x == y)

    var autre = p
    autre.graine = 8
    #expect(try RegisterGenerator(autre).register(0) != RegisterGenerator(p).register(0))
  }

  /// School i does not depend on how many schools the lot has.
  @Test func aSchoolDoesNotDependOnTheBatchSize() throws {
    let petit = try RegisterGenerator(GenerationParameters(etablissements: 3, traitements: 20))
    let grand = try RegisterGenerator(GenerationParameters(etablissements: 300, traitements: 20))
    #expect(petit.register(2) == grand.register(2))
  }

  @Test func generatedRegistersLoad() throws {
    let p = GenerationParameters(etablissements: 5, traitements: 60, graine: 11, partDefauts: 0.5)
    let dossier = try TemporaryFolder.make()
    defer { try? FileManager.default.removeItem(at: dossier) }
    let resume = try RegisterGenerator(p).write(dans: dossier)
    #expect(resume.illisibles.isEmpty)
    var uais = Set<String>()
    for nom in try FileManager.default.contentsOfDirectory(atPath: dossier.path) {
      let charge = try RegisterLoading.load(dossier.appendingPathComponent(nom))
      #expect(charge.registre.traitements.count == 60)
      #expect(Set(charge.registre.traitements.map(\.id)).count == 60)
      #expect(Codes.isUAI(charge.registre.etablissement.uai))
      #expect(nom == charge.registre.etablissement.uai + ".xml")
      uais.insert(charge.registre.etablissement.uai)
    }
    #expect(uais.count == 5)
  }

  @Test func folderFormatLoads() throws {
    let p = GenerationParameters(etablissements: 2, traitements: 10, format: .dossier)
    let dossier = try TemporaryFolder.make()
    defer { try? FileManager.default.removeItem(at: dossier) }
    try RegisterGenerator(p).write(dans: dossier)
    for nom in try FileManager.default.contentsOfDirectory(atPath: dossier.path) {
      let charge = try RegisterLoading.load(dossier.appendingPathComponent(nom))
      #expect(charge.registre.traitements.count == 10)
    }
  }

  @Test func uaisAreWellFormedAndUnique() {
    let codes = (0..<19_999).map(RegisterGenerator.uai)
    #expect(codes.allSatisfy(Codes.isUAI))
    #expect(Set(codes).count == codes.count)
    #expect(!codes.contains("0999999F"))  // the demo register's UAI
    #expect(RegisterGenerator.uai(0) == "0980000T")  // 980000 mod 23 = 16 → T
  }

  @Test func refusedParameters() {
    #expect(throws: GenerationError.self) { try RegisterGenerator(GenerationParameters(etablissements: 0)) }
    #expect(throws: GenerationError.self) {
      try RegisterGenerator(GenerationParameters(etablissements: 20_000))
    }
    #expect(throws: GenerationError.self) {
      try RegisterGenerator(GenerationParameters(etablissements: 2, illisibles: 3))
    }
    #expect(throws: GenerationError.self) {
      try RegisterGenerator(GenerationParameters(etablissements: 2, partDefauts: 1.5))
    }
  }

  @Test func nonEmptyFolderRefused() throws {
    let dossier = try TemporaryFolder.make()
    defer { try? FileManager.default.removeItem(at: dossier) }
    try Data("x".utf8).write(to: dossier.appendingPathComponent("autre.txt"))
    #expect(throws: GenerationError.self) {
      try RegisterGenerator(GenerationParameters(etablissements: 1, traitements: 5)).write(dans: dossier)
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: dossier.path) == ["autre.txt"])
  }

  @Test func splitMix64Reference() {
    // First outputs for seed 1234567 (reference values of the published algorithm).
    var g = SplitMix64(graine: 1_234_567)
    #expect(g.next() == 6_457_827_717_110_365_317)
    #expect(g.next() == 3_203_168_211_198_807_973)
  }
}

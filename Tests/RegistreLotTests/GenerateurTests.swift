import Foundation
import RegistreFormats
import RegistreLot
import RegistreModel
import Testing
import RegistreTestSupport

/// Every file of a folder, by relative path.
func contenu(_ dossier: URL) throws -> [String: Data] {
  var table: [String: Data] = [:]
  let enumerateur = FileManager.default.enumerator(at: dossier, includingPropertiesForKeys: [.isRegularFileKey])
  while let url = enumerateur?.nextObject() as? URL {
    guard (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true else { continue }
    table[String(url.path.dropFirst(dossier.path.count))] = try Data(contentsOf: url)
  }
  return table
}

@Suite struct Generateur {
  @Test func memeGraineMemesOctets() throws {
    let p = ParametresGeneration(etablissements: 4, traitements: 30, graine: 7, partDefauts: 0.3, illisibles: 1)
    let a = try TemporaryFolder.make()
    let b = try TemporaryFolder.make()
    defer {
      try? FileManager.default.removeItem(at: a)
      try? FileManager.default.removeItem(at: b)
    }
    try GenerateurRegistres(p).ecrire(dans: a)
    try GenerateurRegistres(p).ecrire(dans: b)
    let x = try contenu(a)
    let y = try contenu(b)
    #expect(x.count == 4)
    #expect(x == y)

    var autre = p
    autre.graine = 8
    #expect(try GenerateurRegistres(autre).registre(0) != GenerateurRegistres(p).registre(0))
  }

  /// School i does not depend on how many schools the lot has.
  @Test func unEtablissementNeDependPasDeLaTailleDuLot() throws {
    let petit = try GenerateurRegistres(ParametresGeneration(etablissements: 3, traitements: 20))
    let grand = try GenerateurRegistres(ParametresGeneration(etablissements: 300, traitements: 20))
    #expect(petit.registre(2) == grand.registre(2))
  }

  @Test func lesRegistresGeneresSeChargent() throws {
    let p = ParametresGeneration(etablissements: 5, traitements: 60, graine: 11, partDefauts: 0.5)
    let dossier = try TemporaryFolder.make()
    defer { try? FileManager.default.removeItem(at: dossier) }
    let resume = try GenerateurRegistres(p).ecrire(dans: dossier)
    #expect(resume.illisibles.isEmpty)
    var uais = Set<String>()
    for nom in try FileManager.default.contentsOfDirectory(atPath: dossier.path) {
      let charge = try ChargementRegistre.charger(dossier.appendingPathComponent(nom))
      #expect(charge.registre.traitements.count == 60)
      #expect(Set(charge.registre.traitements.map(\.id)).count == 60)
      #expect(Codes.estUAI(charge.registre.etablissement.uai))
      #expect(nom == charge.registre.etablissement.uai + ".xml")
      uais.insert(charge.registre.etablissement.uai)
    }
    #expect(uais.count == 5)
  }

  @Test func formatDossierSeCharge() throws {
    let p = ParametresGeneration(etablissements: 2, traitements: 10, format: .dossier)
    let dossier = try TemporaryFolder.make()
    defer { try? FileManager.default.removeItem(at: dossier) }
    try GenerateurRegistres(p).ecrire(dans: dossier)
    for nom in try FileManager.default.contentsOfDirectory(atPath: dossier.path) {
      let charge = try ChargementRegistre.charger(dossier.appendingPathComponent(nom))
      #expect(charge.registre.traitements.count == 10)
    }
  }

  @Test func uaiBienFormesEtUniques() {
    let codes = (0..<19_999).map(GenerateurRegistres.uai)
    #expect(codes.allSatisfy(Codes.estUAI))
    #expect(Set(codes).count == codes.count)
    #expect(!codes.contains("0999999Z"))  // the demo register's UAI
    #expect(GenerateurRegistres.uai(0) == "0980000T")  // 980000 mod 23 = 16 → T
  }

  @Test func parametresRefuses() {
    #expect(throws: ErreurGeneration.self) { try GenerateurRegistres(ParametresGeneration(etablissements: 0)) }
    #expect(throws: ErreurGeneration.self) {
      try GenerateurRegistres(ParametresGeneration(etablissements: 20_000))
    }
    #expect(throws: ErreurGeneration.self) {
      try GenerateurRegistres(ParametresGeneration(etablissements: 2, illisibles: 3))
    }
    #expect(throws: ErreurGeneration.self) {
      try GenerateurRegistres(ParametresGeneration(etablissements: 2, partDefauts: 1.5))
    }
  }

  @Test func dossierNonVideRefuse() throws {
    let dossier = try TemporaryFolder.make()
    defer { try? FileManager.default.removeItem(at: dossier) }
    try Data("x".utf8).write(to: dossier.appendingPathComponent("autre.txt"))
    #expect(throws: ErreurGeneration.self) {
      try GenerateurRegistres(ParametresGeneration(etablissements: 1, traitements: 5)).ecrire(dans: dossier)
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: dossier.path) == ["autre.txt"])
  }

  @Test func splitMix64Reference() {
    // First outputs for seed 1234567 (reference values of the published algorithm).
    var g = SplitMix64(graine: 1_234_567)
    #expect(g.suivant() == 6_457_827_717_110_365_317)
    #expect(g.suivant() == 3_203_168_211_198_807_973)
  }
}

import Foundation
import RegistreModel
import Testing
import Yams

@testable import RegistreCatalogue

/// Reads the demo folder with the catalogue's own reader (the formats module's loader
/// checks it too, in `ValidationTests`).
struct LoadedDemo {
  var etablissement: School
  var traitements: [String: Treatment] = [:]
  var sousTraitants: [String: Processor] = [:]
  var violations: [String: Breach] = [:]
  var textes: [String] = []

  init() throws {
    let dossier = try Catalogue.demoFolder()
    func read(_ chemin: String) throws -> String {
      try String(contentsOf: dossier.appendingPathComponent(chemin), encoding: .utf8)
    }
    func names(_ sous: String) throws -> [String] {
      try FileManager.default.contentsOfDirectory(atPath: dossier.appendingPathComponent(sous).path)
        .filter { $0.hasSuffix(".yaml") }.sorted()
    }
    let texteEtablissement = try read("etablissement.yaml")
    etablissement = try YAMLDecoder().decode(School.self, from: texteEtablissement)
    textes.append(texteEtablissement)
    for nom in try names("traitements") {
      let texte = try read("traitements/\(nom)")
      let t = try CatalogueYAML.treatment(texte)
      #expect(t.id + ".yaml" == nom)
      traitements[t.id] = t
      textes.append(texte)
    }
    for nom in try names("sous-traitants") {
      let texte = try read("sous-traitants/\(nom)")
      let s = try CatalogueYAML.processor(texte)
      #expect(s.id + ".yaml" == nom)
      sousTraitants[s.id] = s
      textes.append(texte)
    }
    for nom in try names("violations") {
      let texte = try read("violations/\(nom)")
      let v = try YAMLDecoder().decode(Breach.self, from: texte)
      #expect(v.id + ".yaml" == nom)
      violations[v.id] = v
      textes.append(texte)
    }
  }
}

@Suite struct DemoTests {
  @Test func demoDecodesAndIsConsistent() throws {
    let demo = try LoadedDemo()
    #expect(demo.etablissement.nom.contains("fictif"))
    #expect(Codes.isUAI(demo.etablissement.uai))
    #expect(demo.traitements.count >= 20)
    let catalogue = Set(try Catalogue.allEntries().map(\.id))
    for (id, t) in demo.traitements {
      #expect(catalogue.contains(id), "\(id) n'est pas tiré du catalogue")
      for st in t.sousTraitants { #expect(demo.sousTraitants[st] != nil, "\(id) → \(st)") }
    }
    for (id, v) in demo.violations {
      for t in v.traitements { #expect(demo.traitements[t] != nil, "\(id) → \(t)") }
    }
    for texte in demo.textes { #expect(!texte.contains(Catalogue.marqueACompleter)) }
  }

  /// The defects the demo's LISEZMOI.md documents are really there.
  @Test func plantedDefectsArePresent() throws {
    let demo = try LoadedDemo()
    let t = demo.traitements
    #expect(demo.sousTraitants["mathsfun"]?.contrat?.signe == false)
    #expect(t["applications-hors-gar"]?.sousTraitants == ["mathsfun"])
    #expect(t["bourses"]?.donnees.contains { $0.conservation == nil } == true)
    let fluxPAI = try #require(t["infirmerie"]?.flux.first)
    #expect(fluxPAI.canal == .courriel && fluxPAI.chiffrementTransit == false && fluxPAI.donnees.contains(.sante))
    #expect(t["registre-visiteurs"]?.baseLegale?.article6 == .interetLegitime)
    #expect(t["suite-bureautique-us"]?.transferts.first?.garantie == .dpf)
    #expect(demo.sousTraitants["cloudoffice"]?.pays == "US")
    #expect(t["site-web-reseaux-sociaux"]?.flux.first?.versionsTLS.contains(.tls10) == true)
    let bio = try #require(t["demi-pension-biometrie"])
    #expect(bio.dispositifBiometrique?.alternative == nil && bio.aipd == nil)
    #expect(demo.violations["2026-10-courriel-pai"]?.mesures == nil)
    #expect(demo.violations["2026-03-cle-usb"]?.mesures != nil)
    let video = try #require(t["videoprotection"]?.donnees.first?.conservation?.duree)
    #expect(video.enJours > 31)
    let acces = try #require(t["service-social"]?.flux.first)
    #expect(acces.accesDistant == true && acces.mfa == false)
    #expect(t["livrets-scolaires"]?.responsable.type == .etablissement)
  }

  @Test func readmeNamesEveryPlantedRule() throws {
    let lisezmoi = try String(
      contentsOf: Catalogue.demoFolder().appendingPathComponent("LISEZMOI.md"), encoding: .utf8)
    for regle in [
      "sous-traitant-sans-contrat", "aipd-requise-manquante", "conservation-non-definie", "flux-non-chiffre",
      "base-legale-interet-legitime-autorite", "doctrine-cloud-ministere", "flux-tls-obsolete",
      "biometrie-sans-alternative", "violation-non-documentee", "conservation-excessive", "acces-sans-mfa",
      "responsable-incorrect",
    ] {
      #expect(lisezmoi.contains("`\(regle)`"), "\(regle)")
    }
  }
}

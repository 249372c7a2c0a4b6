import Foundation
import RegistreModel
import Testing
import Yams

@testable import RegistreCatalogue

@Suite struct CatalogueTests {
  @Test func everyEntryDecodesAndThereAreAtLeast25() throws {
    let entrees = try Catalogue.entrees()
    #expect(entrees.count >= 25)
    #expect(Set(entrees.map(\.id)).count == entrees.count)
    for entree in entrees {
      #expect(Codes.estIdentifiantSur(entree.id), "\(entree.id)")
    }
  }

  @Test func coversEveryItemTheIssueLists() throws {
    let ids = Set(try Catalogue.entrees().map(\.id))
    let attendus = [
      "vie-scolaire", "ent", "site-web-reseaux-sociaux", "droit-image", "photo-de-classe", "siecle",
      "educonnect", "gar", "livrets-scolaires", "affelnet", "parcoursup", "cyclades", "demi-pension",
      "demi-pension-biometrie", "bourses", "fonds-sociaux", "infirmerie", "service-social",
      "inclusion-handicap", "discipline", "absences-absenteisme", "videoprotection", "cdi",
      "sorties-voyages", "personnels-emplois-du-temps", "registre-visiteurs", "internat",
      "ressources-gar", "applications-hors-gar", "ia-generative", "suite-bureautique-us",
      "apps-education", "tchap", "magistere", "evaluations-nationales", "transcription-dictee",
      "projets-medias",
    ]
    for id in attendus { #expect(ids.contains(id), "entrée manquante : \(id)") }
    #expect(!ids.contains("onde"), "ONDE relève du premier degré")
    #expect(Set(Catalogue.ensembleCommun).isSubset(of: ids))
  }

  @Test func everyEntryCitesSourcesAndEveryRetentionHasASourceOrAFlag() throws {
    for entree in try Catalogue.entrees() {
      let t = entree.traitement
      #expect(!t.references.isEmpty, "\(t.id) : aucune référence")
      #expect(t.baseLegale?.texte?.isEmpty == false, "\(t.id) : base légale sans texte")
      #expect(!t.donnees.isEmpty, "\(t.id) : aucune catégorie de données")
      for (index, donnees) in t.donnees.enumerated() {
        let conservation = try #require(donnees.conservation, "\(t.id) donnees[\(index)] : pas de conservation")
        // « À COMPLÉTER » is the school's to decide (valider refuses it until then); it is no criterion.
        let leftToTheSchool = conservation.critere?.hasPrefix("À COMPLÉTER") == true
        #expect(conservation.estDefinie || leftToTheSchool, "\(t.id) donnees[\(index)] : ni durée ni critère")
        let source = conservation.source ?? ""
        let aConfirmer = conservation.aConfirmer ?? ""
        #expect(!source.isEmpty || !aConfirmer.isEmpty, "\(t.id) donnees[\(index)] : ni source ni a_confirmer")
      }
      if t.traiteDesDonneesArticle9 {
        #expect(t.baseLegale?.article9 != nil, "\(t.id) : données art. 9 sans condition")
      }
      #expect(t.information != nil, "\(t.id) : statut de la notice absent")
    }
  }

  @Test func nationalApplicationsNameTheMinisterAsController() throws {
    let nationales = [
      "siecle", "educonnect", "gar", "ressources-gar", "livrets-scolaires", "affelnet", "parcoursup",
      "cyclades", "evaluations-nationales",
    ]
    for id in nationales {
      let entree = try #require(try Catalogue.entree(id))
      #expect(entree.typeResponsable == .ministere, "\(id)")
      #expect(entree.traitement.responsable.nom?.isEmpty == false, "\(id)")
      #expect(entree.depistage.issue == .sansObjet, "\(id)")
    }
    let avecActe = ["siecle", "gar", "livrets-scolaires", "affelnet", "parcoursup", "cyclades"]
    for id in avecActe {
      #expect(try Catalogue.entree(id)?.traitement.responsable.acteReglementaire != nil, "\(id)")
    }
  }

  @Test func placeholdersAlwaysStartWithTheExactMarker() throws {
    let textes = try Catalogue.entrees().map(\.texte) + Catalogue.sousTraitants().map(\.texte)
    var trouves = 0
    for texte in textes {
      for ligne in texte.split(separator: "\n") where !ligne.trimmingCharacters(in: .whitespaces).hasPrefix("#") {
        let minuscule = ligne.lowercased()
        guard minuscule.contains("compléter") || minuscule.contains("completer") else { continue }
        trouves += 1
        #expect(ligne.contains("\"À COMPLÉTER"), "marque mal écrite : \(ligne)")
      }
    }
    #expect(trouves > 20)
  }

  @Test func biometricVariantCarriesWhatTheCNILRequires() throws {
    let t = try #require(try Catalogue.entree("demi-pension-biometrie")).traitement
    #expect(t.baseLegale?.article9 == .consentementExplicite)
    #expect(t.dispositifBiometrique?.consentementExplicite == true)
    #expect(t.dispositifBiometrique?.alternative?.isEmpty == false)
    #expect(t.aipd?.statut == .requise)
    #expect(try Catalogue.entree("demi-pension-biometrie")?.depistage.issue == .requise)
    #expect(try Catalogue.entree("demi-pension")?.depistage.issue == .nonRequise)
  }

  @Test func videoRetentionFollowsTheLaw() throws {
    let sources = try #require(try Catalogue.entree("videoprotection")).traitement.donnees.compactMap {
      $0.conservation?.source
    }
    #expect(sources.contains { $0.contains("L.252-5") })
  }

  @Test func disciplineRetentionsComeFromR51113() throws {
    let t = try #require(try Catalogue.entree("discipline")).traitement
    let sanctions = t.donnees.filter { $0.conservation?.source?.contains("R.511-13") == true }
    #expect(sanctions.count == 4)
  }

  @Test func everyReferencedProcessorIsInTheCatalogue() throws {
    let modeles = Set(try Catalogue.sousTraitants().map(\.id))
    #expect(modeles.count >= 10)
    for entree in try Catalogue.entrees() {
      for id in entree.traitement.sousTraitants { #expect(modeles.contains(id), "\(entree.id) → \(id)") }
    }
  }

  @Test func unknownEntryIsNil() throws {
    #expect(try Catalogue.entree("n-existe-pas") == nil)
  }
}

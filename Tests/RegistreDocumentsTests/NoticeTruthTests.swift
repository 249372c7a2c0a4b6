import Foundation
import Testing

@testable import RegistreDocuments

/// Issue 15: every false statement the notices used to print, pinned as gone on
/// a fiche that triggers it (Fixtures/notices-pieges.xml), and the true sentence
/// that replaces it.
@Suite("Notices : rien que ce que dit le registre")
struct NoticeTruthTests {
  static func text(_ kind: DocumentKind, treatment: String? = nil) throws -> String {
    let input = try Tools.fixture("notices-pieges.xml")
    let data = try TemplateTests.pipeline().formattingObjects(for: kind, input: input, treatment: treatment)
    return TemplateTests.text(String(decoding: data, as: UTF8.self))
      .replacingOccurrences(of: "\u{A0}", with: " ").replacingOccurrences(of: "\u{202F}", with: " ")
  }

  /// 1. A processor whose contract is not signed is not said to be bound by contract.
  @Test func unsignedContractIsNotClaimed() throws {
    let unsigned = try Self.text(.noticeFamilies, treatment: "logiciel-sans-contrat")
    #expect(unsigned.contains("Éditeur Sans Contrat SAS (sous-traitant qui fournit ou héberge le service)"))
    #expect(!unsigned.contains("contrat de sous-traitance"), "un contrat non signé ne doit pas être présenté comme un engagement")
    let signed = try Self.text(.noticeFamilies, treatment: "inscription")
    #expect(signed.contains("un contrat de sous-traitance signé l’oblige"))
  }

  /// 2. The source is never « you, at enrolment » by default: CCTV images, ministry data.
  @Test func sourceComesFromTheRegister() throws {
    let cctv = try Self.text(.noticeFamilies, treatment: "videoprotection")
    #expect(!cctv.contains("De vous et de votre enfant"))
    #expect(!cctv.contains("lors de l’inscription"))
    #expect(cctv.contains("caméras filmant les accès de l’établissement"))
    let ministry = try Self.text(.noticeFamilies, treatment: "inscription")
    #expect(ministry.contains("Données reçues du ministère : Application nationale SIECLE (ministère)"))
    // The category without an origin, in a treatment that says neither sources nor collection from the people.
    #expect(ministry.contains("• Les autres : origine non précisée dans le registre (à demander à l’établissement)."))
    #expect(!ministry.contains("Recueillies auprès de vous"))
    let collected = try Self.text(.noticeFamilies, treatment: "photo-de-classe")
    #expect(collected.contains("• Recueillies auprès de vous ou de votre enfant."))
    #expect(!collected.contains("non précisée dans le registre"))
    #expect(!cctv.contains("Les autres"), "une seule catégorie, et son origine est donnée")
    let silent = try Self.text(.noticeFamilies, treatment: "logiciel-sans-contrat")
    #expect(silent.contains("Origine non précisée dans le registre : à demander à l’établissement."))
    let pupils = try Self.text(.noticePupils)
    #expect(!pupils.contains("les informations viennent de toi et de ta famille"))
  }

  /// 3. Whether the data must be provided comes from the categories, not from the legal basis.
  @Test func provisionComesFromTheCategories() throws {
    let cctv = try Self.text(.noticeFamilies, treatment: "videoprotection")
    #expect(!cctv.contains("Sans elles, il ne peut pas assurer ce service"))
    #expect(!cctv.contains("Oui : ces données sont nécessaires"))
    // Images come from the cameras (their origin is given): nobody is asked to provide them.
    #expect(cctv.contains("Non : ces données ne vous sont pas demandées ; leur origine est indiquée ci-dessus."))
    #expect(!cctv.contains("demandez à l’établissement si ces données sont obligatoires"))
    let enrolment = try Self.text(.noticeFamilies, treatment: "inscription")
    #expect(enrolment.contains("Identité et coordonnées : obligatoire ; sinon : l’élève ne peut pas être inscrit."))
    let photo = try Self.text(.noticeFamilies, treatment: "photo-de-classe")
    #expect(photo.contains("Photo : facultatif ; sinon : votre enfant n’apparaît pas sur la photo."))
  }

  /// 4. No « then destruction » when `sort_final` is empty; archives when it says archives.
  @Test func finalFateOnlyWhenGiven() throws {
    let empty = try Self.text(.noticeFamilies, treatment: "logiciel-sans-contrat")
    #expect(!empty.contains("destruction"))
    #expect(empty.contains("Classe et travail à faire : 1 an."))
    let archives = try Self.text(.noticeFamilies, treatment: "inscription")
    #expect(archives.contains("jusqu’au départ de l’élève ; ensuite versement aux archives."))
    #expect(!archives.contains("archives, puis destruction"))
  }

  /// 5. No stray « Oui. … » after « Pourquoi a-t-on le droit ? » in the pupils' notice.
  @Test func pupilsNoticeHasNoStrayAnswer() throws {
    let pupils = try Self.text(.noticePupils)
    #expect(!pupils.contains("Oui. Sans ces informations"))
    #expect(!pupils.contains("Pourquoi a-t-on le droit ? Oui"))
  }

  /// 6. National applications: the mission is the controller's, rights go to the controller.
  @Test func nationalApplicationNamesItsController() throws {
    let text = try Self.text(.noticeFamilies, treatment: "parcoursup")
    #expect(!text.contains("mission de service public d’enseignement de l’établissement"))
    #expect(text.contains("mission d’intérêt public confiée à son responsable"))
    #expect(text.contains("Auprès du responsable de ce traitement : Le ministre chargé de l’enseignement supérieur."))
    #expect(text.contains("Son délégué à la protection des données : coordonnées à demander à l’établissement."))
    #expect(text.contains("Sa notice d’information : à demander à l’établissement."))
  }

  /// 7. Consent: never « you have given your consent » before anything was collected.
  @Test func consentIsAskedNotAssumed() throws {
    let families = try Self.text(.noticeFamilies, treatment: "photo-de-classe")
    #expect(!families.contains("Vous avez donné votre accord"))
    #expect(families.contains("repose sur votre accord (consentement), demandé avant toute collecte"))
    let pupils = try Self.text(.noticePupils, treatment: "photo-de-classe")
    #expect(!pupils.contains("ont donné leur accord"))
    #expect(pupils.contains("On te demande ton accord"))
  }

  /// No default claims where the register is silent (recipients, transfers, automated decisions).
  @Test func silenceIsSaid() throws {
    let text = try Self.text(.noticeFamilies, treatment: "parcoursup")
    #expect(!text.contains("Seulement les personnels de l’établissement"))
    #expect(!text.contains("les données restent dans l’Union européenne"))
    #expect(text.contains("Aucun transfert hors de l’Union européenne n’est inscrit au registre."))
    #expect(text.contains("Aucune décision automatisée n’est inscrite au registre."))
    #expect(text.contains("Destinataires non précisés au registre"))
  }

  /// Staff and visitors get their own notices, chosen from the data subjects; visitors get the sign text.
  @Test func staffAndVisitorsNotices() throws {
    let staff = try Self.text(.noticeStaff)
    #expect(staff.contains("Information des personnels sur les données personnelles"))
    #expect(staff.contains("Vidéoprotection des accès"))
    #expect(!staff.contains("Photo de classe"))
    let visitors = try Self.text(.noticeVisitors)
    #expect(visitors.contains("Texte du panneau – Vidéoprotection des accès"))
    #expect(visitors.contains("Conservation des images : 15 jours."))
    #expect(!visitors.contains("Parcoursup"))
    let families = try Self.text(.noticeFamilies)
    #expect(!families.contains("Texte du panneau"))
  }

  /// The families' notice is layered: one line per treatment first, the detail in an annex.
  @Test func familiesNoticeIsLayered() throws {
    let text = try Self.text(.noticeFamilies)
    let firstLayer = try #require(text.range(of: "Usage et finalité"))
    let annex = try #require(text.range(of: "Annexe – le détail, traitement par traitement"))
    #expect(firstLayer.lowerBound < annex.lowerBound)
    let before = String(text[..<annex.lowerBound])
    #expect(!before.contains("Texte de référence"), "les références juridiques vont en annexe")
    #expect(text[annex.upperBound...].contains("Texte de référence : Code de l’éducation, art. L. 612-3"))
  }

  /// The pupils' notice cites no legal text.
  @Test func pupilsNoticeHasNoLegalCitation() throws {
    let pupils = try Self.text(.noticePupils)
    for citation in ["L. 612-3", "Code de l’éducation", "art. 6", "article 13"] {
      #expect(!pupils.contains(citation), "citation dans la notice des élèves : \(citation)")
    }
  }
}

/// French typography of the notices' own words (issue 15): a no-break space, never a
/// plain one, before « : ; ? ! », whatever the register holds.
@Suite("Notices : espaces insécables")
struct NoticeTypographyTests {
  @Test(arguments: [DocumentKind.noticeFamilies, .noticePupils, .noticeStaff, .noticeVisitors],
    ["notices-pieges.xml", "registre-mini.xml", "registre-vide.xml"])
  func noPlainSpaceBeforeHighPunctuation(kind: DocumentKind, fixture: String) throws {
    let data = try TemplateTests.pipeline().formattingObjects(for: kind, input: try Tools.fixture(fixture))
    let fo = String(decoding: data, as: UTF8.self)
    let plain = try Regex(#"[^\s>]{0,20} [:;?!](?=[\s<),.]|$)"#)
    let found = fo.matches(of: plain).map { String(fo[$0.range]) }
    #expect(found.isEmpty, "espace ordinaire avant la ponctuation dans \(kind.rawValue) (\(fixture)) : \(found)")
  }
}

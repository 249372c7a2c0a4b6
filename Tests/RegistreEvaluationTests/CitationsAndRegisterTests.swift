import Foundation
import RegistreEvaluation
import RegistreFormats
import RegistreModel
import Testing

/// Issue 16, classes 11 and 12: what `evaluer` cites and says about the register, each both ways.
@Suite("evaluer : citations et registre")
struct CitationsAndRegisterTests {
  static let aiFAQ = "FAQ sur l'usage des systèmes d'IA"

  static func references(_ e: Evaluation) -> [String] {
    (e.reasons + e.conditions + e.notes).map(\.reference)
  }

  /// The CNIL's FAQ on AI systems is cited for a tool with AI features, never for one without
  /// (whether the sheet says `aucune` or nothing).
  @Test func theAIFAQIsCitedOnlyForAToolWithAI() throws {
    let register = try RegisterLoading.load(F.registreValide).registre
    var sheet = F.clean()
    #expect(sheet.fonctionnalitesIA == [.aucune])
    let without = F.evaluate(sheet, registre: register)
    try #require(without.notesCodes.contains("donnees-deja-traitees"), "le registre de test doit recouper la fiche")
    #expect(!Self.references(without).contains { $0.contains(Self.aiFAQ) })
    sheet.fonctionnalitesIA = []
    #expect(!Self.references(F.evaluate(sheet, registre: register)).contains { $0.contains(Self.aiFAQ) })
    sheet.fonctionnalitesIA = [.parcoursAdaptatif]
    let with = F.evaluate(sheet, registre: register)
    let overlap = try #require(with.notes.first { $0.code == "donnees-deja-traitees" })
    #expect(overlap.reference.contains(Self.aiFAQ))
  }

  /// Data already processed elsewhere in the register: one item naming every treatment concerned,
  /// not one near-identical item per treatment; none without a register.
  @Test func overlappingTreatmentsMakeOneItemThatNamesThem() throws {
    let register = try RegisterLoading.load(F.registreValide).registre
    let e = F.evaluate(F.clean(), registre: register)
    let items = (e.conditions + e.notes).filter { $0.code == "donnees-deja-traitees" }
    try #require(items.count == 1)
    let categories = Set(F.clean().donneesCollectees.map(\.categorie))
    let overlapping = register.traitements.filter { t in
      t.concerneDesEleves && t.donnees.contains { categories.contains($0.categorie) }
        && !(t.logiciel.map { $0 == F.clean().nom } ?? false)
    }
    try #require(!overlapping.isEmpty)
    for t in overlapping.prefix(10) {
      #expect(items[0].message.contains("« \(t.id) »"), "\(t.id) absent de : \(items[0].message)")
    }
    #expect(items[0].message.contains("\(overlapping.count) traitement"))
    #expect(!F.evaluate(F.clean()).codes.contains("donnees-deja-traitees"))
  }

  /// Without a register, nothing in the opinion claims to have read one.
  @Test func withoutARegisterNothingSpeaksOfIt() throws {
    let e = F.evaluate(F.clean())
    let text = EvaluationTextReport.render(e)
    let xml = String(decoding: OpinionXML.document(e, etablissement: nil), as: UTF8.self)
    for claim in ["au vu du registre", "figure déjà au registre", "déjà traitées dans"] {
      #expect(!text.contains(claim))
      #expect(!xml.contains(claim))
    }
    let register = try RegisterLoading.load(F.registreValide).registre
    let withRegister = EvaluationTextReport.render(F.evaluate(F.clean(), registre: register))
    #expect(withRegister.contains("déjà traitées dans"))
  }

  /// A GAR-only resource without a data list: the data are those the GAR sends (a note), so the
  /// tool is not blocked for it; the same sheet with the vendor's own accounts needs the list.
  @Test func aGAROnlyResourceWithoutADataListIsAdoptable() {
    var sheet = F.clean()
    sheet.donneesCollectees = []
    sheet.authentification = [.gar]
    let gar = F.evaluate(sheet)
    #expect(gar.notesCodes.contains("donnees-transmises-par-le-gar"))
    #expect(!gar.conditionsCodes.contains("donnees-inconnues"))
    #expect(gar.verdict != .aProscrire)
    sheet.authentification = [.gar, .comptesEditeur]
    let accounts = F.evaluate(sheet)
    #expect(accounts.conditionsCodes.contains("donnees-inconnues"))
    #expect(!accounts.notesCodes.contains("donnees-transmises-par-le-gar"))
  }

  /// A tool « à proscrire » gets its reasons, and no conditions of adoption.
  @Test func aProscribedToolHasNoConditions() {
    var sheet = F.clean()
    sheet.publicite = true
    let e = F.evaluate(sheet)
    #expect(e.verdict == .aProscrire)
    #expect(e.conditions.isEmpty)
    #expect(!e.reasons.isEmpty)
    #expect(!F.evaluate(F.clean()).conditions.isEmpty)
  }
}

import Foundation
import RegistreFormats
import RegistreBatch
import RegistreGenerator
import RegistreModel
import RegistreRules
import RegistreWorkflows
import Testing
import RegistreTestSupport

@Suite struct BatchAuditTests {
  static let jour = Day(annee: 2026, mois: 1, jour: 15)

  /// 20 schools, 2 of them unreadable, written once for the suite's tests.
  static func batch() throws -> (dossier: URL, resume: GenerationSummary) {
    let dossier = try TemporaryFolder.make()
    let resume = try RegisterGenerator(
      GenerationParameters(etablissements: 20, traitements: 25, graine: 99, partDefauts: 0.3, illisibles: 2)
    ).write(dans: dossier)
    return (dossier, resume)
  }

  /// Issue 16, class 13: a batch whose schools all have open errors cannot show a flattering mean,
  /// and its report gives the open errors before any percentage; a batch without defects can reach 100 %.
  @Test func theBatchMeanNeverHidesOpenErrors() throws {
    let jour = try #require(Self.jour)
    let avecDefauts = try TemporaryFolder.make()
    defer { try? FileManager.default.removeItem(at: avecDefauts) }
    _ = try RegisterGenerator(
      GenerationParameters(etablissements: 6, traitements: 25, graine: 7, partDefauts: 0.3, illisibles: 0)
    ).write(dans: avecDefauts)
    let rapport = try BatchAudit.run(avecDefauts, dateAudit: jour, acceptances: AcceptancesFile.reader)
    let audites = rapport.etablissements.filter(\.estLisible)
    try #require(!audites.isEmpty && audites.allSatisfy { $0.erreurs > 0 })
    #expect(try #require(rapport.scoreMoyen) <= Score.capWithOpenErrors)
    let texte = BatchReportText.render(rapport)
    let erreurs = try #require(texte.range(of: "Constats ouverts : \(rapport.erreurs) erreur(s)"))
    let moyenne = try #require(texte.range(of: "Conformité moyenne"))
    #expect(erreurs.lowerBound < moyenne.lowerBound)

    let sansDefaut = try TemporaryFolder.make()
    defer { try? FileManager.default.removeItem(at: sansDefaut) }
    _ = try RegisterGenerator(
      GenerationParameters(etablissements: 3, traitements: 10, graine: 7, partDefauts: 0, illisibles: 0)
    ).write(dans: sansDefaut)
    let propre = try BatchAudit.run(sansDefaut, dateAudit: jour, acceptances: AcceptancesFile.reader)
    if propre.erreurs == 0 {
      #expect(try #require(propre.scoreMoyen) > Score.capWithOpenErrors)
    } else {
      // The generator's defect-free registers still have errors: then the cap must hold for them too.
      #expect(try #require(propre.scoreMoyen) <= Score.capWithOpenErrors)
    }
  }

  @Test func countsEqualAuditsOneByOne() throws {
    let (dossier, resume) = try Self.batch()
    defer { try? FileManager.default.removeItem(at: dossier) }
    let jour = try #require(Self.jour)
    let rapport = try BatchAudit.run(dossier, dateAudit: jour, acceptances: AcceptancesFile.reader)

    #expect(rapport.etablissements.count == 20)
    #expect(rapport.audites == 18)
    #expect(rapport.illisibles == 2)
    #expect(resume.illisibles.count == 2)
    #expect(rapport.etablissements.filter { !$0.estLisible }.map(\.source) == resume.illisibles)
    #expect(rapport.etablissements.map(\.source) == rapport.etablissements.map(\.source).sorted())

    // The same registers audited one by one, independently of the batch code.
    var erreurs = 0, avertissements = 0, notes = 0, traitements = 0
    var etablissementsParRegle: [String: Int] = [:]
    var constatsParRegle: [String: Int] = [:]
    var traitementsParRegle: [String: Int] = [:]
    for ligne in rapport.etablissements where ligne.estLisible {
      let charge = try RegisterLoading.load(dossier.appendingPathComponent(ligne.source))
      let seul = Audit.run(charge.registre, context: AuditContext(auditDate: jour))
      #expect(ligne.erreurs == seul.count(.erreur))
      #expect(ligne.avertissements == seul.count(.avertissement))
      #expect(ligne.notes == seul.count(.note))
      #expect(ligne.score == seul.scores.school.percent)
      #expect(ligne.uai == charge.registre.etablissement.uai)
      erreurs += seul.count(.erreur)
      avertissements += seul.count(.avertissement)
      notes += seul.count(.note)
      traitements += charge.registre.traitements.count
      for regle in Set(seul.openFindings.map(\.rule)) { etablissementsParRegle[regle, default: 0] += 1 }
      for f in seul.openFindings { constatsParRegle[f.rule, default: 0] += 1 }
      for (regle, liste) in Dictionary(grouping: seul.openFindings.filter { $0.treatment != nil }, by: \.rule) {
        traitementsParRegle[regle, default: 0] += Set(liste.compactMap(\.treatment)).count
      }
    }
    #expect(erreurs > 0)
    #expect(rapport.erreurs == erreurs)
    #expect(rapport.avertissements == avertissements)
    #expect(rapport.notes == notes)
    #expect(rapport.traitements == traitements)
    #expect(traitements == 18 * 25)
    #expect(rapport.parRegle.map(\.regle) == Rules.ids)
    for stat in rapport.parRegle {
      #expect(stat.etablissements == etablissementsParRegle[stat.regle, default: 0], "\(stat.regle)")
      #expect(stat.constats == constatsParRegle[stat.regle, default: 0], "\(stat.regle)")
      #expect(stat.traitements == traitementsParRegle[stat.regle, default: 0], "\(stat.regle)")
    }
    #expect(rapport.fails(.erreur))
    #expect(!rapport.fails(nil))

    // One worker or many: the same report.
    let sequentiel = try BatchAudit.run(dossier, dateAudit: jour, travailleurs: 1, acceptances: AcceptancesFile.reader)
    #expect(sequentiel.etablissements == rapport.etablissements)
    #expect(sequentiel.parRegle == rapport.parRegle)
  }

  @Test func unreadableRegistersAreIsolated() throws {
    let dossier = try TemporaryFolder.make()
    defer { try? FileManager.default.removeItem(at: dossier) }
    try RegisterGenerator(GenerationParameters(etablissements: 3, traitements: 5)).write(dans: dossier)
    try Data().write(to: dossier.appendingPathComponent("vide.xml"))
    try Data("<registre>".utf8).write(to: dossier.appendingPathComponent("tronque.xml"))
    try FileManager.default.createDirectory(
      at: dossier.appendingPathComponent("dossier-sans-etablissement"), withIntermediateDirectories: true)
    try Data("ignoré".utf8).write(to: dossier.appendingPathComponent("LISEZMOI.txt"))
    let jour = try #require(Self.jour)
    let rapport = try BatchAudit.run(dossier, dateAudit: jour, acceptances: AcceptancesFile.reader)
    #expect(rapport.etablissements.count == 6)
    #expect(rapport.audites == 3)
    let illisibles = rapport.etablissements.filter { !$0.estLisible }
    #expect(Set(illisibles.map(\.source)) == ["vide.xml", "tronque.xml", "dossier-sans-etablissement"])
    #expect(illisibles.allSatisfy { ($0.probleme ?? "").isEmpty == false && $0.score == nil })
    #expect(rapport.fails(.note))
  }

  @Test func missingOrEmptyFolder() throws {
    let dossier = try TemporaryFolder.make()
    defer { try? FileManager.default.removeItem(at: dossier) }
    let jour = try #require(Self.jour)
    #expect(throws: BatchError.lotVide(dossier.path)) { try BatchAudit.run(dossier, dateAudit: jour, acceptances: AcceptancesFile.reader) }
    let absent = dossier.appendingPathComponent("absent")
    #expect(throws: BatchError.dossierIntrouvable(absent.path)) { try BatchAudit.run(absent, dateAudit: jour, acceptances: AcceptancesFile.reader) }
  }

  @Test func csvAndJSONOutputsAreWellFormed() throws {
    let (dossier, _) = try Self.batch()
    defer { try? FileManager.default.removeItem(at: dossier) }
    let rapport = try BatchAudit.run(dossier, dateAudit: try #require(Self.jour), acceptances: AcceptancesFile.reader)

    let lignes = try readCSV(BatchReportCSV.render(rapport))
    #expect(lignes.count == 21)
    #expect(lignes.first == BatchReportCSV.entete)
    #expect(lignes.allSatisfy { $0.count == BatchReportCSV.entete.count })
    let corps = lignes.dropFirst()
    #expect(corps.filter { $0[3] == "illisible" }.count == 2)
    #expect(corps.compactMap { Int($0[5]) }.reduce(0, +) == rapport.erreurs)
    // A problem message holds commas and quotes: still one field.
    #expect(corps.filter { $0[3] == "illisible" }.allSatisfy { !$0[10].isEmpty })

    let json = try BatchReportJSON.render(rapport)
    let objet = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
    let resume = try #require(objet["summary"] as? [String: Any])
    #expect(resume["registers"] as? Int == 20)
    #expect(resume["unreadable"] as? Int == 2)
    #expect(resume["errors"] as? Int == rapport.erreurs)
    let ecoles = try #require(objet["schools"] as? [[String: Any]])
    #expect(ecoles.count == 20)
    #expect(ecoles.filter { $0["status"] as? String == "unreadable" }.count == 2)
    #expect(ecoles.allSatisfy { $0.keys.contains("score") && $0.keys.contains("problem") })
    let regles = try #require(objet["rules"] as? [[String: Any]])
    #expect(regles.count == Rules.ids.count)

    let texte = BatchReportText.render(rapport)
    #expect(texte.contains("20 registre(s) : 18 audité(s), 2 illisible(s)"))
    #expect(texte.contains("Registres illisibles"))
  }

  @Test func csvLetsNoFormulaThrough() throws {
    var rapport = BatchReport(
      dossier: "/x", dateAudit: try #require(Self.jour), regles: [], etablissements: [], parRegle: [])
    rapport.etablissements = [SchoolRow(source: "a.xml", uai: "0980000T", nom: "=HYPERLINK(\"x\")")]
    let lignes = try readCSV(BatchReportCSV.render(rapport))
    #expect(lignes[1][2] == "'=HYPERLINK(\"x\")")
  }
}

struct CSVMalForme: Error {}

/// A strict RFC 4180 reader: CRLF records, quoted fields with doubled quotes.
func readCSV(_ texte: String) throws -> [[String]] {
  var lignes: [[String]] = []
  var ligne: [String] = []
  var champ = ""
  var caracteres = Array(texte.unicodeScalars)[...]
  var debutChamp = true
  while let c = caracteres.popFirst() {
    if debutChamp && c == "\"" {
      while true {
        guard let d = caracteres.popFirst() else { throw CSVMalForme() }
        if d == "\"" {
          if caracteres.first == "\"" {
            caracteres.removeFirst()
            champ.unicodeScalars.append("\"")
          } else {
            break
          }
        } else {
          champ.unicodeScalars.append(d)
        }
      }
      debutChamp = false
      guard let suivant = caracteres.first, suivant == "," || suivant == "\r" else { throw CSVMalForme() }
      continue
    }
    switch c {
    case ",":
      ligne.append(champ)
      champ = ""
      debutChamp = true
    case "\r":
      guard caracteres.popFirst() == "\n" else { throw CSVMalForme() }
      ligne.append(champ)
      lignes.append(ligne)
      ligne = []
      champ = ""
      debutChamp = true
    case "\"", "\n":
      throw CSVMalForme()
    default:
      champ.unicodeScalars.append(c)
      debutChamp = false
    }
  }
  guard ligne.isEmpty, champ.isEmpty else { throw CSVMalForme() }
  return lignes
}

/// The batch audit reads `notices-diffusees.yaml` like the single audit: a school whose notice
/// was marked as issued from the current fiche has no `information-manquante`, the other has.
@Suite struct BatchIssuedNoticesTests {
  @Test func markedNoticesCountInTheBatchAsInTheSingleAudit() throws {
    let valide = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("RegistreFormatsTests/Fixtures/valide")
    let lot = try TemporaryFolder.make()
    defer { try? FileManager.default.removeItem(at: lot) }
    let marque = lot.appendingPathComponent("a")
    try FileManager.default.copyItem(at: valide, to: marque)
    try FileManager.default.copyItem(at: valide, to: lot.appendingPathComponent("b"))
    let registre = try RegisterLoading.load(marque).registre
    let jour = try #require(Day(annee: 2026, mois: 11, jour: 29))
    try IssuedNoticesFile.mark(
      ["vie-scolaire": ["notice-familles.pdf"]], date: jour, registre: registre, folder: marque)

    let rapport = try BatchAudit.run(
      lot, dateAudit: jour, regles: [try #require(Rules.rule("information-manquante"))],
      acceptances: AcceptancesFile.reader, issuedNotices: IssuedNoticesFile.reader)
    let stat = try #require(rapport.parRegle.first { $0.regle == "information-manquante" })
    #expect(stat.etablissements == 1)
    #expect(rapport.etablissements.first { $0.source == "a" }?.avertissements == 0)
    #expect(rapport.etablissements.first { $0.source == "b" }?.avertissements == 1)

    let single = try AuditWorkflow.run(
      registerAt: marque.path, options: AuditOptions(onlyRules: ["information-manquante"], date: jour))
    #expect(single.report.findings.isEmpty)
  }
}

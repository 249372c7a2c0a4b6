import Foundation
import RegistreArchive
import RegistreFormats
import RegistreModel
import RegistreTestSupport
import Testing

@testable import RegistreImport

/// What the CNIL layout holds of a register: everything else (statut, origins, flows, DPIA details, breaches…)
/// has no cell to come back from, and is left out of the comparison.
func cnilHeld(_ r: Register) -> Register {
  var out = r
  out.violations = []
  out.traitements = r.traitements.map { t in
    var c = Treatment(id: t.id, nom: t.nom, finalitePrincipale: t.finalitePrincipale)
    c.dateCreation = t.dateCreation
    c.derniereMiseAJour = t.derniereMiseAJour
    c.logiciel = t.logiciel
    c.sousFinalites = t.sousFinalites
    c.responsable = Controller(type: t.responsable.type, nom: t.responsable.nom, coresponsables: t.responsable.type == .conjoint ? t.responsable.coresponsables : [])
    c.baseLegale = t.baseLegale.map { LegalGround(article6: $0.article6, texte: $0.texte, article9: $0.article9) }
    c.personnesConcernees = t.personnesConcernees.map { DataSubjects(categorie: $0.categorie, precisions: $0.precisions) }
    c.donnees = t.donnees.map { d in
      PersonalData(
        categorie: d.categorie, description: d.description,
        conservation: d.conservation.map { Retention(duree: $0.duree, critere: $0.critere, pointDeDepart: $0.pointDeDepart, sortFinal: $0.sortFinal) })
    }
    // The layout orders data categories by the model's rows, not the register's.
    .sorted { ($0.categorie.rawValue, $0.description ?? "") < ($1.categorie.rawValue, $1.description ?? "") }
    c.destinataires = t.destinataires.map { Recipient(type: $0.type, nom: $0.nom) }
    c.sousTraitants = t.sousTraitants
    c.transferts = t.transferts
    c.mesuresSecurite = t.mesuresSecurite
    c.remarques = t.remarques
    return c
  }
  out.sousTraitants = r.sousTraitants.map { p in
    Processor(
      id: p.id, nom: p.nom, pays: p.pays, hebergement: p.hebergement, contrat: p.contrat.map { Article28Contract(signe: $0.signe, date: $0.date) },
      services: p.services)
  }
  return out
}

/// The properties that differ, for a readable failure.
func differences<T>(_ a: T, _ b: T) -> [String] {
  zip(Mirror(reflecting: a).children, Mirror(reflecting: b).children).compactMap { x, y in
    "\(x.value)" == "\(y.value)" ? nil : "\(x.label ?? "?") : \(x.value) ≠ \(y.value)"
  }
}

@Suite("Export dans la disposition de la CNIL")
struct CNILExportTests {
  static let demo = RegistreCLI.repository.appendingPathComponent("Sources/RegistreCatalogue/Resources/demo")

  func demoRegister() throws -> Register { try RegisterLoading.load(Self.demo).registre }

  /// Imports an exported `.ods` into a new folder and loads it strictly.
  func reimport(_ data: Data, in folder: URL) throws -> Register {
    let imported = try Importer.read(data, name: "export.ods")
    let out = folder.appendingPathComponent("reimport-\(UUID().uuidString)")
    try RegisterWriter.writeNewFolder(school: imported.school, treatments: imported.treatments, processors: imported.processors, to: out)
    return try RegisterLoading.load(out).registre
  }

  @Test("aller-retour : l'import de l'export rend le registre pour tout ce que le modèle de la CNIL contient")
  func roundTrip() throws {
    let demo = try demoRegister()
    try TemporaryFolder.with { folder in
      let back = try reimport(try Spreadsheet.ods(demo), in: folder)
      let expected = cnilHeld(demo)
      let got = cnilHeld(back)
      #expect(got.etablissement == expected.etablissement)
      #expect(got.sousTraitants == expected.sousTraitants)
      #expect(got.traitements.map(\.id) == expected.traitements.map(\.id))
      for (a, b) in zip(got.traitements, expected.traitements) { #expect(a == b, "\(a.id) : \(differences(a, b))") }
      // Imported fiches are drafts.
      #expect(back.traitements.allSatisfy { $0.statut == .brouillon })
    }
  }

  @Test("les feuilles : liste, une fiche par traitement, établissement, sous-traitants, violations")
  func sheets() throws {
    let demo = try demoRegister()
    let tables = try ODSReader.tables(try ZipContainer(try Spreadsheet.ods(demo), name: "x.ods"))
    #expect(tables.map(\.name) == [CNILVocabulary.listSheet] + demo.traitements.map { String($0.id.prefix(31)) }
      + ["Établissement", "Sous-traitants", "Violations", "Plan d'action", "Demandes"])
    let list = tables[0]
    #expect(list[7, 0].text == "Nom du traitement" && list[7, 1].text == "N° / RÉF")
    #expect(list[8, 0].text == demo.traitements[0].nom)
    #expect(list[8, 2].date == demo.traitements[0].dateCreation)  // typed date
    let fiche = tables[1]
    let labels = fiche.rows.map { $0.first?.text ?? "" }
    // Block by block, in the model's order.
    let order = ["Nom du traitement", "Acteurs", "Finalité principale", "Catégories de données personnelles concernées", "Données sensibles",
                 "Catégories de personnes concernées", "Destinataires", "Mesures de sécurité", "Transferts hors UE", "Compléments de Registre (hors modèle de la CNIL)"]
    let positions = order.compactMap { labels.firstIndex(of: $0) }
    #expect(positions.count == order.count && positions == positions.sorted())
    let breaches = try #require(tables.first { $0.name == "Violations" })
    #expect(breaches.rows.count == demo.violations.count + 1)
    // Issue 19: the action plan and the requests, one row each, with typed dates.
    let plan = try #require(tables.first { $0.name == "Plan d'action" })
    #expect(plan.rows.count == demo.actions.count + 1)
    #expect(plan[0, 1].text == "Action")
    let requests = try #require(tables.first { $0.name == "Demandes" })
    #expect(requests.rows.count == demo.demandes.count + 1)
    #expect(requests.rows.dropFirst().contains { $0.count > 1 && $0[1].date != nil })
  }

  @Test("dates typées, ligne d'en-tête figée, filtre automatique")
  func odsFeatures() throws {
    let demo = try demoRegister()
    let parts = CNILExport.odsParts(demo)
    #expect(parts.first?.0 == "mimetype")
    let content = String(decoding: try #require(parts.first { $0.0 == "content.xml" }).1, as: UTF8.self)
    #expect(content.contains("office:value-type=\"date\" office:date-value=\""))
    #expect(content.contains("table:target-range-address=\"&apos;2_-_Liste_des_traitements&apos;.A8:&apos;2_-_Liste_des_traitements&apos;.I\(8 + demo.traitements.count)\""))
    #expect(content.contains("table:display-filter-buttons=\"true\""))
    let settings = String(decoding: try #require(parts.first { $0.0 == "settings.xml" }).1, as: UTF8.self)
    #expect(settings.contains("config:name=\"2_-_Liste_des_traitements\"><config:config-item config:name=\"HorizontalSplitMode\" config:type=\"short\">0</config:config-item><config:config-item config:name=\"VerticalSplitMode\" config:type=\"short\">2</config:config-item>"))
    #expect(settings.contains("<config:config-item config:name=\"VerticalSplitPosition\" config:type=\"int\">8</config:config-item>"))
  }

  @Test("registre convertir --format cnil-ods écrit le classeur de l'export annuel, jamais par-dessus un fichier")
  func convert() throws {
    try TemporaryFolder.with { folder in
      let out = folder.appendingPathComponent("registre.ods")
      let first = try RegistreCLI.run(["convertir", Self.demo.path, "--sortie", out.path])
      #expect(first.status == 0, "\(first.errors)")
      #expect(try Data(contentsOf: out) == (try Spreadsheet.ods(try demoRegister())))
      let again = try RegistreCLI.run(["convertir", Self.demo.path, "--format", "cnil-ods", "--sortie", out.path])
      #expect(again.status == 2)
      #expect(again.errors.contains("existe déjà"))
      let csv = folder.appendingPathComponent("registre.txt")
      #expect(try RegistreCLI.run(["convertir", Self.demo.path, "--format", "csv", "--sortie", csv.path]).status == 0)
      #expect(try Data(contentsOf: csv) == Spreadsheet.csv(try demoRegister()))
      #expect(try RegistreCLI.run(["convertir", Self.demo.path, "--format", "pdf", "--sortie", csv.path]).status == 2)
    }
  }

  @Test("le CSV suit l'ordre des blocs de la fiche")
  func csv() throws {
    let text = String(decoding: Spreadsheet.csv(try demoRegister()).dropFirst(3), as: UTF8.self)
    #expect(text.hasPrefix("Nom du traitement;N° / RÉF;Date de création du traitement;Mise à jour du traitement;Responsable du traitement;Délégué à la protection des données;"))
  }

  /// LibreOffice (Debian package libreoffice-calc-nogui, test profile of scripts/dependances.sh) opens the export
  /// and saves it again as .ods; the import of LibreOffice's own file gives the same register, and keeps the
  /// typed dates and the autofilter.
  @Test("ouvert et réenregistré par LibreOffice, l'export se réimporte sans perte")
  func libreOffice() throws {
    let office = try Checkers.require("libreoffice", "soffice", package: "libreoffice-calc-nogui")
    let unzip = try Checkers.require("unzip", package: "unzip")
    let demo = try demoRegister()
    try TemporaryFolder.with { folder in
      let source = folder.appendingPathComponent("source")
      let resaved = folder.appendingPathComponent("lo")
      try FileManager.default.createDirectory(at: source, withIntermediateDirectories: true)
      let file = source.appendingPathComponent("registre.ods")
      try Spreadsheet.ods(demo).write(to: file)
      let result = try ProcessRunner.run([
        office, "-env:UserInstallation=file://\(folder.appendingPathComponent("profil").path)", "--headless",
        "--convert-to", "ods", "--outdir", resaved.path, file.path,
      ], in: folder)
      #expect(result.status == 0, "\(result.output)\(result.errors)")
      let loFile = resaved.appendingPathComponent("registre.ods")
      let back = try reimport(try Data(contentsOf: loFile), in: folder)
      let expected = cnilHeld(demo)
      #expect(cnilHeld(back).traitements == expected.traitements)
      #expect(cnilHeld(back).etablissement == expected.etablissement)
      #expect(cnilHeld(back).sousTraitants == expected.sousTraitants)
      let content = try ProcessRunner.run([unzip, "-p", loFile.path, "content.xml"], in: folder).output
      #expect(content.contains("office:date-value="))
      #expect(content.contains("table:display-filter-buttons=\"true\""))
      // The frozen rows are view settings: a headless conversion has no view and writes none back, so they
      // are checked in our own settings.xml only (odsFeatures).
    }
  }
}

import Foundation
import RegistreFormats
import RegistreModel
import RegistreSupport
import Yams

/// A mapping from a spreadsheet's columns to a fiche's fields (`--correspondance FICHIER.yaml`).
public struct ColumnMapping: Sendable, Equatable {
  /// Sheet to read (default: the first).
  public var sheet: String?
  /// 1-based row of the headers (default: 1).
  public var headerRow = 1
  /// Field → column header (or letter).
  public var columns: [String: String] = [:]
  /// Field → source text (folded) → Registre value.
  public var values: [String: [String: String]] = [:]
  public var schoolName: String?
  public var schoolUAI: String?

  /// Fields a column may fill.
  public static let fields = [
    "nom", "finalite_principale", "sous_finalites", "logiciel", "date_creation", "derniere_mise_a_jour",
    "base_legale", "texte_base_legale", "personnes_concernees", "donnees", "conservation", "sources_des_donnees",
    "destinataires", "sous_traitants", "mesures_securite", "remarques",
  ]

  /// Largest mapping file read.
  static let maximumSize = 256 * 1024

  public static func parse(_ text: String) throws(ImportError) -> ColumnMapping {
    guard text.utf8.count <= maximumSize else { throw ImportError("correspondance : fichier trop grand (au plus 256 Kio)") }
    let loaded: Any?
    do {
      loaded = try Yams.load(yaml: text)
    } catch {
      throw ImportError("correspondance : YAML illisible (\(error))")
    }
    guard let root = loaded as? [String: Any] else { throw ImportError("correspondance : une table « clé: valeur » est attendue") }
    var mapping = ColumnMapping()
    for key in root.keys where !["feuille", "ligne_entetes", "colonnes", "valeurs", "etablissement"].contains(key) {
      throw ImportError("correspondance : clé inconnue « \(key) » (attendu : feuille, ligne_entetes, etablissement, colonnes, valeurs)")
    }
    mapping.sheet = root["feuille"].map { "\($0)" }
    if let row = root["ligne_entetes"] {
      guard let n = row as? Int, n >= 1, n <= 1_000 else { throw ImportError("correspondance : ligne_entetes attend un numéro de ligne (1, 2…)") }
      mapping.headerRow = n
    }
    if let school = root["etablissement"] as? [String: Any] {
      mapping.schoolName = school["nom"].map { "\($0)" }
      mapping.schoolUAI = school["uai"].map { "\($0)" }
    }
    guard let columns = root["colonnes"] as? [String: Any], !columns.isEmpty else {
      throw ImportError("correspondance : « colonnes » manque (champ: en-tête de colonne)")
    }
    for (field, header) in columns {
      guard fields.contains(field) else {
        throw ImportError("correspondance : champ inconnu « \(field) » dans colonnes (attendu : \(fields.joined(separator: ", ")))")
      }
      mapping.columns[field] = "\(header)"
    }
    guard mapping.columns["nom"] != nil else { throw ImportError("correspondance : la colonne du champ « nom » est obligatoire") }
    if let values = root["valeurs"] as? [String: Any] {
      for (field, table) in values {
        guard let table = table as? [String: Any] else { throw ImportError("correspondance : valeurs.\(field) attend une table « texte: valeur »") }
        mapping.values[field] = Dictionary(table.map { (folded($0.key), "\($0.value)") }, uniquingKeysWith: { a, _ in a })
      }
    }
    return mapping
  }

  /// The commented mapping `registre importer --modele-correspondance` prints.
  public static let template = """
    # Correspondance des colonnes d'un tableur vers les champs d'une fiche de Registre
    # (registre importer TABLEUR --correspondance ce-fichier.yaml --sortie DOSSIER).
    # Une ligne du tableur = un traitement. Chaque champ prend l'en-tête exact de sa colonne
    # (casse, accents et espaces ignorés) ou sa lettre (B, AA…). Retirez les champs sans colonne.

    # Feuille à lire (.ods, .xlsx) ; par défaut la première.
    # feuille: Registre
    # Ligne des en-têtes ; par défaut 1.
    ligne_entetes: 1

    # Ce que le tableur ne dit pas ; sinon « À COMPLÉTER ».
    # etablissement:
    #   nom: Lycée Jules-Ferry
    #   uai: 0751234A

    colonnes:
      nom: "Nom du traitement"                # obligatoire
      finalite_principale: "Finalité"
      # sous_finalites: "Sous-finalités"      # listes : une valeur par ligne de la cellule, ou séparées par « ; »
      # logiciel: "Logiciel"
      # date_creation: "Date de création"    # JJ/MM/AAAA, AAAA-MM-JJ ou date du tableur
      # derniere_mise_a_jour: "Mise à jour"
      # base_legale: "Base légale"            # consentement, contrat, obligation-legale, mission-interet-public…
      # texte_base_legale: "Texte"
      # personnes_concernees: "Personnes concernées"
      # donnees: "Catégories de données"
      # conservation: "Durée de conservation" # « 1 an », « 3 mois »… ; appliquée à chaque catégorie de données
      # sources_des_donnees: "Origine des données"
      # destinataires: "Destinataires"
      # sous_traitants: "Sous-traitants"      # un nom par ligne ou séparés par « ; » ; une fiche chacun
      # mesures_securite: "Mesures de sécurité"
      # remarques: "Remarques"

    # Textes du tableur → valeurs de Registre, pour ce que l'import ne reconnaît pas seul
    # (les libellés de Registre et ceux de la fiche de la CNIL sont reconnus).
    # valeurs:
    #   personnes_concernees:
    #     "Élèves": eleves-mineurs
    #     "Parents": responsables-legaux
    #   donnees:
    #     "Notes": scolarite
    #   destinataires:
    #     "Rectorat": externe

    """
}

/// Any spreadsheet, one treatment per row, read through a `ColumnMapping`.
enum MappedSpreadsheet {
  /// `isCSV`: the file has one sheet, and `feuille` (for .ods and .xlsx) does not apply.
  /// `progress`: each row below the header examined, n of N.
  static func read(
    _ tables: [Table], mapping: ColumnMapping, file: String, isCSV: Bool = false, progress: ProgressReport? = nil
  ) throws(ImportError) -> ImportedRegister {
    let table: Table
    if let name = mapping.sheet, !isCSV {
      guard let t = tables.first(where: { folded($0.name) == folded(name) }) else {
        throw ImportError("\(file) : feuille « \(name) » absente (feuilles : \(tables.map(\.name).joined(separator: ", ")))")
      }
      table = t
    } else {
      guard let t = tables.first else { throw ImportError("\(file) : aucune feuille") }
      table = t
    }
    let h = mapping.headerRow - 1
    var columns: [String: Int] = [:]
    for (field, header) in mapping.columns {
      if let c = table.rows[safe: h]?.firstIndex(where: { folded($0.text) == folded(header) }) {
        columns[field] = c
      } else if header.count <= 3, header == header.uppercased(), let c = Table.columnIndex(header) {
        columns[field] = c
      } else {
        let found = (table.rows[safe: h] ?? []).map(\.text).filter { !$0.isEmpty }.prefix(20).joined(separator: " ; ")
        throw ImportError("\(file), feuille « \(table.name) », ligne \(mapping.headerRow) : colonne « \(header) » (champ \(field)) introuvable ; en-têtes : \(found)")
      }
    }
    var report = ImportReport(format: "tableur")
    var taken: Set<String> = []
    var processors = ProcessorCollector()
    var treatments: [(id: String, draft: DraftValue)] = []
    let rows = (h + 1)..<max(table.rows.count, h + 1)
    let converting = ProgressCounter("Conversion des fiches", total: rows.count, report: progress)
    for r in rows {
      defer { converting.advance() }
      func text(_ field: String) -> String? { columns[field].flatMap { clean(table[r, $0].text) } }
      func cell(_ field: String) -> String {
        guard let c = columns[field] else { return "?" }
        return "\(Table.reference(row: r, column: c)) (\(table[h, c].text))"
      }
      func items(_ field: String) -> [String] {
        guard let t = text(field) else { return [] }
        return t.split(whereSeparator: { $0.isNewline || $0 == ";" }).compactMap { clean(String($0)) }
      }
      func mapped(_ field: String, _ item: String) -> String? { mapping.values[field]?[folded(item)] }
      guard columns.values.contains(where: { clean(table[r, $0].text) != nil }) else { continue }
      let name = text("nom")
      let id = identifier(for: name ?? "", fallback: "traitement-\(r + 1)", taken: &taken)
      var fiche = FicheDraft(file: "traitements/\(id).yaml", name: name ?? "(sans nom)", origin: "feuille « \(table.name) », ligne \(r + 1)")
      fiche.set("id", .text(id))
      if let name { fiche.set("nom", .text(name)) } else {
        let v = fiche.missing("nom", cell: cell("nom"), hint: "nom du traitement")
        fiche.pairs.append(("nom", v))
      }
      fiche.pairs.append(("statut", .text("brouillon")))
      for key in ["date_creation", "derniere_mise_a_jour"] {
        guard let t = text(key) else { continue }
        if let day = columns[key].flatMap({ table[r, $0].date }) ?? parseDay(t) ?? serialDay(t) {
          fiche.set(key, .text(day.description))
        } else {
          fiche.remark(table[h, columns[key] ?? 0].text, t)
          fiche.report.notUnderstood.append(ImportNote(field: key, cell: cell(key), original: t, hint: "date JJ/MM/AAAA ; recopiée dans remarques"))
        }
      }
      fiche.setText("logiciel", text("logiciel"))
      if let goal = text("finalite_principale") { fiche.set("finalite_principale", .text(goal)) } else {
        let v = fiche.missing("finalite_principale", cell: cell("finalite_principale"), hint: "finalité principale")
        fiche.pairs.append(("finalite_principale", v))
      }
      let subs = items("sous_finalites")
      if !subs.isEmpty { fiche.set("sous_finalites", .list(subs.map { .text($0) })) }
      fiche.pairs.append(("responsable", .object([("type", .text("etablissement"))])))
      if let basis = text("base_legale") {
        let known = mapped("base_legale", basis).flatMap(LegalBasis.init(rawValue:))
          ?? LegalBasis(rawValue: basis)
          ?? LegalBasis.allCases.first { folded($0.libelle) == folded(basis) }
          ?? MadisCSV.legalBases[folded(basis)]
        var pairs: [(String, DraftValue)] = [("article_6", known.map { .text($0.rawValue) }
          ?? fiche.notUnderstood("base_legale.article_6", cell: cell("base_legale"), original: basis, hint: "base légale (art. 6 RGPD)"))]
        if let t = text("texte_base_legale") { pairs.append(("texte", .text(t))) }
        fiche.set("base_legale", .object(pairs))
      }
      var people: [DraftValue] = []
      for item in items("personnes_concernees") {
        let category = mapped("personnes_concernees", item).flatMap(DataSubjectCategory.init(rawValue:))
          ?? DataSubjectCategory(rawValue: item) ?? CNILVocabulary.subjectCategory(item)
        let value = category.map { DraftValue.text($0.rawValue) } ?? fiche.notUnderstood(
          "personnes_concernees[\(people.count)].categorie", cell: cell("personnes_concernees"), original: item, hint: "catégorie de personnes")
        var pairs: [(String, DraftValue)] = [("categorie", value)]
        if category.map({ folded(item) != folded($0.libelle) && item != $0.rawValue }) ?? true { pairs.append(("precisions", .text(item))) }
        people.append(.object(pairs))
      }
      if !people.isEmpty { fiche.set("personnes_concernees", .list(people)) }
      let retention = text("conservation")
      var data: [DraftValue] = []
      for item in items("donnees") {
        let category = mapped("donnees", item).flatMap(DataCategory.init(rawValue:))
          ?? DataCategory(rawValue: item) ?? CNILVocabulary.dataCategory(label: item) ?? MadisCSV.dataCategories[folded(item)]
        var pairs: [(String, DraftValue)] = [("categorie", category.map { .text($0.rawValue) } ?? fiche.notUnderstood(
          "donnees[\(data.count)].categorie", cell: cell("donnees"), original: item, hint: "catégorie de données de Registre"))]
        if folded(item) != folded(category?.libelle ?? "") { pairs.append(("description", .text(item))) }
        if let retention { pairs.append(("conservation", CNILModel.parseRetention(retention))) }
        data.append(.object(pairs))
      }
      if !data.isEmpty { fiche.set("donnees", .list(data)) } else if let retention { fiche.remark(table[h, columns["conservation"] ?? 0].text, retention) }
      let sources = items("sources_des_donnees")
      if !sources.isEmpty { fiche.set("sources_des_donnees", .list(sources.map { .text($0) })) }
      var recipients: [DraftValue] = []
      for item in items("destinataires") {
        let kind = mapped("destinataires", item).flatMap(RecipientKind.init(rawValue:)) ?? CNILVocabulary.recipientKind(item)
        recipients.append(.object([
          ("type", kind.map { .text($0.rawValue) } ?? fiche.notUnderstood(
            "destinataires[\(recipients.count)].type", cell: cell("destinataires"), original: item,
            hint: "type de destinataire (interne, externe, sous-traitant ou pays-tiers)")),
          ("nom", .text(item)),
        ]))
      }
      if !recipients.isEmpty { fiche.set("destinataires", .list(recipients)) }
      let names = items("sous_traitants")
      if !names.isEmpty { fiche.set("sous_traitants", .list(names.map { .text(processors.id(for: $0, cell: cell("sous_traitants"))) })) }
      var measures: [DraftValue] = []
      for item in items("mesures_securite") {
        let family = mapped("mesures_securite", item).flatMap(MeasureFamily.init(rawValue:)) ?? CNILVocabulary.measureFamily(item)
        var pairs: [(String, DraftValue)] = [("famille", family.map { .text($0.rawValue) } ?? fiche.notUnderstood(
          "mesures_securite[\(measures.count)].famille", cell: cell("mesures_securite"), original: item, hint: "famille de mesures de la fiche CNIL"))]
        if family == nil || folded(item) != folded(family.map(CNILVocabulary.measureLabel) ?? "") { pairs.append(("precisions", .text(item))) }
        measures.append(.object(pairs))
      }
      if !measures.isEmpty { fiche.set("mesures_securite", .list(measures)) }
      fiche.setText("remarques", text("remarques"))
      treatments.append((id, fiche.finished()))
      report.fiches.append(fiche.report)
    }
    var school = FicheDraft(file: "etablissement.yaml", name: "Établissement", origin: "fichier de correspondance")
    if let n = mapping.schoolName { school.set("nom", .text(n)) } else {
      let v = school.missing("nom", cell: "correspondance : etablissement.nom", hint: "nom de l'établissement")
      school.pairs.append(("nom", v))
    }
    if let u = mapping.schoolUAI { school.set("uai", .text(u)) } else {
      let v = school.missing("uai", cell: "correspondance : etablissement.uai", hint: "code UAI de l'établissement")
      school.pairs.append(("uai", v))
    }
    let v = school.missing("responsable_traitement.nom", cell: "aucune colonne", hint: "nom du chef d'établissement")
    school.pairs.append(("responsable_traitement", .object([("nom", v)])))
    report.fiches.insert(school.report, at: 0)
    return ImportedRegister(school: school.finished(), treatments: treatments, processors: processors.drafts, report: report)
  }

  /// A spreadsheet's serial day number (1900 date system, as `.xlsx` stores dates): 45000 → 2023-03-15.
  static func serialDay(_ text: String) -> Day? {
    guard let serial = Double(text), serial >= 1, serial < 400_000 else { return nil }
    // Serial 25569 is 1970-01-01.
    let date = Date(timeIntervalSince1970: (serial.rounded(.down) - 25_569) * 86_400)
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
    let c = calendar.dateComponents([.year, .month, .day], from: date)
    guard let y = c.year, let m = c.month, let d = c.day else { return nil }
    return Day(annee: y, mois: m, jour: d)
  }
}

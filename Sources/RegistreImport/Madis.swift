import Foundation
public import RegistreFormats
import RegistreModel
public import RegistreSupport

/// MADIS's CSV export of treatments (`TreatmentGenerator.php` of svs-step/madis, tag v2.4.1, 2024-02-13):
/// 71 fixed columns then one per conformity question, `;`, a byte-order mark, « Oui »/« Non »,
/// « Actif »/« Inactif », lists joined by « - » or « , », numbered multi-line retention cells,
/// dates « 13/02/2024 à 10:27 » in Paris time.
public enum MadisCSV {
  /// The first 71 headers, as MADIS 2.4.1 writes them.
  public static let headers: [String] = {
    var h = [
      "Nom", "Structure - Nom", "Structure - SIREN", "Structure - Code INSEE", "En tant que",
      "Coordonnées du responsable de traitement", "Finalités", "Gestionnaire", "État", "Base légale",
      "Justification de la base légale", "Observations", "Registre public", "Est exempté d'AIPD", "Préconisations",
      "Catégorie de données", "Catégorie des données - Autres catégories", "Destination - Catégorie de destinataires",
      "Destination - Sous-traitants", "Historique - Créé par", "Historique - Date de création",
      "Historique - Date de modification",
    ]
    for p in ["Particuliers", "Internautes", "Salariés", "Élus", "Professionnels", "Partenaires", "Usagers", "Autres"] {
      h += ["Détails - Personnes concernées - \(p)", "Détails - Personnes concernées - \(p) - Commentaire"]
    }
    h += [
      "Détails - Nombre de personnes concernées", "Détails - Logiciels et supports", "Détails - Traitement papier",
      "Détails - Délai de conservation - Durée", "Détails - Délai de conservation - Nom",
      "Détails - Délai de conservation - Sort final", "Détails - Origine des données", "Détails - Moyens de la collecte",
    ]
    let s = "Mesures de sécurité et confidentialité"
    for m in ["Contrôle d'accès", "Traçabilité", "Sauvegarde", "Mise à jour", "Autres"] {
      h += ["\(s) - \(m)", "\(s) - \(m) - Commentaire"]
    }
    h += [
      "\(s) - À tout moment il est possible de ressortir les personnes habilitées",
      "\(s) - La personne ou la procédure qui permet d’ouvrir des comptes est clairement identifiée",
      "\(s) - Les spécificités de sensibilisation liées à ce traitement sont délivrées",
    ]
    for t in [
      "Surveillance systématique", "Collecte à large échelle", "Personnes vulnérables", "Croisement de données",
      "Évaluation ou notation", "Décisions automatisées avec effet", "Exclusion automatique d'un service", "Usage innovant",
    ] {
      h.append("Traitement spécifique - \(t)")
    }
    h += [
      "Nb Preuves", "Conformité du traitement", "Conformité du traitement - Date création",
      "Conformité du traitement - Date modification",
    ]
    return h
  }()

  /// Whether the first row looks like MADIS's header (its first columns, compared folded).
  static func recognises(_ table: Table) -> Bool {
    guard let first = table.rows.first, first.count >= 22 else { return false }
    return (0..<22).allSatisfy { folded(first[$0].text) == folded(headers[$0]) }
  }

  /// MADIS data categories (default names of its migrations) → Registre categories. « Opinion politique
  /// ou religieuse » is left out on purpose: it is two Registre categories, and choosing one would invent.
  static let dataCategories: [String: DataCategory] = [
    "nom, prenom": .etatCivil, "date, lieu de naissance": .etatCivil, "situation familiale": .viePersonnelle,
    "filiation": .viePersonnelle, "coordonnees postales": .etatCivil, "coordonnees telephoniques": .etatCivil,
    "information bancaire": .economiqueFinancier, "situation bancaire": .economiqueFinancier,
    "patrimoine": .economiqueFinancier, "situation fiscale": .economiqueFinancier,
    "situation professionnelle": .vieProfessionnelle, "revenus": .economiqueFinancier, "emails": .etatCivil,
    "adresse ip": .connexion, "connexion": .connexion, "geolocalisation": .localisation, "numero de caf": .social,
    "pieces d'identite": .etatCivil, "photos-videos": .image, "sante": .sante, "numero de securite sociale": .nir,
    "appartenance syndicale": .appartenanceSyndicale, "origine raciale ou ethnique": .origineRaciale,
    "vie sexuelle": .vieSexuelle,
  ]

  static let legalBases: [String: LegalBasis] = [
    "le consentement": .consentement, "l'obligation legale": .obligationLegale, "l'execution d'un contrat": .contrat,
    "l'execution d'une mission d'interet public": .missionInteretPublic, "l'interet legitime": .interetLegitime,
    "l'interet vital": .interetsVitaux,
  ]

  /// Reads the table; `structure` keeps only that collectivity's rows (the file holds all of an admin's).
  /// `progress`: each treatment row converted, n of N.
  public static func read(_ table: Table, structure: String? = nil, progress: ProgressReport? = nil) throws(ImportError) -> ImportedRegister {
    guard recognises(table) else {
      let found = table.rows.first.map { $0.prefix(3).map(\.text).joined(separator: " ; ") } ?? ""
      throw ImportError(
        "\(table.name), ligne 1 : ce n'est pas l'export CSV des traitements de MADIS (colonnes attendues : "
          + "« Nom ; Structure - Nom ; Structure - SIREN ; … », trouvées : « \(found) »)")
    }
    var report = ImportReport(format: "madis-csv")
    let header = table.rows[0]
    // MADIS 2.4.1 writes the values of « Personnes concernées » in another order than its headers
    // (initializeTreatmentDetails): read by position.
    let shifted = header.count > 27 && folded(header[26].text) == folded(headers[26])
    if shifted {
      report.notes.append(
        "Colonnes « Personnes concernées » lues par position : MADIS 2.4.1 écrit les valeurs d'Usagers, Salariés, Élus, "
          + "Professionnels et Partenaires sous les en-têtes Salariés, Élus, Professionnels, Partenaires et Usagers.")
    }
    var rows = Array(table.rows.dropFirst().enumerated()).filter { !$0.element.allSatisfy { clean($0.text) == nil } }
    let structures = Array(Set(rows.compactMap { row in clean(table[row.offset + 1, 1].text) })).sorted()
    if let structure {
      rows = rows.filter { folded(table[$0.offset + 1, 1].text) == folded(structure) }
      guard !rows.isEmpty else {
        throw ImportError("\(table.name) : aucune ligne de la structure « \(structure) » (structures du fichier : \(structures.joined(separator: ", ")))")
      }
    } else if structures.count > 1 {
      throw ImportError(
        "\(table.name) : le fichier mêle \(structures.count) structures (\(structures.joined(separator: ", "))) ; "
          + "choisissez-en une avec --structure")
    }
    var processors = ProcessorCollector()
    var taken: Set<String> = []
    var treatments: [(id: String, draft: DraftValue)] = []
    var controllerText: (String, String)?
    let converting = ProgressCounter("Conversion des fiches", total: rows.count, report: progress)
    for (offset, _) in rows {
      defer { converting.advance() }
      let r = offset + 1
      func cell(_ c: Int) -> String { table[r, c].text }
      func place(_ c: Int) -> String {
        "ligne \(r + 1), colonne \(Table.columnLetters(c)) (\(c < header.count ? header[c].text : "sans en-tête"))"
      }
      let name = clean(cell(0))
      let id = identifier(for: name ?? "", fallback: "traitement-\(r + 1)", taken: &taken)
      var fiche = FicheDraft(file: "traitements/\(id).yaml", name: name ?? "(sans nom)", origin: "ligne \(r + 1)")
      fiche.set("id", .text(id), reportAs: "id")
      fiche.pairs.append(("nom", name.map { .text($0) } ?? fiche.missing("nom", cell: place(0), hint: "nom du traitement")))
      if name != nil { fiche.report.filled.append("nom") }
      fiche.pairs.append(("statut", .text(RecordStatus.brouillon.rawValue)))
      if let day = parseDay(cell(20)) { fiche.set("date_creation", .text(day.description)) }
      if let day = parseDay(cell(21)) { fiche.set("derniere_mise_a_jour", .text(day.description)) }
      fiche.setText("logiciel", cell(39))
      if let goal = clean(cell(6)) {
        fiche.set("finalite_principale", .text(goal))
      } else {
        fiche.pairs.append(("finalite_principale", fiche.missing("finalite_principale", cell: place(6), hint: "finalité principale")))
      }
      // Controller.
      let role = clean(cell(4))
      switch role.map(folded) {
      case "responsable de traitement"?: fiche.set("responsable", .object([("type", .text("etablissement"))]))
      case "responsabilite conjointe"?: fiche.set("responsable", .object([("type", .text("conjoint"))]))
      case nil:
        fiche.pairs.append(("responsable", .object([("type", fiche.missing("responsable.type", cell: place(4), hint: "qui est responsable du traitement"))])))
      default:
        fiche.pairs.append(("responsable", .object([("type", fiche.notUnderstood(
          "responsable.type", cell: place(4), original: role ?? "",
          hint: "type de responsable (etablissement, ministere, collectivite ou conjoint)"))])))
      }
      if controllerText == nil, let text = clean(cell(5)) { controllerText = (text, place(5)) }
      // Legal basis.
      if let basis = clean(cell(9)), folded(basis) != "a determiner" {
        var ground: [(String, DraftValue)] = []
        if let known = legalBases[folded(basis)] {
          ground.append(("article_6", .text(known.rawValue)))
        } else {
          ground.append(("article_6", fiche.notUnderstood("base_legale.article_6", cell: place(9), original: basis, hint: "base légale (art. 6 RGPD)")))
        }
        if let justification = clean(cell(10)) { ground.append(("texte", .text(justification))) }
        fiche.set("base_legale", .object(ground))
      } else {
        var ground: [(String, DraftValue)] = [("article_6", fiche.missing("base_legale.article_6", cell: place(9), hint: "base légale (art. 6 RGPD)"))]
        if let justification = clean(cell(10)) { ground.append(("texte", .text(justification))) }
        fiche.pairs.append(("base_legale", .object(ground)))
      }
      readSubjects(table, row: r, shifted: shifted, place: place, into: &fiche)
      readData(table, row: r, place: place, into: &fiche)
      if let origin = clean(cell(44)) { fiche.set("sources_des_donnees", .list([.text(origin)])) }
      if let recipients = clean(cell(17)) {
        fiche.set("destinataires", .list([.object([
          ("type", fiche.notUnderstood(
            "destinataires[0].type", cell: place(17), original: recipients,
            hint: "type de destinataire (interne, externe, sous-traitant ou pays-tiers)")),
          ("nom", .text(recipients)),
        ])]))
      }
      if let names = clean(cell(18)) {
        let ids = names.components(separatedBy: " - ").compactMap(clean).map { processors.id(for: $0, cell: place(18)) }
        fiche.set("sous_traitants", .list(ids.map { .text($0) }))
      }
      readMeasures(table, row: r, place: place, into: &fiche)
      let criteria: [(Int, DPIACriterion?)] = [
        (59, .surveillanceSystematique), (60, .grandeEchelle), (61, nil), (62, .croisementDonnees),
        (63, .evaluationNotation), (64, .decisionAutomatisee), (65, .exclusionDroitService), (66, .usageInnovant),
      ]
      var found: [DraftValue] = []
      for (c, criterion) in criteria where folded(cell(c)) == "oui" {
        if let criterion { found.append(.text(criterion.rawValue)) } else { fiche.remark(header[safe: c] ?? "Personnes vulnérables", "Oui") }
      }
      if !found.isEmpty { fiche.set("criteres_aipd", .list(found)) }
      if folded(cell(13)) == "oui" {
        fiche.pairs.append(("exemption_aipd", fiche.notUnderstood(
          "exemption_aipd", cell: place(13), original: cell(13),
          hint: "exemption d'AIPD : l'item de la liste CNIL (délibération 2019-118) que MADIS ne dit pas")))
      }
      fiche.remark("Gestionnaire (MADIS)", cell(7))
      if folded(cell(8)) == "inactif" { fiche.remark("État dans MADIS", "Inactif") }
      fiche.remark("Observations (MADIS)", cell(11))
      fiche.remark("Préconisations du DPD (MADIS)", cell(14))
      fiche.remark("Registre public (MADIS)", cell(12))
      fiche.remark("Traitement papier (MADIS)", folded(cell(40)) == "actif" ? "Oui" : nil)
      fiche.remark("Moyens de la collecte (MADIS)", cell(45))
      for c in 56...58 where clean(cell(c)) != nil { fiche.remark(header[safe: c] ?? "MADIS", cell(c)) }
      if let conformity = clean(cell(68)) { fiche.remark("Conformité du traitement (MADIS)", conformity) }
      fiche.remark("Créé dans MADIS par", cell(19))
      treatments.append((id, fiche.finished()))
      report.fiches.append(fiche.report)
    }
    // The school: MADIS knows the collectivity's name and SIREN, not a UAI.
    var school = FicheDraft(file: "etablissement.yaml", name: "Établissement", origin: "colonnes Structure")
    let first = rows.first.map { $0.offset + 1 } ?? 1
    if let name = clean(table[first, 1].text) {
      school.set("nom", .text(name))
    } else {
      school.pairs.append(("nom", school.missing("nom", cell: "colonne B (Structure - Nom)", hint: "nom de l'établissement")))
    }
    school.pairs.append(("uai", school.missing("uai", cell: "aucune colonne", hint: "code UAI de l'établissement (MADIS n'en a pas)")))
    let controller: DraftValue
    if let (text, cell) = controllerText {
      controller = school.notUnderstood(
        "responsable_traitement.nom", cell: cell, original: text, hint: "nom du chef d'établissement, responsable des traitements")
    } else {
      controller = school.missing("responsable_traitement.nom", cell: "colonne F", hint: "nom du chef d'établissement, responsable des traitements")
    }
    school.pairs.append(("responsable_traitement", .object([("nom", controller)])))
    report.fiches.insert(school.report, at: 0)
    if !processors.drafts.isEmpty {
      report.notes.append(
        "\(processors.drafts.count) sous-traitant(s) créé(s) d'après la colonne « Destination - Sous-traitants » : "
          + "leur pays est à compléter.")
    }
    return ImportedRegister(school: school.finished(), treatments: treatments, processors: processors.drafts, report: report)
  }

  /// Columns 23–38: eight Oui/Non columns each followed by a comment. MADIS category → Registre category;
  /// only « Salariés » and « Autres » have a school equivalent.
  static func readSubjects(_ table: Table, row r: Int, shifted: Bool, place: (Int) -> String, into fiche: inout FicheDraft) {
    let byValue = shifted
      ? ["Particuliers", "Internautes", "Usagers", "Salariés", "Élus", "Professionnels", "Partenaires", "Autres"]
      : ["Particuliers", "Internautes", "Salariés", "Élus", "Professionnels", "Partenaires", "Usagers", "Autres"]
    var subjects: [DraftValue] = []
    for (i, madis) in byValue.enumerated() {
      let c = 22 + 2 * i
      guard folded(table[r, c].text) == "oui" else { continue }
      let comment = clean(table[r, c + 1].text)
      let field = "personnes_concernees[\(subjects.count)]"
      var pairs: [(String, DraftValue)] = []
      switch madis {
      case "Salariés": pairs.append(("categorie", .text(DataSubjectCategory.personnels.rawValue)))
      case "Autres": pairs.append(("categorie", .text(DataSubjectCategory.autres.rawValue)))
      default:
        pairs.append(("categorie", fiche.notUnderstood(
          "\(field).categorie", cell: place(c), original: madis,
          hint: "catégorie de personnes (eleves-mineurs, eleves-majeurs, responsables-legaux, personnels, intervenants-exterieurs, visiteurs, autres)")))
      }
      if let comment { pairs.append(("precisions", .text(comment))) }
      subjects.append(.object(pairs))
    }
    if let volume = clean(table[r, 38].text) {
      if subjects.count == 1, let n = Int(volume), n >= 0, case .object(var pairs) = subjects[0] {
        pairs.append(("volume", .integer(n)))
        subjects[0] = .object(pairs)
      } else {
        fiche.remark("Nombre de personnes concernées (MADIS)", volume)
      }
    }
    if !subjects.isEmpty { fiche.set("personnes_concernees", .list(subjects)) }
  }

  /// Column 16 (names joined by « - »), 17 (other categories) and the numbered retention columns 42–44.
  static func readData(_ table: Table, row r: Int, place: (Int) -> String, into fiche: inout FicheDraft) {
    var groups: [(category: String, names: [String], cell: String?)] = []
    var unknown: [String] = []
    if let joined = clean(table[r, 15].text) {
      for name in joined.components(separatedBy: " - ").compactMap(clean) {
        guard let category = dataCategories[folded(name)] else {
          unknown.append(name)
          continue
        }
        if let i = groups.firstIndex(where: { $0.category == category.rawValue }) {
          groups[i].names.append(name)
        } else {
          groups.append((category.rawValue, [name], nil))
        }
      }
    }
    let lives = shelfLives(table, row: r)
    var entries: [DraftValue] = []
    func retention(_ index: Int) -> DraftValue? {
      guard !lives.isEmpty else { return nil }
      if lives.count == 1, let life = lives.first {
        var pairs: [(String, DraftValue)] = []
        if let span = TimeSpan(texte: life.duration) {
          pairs.append(("duree", .text(span.description)))
        } else if let duration = clean(life.duration) {
          pairs.append(("critere", .text(duration)))
        }
        switch folded(life.fate) {
        case "destruction": pairs.append(("sort_final", .text("destruction")))
        case "versement": pairs.append(("sort_final", .text("archives")))
        case "tri": pairs.append(("sort_final", .text("tri")))
        case "", "non determine": break
        default:
          pairs.append(("sort_final", fiche.notUnderstood(
            "donnees[\(index)].conservation.sort_final", cell: place(43), original: life.fate,
            hint: "sort final (destruction, archives, anonymisation ou tri)")))
        }
        return pairs.isEmpty ? nil : .object(pairs)
      }
      let all = lives.map { "\($0.number): \($0.name) — \($0.duration) — \($0.fate)" }.joined(separator: " ; ")
      return .object([("critere", fiche.notUnderstood(
        "donnees[\(index)].conservation.critere", cell: place(41), original: all,
        hint: "durée de cette catégorie, parmi les durées du traitement dans MADIS"))])
    }
    for group in groups {
      var pairs: [(String, DraftValue)] = [("categorie", .text(group.category)), ("description", .text(group.names.joined(separator: ", ")))]
      if let r = retention(entries.count) { pairs.append(("conservation", r)) }
      entries.append(.object(pairs))
    }
    for name in unknown {
      var pairs: [(String, DraftValue)] = [
        ("categorie", fiche.notUnderstood(
          "donnees[\(entries.count)].categorie", cell: place(15), original: name, hint: "catégorie de données de Registre")),
        ("description", .text(name)),
      ]
      if let r = retention(entries.count) { pairs.append(("conservation", r)) }
      entries.append(.object(pairs))
    }
    if let other = clean(table[r, 16].text) {
      var pairs: [(String, DraftValue)] = [("categorie", .text(DataCategory.autre.rawValue)), ("description", .text(other))]
      if let r = retention(entries.count) { pairs.append(("conservation", r)) }
      entries.append(.object(pairs))
    }
    if !entries.isEmpty { fiche.set("donnees", .list(entries)) }
    if entries.isEmpty, !lives.isEmpty {
      fiche.remark("Durées de conservation (MADIS)", lives.map { "\($0.number): \($0.name) — \($0.duration) — \($0.fate)" }.joined(separator: " ; "))
    }
  }

  struct ShelfLife {
    var number: Int
    var duration = ""
    var name = ""
    var fate = ""
  }

  /// Columns 42–44: « 1: … \r\n2: … » in three parallel cells, matched by number.
  static func shelfLives(_ table: Table, row r: Int) -> [ShelfLife] {
    var lives: [Int: ShelfLife] = [:]
    for (c, keyPath) in [(41, \ShelfLife.duration), (42, \ShelfLife.name), (43, \ShelfLife.fate)] {
      for line in table[r, c].text.split(whereSeparator: \.isNewline) {
        guard let colon = line.firstIndex(of: ":"), let n = Int(line[..<colon].trimmingCharacters(in: .whitespaces)) else { continue }
        var life = lives[n] ?? ShelfLife(number: n)
        life[keyPath: keyPath] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        lives[n] = life
      }
    }
    return lives.keys.sorted().compactMap { lives[$0] }
  }

  /// Columns 47–56: five Oui/Non security families each followed by a comment.
  static func readMeasures(_ table: Table, row r: Int, place: (Int) -> String, into fiche: inout FicheDraft) {
    let families: [(Int, MeasureFamily, String)] = [
      (46, .controleAcces, "Contrôle d'accès"), (48, .tracabilite, "Traçabilité"), (50, .sauvegarde, "Sauvegarde"),
      (52, .protectionLogiciels, "Mise à jour"), (54, .autre, "Autres"),
    ]
    var measures: [DraftValue] = []
    for (c, family, label) in families where folded(table[r, c].text) == "oui" {
      var precisions = clean(table[r, c + 1].text)
      // MADIS's « Mise à jour » is one of the CNIL's software protection measures: say where it came from.
      if family == .protectionLogiciels { precisions = ["Mise à jour (MADIS)", precisions].compactMap { $0 }.joined(separator: " : ") }
      _ = label
      var pairs: [(String, DraftValue)] = [("famille", .text(family.rawValue))]
      if let precisions { pairs.append(("precisions", .text(precisions))) }
      measures.append(.object(pairs))
    }
    if !measures.isEmpty { fiche.set("mesures_securite", .list(measures)) }
  }
}

extension Array {
  subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}

extension Array where Element == Cell {
  subscript(safe index: Int) -> String? { indices.contains(index) ? self[index].text : nil }
}

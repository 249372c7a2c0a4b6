import Foundation
public import RegistreFormats
import RegistreModel
public import RegistreSupport

/// The CNIL's simplified register model (`registre-traitement-simplifie.ods`, 25 July 2019) and files built
/// from it: every sheet whose column A holds the fiche's labels is a fiche, read by its labels (the model
/// and its example sheet place the blocks on different rows; an export adds rows); the list of treatments
/// gives the controller and DPO blocks and the treatments that have no fiche sheet.
public enum CNILModel {
  /// Whether the sheets look like the model: a fiche sheet, or the list of treatments.
  static func recognises(_ tables: [Table]) -> Bool {
    tables.contains { isFiche($0) || isList($0) }
  }

  static func isFiche(_ table: Table) -> Bool {
    let labels = Set(table.rows.prefix(200).compactMap { $0.first.map { folded($0.text) } })
    return labels.contains("nom du traitement") && labels.contains("finalite principale")
  }

  static func isList(_ table: Table) -> Bool {
    headerRow(table) != nil
  }

  /// The row of the list's column headers (« Nom du traitement », « N° / RÉF »).
  static func headerRow(_ table: Table) -> Int? {
    table.rows.prefix(40).indices.first { folded(table[$0, 0].text) == "nom du traitement" && folded(table[$0, 1].text) == "n° / ref" }
  }

  /// Whether a fiche sheet is still the CNIL's own fictitious example (« Gestion de la paie », « 1 - Exemple »).
  static func isUntouchedExample(_ table: Table, labels: [String: Int]) -> Bool {
    guard let r = labels["n° / ref"] else { return false }
    return folded(table[r, 1].text) == "1 - exemple"
  }

  /// `progress`: each fiche sheet and each row of the list of treatments examined, n of N.
  public static func read(_ tables: [Table], file: String, progress: ProgressReport? = nil) throws(ImportError) -> ImportedRegister {
    var report = ImportReport(format: "cnil-ods")
    var taken: Set<String> = []
    var treatments: [(id: String, draft: DraftValue)] = []
    var processors = ProcessorCollector()
    var school = FicheDraft(file: "etablissement.yaml", name: "Établissement", origin: "feuille Établissement, blocs Acteurs des fiches, en-tête de la liste des traitements")
    var schoolFound: [String: DraftValue] = [:]
    var seenNames: Set<String> = []
    var seenRefs: Set<String> = []

    if let sheet = tables.first(where: { folded($0.name) == folded("Établissement") }) {
      readSchoolSheet(sheet, into: &schoolFound, fiche: &school)
    }
    if let sheet = tables.first(where: { folded($0.name) == folded("Sous-traitants") }) {
      readProcessorSheet(sheet, into: &processors)
    }
    let list = tables.first(where: isList)
    let listHeader = list.flatMap(headerRow)
    var listRows: [Int] = []
    if let list, let header = listHeader {
      listRows = ((header + 1)..<max(list.rows.count, header + 1)).filter { r in
        clean(list[r, 0].text).map { !$0.hasPrefix("(EXEMPLE)") } ?? false
      }
    }
    let fiches = tables.filter(isFiche)
    let converting = ProgressCounter("Conversion des fiches", total: fiches.count + listRows.count, report: progress)
    for table in fiches {
      defer { converting.advance() }
      var labels: [String: Int] = [:]
      for r in table.rows.indices {
        let label = folded(table[r, 0].text)
        if !label.isEmpty, labels[label] == nil { labels[label] = r }
      }
      if isUntouchedExample(table, labels: labels) {
        report.notes.append("Feuille « \(table.name) » : l'exemple fictif de la CNIL (« Gestion de la paie ») n'est pas importé.")
        continue
      }
      let nameRow = labels["nom du traitement"]
      let name = nameRow.flatMap { clean(table[$0, 1].text) }
      let hasContent = name != nil || labels["finalite principale"].flatMap { clean(table[$0, 1].text) } != nil
      guard hasContent else {
        report.notes.append("Feuille « \(table.name) » : fiche vide (nom et finalité absents), ignorée.")
        continue
      }
      let (id, draft, fiche) = readFiche(table, labels: labels, taken: &taken, processors: &processors, school: &schoolFound)
      treatments.append((id, draft))
      report.fiches.append(fiche)
      if let name { seenNames.insert(folded(name)) }
      if let r = labels["n° / ref"], let ref = clean(table[r, 1].text) { seenRefs.insert(folded(ref)) }
    }
    // The list of treatments: header blocks, and rows without a fiche sheet.
    if let list, listHeader != nil {
      readListHeader(list, into: &schoolFound)
      for r in listRows {
        defer { converting.advance() }
        guard let name = clean(list[r, 0].text) else { continue }
        let ref = clean(list[r, 1].text)
        if seenNames.contains(folded(name)) || ref.map({ seenRefs.contains(folded($0)) }) == true { continue }
        let id = identifier(for: ref.flatMap { Codes.isSafeIdentifier($0) ? $0 : nil } ?? name, fallback: "traitement", taken: &taken)
        var fiche = FicheDraft(file: "traitements/\(id).yaml", name: name, origin: "feuille « \(list.name) », ligne \(r + 1)")
        fiche.set("id", .text(id))
        fiche.set("nom", .text(name))
        fiche.pairs.append(("statut", .text("brouillon")))
        if let day = list[r, 2].date ?? parseDay(list[r, 2].text) { fiche.set("date_creation", .text(day.description)) }
        if let day = list[r, 3].date ?? parseDay(list[r, 3].text) { fiche.set("derniere_mise_a_jour", .text(day.description)) }
        if let purpose = clean(list[r, 4].text) {
          fiche.set("finalite_principale", .text(purpose))
        } else {
          let v = fiche.missing("finalite_principale", cell: Table.reference(row: r, column: 4), hint: "finalité principale")
          fiche.pairs.append(("finalite_principale", v))
        }
        fiche.pairs.append(("responsable", .object([("type", .text("etablissement"))])))
        fiche.remark("Données sensibles ? (liste des traitements)", list[r, 7].text)
        treatments.append((id, fiche.finished()))
        report.fiches.append(fiche.report)
        report.notes.append("« \(name) » (ligne \(r + 1) de la liste) n'a pas de fiche : seule sa ligne de la liste est reprise.")
      }
    }
    guard !treatments.isEmpty || !schoolFound.isEmpty else {
      throw ImportError("\(file) : aucune fiche remplie ni ligne dans la liste des traitements")
    }
    // The school.
    for key in ["nom", "uai"] {
      if let value = schoolFound[key] {
        school.set(key, value)
      } else {
        let hint = key == "nom" ? "nom de l'établissement (le modèle de la CNIL n'en a pas)" : "code UAI de l'établissement (le modèle de la CNIL n'en a pas)"
        let v = school.missing(key, cell: "aucune cellule", hint: hint)
        school.pairs.append((key, v))
      }
    }
    for key in ["type", "adresse", "academie"] { if let value = schoolFound[key] { school.set(key, value) } }
    if let controller = schoolFound["responsable_traitement"] {
      school.set("responsable_traitement", controller)
    } else {
      let v = school.missing("responsable_traitement.nom", cell: "bloc « Responsable du traitement »", hint: "nom du chef d'établissement")
      school.pairs.append(("responsable_traitement", .object([("nom", v)])))
    }
    for key in ["dpd", "referent_numerique"] { if let value = schoolFound[key] { school.set(key, value) } }
    report.fiches.insert(school.report, at: 0)
    return ImportedRegister(school: school.finished(), treatments: treatments, processors: processors.drafts, report: report)
  }

  /// Contact from the « Acteurs » row: B name, C address, D postcode, E town, F country, G phone, H e-mail.
  static func contact(_ table: Table, row r: Int) -> DraftValue? {
    guard let name = clean(table[r, 1].text), folded(name) != "n/a" else { return nil }
    var pairs: [(String, DraftValue)] = [("nom", .text(name))]
    let address = [clean(table[r, 2].text), [clean(table[r, 3].text), clean(table[r, 4].text)].compactMap { $0 }.joined(separator: " "), clean(table[r, 5].text)]
      .compactMap { $0 }.filter { !$0.isEmpty }
    if !address.isEmpty { pairs.append(("adresse", .text(address.joined(separator: ", ")))) }
    if let mail = clean(table[r, 7].text) { pairs.append(("courriel", .text(mail))) }
    if let phone = clean(table[r, 6].text) { pairs.append(("telephone", .text(phone))) }
    return .object(pairs)
  }

  static func readFiche(
    _ table: Table, labels: [String: Int], taken: inout Set<String>, processors: inout ProcessorCollector,
    school: inout [String: DraftValue]
  ) -> (String, DraftValue, FicheReport) {
    func value(_ label: String) -> (String, String)? {
      guard let r = labels[label], let text = clean(table[r, 1].text) else { return nil }
      return (text, Table.reference(row: r, column: 1))
    }
    /// Rows whose label starts with `prefix`, in order.
    func rows(_ prefix: String) -> [Int] {
      table.rows.indices.filter { folded(table[$0, 0].text).hasPrefix(prefix) }
    }
    let name = value("nom du traitement")
    let ref = value("n° / ref")
    let id = identifier(
      for: ref.flatMap { Codes.isSafeIdentifier($0.0) ? $0.0 : nil } ?? name?.0 ?? "", fallback: "traitement", taken: &taken)
    var fiche = FicheDraft(file: "traitements/\(id).yaml", name: name?.0 ?? "(sans nom)", origin: "feuille « \(table.name) »")
    fiche.set("id", .text(id))
    if let name {
      fiche.set("nom", .text(name.0))
    } else {
      let v = fiche.missing("nom", cell: labels["nom du traitement"].map { Table.reference(row: $0, column: 1) } ?? "B4", hint: "nom du traitement")
      fiche.pairs.append(("nom", v))
    }
    fiche.pairs.append(("statut", .text("brouillon")))
    if ref != nil, !Codes.isSafeIdentifier(ref?.0 ?? "") { fiche.remark("N° / RÉF", ref?.0) }
    for (label, key) in [("date de creation du traitement", "date_creation"), ("mise a jour du traitement", "derniere_mise_a_jour")] {
      guard let r = labels[label] else { continue }
      let cell = table[r, 1]
      if let day = cell.date ?? parseDay(cell.text) {
        fiche.set(key, .text(day.description))
      } else if let text = clean(cell.text) {
        fiche.remark(table[r, 0].text.trimmingCharacters(in: .whitespaces), text)
        fiche.report.notUnderstood.append(ImportNote(field: key, cell: Table.reference(row: r, column: 1), original: text, hint: "date JJ/MM/AAAA ; recopiée dans remarques"))
      }
    }
    // Registre's own block, present in its exports.
    if let (software, _) = value("logiciel ou application") { fiche.set("logiciel", .text(software)) }
    if let (goal, _) = value("finalite principale") {
      fiche.set("finalite_principale", .text(goal))
    } else {
      let v = fiche.missing("finalite_principale", cell: labels["finalite principale"].map { Table.reference(row: $0, column: 1) } ?? "B17", hint: "finalité principale")
      fiche.pairs.append(("finalite_principale", v))
    }
    let subPurposes = rows("sous-finalite").compactMap { clean(table[$0, 1].text) }
    if !subPurposes.isEmpty { fiche.set("sous_finalites", .list(subPurposes.map { .text($0) })) }
    // Controller: the school, or joint controllers.
    let joint = rows("responsable(s) conjoint(s)").compactMap { clean(table[$0, 1].text) }
    if !joint.isEmpty {
      fiche.set("responsable", .object([("type", .text("conjoint")), ("coresponsables", .list(joint.map { .text($0) }))]))
    } else if let (kind, _) = value("type de responsable"), let known = ControllerKind(rawValue: kind) ?? ControllerKind.allCases.first(where: { folded($0.libelle) == folded(kind) }) {
      var pairs: [(String, DraftValue)] = [("type", .text(known.rawValue))]
      if let (n, _) = value("nom du responsable") { pairs.append(("nom", .text(n))) }
      fiche.set("responsable", .object(pairs))
    } else {
      fiche.pairs.append(("responsable", .object([("type", .text("etablissement"))])))
    }
    if school["responsable_traitement"] == nil, let r = labels["responsable du traitement"], let c = contact(table, row: r) {
      school["responsable_traitement"] = c
    }
    if school["dpd"] == nil, let r = labels["delegue a la protection des donnees"], var c = contact(table, row: r) {
      if let s = labels["societe du dpo (si celui-ci est externe)"], let company = clean(table[s, 1].text), folded(company) != "n/a",
        case .object(var pairs) = c
      {
        pairs.insert(("organisme", .text(company)), at: 1)
        c = .object(pairs)
      }
      school["dpd"] = c
    }
    if let r = labels["representant"], let text = clean(table[r, 1].text) { fiche.remark("Représentant", text) }
    if let (basis, cell) = value("base legale") {
      var pairs: [(String, DraftValue)] = []
      if let known = LegalBasis.allCases.first(where: { folded($0.libelle) == folded(basis) || $0.rawValue == basis }) {
        pairs.append(("article_6", .text(known.rawValue)))
      } else {
        pairs.append(("article_6", fiche.notUnderstood("base_legale.article_6", cell: cell, original: basis, hint: "base légale (art. 6 RGPD)")))
      }
      if let (text, _) = value("texte de la base legale") { pairs.append(("texte", .text(text))) }
      if let (condition, cell) = value("condition de l'article 9") {
        if let known = Article9Condition.allCases.first(where: { folded($0.libelle) == folded(condition) || $0.rawValue == condition }) {
          pairs.append(("article_9", .text(known.rawValue)))
        } else {
          pairs.append(("article_9", fiche.notUnderstood("base_legale.article_9", cell: cell, original: condition, hint: "condition de l'art. 9.2 RGPD")))
        }
      }
      fiche.set("base_legale", .object(pairs))
    }
    readPeople(table, rows: rows("categorie de personnes"), into: &fiche)
    readData(table, labels: labels, into: &fiche)
    readRecipients(table, rows: rows("destinataire "), into: &fiche)
    if let (names, cell) = value("sous-traitants") {
      let ids = names.split(whereSeparator: \.isNewline).compactMap { clean(String($0)) }.map { processors.id(for: $0, cell: cell) }
      fiche.set("sous_traitants", .list(ids.map { .text($0) }))
    }
    readTransfers(table, rows: rows("organisme destinataire"), into: &fiche)
    readMeasures(table, rows: rows("mesure de securite"), into: &fiche)
    if let (remarks, _) = value("remarques") { fiche.set("remarques", .text(remarks)) }
    return (id, fiche.finished(), fiche.report)
  }

  static func readPeople(_ table: Table, rows: [Int], into fiche: inout FicheDraft) {
    var people: [DraftValue] = []
    for r in rows {
      let kind = clean(table[r, 1].text)
      let precisions = clean(table[r, 4].text)
      guard kind != nil || precisions != nil else { continue }
      let field = "personnes_concernees[\(people.count)]"
      var pairs: [(String, DraftValue)] = []
      if let kind, let category = CNILVocabulary.subjectCategory(kind) {
        pairs.append(("categorie", .text(category.rawValue)))
      } else if let kind {
        pairs.append(("categorie", fiche.notUnderstood(
          "\(field).categorie", cell: Table.reference(row: r, column: 1), original: kind,
          hint: "catégorie de personnes (eleves-mineurs, eleves-majeurs, responsables-legaux, personnels, intervenants-exterieurs, visiteurs, autres)")))
      } else {
        pairs.append(("categorie", fiche.missing("\(field).categorie", cell: Table.reference(row: r, column: 1), hint: "catégorie de personnes")))
      }
      if let precisions { pairs.append(("precisions", .text(precisions))) }
      people.append(.object(pairs))
    }
    if !people.isEmpty { fiche.set("personnes_concernees", .list(people)) }
  }

  /// Data rows: every row whose label is one of the model's categories (or Registre's), B:D description,
  /// E:H retention; a row with neither is a category the fiche does not use.
  static func readData(_ table: Table, labels: [String: Int], into fiche: inout FicheDraft) {
    var entries: [DraftValue] = []
    for r in table.rows.indices {
      guard let category = CNILVocabulary.dataCategory(label: table[r, 0].text) else { continue }
      let description = clean(table[r, 1].text)
      let retention = clean(table[r, 4].text)
      guard description != nil || retention != nil else { continue }
      var pairs: [(String, DraftValue)] = [("categorie", .text(category.rawValue))]
      if let description, description != CNILExport.undescribed { pairs.append(("description", .text(description))) }
      if let retention { pairs.append(("conservation", parseRetention(retention))) }
      entries.append(.object(pairs))
    }
    if !entries.isEmpty { fiche.set("donnees", .list(entries)) }
  }

  /// « 1 an », or a criterion, then the parts an export adds: « ; à compter de : … », « ; sort final : … ».
  static func parseRetention(_ text: String) -> DraftValue {
    var parts = text.components(separatedBy: " ; ")
    let main = parts.removeFirst()
    var pairs: [(String, DraftValue)] = []
    var extra: [String] = []
    for part in parts {
      if part.hasPrefix("à compter de : ") {
        pairs.append(("point_de_depart", .text(String(part.dropFirst("à compter de : ".count)))))
      } else if part.hasPrefix("sort final : "), let fate = FinalDisposition.allCases.first(where: { $0.libelle == String(part.dropFirst("sort final : ".count)) }) {
        pairs.append(("sort_final", .text(fate.rawValue)))
      } else {
        extra.append(part)
      }
    }
    var head: [(String, DraftValue)]
    if let span = TimeSpan(texte: main) {
      head = [("duree", .text(span.description))]
      if !extra.isEmpty { head.append(("critere", .text(extra.joined(separator: " ; ")))) }
    } else {
      head = [("critere", .text(([main] + extra).joined(separator: " ; ")))]
    }
    return .object(head + pairs)
  }

  static func readRecipients(_ table: Table, rows: [Int], into fiche: inout FicheDraft) {
    var recipients: [DraftValue] = []
    for r in rows {
      let kind = clean(table[r, 1].text)
      let precisions = clean(table[r, 4].text)
      guard kind != nil || precisions != nil else { continue }
      let field = "destinataires[\(recipients.count)]"
      var pairs: [(String, DraftValue)] = []
      if let kind, let known = CNILVocabulary.recipientKind(kind) {
        pairs.append(("type", .text(known.rawValue)))
      } else if let kind {
        pairs.append(("type", fiche.notUnderstood(
          "\(field).type", cell: Table.reference(row: r, column: 1), original: kind,
          hint: "type de destinataire (interne, externe, sous-traitant ou pays-tiers)")))
      } else {
        pairs.append(("type", fiche.missing("\(field).type", cell: Table.reference(row: r, column: 1), hint: "type de destinataire")))
      }
      if let precisions {
        pairs.append(("nom", .text(precisions)))
      } else {
        pairs.append(("nom", fiche.missing("\(field).nom", cell: Table.reference(row: r, column: 4), hint: "qui reçoit les données (colonne Précisions vide)")))
      }
      recipients.append(.object(pairs))
    }
    if !recipients.isEmpty { fiche.set("destinataires", .list(recipients)) }
  }

  /// B recipient, C country (French name), D:E safeguard, F:H documentation. The model's own adequacy column
  /// is not read: adequacy comes from `Country.adequation` (the Commission's decisions under Art. 45).
  static func readTransfers(_ table: Table, rows: [Int], into fiche: inout FicheDraft) {
    var transfers: [DraftValue] = []
    for r in rows {
      let recipient = clean(table[r, 1].text)
      let country = clean(table[r, 2].text)
      let safeguard = clean(table[r, 3].text)
      let documentation = clean(table[r, 5].text)
      guard recipient != nil || country != nil || safeguard != nil || documentation != nil else { continue }
      let field = "transferts[\(transfers.count)]"
      var pairs: [(String, DraftValue)] = []
      pairs.append(("destinataire", recipient.map { .text($0) } ?? fiche.missing("\(field).destinataire", cell: Table.reference(row: r, column: 1), hint: "organisme destinataire")))
      var code: String?
      if let country, let c = CNILVocabulary.countryCode(country) {
        code = c
        pairs.append(("pays", .text(c)))
      } else if let country {
        pairs.append(("pays", fiche.notUnderstood("\(field).pays", cell: Table.reference(row: r, column: 2), original: country, hint: "code pays ISO à deux lettres")))
      } else {
        pairs.append(("pays", fiche.missing("\(field).pays", cell: Table.reference(row: r, column: 2), hint: "pays destinataire")))
      }
      let cell = Table.reference(row: r, column: 3)
      switch safeguard.map(CNILVocabulary.safeguard) {
      case .some(.some(.some(.adequation))):
        if let code, !Country.adequation.contains(code) {
          let why = code == "US"
            ? "les États-Unis ne sont couverts que pour les organismes certifiés Data Privacy Framework (décision (UE) 2023/1795 du 10 juillet 2023) : dpf, cct…"
            : "\(code) n'est couvert par aucune décision d'adéquation de la Commission (art. 45 RGPD) : garantie à choisir"
          pairs.append(("garantie", fiche.notUnderstood("\(field).garantie", cell: cell, original: safeguard ?? "", hint: why)))
        } else {
          pairs.append(("garantie", .text("adequation")))
        }
      case .some(.some(.some(let known))):
        pairs.append(("garantie", .text(known.rawValue)))
      case .some(.some(.none)):
        pairs.append(("garantie", fiche.notUnderstood(
          "\(field).garantie", cell: cell, original: safeguard ?? "",
          hint: "le Privacy Shield a été invalidé par la CJUE le 16 juillet 2020 (C-311/18) : garantie actuelle à choisir (dpf, cct…)")))
      case .some(.none):
        pairs.append(("garantie", fiche.notUnderstood("\(field).garantie", cell: cell, original: safeguard ?? "", hint: "garantie du transfert (adequation, dpf, cct, bcr…)")))
      case .none:
        pairs.append(("garantie", fiche.missing("\(field).garantie", cell: cell, hint: "garantie du transfert (adequation, dpf, cct, bcr…)")))
      }
      if let documentation { pairs.append(("documentation", .text(documentation))) }
      transfers.append(.object(pairs))
    }
    if !transfers.isEmpty { fiche.set("transferts", .list(transfers)) }
  }

  static func readMeasures(_ table: Table, rows: [Int], into fiche: inout FicheDraft) {
    var measures: [DraftValue] = []
    for r in rows {
      let kind = clean(table[r, 1].text)
      let precisions = clean(table[r, 4].text)
      guard kind != nil || precisions != nil else { continue }
      let field = "mesures_securite[\(measures.count)]"
      var pairs: [(String, DraftValue)] = []
      if let kind, let family = CNILVocabulary.measureFamily(kind) {
        pairs.append(("famille", .text(family.rawValue)))
      } else if let kind {
        pairs.append(("famille", fiche.notUnderstood("\(field).famille", cell: Table.reference(row: r, column: 1), original: kind, hint: "famille de mesures de la fiche CNIL")))
      } else {
        pairs.append(("famille", fiche.missing("\(field).famille", cell: Table.reference(row: r, column: 1), hint: "famille de mesures de la fiche CNIL")))
      }
      if let precisions { pairs.append(("precisions", .text(precisions))) }
      measures.append(.object(pairs))
    }
    if !measures.isEmpty { fiche.set("mesures_securite", .list(measures)) }
  }

  /// Header block of the list sheet: « Nom : » C, « Prénom : » E… to the right of each label.
  static func readListHeader(_ table: Table, into school: inout [String: DraftValue]) {
    func block(_ titlePrefix: String) -> Int? {
      table.rows.prefix(12).indices.first { folded(table[$0, 0].text).hasPrefix(titlePrefix) }
    }
    func fields(_ r: Int) -> [String: String] {
      var out: [String: String] = [:]
      for row in [r, r + 1] {
        for c in stride(from: 1, to: 10, by: 2) {
          let label = folded(table[row, c].text).trimmingCharacters(in: CharacterSet(charactersIn: " :"))
          if !label.isEmpty, let v = clean(table[row, c + 1].text) { out[label] = v }
        }
      }
      return out
    }
    func contact(_ f: [String: String]) -> DraftValue? {
      let name = [f["prenom"], f["nom"]].compactMap { $0 }.joined(separator: " ")
      guard !name.isEmpty else { return nil }
      var pairs: [(String, DraftValue)] = [("nom", .text(name))]
      if let company = f["societe (si dpo externe)"] { pairs.append(("organisme", .text(company))) }
      let address = [f["adresse"], [f["code postal"], f["ville"]].compactMap { $0 }.joined(separator: " ")].compactMap { $0 }.filter { !$0.isEmpty }
      if !address.isEmpty { pairs.append(("adresse", .text(address.joined(separator: ", ")))) }
      if let mail = f["adresse mel"] { pairs.append(("courriel", .text(mail))) }
      if let phone = f["telephone"] { pairs.append(("telephone", .text(phone))) }
      return .object(pairs)
    }
    if school["responsable_traitement"] == nil, let r = block("coordonnees du responsable"), let c = contact(fields(r)) {
      school["responsable_traitement"] = c
    }
    if school["dpd"] == nil, let r = block("coordonnees du delegue"), let c = contact(fields(r)) { school["dpd"] = c }
  }

  /// The « Établissement » sheet of a Registre export: label in A, value in B.
  static func readSchoolSheet(_ table: Table, into school: inout [String: DraftValue], fiche: inout FicheDraft) {
    var values: [String: String] = [:]
    for r in table.rows.indices { if let v = clean(table[r, 1].text) { values[folded(table[r, 0].text)] = v } }
    if let v = values["nom"] { school["nom"] = .text(v) }
    if let v = values["uai"] { school["uai"] = .text(v) }
    if let v = values["type"], let k = SchoolKind.allCases.first(where: { folded($0.libelle) == folded(v) }) { school["type"] = .text(k.rawValue) }
    if let v = values["adresse"] { school["adresse"] = .text(v) }
    if let v = values["academie"] { school["academie"] = .text(v) }
    for (prefix, key) in [("responsable du traitement", "responsable_traitement"), ("dpd", "dpd"), ("referent numerique", "referent_numerique")] {
      var pairs: [(String, DraftValue)] = []
      for (label, field) in [("nom", "nom"), ("fonction", "fonction"), ("organisme", "organisme"), ("adresse", "adresse"), ("courriel", "courriel"), ("telephone", "telephone")] {
        if let v = values["\(prefix) - \(label)"] { pairs.append((field, .text(v))) }
      }
      if !pairs.isEmpty { school[key] = .object(pairs) }
    }
  }

  /// The « Sous-traitants » sheet of a Registre export: a header row, then one processor per row.
  static func readProcessorSheet(_ table: Table, into processors: inout ProcessorCollector) {
    guard let header = table.rows.first?.map({ folded($0.text) }) else { return }
    func column(_ name: String) -> Int? { header.firstIndex(of: name) }
    guard let idColumn = column("identifiant"), let nameColumn = column("nom") else { return }
    for r in table.rows.indices.dropFirst() {
      guard let id = clean(table[r, idColumn].text), Codes.isSafeIdentifier(id), let name = clean(table[r, nameColumn].text) else { continue }
      var pairs: [(String, DraftValue)] = [("id", .text(id)), ("nom", .text(name))]
      if let c = column("pays du siege"), let v = clean(table[r, c].text) {
        pairs.append(("pays", .text(CNILVocabulary.countryCode(v) ?? "\(toCompleteMarker) : pays du siège — texte d'origine : « \(v) »")))
      } else {
        pairs.append(("pays", .text("\(toCompleteMarker) : pays du siège (code ISO à deux lettres)")))
      }
      if let c = column("pays d'hebergement"), let v = clean(table[r, c].text), let code = CNILVocabulary.countryCode(v) {
        var hosting: [(String, DraftValue)] = [("pays", .text(code))]
        if let h = column("hebergeur"), let p = clean(table[r, h].text) { hosting.append(("prestataire", .text(p))) }
        pairs.append(("hebergement", .object(hosting)))
      }
      if let c = column("contrat art. 28 signe"), let v = clean(table[r, c].text), let b = TypedValuesBridge.boolean(v) {
        var contract: [(String, DraftValue)] = [("signe", .boolean(b))]
        if let d = column("date du contrat"), let day = table[r, d].date ?? parseDay(table[r, d].text) { contract.append(("date", .text(day.description))) }
        pairs.append(("contrat", .object(contract)))
      }
      if let c = column("services"), let v = clean(table[r, c].text) { pairs.append(("services", .text(v))) }
      processors.ids[name] = id
      processors.taken.insert(id)
      processors.drafts.append((id, .object(pairs)))
    }
  }
}

/// `Oui`/`Non` as spreadsheets write them.
enum TypedValuesBridge {
  static func boolean(_ text: String) -> Bool? {
    switch folded(text) {
    case "oui", "vrai", "true", "1", "x": return true
    case "non", "faux", "false", "0": return false
    default: return nil
    }
  }
}

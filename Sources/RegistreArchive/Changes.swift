public import Foundation
public import RegistreModel

/// One field that differs between two versions of an entry.
public struct FieldChange: Codable, Equatable, Sendable {
  /// Stable key: the YAML field name, with the item key for lists (`donnees.scolarite.conservation`).
  public var field: String
  /// The French line shown to people (« durée de conservation (scolarite) : 1 an → 3 ans »).
  public var text: String
  public var old: String?
  public var new: String?
}

/// What happened to one entry of the register.
public struct Change: Codable, Equatable, Sendable {
  public enum Kind: String, Codable, Sendable { case added, removed, modified }
  public enum Subject: String, Codable, Sendable { case establishment, treatment, processor, breach, action, request }

  public var subject: Subject
  public var id: String
  public var name: String
  public var kind: Kind
  /// Changed fields, for `modified` entries.
  public var fields: [FieldChange]
}

/// The differences between two registers, in a deterministic order: établissement, then treatments,
/// processors and breaches, each sorted by id; fields in the order of the register fiche.
public struct ChangeList: Codable, Equatable, Sendable {
  /// Labels of the two sides (a year, a file name).
  public var from: String
  public var to: String
  public var changes: [Change]

  public var isEmpty: Bool { changes.isEmpty }

  /// Compares `old` with `new`. Pure: the same inputs always give the same list.
  public static func between(_ old: Register, _ new: Register, from: String = "A", to: String = "B") -> ChangeList {
    var changes: [Change] = []
    let establishment = Facets.compare(Facets.school(old.etablissement), Facets.school(new.etablissement))
    if !establishment.isEmpty {
      changes.append(Change(subject: .establishment, id: new.etablissement.uai, name: new.etablissement.nom,
        kind: .modified, fields: establishment))
    }
    changes += entries(old.traitements, new.traitements, subject: .treatment, name: \.nom) { a, b in
      Facets.compare(Facets.treatment(a, registre: old), Facets.treatment(b, registre: new))
    }
    changes += entries(old.sousTraitants, new.sousTraitants, subject: .processor, name: \.nom) { a, b in
      Facets.compare(Facets.processor(a), Facets.processor(b))
    }
    changes += entries(old.violations, new.violations, subject: .breach, name: { "Violation du \($0.dateDecouverte)" }) {
      a, b in Facets.compare(Facets.generic(a, labels: Facets.violationLabels), Facets.generic(b, labels: Facets.violationLabels))
    }
    changes += entries(old.actions, new.actions, subject: .action, name: \.titre) { a, b in
      Facets.compare(Facets.generic(a, labels: Facets.actionLabels), Facets.generic(b, labels: Facets.actionLabels))
    }
    changes += entries(old.demandes, new.demandes, subject: .request, name: { "\($0.droit.libelle), reçue le \($0.dateReception)" }) {
      a, b in Facets.compare(Facets.generic(a, labels: Facets.requestLabels), Facets.generic(b, labels: Facets.requestLabels))
    }
    return ChangeList(from: from, to: to, changes: changes)
  }

  private static func entries<T: Identifiable>(
    _ old: [T], _ new: [T], subject: Change.Subject, name: (T) -> String, compare: (T, T) -> [FieldChange]
  ) -> [Change] where T.ID == String {
    let before = Dictionary(old.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    let after = Dictionary(new.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    var result: [Change] = []
    for id in Set(before.keys).union(after.keys).sorted() {
      switch (before[id], after[id]) {
      case (nil, let b?): result.append(Change(subject: subject, id: id, name: name(b), kind: .added, fields: []))
      case (let a?, nil): result.append(Change(subject: subject, id: id, name: name(a), kind: .removed, fields: []))
      case (let a?, let b?):
        let fields = compare(a, b)
        if !fields.isEmpty {
          result.append(Change(subject: subject, id: id, name: name(b), kind: .modified, fields: fields))
        }
      default: break
      }
    }
    return result
  }

  // MARK: Output

  /// French text, one line per change and per changed field.
  public var text: String {
    var lines = ["Modifications du registre \(from) au registre \(to)"]
    if changes.isEmpty {
      lines.append("Aucune modification.")
      return lines.joined(separator: "\n") + "\n"
    }
    let counts = Dictionary(grouping: changes, by: \.kind).mapValues(\.count)
    lines.append(
      "\(counts[.added] ?? 0) ajout(s), \(counts[.removed] ?? 0) suppression(s), \(counts[.modified] ?? 0) modification(s).")
    for change in changes {
      lines.append("")
      lines.append(Self.heading(change))
      for field in change.fields { lines.append("  - \(field.text)") }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// French heading of one change (« Traitement ajouté : Cantine (cantine) »).
  public static func heading(_ change: Change) -> String {
    let noun: String
    switch change.subject {
    case .establishment: return "Établissement modifié : \(change.name)"
    case .treatment: noun = change.kind == .modified ? "Traitement modifié" : change.kind == .added ? "Traitement ajouté" : "Traitement supprimé"
    case .processor: noun = change.kind == .modified ? "Sous-traitant modifié" : change.kind == .added ? "Sous-traitant ajouté" : "Sous-traitant supprimé"
    case .breach: noun = change.kind == .modified ? "Violation modifiée" : change.kind == .added ? "Violation ajoutée" : "Violation supprimée"
    case .action: noun = change.kind == .modified ? "Action modifiée" : change.kind == .added ? "Action ajoutée" : "Action supprimée"
    case .request:
      noun = change.kind == .modified ? "Demande modifiée" : change.kind == .added ? "Demande enregistrée" : "Demande supprimée"
    }
    return "\(noun) : \(change.name) (\(change.id))"
  }

  /// JSON with English keys, sorted, for scripts.
  public func json() throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return try encoder.encode(self)
  }
}

/// A register entry seen as an ordered list of comparable facets.
enum Facets {
  /// One comparable aspect: either a single value, or keyed items (a list whose items are matched by key).
  struct Facet {
    var field: String
    /// Label of a modified value (« durée de conservation »).
    var label: String
    var items: [(key: String, value: String)]
    var single: Bool
    /// Wording for a new or removed item (« nouveau sous-traitant »); nil: only modifications are reported.
    var added: String?
    var removed: String?
  }

  static func single(_ field: String, _ label: String, _ value: String?) -> Facet {
    Facet(field: field, label: label, items: value.map { [("", $0)] } ?? [], single: true, added: nil, removed: nil)
  }

  static func keyed(
    _ field: String, _ label: String, _ items: [(String, String)], added: String?, removed: String?
  ) -> Facet {
    Facet(field: field, label: label, items: items.map { (key: $0.0, value: $0.1) }, single: false, added: added,
      removed: removed)
  }

  static let vide = "(non renseigné)"

  static func compare(_ old: [Facet], _ new: [Facet]) -> [FieldChange] {
    var result: [FieldChange] = []
    for (a, b) in zip(old, new) {
      if a.single {
        let x = a.items.first?.value
        let y = b.items.first?.value
        if x != y {
          result.append(FieldChange(field: a.field, text: "\(a.label) : \(x ?? vide) → \(y ?? vide)", old: x, new: y))
        }
        continue
      }
      let before = Dictionary(a.items.map { ($0.key, $0.value) }, uniquingKeysWith: { x, _ in x })
      let after = Dictionary(b.items.map { ($0.key, $0.value) }, uniquingKeysWith: { x, _ in x })
      // Keep the new order for added and common items, then the removed ones in their old order.
      var keys: [String] = []
      for item in b.items where !keys.contains(item.key) { keys.append(item.key) }
      for item in a.items where !keys.contains(item.key) { keys.append(item.key) }
      for key in keys {
        let field = "\(a.field).\(key)"
        switch (before[key], after[key]) {
        case (nil, let y?):
          if let added = a.added {
            result.append(FieldChange(field: field, text: "\(added) : \(describe(key, y))", old: nil, new: y))
          }
        case (let x?, nil):
          if let removed = a.removed {
            result.append(FieldChange(field: field, text: "\(removed) : \(describe(key, x))", old: x, new: nil))
          }
        case (let x?, let y?) where x != y:
          result.append(FieldChange(field: field, text: "\(a.label) (\(key)) : \(x) → \(y)", old: x, new: y))
        default: break
        }
      }
    }
    return result
  }

  private static func describe(_ key: String, _ value: String) -> String {
    value == key || value.isEmpty ? key : "\(value) (\(key))"
  }

  static func yesNo(_ value: Bool?) -> String? { value.map { $0 ? "oui" : "non" } }

  /// A compact French rendering of any nested value: `clé : valeur ; …`, keys sorted, empty parts left out.
  static func compact<T: Encodable>(_ value: T?) -> String? {
    guard let value else { return nil }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    guard let data = try? encoder.encode(value),
      let object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
    else { return nil }
    return flatten(object)
  }

  private static func flatten(_ object: Any) -> String? {
    switch object {
    case let dictionary as [String: Any]:
      let parts = dictionary.keys.sorted().compactMap { key -> String? in
        guard let value = dictionary[key].flatMap(flatten) else { return nil }
        return "\(key.replacingOccurrences(of: "_", with: " ")) : \(value)"
      }
      return parts.isEmpty ? nil : parts.joined(separator: " ; ")
    case let array as [Any]:
      let parts = array.compactMap(flatten)
      return parts.isEmpty ? nil : "[" + parts.joined(separator: ", ") + "]"
    case let number as NSNumber:
      if String(cString: number.objCType) == "c" { return number.boolValue ? "oui" : "non" }
      return number.stringValue
    case let string as String:
      return string.isEmpty ? nil : string
    default:
      return nil
    }
  }

  // MARK: Entries

  static func treatment(_ t: Treatment, registre: Register) -> [Facet] {
    [
      single("nom", "nom", t.nom),
      single("statut", "statut", t.statut.libelle),
      single("date_creation", "date de création de la fiche", t.dateCreation?.description),
      single("derniere_mise_a_jour", "dernière mise à jour de la fiche", t.derniereMiseAJour?.description),
      single("logiciel", "logiciel", t.logiciel),
      single("responsable", "responsable du traitement", compact(t.responsable)),
      single("finalite_principale", "finalité principale", t.finalitePrincipale),
      keyed("sous_finalites", "sous-finalité", t.sousFinalites.map { ($0, $0) },
        added: "nouvelle sous-finalité", removed: "sous-finalité retirée"),
      single("base_legale", "base légale", t.baseLegale.map { b in
        [b.article6.libelle, b.texte].compactMap { $0 }.joined(separator: " — ") }),
      single("base_legale.article_9", "condition de l'article 9", t.baseLegale?.article9.map { a in
        [a.libelle, t.baseLegale?.texteArticle9].compactMap { $0 }.joined(separator: " — ") }),
      keyed("personnes_concernees", "personnes concernées", t.personnesConcernees.map { p in
        (p.categorie.rawValue, [p.categorie.libelle, p.precisions, p.volume.map { "environ \($0)" }]
          .compactMap { $0 }.joined(separator: ", "))
      }, added: "nouvelle catégorie de personnes", removed: "catégorie de personnes retirée"),
      keyed("donnees", "données", t.donnees.map { d in
        (d.categorie.rawValue, [d.categorie.libelle, d.description].compactMap { $0 }.joined(separator: " — "))
      }, added: "nouvelle catégorie de données", removed: "catégorie de données retirée"),
      retention("duree", "durée de conservation", t) { c in
        [c.duree?.description, c.critere].compactMap { $0 }.joined(separator: ", ") },
      retention("point_de_depart", "point de départ de la conservation", t) { $0.pointDeDepart },
      retention("archivage_intermediaire", "archivage intermédiaire", t) { $0.archivageIntermediaire?.description },
      retention("sort_final", "sort final", t) { $0.sortFinal?.libelle },
      retention("source", "source de la durée de conservation", t) { $0.source },
      retention("a_confirmer", "durée à confirmer", t) { $0.aConfirmer },
      single("collecte_aupres_des_personnes", "collecte auprès des personnes", yesNo(t.collecteAupresDesPersonnes)),
      keyed("sources_des_donnees", "source des données", t.sourcesDesDonnees.map { ($0, $0) },
        added: "nouvelle source des données", removed: "source des données retirée"),
      keyed("destinataires", "destinataire", t.destinataires.map { d in
        (d.nom, [d.type.libelle, d.precisions].compactMap { $0 }.joined(separator: ", "))
      }, added: "nouveau destinataire", removed: "destinataire retiré"),
      keyed("sous_traitants", "sous-traitant", t.sousTraitants.map { id in (id, registre.processor(id)?.nom ?? id) },
        added: "nouveau sous-traitant", removed: "sous-traitant retiré"),
      keyed("transferts", "transfert hors UE", t.transferts.map { x in
        ("\(x.destinataire) → \(x.pays)", [x.garantie.libelle, x.documentation].compactMap { $0 }.joined(separator: ", "))
      }, added: "nouveau transfert hors UE", removed: "transfert hors UE retiré"),
      keyed("mesures_securite", "mesure de sécurité", t.mesuresSecurite.map { m in
        (m.famille.rawValue, [m.famille.libelle, m.precisions].compactMap { $0 }.joined(separator: " — "))
      }, added: "nouvelle mesure de sécurité", removed: "mesure de sécurité retirée"),
      keyed("flux", "flux", t.flux.map { f in ("\(f.de) → \(f.vers)", compact(f) ?? "") },
        added: "nouveau flux", removed: "flux retiré"),
      single("aipd", "AIPD", t.aipd.map { a in
        [a.statut.libelle, a.date.map { "du \($0)" }, a.conclusion].compactMap { $0 }.joined(separator: ", ") }),
      keyed("criteres_aipd", "critère d'AIPD", t.criteresAIPD.map { ($0.rawValue, $0.libelle) },
        added: "nouveau critère d'AIPD", removed: "critère d'AIPD retiré"),
      single("exemption_aipd", "exemption d'AIPD", t.exemptionAIPD?.libelle),
      single("information", "information des personnes", t.information.map { i in
        [i.noticeExistante ? "notice existante" : "pas de notice", i.date.map { "du \($0)" }, i.moyen, i.lien]
          .compactMap { $0 }.joined(separator: ", ") }),
      single("decision_automatisee", "décision automatisée", compact(t.decisionAutomatisee)),
      single("dispositif_biometrique", "dispositif biométrique", compact(t.dispositifBiometrique)),
      keyed("a_confirmer", "point à confirmer", t.aConfirmer.map { ($0, $0) },
        added: "nouveau point à confirmer", removed: "point à confirmer levé"),
      keyed("references", "référence", t.references.map { ($0.texte, $0.lien ?? $0.texte) },
        added: "nouvelle référence", removed: "référence retirée"),
      single("remarques", "remarques", t.remarques),
      single("service_facultatif", "service facultatif", yesNo(t.serviceFacultatif)),
    ]
  }

  /// One aspect of each data category's retention, compared only for categories present on both sides
  /// (a new or removed category is reported once, as such).
  static func retention(
    _ field: String, _ label: String, _ t: Treatment, _ value: (Retention) -> String?
  ) -> Facet {
    keyed("donnees.conservation.\(field)", label, t.donnees.map { d in
      let text = d.conservation.flatMap(value) ?? ""
      return (d.categorie.rawValue, text.isEmpty ? vide : text)
    }, added: nil, removed: nil)
  }

  static func retentionText(_ c: Retention?) -> String {
    guard let c else { return vide }
    var parts: [String] = []
    if let duree = c.duree { parts.append(duree.description) }
    if let critere = c.critere { parts.append(critere) }
    if let depart = c.pointDeDepart { parts.append("à compter de : \(depart)") }
    if let archivage = c.archivageIntermediaire { parts.append("puis archivage intermédiaire \(archivage)") }
    if let sort = c.sortFinal { parts.append("sort final : \(sort.libelle.lowercased())") }
    return parts.isEmpty ? vide : parts.joined(separator: ", ")
  }

  static func processor(_ s: Processor) -> [Facet] {
    [
      single("nom", "nom", s.nom),
      single("pays", "pays du siège", s.pays),
      single("soumis_droit_extra_europeen", "soumis à un droit extra-européen", yesNo(s.soumisDroitExtraEuropeen)),
      single("hebergement", "hébergement", s.hebergement.map { [$0.pays, $0.prestataire].compactMap { $0 }.joined(separator: ", ") }),
      single("contrat", "contrat (art. 28)", s.contrat.map { c in
        [c.signe ? "signé" : "non signé", c.date.map { "le \($0)" }, c.reference].compactMap { $0 }.joined(separator: ", ") }),
      keyed("sous_traitants_ulterieurs", "sous-traitant ultérieur", s.sousTraitantsUlterieurs.map { u in
        (u.nom, [u.pays, u.services].compactMap { $0 }.joined(separator: ", "))
      }, added: "nouveau sous-traitant ultérieur", removed: "sous-traitant ultérieur retiré"),
      keyed("certifications", "certification", s.certifications.map { ($0.rawValue, $0.libelle) },
        added: "nouvelle certification", removed: "certification retirée"),
      single("certification_dpf", "certification DPF", yesNo(s.certificationDPF)),
      single("contact_dpd", "contact du DPD", s.contactDPD),
      single("services", "services", s.services),
    ]
  }

  static func school(_ e: School) -> [Facet] {
    [
      single("nom", "nom de l'établissement", e.nom),
      single("uai", "UAI", e.uai),
      single("type", "type d'établissement", e.type?.libelle),
      single("adresse", "adresse", e.adresse),
      single("academie", "académie", e.academie),
      single("responsable_traitement", "responsable de traitement", compact(e.responsableTraitement)),
      single("dpd", "délégué à la protection des données", compact(e.dpd)),
      single("referent_numerique", "référent numérique", compact(e.referentNumerique)),
    ]
  }

  static let actionLabels: [(String, String)] = [
    ("titre", "titre"), ("constats", "constats suivis"), ("recommandation", "recommandation"), ("responsable", "responsable"),
    ("echeance", "échéance"), ("statut", "statut"), ("motif_abandon", "motif d'abandon"), ("date_realisation", "date de réalisation"),
  ]

  static let requestLabels: [(String, String)] = [
    ("date_reception", "date de réception"), ("demandeur", "demandeur"), ("droit", "droit exercé"),
    ("traitements", "traitements concernés"), ("identite_verifiee", "identité vérifiée"), ("prolongation", "prolongation"),
    ("reponse", "réponse"),
  ]

  static let violationLabels: [(String, String)] = [
    ("date_decouverte", "date de découverte"), ("date_survenance", "date de survenance"), ("types", "types"),
    ("description", "description"), ("traitements", "traitements concernés"),
    ("personnes_concernees", "personnes concernées"), ("categories_donnees", "catégories de données"),
    ("volume_enregistrements", "volume d'enregistrements"), ("donnees_chiffrees", "données chiffrées"),
    ("consequences", "conséquences"), ("risque", "risque"), ("notification_cnil", "notification à la CNIL"),
    ("information_personnes", "information des personnes"), ("mesures", "mesures prises"),
    ("dpd_informe_le", "DPD informé le"), ("sous_traitant", "sous-traitant en cause"),
  ]

  /// Facets from the entry's own YAML keys, in the order of `labels`.
  static func generic<T: Encodable>(_ value: T, labels: [(String, String)]) -> [Facet] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let object = (try? encoder.encode(value)).flatMap { try? JSONSerialization.jsonObject(with: $0) } as? [String: Any]
    return labels.map { key, label in single(key, label, object?[key].flatMap(flatten)) }
  }
}

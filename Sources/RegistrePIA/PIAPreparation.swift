public import Foundation
public import RegistreModel
import RegistreRules

/// A PIA prefilled from one fiche and its register: what the register knows goes into the answer
/// it belongs to; where it knows nothing the answer says what to write and why, never a guess.
/// The three risk sections are left to the school, with the treatment's known exposures as
/// comments to start from.
public enum PIAPreparation {
  /// The `category` Registre writes, « registre:ID », read back by the import.
  public static func category(for id: String) -> String { "registre:\(id)" }

  /// The PIA of `treatment`, dated `now` (ISO 8601, as the PIA software writes its dates).
  public static func prepare(_ t: Treatment, in registre: Register, now: Date) -> PIAFile {
    let stamp = iso8601(now)
    var record = PIARecord(
      name: "AIPD — \(t.nom)", category: category(for: t.id), status: 0, createdAt: stamp, updatedAt: stamp)
    record.dposNames = registre.etablissement.dpd?.nom
    let text = AnswerTexts(t, registre)
    let answers: [(Int, String)] = [
      (111, text.overview), (112, text.responsibilities), (113, text.standards), (121, text.data),
      (122, text.lifecycle), (123, text.supports), (211, text.purposes), (212, text.legalBasis),
      (213, text.minimisation), (214, text.accuracy), (215, text.retention), (221, text.information),
      (222, text.consent), (223, text.rightOfAccess), (224, text.rectification), (225, text.restriction),
      (226, text.subcontracting), (227, text.transfers),
    ]
    let measures = t.mesuresSecurite.enumerated().map { index, m in
      PIAMeasure(
        id: index + 1, title: m.famille.libelle,
        content: m.precisions.map { HTML.paragraph($0) } ?? HTML.todo("préciser la mesure mise en œuvre ; le registre n'en dit que la famille."),
        createdAt: stamp)
    }
    let exposures = text.exposures
    let comments = exposures.isEmpty ? [] : [321, 331, 341].map { question in
      PIAComment(
        question: question,
        description: "Pistes tirées du registre (à examiner, pas une évaluation) : " + exposures.joined(separator: " ; ") + ".",
        createdAt: stamp)
    }
    return PIAFile(
      pia: record, answers: answers.map { PIAAnswer($0.0, text: $0.1, gauge: nil, list: [], createdAt: stamp) },
      measures: measures, evaluations: [], comments: comments)
  }

  /// The JSON the PIA software imports: UTF-8, no BOM; keys sorted so that the same register
  /// and date give the same bytes (the software's reader does not depend on their order).
  public static func json(_ file: PIAFile) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return try encoder.encode(file)
  }

  static func iso8601(_ date: Date) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    formatter.timeZone = TimeZone(identifier: "UTC")
    return formatter.string(from: date)
  }
}

/// The HTML the PIA software's editor keeps: paragraphs, lists, emphasis; text escaped.
enum HTML {
  static func escape(_ text: String) -> String {
    var out = ""
    for c in text {
      switch c {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      default: out.append(c)
      }
    }
    return out
  }

  static func paragraph(_ text: String) -> String { "<p>\(escape(text))</p>" }

  static func labelled(_ label: String, _ text: String) -> String {
    "<p><strong>\(escape(label)) :</strong> \(escape(text))</p>"
  }

  static func list(_ items: [String]) -> String {
    items.isEmpty ? "" : "<ul>" + items.map { "<li>\(escape($0))</li>" }.joined() + "</ul>"
  }

  /// What the school has to write, marked as such.
  static func todo(_ text: String) -> String { "<p><em>À compléter :</em> \(escape(text))</p>" }
}

/// The answers' text, each from the fields that hold it.
struct AnswerTexts {
  let t: Treatment
  let registre: Register
  let processors: [(id: String, processor: Processor?)]

  init(_ t: Treatment, _ registre: Register) {
    self.t = t
    self.registre = registre
    processors = t.sousTraitants.map { id in (id, registre.sousTraitants.first { $0.id == id }) }
  }

  var overview: String {
    var html = HTML.labelled("Traitement", t.nom) + HTML.labelled("Finalité", t.finalitePrincipale)
    if let logiciel = t.logiciel { html += HTML.labelled("Logiciel ou outil", logiciel) }
    let screening = DPIAScreening.screen(t)
    html += HTML.labelled("Pourquoi cette AIPD (criblage de Registre)", screening.conclusion)
    html += HTML.list(screening.reasons)
    if let remarques = t.remarques { html += HTML.labelled("Remarques du registre", remarques) }
    html += HTML.todo("les enjeux du traitement pour l'établissement et pour les personnes concernées, que le registre ne décrit pas.")
    return html
  }

  var responsibilities: String {
    let school = registre.etablissement
    var lines: [String] = []
    switch t.responsable.type {
    case .etablissement:
      var who = "l'établissement (\(school.nom)), représenté par \(school.responsableTraitement.nom)"
      if let fonction = school.responsableTraitement.fonction { who += ", \(fonction)" }
      lines.append("Responsable du traitement : \(who).")
    default:
      let name = t.responsable.nom ?? "non nommé au registre"
      lines.append("Responsable du traitement : \(t.responsable.type.libelle) — \(name).")
      if let acte = t.responsable.acteReglementaire { lines.append("Acte réglementaire : \(acte).") }
    }
    if !t.responsable.coresponsables.isEmpty {
      lines.append("Responsables conjoints : \(t.responsable.coresponsables.joined(separator: ", ")).")
    }
    if let dpd = school.dpd {
      lines.append("Délégué à la protection des données : \(dpd.nom)\(dpd.organisme.map { " (\($0))" } ?? "").")
    } else {
      lines.append("Délégué à la protection des données : non indiqué au registre.")
    }
    for (id, p) in processors {
      guard let p else {
        lines.append("Sous-traitant « \(id) » : cité par la fiche mais non décrit au registre.")
        continue
      }
      lines.append("Sous-traitant : \(p.nom) (\(p.pays)) — \(contract(p)).")
    }
    if processors.isEmpty { lines.append("Aucun sous-traitant déclaré pour ce traitement.") }
    return HTML.list(lines)
  }

  func contract(_ p: Processor) -> String {
    guard let c = p.contrat else { return "contrat art. 28 non renseigné au registre" }
    guard c.signe else { return "contrat art. 28 NON signé" }
    return "contrat art. 28 signé" + (c.date.map { " le \($0)" } ?? "") + (c.reference.map { " (\($0))" } ?? "")
  }

  var standards: String {
    var items = t.references.map { ref in ref.lien.map { "\(ref.texte) — \($0)" } ?? ref.texte }
    if let acte = t.responsable.acteReglementaire { items.append("Acte réglementaire : \(acte)") }
    for case (_, let p?) in processors where !p.certifications.isEmpty {
      items.append("\(p.nom) : " + p.certifications.map(\.libelle).joined(separator: ", "))
    }
    guard !items.isEmpty else {
      return HTML.todo("les référentiels applicables (textes, codes de conduite, certifications) ; la fiche n'en cite aucun.")
    }
    return HTML.paragraph("Textes et référentiels cités par le registre :") + HTML.list(items)
  }

  func retention(_ d: PersonalData) -> String {
    guard let c = d.conservation, c.duree != nil || c.critere != nil else { return "durée non définie au registre" }
    var parts: [String] = []
    if let duree = c.duree { parts.append("\(duree)" + (c.pointDeDepart.map { " à compter de \($0)" } ?? "")) }
    if let critere = c.critere { parts.append(critere) }
    if let archive = c.archivageIntermediaire { parts.append("puis \(archive) d'archivage intermédiaire") }
    if let sort = c.sortFinal { parts.append("sort final : \(sort.libelle.lowercased())") }
    if let source = c.source { parts.append("source : \(source)") }
    return parts.joined(separator: ", ")
  }

  func name(_ d: PersonalData) -> String {
    d.description.map { "\(d.categorie.libelle) — \($0)" } ?? d.categorie.libelle
  }

  var data: String {
    var html = HTML.paragraph("Données traitées et durée de conservation de chacune :")
    html += HTML.list(t.donnees.map { "\(name($0)) : \(retention($0))" })
    if t.donnees.isEmpty { html = HTML.todo("les catégories de données : la fiche n'en déclare aucune.") }
    html += HTML.labelled(
      "Personnes concernées",
      t.personnesConcernees.isEmpty ? "non indiquées au registre" : t.personnesConcernees.map(\.categorie.libelle).joined(separator: ", "))
    let recipients = t.destinataires.map { r in "\(r.nom) (\(r.type.libelle.lowercased()))" }
    html += HTML.labelled("Destinataires", recipients.isEmpty ? "non indiqués au registre" : recipients.joined(separator: ", "))
    return html
  }

  var lifecycle: String {
    var items: [String] = []
    switch t.collecteAupresDesPersonnes {
    case true?: items.append("Données recueillies auprès des personnes elles-mêmes.")
    case false?: items.append("Données non recueillies auprès des personnes.")
    case nil: break
    }
    if !t.sourcesDesDonnees.isEmpty { items.append("Sources : \(t.sourcesDesDonnees.joined(separator: ", ")).") }
    for f in t.flux { items.append("Flux : \(f.de) → \(f.vers) (\(f.canal.libelle.lowercased())).") }
    let endings = Set(t.donnees.compactMap { $0.conservation?.sortFinal?.libelle })
    if !endings.isEmpty { items.append("Fin de vie : \(endings.sorted().joined(separator: ", ")).") }
    return HTML.list(items)
      + HTML.todo("la description fonctionnelle du cycle de vie (collecte, usage, partage, fin de vie), que le registre ne donne qu'en partie.")
  }

  var supports: String {
    var items: [String] = []
    if let logiciel = t.logiciel { items.append("Logiciel : \(logiciel).") }
    for case (_, let p?) in processors {
      if let h = p.hebergement {
        items.append("Hébergement chez \(h.prestataire ?? p.nom) (\(h.pays)).")
      }
    }
    let channels = Set(t.flux.map { $0.canal.libelle })
    if !channels.isEmpty { items.append("Canaux d'échange : \(channels.sorted().joined(separator: ", ")).") }
    guard !items.isEmpty else {
      return HTML.todo("les supports des données (matériels, logiciels, réseaux, papier) ; le registre ne les décrit pas.")
    }
    return HTML.list(items) + HTML.todo("les supports papier et les postes de travail, s'il y en a.")
  }

  var purposes: String {
    HTML.labelled("Finalité principale", t.finalitePrincipale)
      + (t.sousFinalites.isEmpty ? "" : HTML.paragraph("Sous-finalités :") + HTML.list(t.sousFinalites))
  }

  var legalBasis: String {
    guard let b = t.baseLegale else {
      return HTML.todo("la base légale (art. 6 RGPD) : la fiche n'en déclare pas.")
    }
    var html = HTML.labelled("Base légale (art. 6 RGPD)", b.article6.libelle + (b.texte.map { " — \($0)" } ?? ""))
    if let condition = b.article9 {
      html += HTML.labelled(
        "Condition de l'art. 9.2 RGPD (données sensibles)", condition.libelle + (b.texteArticle9.map { " — \($0)" } ?? ""))
    } else if t.donnees.contains(where: \.categorie.estArticle9) {
      html += HTML.todo("la condition de l'art. 9.2 RGPD qui permet de traiter les données sensibles déclarées ; la fiche n'en indique pas.")
    }
    return html
  }

  var minimisation: String {
    HTML.todo("justifier que chaque catégorie de données est nécessaire à la finalité (minimisation, art. 5.1.c RGPD) ; le registre ne le dit pas.")
      + HTML.paragraph("Catégories déclarées :") + HTML.list(t.donnees.map(name))
  }

  var accuracy: String {
    HTML.todo("comment les données sont tenues exactes et à jour (art. 5.1.d RGPD), par exemple leur mise à jour à chaque rentrée ; le registre ne le dit pas.")
  }

  var retention: String {
    guard !t.donnees.isEmpty else { return HTML.todo("les durées de conservation : la fiche ne déclare aucune donnée.") }
    return HTML.list(t.donnees.map { "\(name($0)) : \(retention($0))" })
  }

  var information: String {
    guard let i = t.information else {
      return HTML.todo("comment les personnes sont informées (art. 12 à 14 RGPD) ; la fiche ne le dit pas.")
    }
    var items = [i.noticeExistante ? "Une notice d'information existe." : "Aucune notice d'information n'existe encore."]
    if let date = i.date { items.append("Date de la notice : \(date).") }
    if let moyen = i.moyen { items.append("Diffusion : \(moyen).") }
    if let lien = i.lien { items.append("Adresse : \(lien).") }
    return HTML.list(items)
  }

  var consent: String {
    guard let b = t.baseLegale else { return HTML.todo("la base légale, d'où dépend la question du consentement.") }
    var items: [String] = []
    if b.article6 == .consentement || b.article9 == .consentementExplicite {
      items.append("Le traitement repose sur le consentement (\(b.article6.libelle)).")
      if let device = t.dispositifBiometrique {
        items.append(device.consentementExplicite == true
          ? "Consentement explicite recueilli pour le dispositif biométrique."
          : "Consentement explicite au dispositif biométrique non indiqué au registre.")
        items.append(device.alternative.map { "Alternative sans biométrie : \($0)." } ?? "Aucune alternative sans biométrie indiquée au registre.")
      }
      return HTML.list(items) + HTML.todo("comment le consentement est recueilli, prouvé et retiré (art. 7 RGPD).")
    }
    items.append("Le consentement n'est pas la base du traitement (base déclarée : \(b.article6.libelle)).")
    if t.serviceFacultatif == true { items.append("Le registre indique un service facultatif.") }
    return HTML.list(items)
  }

  var contactLine: String {
    let school = registre.etablissement
    if let dpd = school.dpd, let courriel = dpd.courriel { return "Contact du DPD au registre : \(dpd.nom), \(courriel)." }
    return "Le registre ne donne pas d'adresse de contact du DPD."
  }

  var rightOfAccess: String {
    var html = HTML.todo("comment les personnes exercent leur droit d'accès (qui reçoit la demande, vérification d'identité, réponse dans le mois, art. 12.3 et 15 RGPD).")
    html += HTML.paragraph(contactLine)
    if let b = t.baseLegale, b.article6 != .consentement, b.article6 != .contrat {
      html += HTML.paragraph("Le droit à la portabilité ne s'applique qu'aux traitements fondés sur le consentement ou sur un contrat (art. 20.1.a RGPD) ; base déclarée : \(b.article6.libelle).")
    }
    return html
  }

  var rectification: String {
    HTML.todo("comment les personnes font rectifier ou effacer leurs données (art. 16 et 17 RGPD), et les limites qu'imposent les textes de la base légale.")
  }

  var restriction: String {
    HTML.todo("comment les personnes demandent la limitation ou s'opposent au traitement (art. 18 et 21 RGPD), et ce qu'il advient de la demande.")
  }

  var subcontracting: String {
    guard !processors.isEmpty else { return HTML.paragraph("Aucun sous-traitant déclaré pour ce traitement.") }
    var items: [String] = []
    for (id, p) in processors {
      guard let p else {
        items.append("« \(id) » : sous-traitant non décrit au registre.")
        continue
      }
      var line = "\(p.nom) : \(contract(p))"
      if !p.sousTraitantsUlterieurs.isEmpty {
        line += " ; sous-traitants ultérieurs : " + p.sousTraitantsUlterieurs.map { "\($0.nom) (\($0.pays))" }.joined(separator: ", ")
      }
      items.append(line + ".")
    }
    return HTML.list(items)
  }

  var transfers: String {
    guard !t.transferts.isEmpty else {
      return HTML.paragraph("Aucun transfert hors de l'Union européenne n'est déclaré dans la fiche.")
    }
    return HTML.list(t.transferts.map { tr in
      "\(tr.destinataire) (\(tr.pays)) : \(tr.garantie.libelle)" + (tr.documentation.map { " — \($0)" } ?? "")
    })
  }

  /// What the register already shows as exposed: prompts for the three risk sections.
  var exposures: [String] {
    var found: [String] = []
    let sensitive = t.donnees.filter(\.categorie.remplitCritere4WP248).map(name)
    if !sensitive.isEmpty { found.append("données sensibles ou hautement personnelles : \(sensitive.joined(separator: ", "))") }
    if t.concerneDesEleves { found.append("personnes vulnérables (élèves)") }
    for f in t.flux where f.chiffrementTransit == false {
      found.append("flux non chiffré en transit : \(f.de) → \(f.vers)")
    }
    for f in t.flux where f.accesDistant == true && f.mfa != true {
      found.append("accès distant sans authentification multifacteur déclarée : \(f.de) → \(f.vers)")
    }
    for tr in t.transferts { found.append("transfert vers \(tr.pays) (\(tr.destinataire))") }
    for case (_, let p?) in processors where p.contrat?.signe != true {
      found.append("sous-traitant sans contrat art. 28 signé : \(p.nom)")
    }
    return found
  }
}

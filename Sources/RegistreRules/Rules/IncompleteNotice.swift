import Foundation
import RegistreModel

/// `notice-incomplete`: a treatment that people get a notice about lacks a fact the notice
/// prints, so the notice would say « non précisé au registre » instead of informing them.
///
/// Mirrors what `Templates/notice-commun.xsl` and `notice-familles.xsl` print: purpose,
/// legal basis, data categories, recipients, retention per category, origin of data not
/// collected from the person, whether providing the data is mandatory (data collected from
/// the person), and the data protection officer of a controller other than the school.
struct IncompleteNotice: Rule {
  let id = "notice-incomplete"
  let severity = Severity.avertissement
  let reference =
    "Art. 12, 13 et 14 du règlement (UE) 2016/679 du 27 avril 2016 (RGPD)"
  let title = "Fiche incomplète pour les notices"
  let summary =
    "Pour chaque traitement qui concerne des élèves, des responsables légaux, des personnels, des intervenants ou des visiteurs (les personnes qui reçoivent une notice), signale d'un avertissement les mentions que la notice devrait donner et que la fiche laisse vides (ou remplies d'un texte provisoire), si bien que la notice dirait « non précisé au registre » : finalité et base légale (art. 13.1.c ; leur absence est aussi une erreur des règles registre-incomplet et base-legale-absente), catégories de données (art. 14.1.d), destinataires (art. 13.1.e), durée de conservation de chaque catégorie (art. 13.2.a), origine des données qui ne sont pas recueillies auprès de la personne (art. 14.2.f), caractère obligatoire ou non de la fourniture des données recueillies auprès d'elle (art. 13.2.e) et DPD d'un responsable autre que l'établissement (art. 13.1.b) — la notice renvoie alors la personne vers l'établissement, ce qui ne suffit pas à l'informer. Une donnée recueillie auprès de la personne se déclare par `collecte_aupres_des_personnes: true` ; une autre origine par `sources_des_donnees` ou l'`origine` de chaque catégorie (une catégorie qui a sa propre origine n'est pas recueillie auprès de la personne : la fiche n'a pas à dire si sa fourniture est obligatoire)."
  let remediation =
    "Compléter dans la fiche chaque mention citée, puis produire à nouveau les notices (`registre notices`)."
  let scopes: Set<Scope> = [.traitement]

  /// One missing mention: the field to fill, and how the finding names it. Every gap is a
  /// warning: the notice stays true (it sends the reader to the school) but does not inform;
  /// a missing purpose or basis is an error through `registre-incomplet` and `base-legale-absente`.
  struct Gap: Equatable {
    var field: String
    var label: String
  }

  func check(_ t: Treatment, facts: TreatmentFacts, in audit: AuditedRegister, into findings: inout [Finding]) {
    let gaps = Self.gaps(t)
    guard let first = gaps.first else { return }
    let listed = gaps.map(\.label).joined(separator: " ; ")
    findings.append(
      finding(
        t.subject,
        "Fiche incomplète pour les notices : la notice dirait « non précisé au registre » pour \(listed).",
        field: first.field))
  }

  /// Whether anyone the notices address (families, pupils, staff, visitors) is concerned.
  static func getsANotice(_ t: Treatment) -> Bool {
    t.personnesConcernees.contains { $0.categorie != .autres }
  }

  /// The mentions the notice would print as « non précisé », in the notice's order.
  static func gaps(_ t: Treatment) -> [Gap] {
    guard getsANotice(t) else { return [] }
    var gaps: [Gap] = []
    if Placeholder.isUnknown(t.finalitePrincipale) {
      gaps.append(Gap(field: "finalite_principale", label: "la finalité (art. 13.1.c)"))
    }
    if t.baseLegale == nil {
      gaps.append(Gap(field: "base_legale", label: "la base légale (art. 13.1.c)"))
    }
    if t.donnees.isEmpty {
      gaps.append(Gap(field: "donnees", label: "les catégories de données (art. 14.1.d)"))
    }
    if t.destinataires.isEmpty && t.sousTraitants.isEmpty {
      gaps.append(Gap(field: "destinataires", label: "les destinataires (art. 13.1.e)"))
    }
    let noRetention = t.donnees.filter { !RetentionFacts.isDefined($0.conservation) }
    if !noRetention.isEmpty {
      gaps.append(
        Gap(
          field: "donnees", label: "la durée de conservation de \(names(noRetention)) (art. 13.2.a)"))
    }
    // Origin: the treatment's sources, or each category's origin, or « collected from you ».
    let collectedFromPerson = t.collecteAupresDesPersonnes == true
    let hasSources = t.sourcesDesDonnees.contains { !Placeholder.isUnknown($0) }
    if !collectedFromPerson && !hasSources {
      let noOrigin = t.donnees.filter { Placeholder.isUnknown($0.origin) }
      if t.donnees.isEmpty || !noOrigin.isEmpty {
        let which = t.donnees.isEmpty ? "des données" : "de \(names(noOrigin))"
        gaps.append(
          Gap(
            field: "sources_des_donnees", label: "l'origine \(which) (art. 14.2.f)"))
      }
    }
    // Art. 13(2)(e) applies to data collected from the person; consent makes it optional by itself.
    if collectedFromPerson && t.baseLegale?.article6 != .consentement {
      // A category with its own origin is not collected from the person (Art. 14).
      let unstated = t.donnees.filter { $0.isMandatory == nil && Placeholder.isUnknown($0.origin) }
      if !unstated.isEmpty {
        gaps.append(
          Gap(
            field: "donnees",
            label: "le caractère obligatoire ou non de la fourniture de \(names(unstated)) (art. 13.2.e)"))
      }
    }
    if t.responsable.type != .etablissement && t.responsable.type != .conjoint
      && Placeholder.isUnknown(t.responsable.dpoContact)
    {
      gaps.append(
        Gap(
          field: "responsable.contact_dpd",
          label: "les coordonnées du DPD du responsable (art. 13.1.b)"))
    }
    return gaps
  }

  /// « « État civil » et « Scolarité » »: each category by its description or label.
  private static func names(_ data: [PersonalData]) -> String {
    let names = data.map { d -> String in
      let description = d.description.map { String(PlaceholderText.trimmed($0)) } ?? ""
      return "« \(description.isEmpty ? d.categorie.libelle : description) »"
    }
    guard names.count > 1, let last = names.last else { return names.first ?? "" }
    return names.dropLast().joined(separator: ", ") + " et " + last
  }
}

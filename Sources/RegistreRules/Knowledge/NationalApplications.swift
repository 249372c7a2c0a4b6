public import RegistreModel

/// An application whose controller is a minister, with the regulatory act that creates it.
public struct NationalApplication: Sendable, Hashable {
  /// Short label used in messages (« SIECLE »).
  public let label: String
  /// The names the software goes by (`logiciel`), folded for matching.
  let names: Phrases
  /// The regulatory act creating the processing, by name and date; nil when not confirmed.
  public let act: String?
  /// The ministry's reference for the act (NOR, Légifrance id) or the ministry's notice page.
  public let reference: String?
  /// The minister who is the controller.
  public let controller: String

  init(
    _ label: String, names: [String], act: String?, reference: String?,
    controller: String = "le ministre chargé de l'éducation nationale"
  ) {
    self.label = label
    self.names = Phrases(names)
    self.act = act
    self.reference = reference
    self.controller = controller
  }

  public static func == (a: NationalApplication, b: NationalApplication) -> Bool { a.label == b.label }
  public func hash(into hasher: inout Hasher) { hasher.combine(label) }

  /// « SIECLE (arrêté du 22 sept. 1995 modifié) » or « ÉduConnect (acte réglementaire non confirmé) ».
  var labelWithAct: String {
    "\(label) (\(act ?? "acte réglementaire non confirmé par l'outil"))"
  }
}

/// The explicit list of national applications the audit recognises, each with its source.
///
/// A fiche is about one of them when the field that identifies the software — `logiciel`, or
/// failing that the whole name of the fiche — consists only of these applications' names
/// (parenthesised parts aside): « SIECLE (BEE) », « LSU / LSL ». A name or software that merely
/// mentions one (« Export des notes vers LSU », « Atelier Parcoursup », « Pronote (import SIECLE) »)
/// describes a local treatment that uses or feeds it. The regulatory act cited in the
/// controller field identifies the application too when it names it.
public enum NationalApplications {
  public static let all: [NationalApplication] = [
    NationalApplication(
      "SIECLE", names: ["SIECLE", "base élèves établissement"],
      act: "arrêté du 22 sept. 1995 modifié (gestion administrative et pédagogique des élèves du second degré)",
      reference: "https://education.gouv.fr/application-siecle-information-sur-le-traitement-de-vos-donnees-personnelles-414444"
    ),
    NationalApplication(
      "ONDE", names: ["ONDE"], act: "arrêté du 25 mai 2023 (JO du 21 juin 2023)", reference: nil),
    NationalApplication(
      "GAR", names: ["GAR", "gestionnaire d'accès aux ressources"],
      act: "arrêté du 18 déc. 2017 modifié par l'arrêté du 17 mai 2023",
      reference: "https://gar.education.fr/"),
    NationalApplication(
      "LSU", names: ["LSU", "LSUN", "livret scolaire unique", "livret scolaire unique numérique"],
      act: "arrêté du 24 oct. 2017 (« Livret scolaire unique numérique » LSUN)",
      reference: "Légifrance JORFTEXT000035944270"),
    NationalApplication(
      "LSL", names: ["LSL", "livret scolaire du lycée"], act: "arrêté du 8 févr. 2016", reference: nil),
    NationalApplication(
      "Parcoursup", names: ["Parcoursup"],
      act: "arrêté du 31 déc. 2020 portant création du traitement « Parcoursup » (NOR ESRS2035793A)",
      reference: "Légifrance JORFTEXT000042931763",
      controller: "la ministre chargée de l'enseignement supérieur"),
    NationalApplication("ÉduConnect", names: ["EduConnect", "ÉduConnect"], act: nil, reference: nil),
    NationalApplication("Affelnet", names: ["Affelnet"], act: nil, reference: nil),
    NationalApplication("Cyclades", names: ["Cyclades"], act: nil, reference: nil),
    NationalApplication(
      "Évaluations nationales", names: ["évaluations nationales"], act: nil, reference: nil),
    NationalApplication("apps.education.fr", names: ["apps.education.fr", "apps education"], act: nil, reference: nil),
    NationalApplication("M@gistère", names: ["M@gistère", "Magistère"], act: nil, reference: nil),
    NationalApplication(
      "Tchap", names: ["Tchap"], act: nil, reference: nil,
      controller: "l'État (direction interministérielle du numérique)"),
  ]

  private static let nameStarts = WordStarts(all.map(\.names))
  /// Every word of the applications' names, and the joining words of a list of them.
  private static let knownWords = Set(all.flatMap { $0.names.words.joined() } + ["et", "ou"])

  /// The national application `t` is about, if any: from the software field (or the whole
  /// name when there is none), or from the regulatory act the controller field cites when it
  /// names one of the applications (« arrêté … portant création du traitement « Affelnet lycée » »).
  public static func application(of t: Treatment) -> NationalApplication? {
    let bySoftware: NationalApplication?
    if let software = t.logiciel, !Placeholder.isUnknown(software) {
      bySoftware = identified(by: software)
    } else {
      bySoftware = identified(by: t.nom)
    }
    if let bySoftware { return bySoftware }
    guard let act = t.responsable.acteReglementaire, nameStarts.mayOccur(inUnfolded: act) else { return nil }
    let folded = FoldedText(act)
    return all.first { folded.contains($0.names) }
  }

  /// The application a software or fiche name consists of, if it names only national applications.
  static func identified(by text: String) -> NationalApplication? {
    guard nameStarts.mayOccur(inUnfolded: text) else { return nil }
    let outside = FoldedText(Text.withoutParentheses(text))
    guard !outside.isEmpty, outside.allWords({ knownWords.contains($0) }) else { return nil }
    return all.first { outside.contains($0.names) }
  }
}

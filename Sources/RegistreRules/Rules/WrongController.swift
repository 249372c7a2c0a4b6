import RegistreModel

/// `responsable-incorrect`: the school declared controller of a national application.
struct WrongController: Rule {
  let id = "responsable-incorrect"
  let severity = Severity.avertissement
  let reference =
    "Art. 4(7) RGPD ; actes réglementaires des applications nationales : arrêté du 22 sept. 1995 modifié (SIECLE), arrêté du 25 mai 2023 (ONDE), arrêté du 18 déc. 2017 modifié (GAR), arrêté du 8 févr. 2016 (LSL)"
  let title = "Établissement déclaré responsable d'une application nationale"
  let summary =
    "Reconnaît par le nom du traitement ou du logiciel les applications nationales (SIECLE, ONDE, GAR, ÉduConnect, LSU/LSUN, LSL, Affelnet, Parcoursup, Cyclades) et signale celles dont l'établissement se déclare responsable : le responsable est le ministre ; l'établissement peut les lister pour information."
  let remediation =
    "Déclarer le ministre comme responsable (responsable.type : ministere), citer l'acte réglementaire et renvoyer vers la notice ministérielle."
  let scopes: Set<Scope> = [.traitement]

  /// Application names, as words, with the text that creates each when the notes give it.
  static let nationalApplications: [(names: Phrases, label: String, act: String?)] = [
    (Phrases(["SIECLE"]), "SIECLE", "arrêté du 22 sept. 1995 modifié"),
    (Phrases(["ONDE"]), "ONDE", "arrêté du 25 mai 2023"),
    (Phrases(["GAR", "gestionnaire d'accès aux ressources"]), "GAR", "arrêté du 18 déc. 2017 modifié"),
    (Phrases(["EduConnect", "ÉduConnect"]), "ÉduConnect", nil),
    (Phrases(["LSU", "LSUN", "livret scolaire unique"]), "LSU", nil),
    (Phrases(["LSL", "livret scolaire du lycée"]), "LSL", "arrêté du 8 févr. 2016"),
    (Phrases(["Affelnet"]), "Affelnet", nil),
    (Phrases(["Parcoursup"]), "Parcoursup", nil),
    (Phrases(["Cyclades"]), "Cyclades", nil),
  ]

  func evaluate(_ registre: Registre, context: AuditContext) -> [Finding] {
    registre.traitements.compactMap { t in
      guard t.responsable.type == .etablissement, let app = Self.application(of: t) else { return nil }
      let act = app.act.map { " (\($0))" } ?? ""
      return finding(
        t.subject,
        "\(app.label) est une application nationale dont le responsable est le ministre\(act), non le chef d'établissement.",
        field: "responsable.type")
    }
  }

  /// The national application a fiche is about: named in its title (not as
  /// « hors GAR »), or as the whole of its software (« LSU / LSL », « SIECLE (BEE) »).
  /// A software field that merely mentions one (« SIECLE (module bourses) et
  /// téléservice… ») describes a school treatment that uses it.
  static func application(of t: Traitement) -> (names: Phrases, label: String, act: String?)? {
    let title = Text.words(t.nom)
    if let byName = nationalApplications.first(where: { Text.containsAffirmed(words: title, anyOf: $0.names) }) {
      return byName
    }
    guard let software = t.logiciel else { return nil }
    let words = Text.words(Text.withoutParentheses(software))
    guard !words.isEmpty, words.allSatisfy({ knownWords.contains($0) || $0 == "et" || $0 == "ou" }) else {
      return nil
    }
    let softwareWords = Text.words(software)
    return nationalApplications.first { Text.contains(words: softwareWords, anyOf: $0.names) }
  }

  /// Every word of the applications' names.
  private static let knownWords = Set(nationalApplications.flatMap { $0.names.words.joined() })
}

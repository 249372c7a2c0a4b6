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

  /// The national applications, with the text that creates each when the notes give it.
  static let nationalApplications: [NationalApplication] = [
    NationalApplication(["SIECLE"], "SIECLE", "arrêté du 22 sept. 1995 modifié"),
    NationalApplication(["ONDE"], "ONDE", "arrêté du 25 mai 2023"),
    NationalApplication(["GAR", "gestionnaire d'accès aux ressources"], "GAR", "arrêté du 18 déc. 2017 modifié"),
    NationalApplication(["EduConnect", "ÉduConnect"], "ÉduConnect", nil),
    NationalApplication(["LSU", "LSUN", "livret scolaire unique"], "LSU", nil),
    NationalApplication(["LSL", "livret scolaire du lycée"], "LSL", "arrêté du 8 févr. 2016"),
    NationalApplication(["Affelnet"], "Affelnet", nil),
    NationalApplication(["Parcoursup"], "Parcoursup", nil),
    NationalApplication(["Cyclades"], "Cyclades", nil),
  ]

  func check(_ t: Treatment, facts: TreatmentFacts, in audit: AuditedRegister, into findings: inout [Finding]) {
    guard t.responsable.type == .etablissement, let app = facts.nationalApplication else { return }
    let act = app.act.map { " (\($0))" } ?? ""
    findings.append(
      finding(
        t.subject,
        "\(app.label) est une application nationale dont le responsable est le ministre\(act), non le chef d'établissement.",
        field: "responsable.type"))
  }

  /// The national application a fiche is about: named in its title (not as
  /// « hors GAR »), or as the whole of its software (« LSU / LSL », « SIECLE (BEE) »).
  /// A software field that merely mentions one (« SIECLE (module bourses) et
  /// téléservice… ») describes a school treatment that uses it.
  static func application(of t: Treatment) -> NationalApplication? {
    // Most fiches name no national application: a pass over the raw bytes rules them out
    // before any text is folded.
    guard nameStarts.mayOccur(inUnfolded: t.nom) || t.logiciel.map(nameStarts.mayOccur(inUnfolded:)) == true
    else { return nil }
    return application(name: FoldedText(t.nom), software: t.logiciel)
  }

  static func application(name: FoldedText, software: String?) -> NationalApplication? {
    // Most fiches name no national application: one pass over the text rules them out.
    if nameStarts.mayOccur(in: name),
      let byName = nationalApplications.first(where: { name.containsAffirmed($0.names) })
    {
      return byName
    }
    guard let software else { return nil }
    let folded = FoldedText(software)
    guard nameStarts.mayOccur(in: folded) else { return nil }
    let outside = FoldedText(Text.withoutParentheses(software))
    guard !outside.isEmpty, outside.allWords({ knownWords.contains($0) || $0 == "et" || $0 == "ou" }) else {
      return nil
    }
    return nationalApplications.first { folded.contains($0.names) }
  }

  private static let nameStarts = WordStarts(nationalApplications.map(\.names))

  /// Every word of the applications' names.
  private static let knownWords = Set(nationalApplications.flatMap { $0.names.words.joined() })
}

/// An application whose controller is the minister, recognised by its names.
struct NationalApplication: Sendable {
  let names: Phrases
  let label: String
  /// The regulatory act that creates it, when the notes give it.
  let act: String?

  init(_ names: [String], _ label: String, _ act: String?) {
    self.names = Phrases(names)
    self.label = label
    self.act = act
  }
}

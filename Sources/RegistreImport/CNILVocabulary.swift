public import Foundation
public import RegistreModel
import RegistreFormats

/// The words of the CNIL's simplified register model (`registre-traitement-simplifie.ods`, published by the
/// CNIL on 25 July 2019): its fiche labels, its drop-down lists (sheet `5_-_Listes`) and how each maps to
/// Registre's values. The exporter writes these words; the importer reads them, and Registre's own labels
/// too, so that an export comes back whole.
public enum CNILVocabulary {
  /// Sheet names of the model, as stored (underscores included).
  public static let listSheet = "2_-_Liste_des_traitements"
  public static let modelSheet = "3_-_Modèle_de_fiche_de_registre"
  public static let exampleSheet = "4_-_Exemple_de_fiche"
  public static let listsSheet = "5_-_Listes"

  /// Data-category rows of the model fiche (rows 25–30 and 33–41), label as in the model → category.
  public static let dataRows: [(label: String, category: DataCategory)] = [
    ("État civil, identité, données d'identification, images…", .etatCivil),
    ("Vie personnelle (habitudes de vie, situation familiale, etc.)", .viePersonnelle),
    ("Informations d'ordre économique et financier (revenus, situation financière, situation fiscale, etc.)", .economiqueFinancier),
    ("Données de connexion (adress IP, logs, etc.)", .connexion),
    ("Données de localisation (déplacements, données GPS, GSM, etc.)", .localisation),
    ("Numéro de Sécurité Sociale (ou NIR)", .nir),
  ]
  public static let sensitiveRows: [(label: String, category: DataCategory)] = [
    ("Données révélant l'origine raciale ou ethnique", .origineRaciale),
    ("Données révélant les opinions politiques", .opinionsPolitiques),
    ("Données révélant les convictions religieuses ou philosophiques", .convictionsReligieuses),
    ("Données révélant l'appartenance syndicale", .appartenanceSyndicale),
    ("Données génétiques", .genetique),
    ("Données biométriques aux fins d'identifier une personne physique de manière unique", .biometrie),
    ("Données concernant la santé", .sante),
    ("Données concernant la vie sexuelle ou l'orientation sexuelle", .vieSexuelle),
    ("Données relatives à des condamnations pénales ou  infractions", .infractions),
  ]

  /// The category of a data row's label: the model's labels, then Registre's own (rows an export adds
  /// for categories the model has no row for).
  static func dataCategory(label: String) -> DataCategory? {
    let f = folded(label)
    if let row = (dataRows + sensitiveRows).first(where: { folded($0.label) == f }) { return row.category }
    return DataCategory.allCases.first { folded($0.libelle) == f }
  }

  /// Column F of `5_-_Listes`.
  public static let personLabels = [
    "Salariés", "Services Internes", "Clients", "Fournisseurs", "Prestataires", "Prospects", "Candidats", "Autres (préciser)",
  ]

  static func subjectCategory(_ text: String) -> DataSubjectCategory? {
    let f = folded(text)
    switch f {
    case "salaries": return .personnels
    case "autres (preciser)", "autres": return .autres
    default: return DataSubjectCategory.allCases.first { folded($0.libelle) == f || $0.rawValue == f }
    }
  }

  /// What the exporter writes in « Description » for a category of people.
  static func subjectLabel(_ category: DataSubjectCategory) -> String {
    category == .personnels ? "Salariés" : category.libelle
  }

  /// Column H of `5_-_Listes` → recipient kind. « Autre (Préciser) » has no Registre kind.
  public static let recipientLabels: [(label: String, kind: RecipientKind?)] = [
    ("Service interne qui traite les données", .interne), ("Sous-traitants", .sousTraitant),
    ("Destinataires dans des pays tiers ou organisations internationales", .paysTiers),
    ("Partenaires institutionnels ou commerciaux", .externe), ("Autre (Préciser)", nil),
  ]

  static func recipientKind(_ text: String) -> RecipientKind? {
    let f = folded(text)
    if let row = recipientLabels.first(where: { folded($0.label) == f }) { return row.kind }
    return RecipientKind.allCases.first { folded($0.libelle) == f || $0.rawValue == f }
  }

  static func recipientLabel(_ kind: RecipientKind) -> String {
    recipientLabels.first { $0.kind == kind }?.label ?? kind.libelle
  }

  /// Column J of `5_-_Listes`: the CNIL's families, Registre's labels word for word except « Autres mesures ».
  public static let measureLabels: [(label: String, family: MeasureFamily)] = [
    ("Mesures de traçabilité", .tracabilite), ("Mesures de protection des logiciels", .protectionLogiciels),
    ("Sauvegarde des données", .sauvegarde), ("Chiffrement des données", .chiffrement),
    ("Contrôle d'accès des utilisateurs", .controleAcces), ("Contrôle des sous-traitants", .controleSousTraitants),
    ("Autres mesures (à préciser)", .autre),
  ]

  static func measureFamily(_ text: String) -> MeasureFamily? {
    let f = folded(text)
    if let row = measureLabels.first(where: { folded($0.label) == f }) { return row.family }
    return MeasureFamily.allCases.first { folded($0.libelle) == f || $0.rawValue == f }
  }

  static func measureLabel(_ family: MeasureFamily) -> String {
    measureLabels.first { $0.family == family }?.label ?? family.libelle
  }

  /// Column A of `5_-_Listes`. « Privacy shield » maps to nothing: the EU-US Privacy Shield decision
  /// (2016/1250) was invalidated by the Court of Justice on 16 July 2020 (C-311/18, « Schrems II »).
  public static let safeguardLabels: [(label: String, safeguard: TransferSafeguard?)] = [
    ("Clauses contractuelles types (CCT)", .cct), ("Règles d'entreprise contraignantes (BCR)", .bcr),
    ("Pays adéquat", .adequation), ("Privacy shield", nil), ("Code de conduite", .codeDeConduite),
    ("Certification", .certification), ("Dérogations (art 49)", .derogationArticle49),
  ]

  static func safeguardLabel(_ safeguard: TransferSafeguard) -> String {
    safeguardLabels.first { $0.safeguard == safeguard }?.label ?? safeguard.libelle
  }

  /// `nil` when unknown; `.some(nil)` for « Privacy shield ».
  static func safeguard(_ text: String) -> TransferSafeguard?? {
    let f = folded(text)
    if let row = safeguardLabels.first(where: { folded($0.label) == f }) { return .some(row.safeguard) }
    if let s = TransferSafeguard.allCases.first(where: { folded($0.libelle) == f || $0.rawValue == f }) { return .some(s) }
    return nil
  }

  /// Names of the model's country list (column C of `5_-_Listes`) that Foundation's French and English
  /// names do not match, with their ISO 3166-1 code. « Kosovo » has no officially assigned code.
  static let countryAliases: [String: String] = [
    "hong-kong": "HK", "hong kong": "HK", "rep. dem. du congo": "CD", "congo": "CG", "birmanie": "MM",
    "macedoine": "MK", "swaziland": "SZ", "taiwan": "TW", "timor oriental": "TL", "russie": "RU",
    "palestine": "PS", "marshall": "MH", "salomon": "SB", "micronesie": "FM", "iles feroe": "FO",
    "saint-vincent-et-les grenadines": "VC", "sao tome-et-principe": "ST", "cap-vert": "CV", "iraq": "IQ",
    "bielorussie": "BY", "ile de man": "IM", "etats-unis": "US", "coree du sud": "KR", "coree du nord": "KP",
    "republique centrafricaine": "CF", "republique dominicaine": "DO", "sahara occidental": "EH",
    "saint-christophe-et-nieves": "KN", "viet nam": "VN", "vatican": "VA", "royaume-uni": "GB",
  ]

  /// The ISO code of a country as the model (or a person) names it; `nil` when none is sure.
  public static func countryCode(_ text: String) -> String? {
    let f = folded(text)
    if let code = countryAliases[f] { return code }
    if let code = TypedValues.suggestedCountryCode(text.trimmingCharacters(in: .whitespaces)) { return code }
    return nil
  }

  /// The French name the exporter writes for a code.
  public static func countryName(_ code: String) -> String {
    Locale(identifier: "fr_FR").localizedString(forRegionCode: code) ?? code
  }
}

/// ISO 3166-1 alpha-2 country codes and the data-protection facts the rules need.
public enum Country {
  /// Every officially assigned ISO 3166-1 alpha-2 code.
  public static let codes: Set<String> = Set(
    """
    AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS
    BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE
    EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM
    HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC
    LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA
    NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW
    SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO
    TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW
    """.split(whereSeparator: \.isWhitespace).map(String.init))

  /// The 27 EU member states.
  public static let unionEuropeenne: Set<String> = [
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE",
    "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
  ]

  /// EU plus the EEA states (Iceland, Liechtenstein, Norway), where the GDPR applies.
  public static let espaceEconomiqueEuropeen: Set<String> = unionEuropeenne.union(["IS", "LI", "NO"])

  /// French overseas departments and collectivities with their own ISO code but
  /// inside the EU (outermost regions).
  public static let regionsUltraperipheriquesFrancaises: Set<String> = [
    "GF", "GP", "MQ", "RE", "YT", "MF",
  ]

  /// Countries covered by a European Commission adequacy decision (Art. 45 GDPR)
  /// for the whole country. The United States is handled apart: only
  /// organisations certified under the Data Privacy Framework are covered.
  public static let adequation: Set<String> = [
    "AD", "AR", "CA", "CH", "FO", "GB", "GG", "IL", "IM", "JE", "JP", "KR", "NZ", "UY",
  ]

  /// Whether data stored in `code` stay under the GDPR's territory (EU/EEA).
  public static func isInEEA(_ code: String) -> Bool {
    espaceEconomiqueEuropeen.contains(code) || regionsUltraperipheriquesFrancaises.contains(code)
  }
}

/// The documents the tool produces, each from one XSLT template.
public enum DocumentKind: String, Sendable, CaseIterable {
  /// The register of processing activities (Art. 30), with its XML embedded.
  case register = "registre"
  /// The notice for legal guardians (Art. 13 and 14).
  case noticeFamilies = "notice-familles"
  /// The same notice in plain words for pupils (Art. 12).
  case noticePupils = "notice-eleves"
  /// The layered notice for staff (treatments whose data subjects include staff).
  case noticeStaff = "notice-personnels"
  /// The layered notice for visitors, with the text of video signs.
  case noticeVisitors = "notice-visiteurs"
  /// The audit report, from the findings XML.
  case auditReport = "rapport-audit"
  /// The consolidated audit of many registers (an académie), from the batch report's XML.
  case batchAudit = "audit-lot"
  /// The one-page yearly review of a sealed year, from the review's XML (`YearReview.xml()`).
  case yearlyReview = "bilan"
  /// The dated opinion of `registre evaluer` on a digital tool, from the opinion's XML (`OpinionXML`).
  case opinion = "avis"
  /// The draft note for families about a tool under evaluation, from `FamilyNotice.xml`.
  case toolFamilyNote = "note-familles-outil"

  /// File name of the template in the templates folder.
  public var templateFileName: String { rawValue + ".xsl" }

  /// PDF/A flavour: PDF/A-3b for the register (it carries its XML), PDF/A-2b otherwise.
  public var profile: PDFProfile { self == .register ? .pdfA3b : .pdfA2b }

  /// Whether the template reads the register XML (else the findings or batch report XML).
  public var readsRegister: Bool { self == .register || self == .noticeFamilies || self == .noticePupils }

  /// Name of the canonical XML embedded in the register PDF.
  public static let embeddedRegisterName = "registre.xml"
}

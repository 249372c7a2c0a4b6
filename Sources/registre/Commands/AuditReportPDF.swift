import Foundation
import RegistreDocuments
import RegistreFormats
import RegistreModel
import RegistreRules

/// For `registre audit CHEMIN --format pdf --sortie FICHIER.pdf`: maps an audit
/// onto the findings XML that `rapport-audit.xsl` reads, then renders it.
enum AuditReportPDF {
  /// Every treatment of the register (with its score, even without findings),
  /// then the findings about the school, its processors and its breaches.
  static func constats(_ rapport: AuditReport, registre: RegistreModel.Register) -> AuditFindingsDocument {
    func convert(_ constat: Finding, objet: Bool) -> AuditFindingsDocument.Finding {
      AuditFindingsDocument.Finding(
        rule: constat.rule, severity: constat.severity.englishKey, message: constat.message,
        reference: constat.reference, remediation: constat.remediation,
        criteria: constat.criteria, subject: objet ? constat.subject.libelle : nil,
        acceptance: constat.acceptance?.justification)
    }
    let traitements = registre.traitements.map { traitement in
      AuditFindingsDocument.Treatment(
        id: traitement.id, name: traitement.nom,
        score: rapport.scores.treatment(traitement.id)?.percent,
        findings: rapport.findings.filter { $0.treatment == traitement.id }.map {
          convert($0, objet: false)
        })
    }
    let general = rapport.findings.filter { $0.treatment == nil }.map { convert($0, objet: true) }
    return AuditFindingsDocument(
      schoolName: registre.etablissement.nom, uai: registre.etablissement.uai,
      date: rapport.auditDate.description, schoolScore: rapport.scores.school.percent,
      treatments: traitements, general: general)
  }

  /// The main job's documents for a register and its audit, in `dossier`:
  /// `registre.pdf`, `notice-familles.pdf`, `notice-eleves.pdf` and
  /// `rapport-audit.pdf`, rendered together (at most one FOP per core).
  /// Meant for `registre demo`; exit code 2 if any document failed.
  static func writeAll(
    _ charge: LoadedRegister, rapport: AuditReport, dans dossier: URL, modeles: String? = nil,
    signature: DocumentsCLI.Signature? = nil
  ) throws {
    let bibliotheque = try DocumentsCLI.templateLibrary(modeles)
    let xml = try DocumentsCLI.xmlCanonique(charge)
    let constats = constats(rapport, registre: charge.registre).xml()
    func job(_ genre: DocumentKind, _ nom: String) -> DocumentJob {
      DocumentJob(kind: genre, output: dossier.appendingPathComponent(nom))
    }
    try DocumentsCLI.produce(
      [
        (job(.register, "registre.pdf"), xml),
        (job(.noticeFamilies, "notice-familles.pdf"), xml),
        (job(.noticePupils, "notice-eleves.pdf"), xml),
        (job(.auditReport, "rapport-audit.pdf"), constats),
      ], pipeline: DocumentsCLI.pipeline(bibliotheque, signature: signature), annoncer: false)
  }

  /// Writes the report as PDF/A-2b; exit code 2 (and no file) on failure.
  static func write(
    _ rapport: AuditReport, registre: RegistreModel.Register, sortie: URL, modeles: String?,
    signature: DocumentsCLI.Signature? = nil
  ) throws {
    let bibliotheque = try DocumentsCLI.templateLibrary(modeles)
    try DocumentsCLI.produce(
      [DocumentJob(kind: .auditReport, output: sortie)],
      entree: constats(rapport, registre: registre).xml(),
      pipeline: DocumentsCLI.pipeline(bibliotheque, signature: signature))
  }
}

import Foundation
import RegistreDocuments
import RegistreBatch
import RegistreSignature
import RegistreSupport

/// For `registre audit --lot DOSSIER --format pdf --sortie FICHIER.pdf`: the batch report's
/// XML (`BatchReportXML`) through `audit-lot.xsl`, FOP and, when asked, the signature.
enum BatchReportPDF {
  /// Writes the consolidated report as PDF/A-2b, atomically; exit code 2 (and no file) on failure.
  static func write(
    _ rapport: BatchReport, sortie: URL, modeles: String?, signature: DocumentsCLI.Signature? = nil
  ) throws {
    let xml: Data
    do {
      xml = try BatchReportXML.xmlData(rapport)
    } catch {
      Console.printError("Impossible de produire le XML du rapport de lot : \(error). Rien n'a été écrit.")
      throw ExitStatus.usage
    }
    let bibliotheque = try DocumentsCLI.templateLibrary(modeles)
    // FOP lays out the whole school table in one go: allow it more time for a large lot.
    let delai = Duration.seconds(180 + rapport.etablissements.count / 20)
    try DocumentsCLI.produce(
      [(DocumentJob(kind: .batchAudit, output: sortie), xml)],
      pipeline: DocumentsCLI.pipeline(bibliotheque, signature: signature, delai: delai), annoncer: false)
  }
}

extension AuditCommand {
  /// The PDF's signature: the credentials given on the command line, or a throw-away
  /// demonstration certificate (then its authority's PEM, to write beside the PDF).
  func signaturePDF(organisation: String) throws -> (DocumentsCLI.Signature?, autorite: String?) {
    guard demonstration else { return (try DocumentsCLI.Signature.from(signature), nil) }
    do {
      let demo = try SigningCredentials.demonstration(organization: organisation)
      // The other options (--raison, --lieu, --horodatage…) apply as with a real certificate.
      var options = signature.options
      options.name = options.name ?? "Signataire de démonstration"
      options.reason = options.reason ?? "Démonstration de Registre (signature sans valeur)"
      return (DocumentsCLI.Signature(identifiants: demo.credentials, options: options), demo.authorityPEM)
    } catch {
      Console.printError("Signature impossible : \(error). Rien n'a été écrit.")
      throw ExitStatus.usage
    }
  }

  /// `rapport.pdf` → `rapport-ac-demonstration.pem`, beside the PDF.
  static func authorityFile(pres pdf: URL) -> URL {
    let base = pdf.deletingPathExtension().lastPathComponent
    return pdf.deletingLastPathComponent().appendingPathComponent(base + "-ac-demonstration.pem")
  }

  /// Writes the demonstration authority beside the PDF (nothing without `--demonstration`).
  static func writeAuthority(_ autorite: String?, pres pdf: URL) throws {
    guard let autorite else { return }
    let fichier = authorityFile(pres: pdf)
    do {
      try AtomicFile.write(Data(autorite.utf8), to: fichier, permissions: 0o644)
    } catch {
      Console.printError("Erreur : écriture impossible de « \(fichier.path) » (\(error)).")
      throw ExitStatus.usage
    }
    Console.printError(
      "Signé avec un certificat de DÉMONSTRATION (sans valeur probante). Vérification : "
        + "registre verifier \(pdf.path) --ac \(fichier.path)")
  }
}

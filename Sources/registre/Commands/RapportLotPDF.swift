import Foundation
import RegistreDocuments
import RegistreLot
import RegistreSignature
import RegistreSupport

/// For `registre audit --lot DOSSIER --format pdf --sortie FICHIER.pdf`: the batch report's
/// XML (`RapportLotXML`) through `audit-lot.xsl`, FOP and, when asked, the signature.
enum RapportLotPDF {
  /// Writes the consolidated report as PDF/A-2b, atomically; exit code 2 (and no file) on failure.
  static func ecrire(
    _ rapport: RapportLot, sortie: URL, modeles: String?, signature: DocumentsCLI.Signature? = nil,
    remplacer: Bool = true
  ) throws {
    let xml: Data
    do {
      xml = try RapportLotXML.donnees(rapport)
    } catch {
      Console.erreur("Impossible de produire le XML du rapport de lot : \(error). Rien n'a été écrit.")
      throw CodeSortie.usage
    }
    let bibliotheque = try DocumentsCLI.modeles(modeles)
    // FOP lays out the whole school table in one go: allow it more time for a large lot.
    let delai = Duration.seconds(180 + rapport.etablissements.count / 20)
    try DocumentsCLI.produire(
      [(DocumentJob(kind: .batchAudit, output: sortie, replacesExisting: remplacer), xml)],
      pipeline: DocumentsCLI.pipeline(bibliotheque, signature: signature, delai: delai), annoncer: false)
  }
}

extension Auditer {
  /// The PDF's signature: the credentials given on the command line, or a throw-away
  /// demonstration certificate (then its authority's PEM, to write beside the PDF).
  func signaturePDF(organisation: String) throws -> (DocumentsCLI.Signature?, autorite: String?) {
    guard demonstration else { return (try DocumentsCLI.Signature.depuis(signature), nil) }
    do {
      let demo = try SigningCredentials.demonstration(organization: organisation)
      // The other options (--raison, --lieu, --horodatage…) apply as with a real certificate.
      var options = signature.options
      options.name = options.name ?? "Signataire de démonstration"
      options.reason = options.reason ?? "Démonstration de Registre (signature sans valeur)"
      return (DocumentsCLI.Signature(identifiants: demo.credentials, options: options), demo.authorityPEM)
    } catch {
      Console.erreur("Signature impossible : \(error). Rien n'a été écrit.")
      throw CodeSortie.usage
    }
  }

  /// `rapport.pdf` → `rapport-ac-demonstration.pem`, beside the PDF.
  static func fichierAutorite(pres pdf: URL) -> URL {
    let base = pdf.deletingPathExtension().lastPathComponent
    return pdf.deletingLastPathComponent().appendingPathComponent(base + "-ac-demonstration.pem")
  }

  /// Writes the demonstration authority beside the PDF (nothing without `--demonstration`).
  static func ecrireAutorite(_ autorite: String?, pres pdf: URL) throws {
    guard let autorite else { return }
    let fichier = fichierAutorite(pres: pdf)
    do {
      try AtomicFile.write(Data(autorite.utf8), to: fichier, permissions: 0o644)
    } catch {
      Console.erreur("Erreur : écriture impossible de « \(fichier.path) » (\(error)).")
      throw CodeSortie.usage
    }
    Console.erreur(
      "Signé avec un certificat de DÉMONSTRATION (sans valeur probante). Vérification : "
        + "registre verifier \(pdf.path) --ac \(fichier.path)")
  }
}

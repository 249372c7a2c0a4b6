import ArgumentParser
import Foundation
import RegistreArchive
import RegistreSignature
import RegistreSupport

extension RegistreCommand {
  /// `registre verifier FICHIER.pdf… [--ac FICHIER.pem…] [--format texte|json]`
  struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "verifier",
      abstract: "Vérifie les signatures PAdES de fichiers PDF, ou une année scellée de l'archive.",
      discussion: """
        Avec un dossier (DOSSIER/2026, produit par « registre exporter ») : le manifeste MANIFEST.sha256, \
        l'empreinte de chaque fichier, la signature CMS du manifeste et les signatures de chaque PDF ; tout \
        fichier ajouté, supprimé ou modifié est signalé. Le manifeste doit être signé par le signataire des PDF \
        (ou par un signataire nommé avec --signataire) : un autre certificat de la même autorité ne suffit \
        pas, et un changement de signataire est signalé. Code de sortie : 0 archive intègre et signatures \
        valides et reconnues, 1 sinon, 2 dossier illisible.

        Avec des PDF, pour chaque signature : intégrité des octets signés, couverture du fichier, signataire, date \
        déclarée et horodatage, chaîne de certification jusqu'à une autorité de confiance (--ac, sinon \
        le magasin du système), algorithmes admis (ni SHA-1 ni MD5, RSA d'au moins 2048 bits), et l'analyse \
        de chaque révision écrite après la signature : seules une autre signature, un horodatage de \
        document et des données de validation (DSS) sont admis ; toute autre modification donne le verdict \
        « modifié après signature », avec les objets en cause.
        Code de sortie : 0 si toutes les signatures sont valides et reconnues, 1 sinon, 2 si un \
        fichier est illisible.
        """,
      aliases: ["vérifier"])

    enum Format: String, ExpressibleByArgument, CaseIterable {
      case texte, json
    }

    @Argument(help: ArgumentHelp("PDF à vérifier, ou dossier d'une année scellée.", valueName: "fichier.pdf|dossier"))
    var fichiers: [String]

    @Option(
      name: .customLong("ac"), parsing: .upToNextOption,
      help: ArgumentHelp("Certificats PEM des autorités de confiance (sinon : magasin du système).", valueName: "fichier.pem"))
    var ac: [String] = []

    @Option(
      name: .customLong("signataire"),
      help: ArgumentHelp(
        "Pour un dossier d'archive : signataire attendu, certificat (PEM ou DER) ou empreinte SHA-256 ; répétable. "
          + "Sans cette option, le manifeste doit être signé par le signataire des PDF.",
        valueName: "certificat|empreinte"))
    var signataire: [String] = []

    @Option(name: .customLong("format"), help: "Format du rapport : texte ou json.")
    var format: Format = .texte

    func validate() throws {
      if fichiers.isEmpty { throw ValidationError("Indiquez au moins un fichier PDF.") }
    }

    func run() throws {
      var anchors: [Data] = []
      for path in ac {
        // An authority file is a few kilobytes: a pipe, a device or a large file is refused before any read.
        let data: Data
        do {
          data = try BoundedFile.read(URL(fileURLWithPath: path), limit: 1 << 20)
        } catch {
          Console.printError("erreur : certificat d'autorité illisible : \(TerminalText.escaped(error.message))")
          throw ExitStatus.usage
        }
        guard PDFVerifier.certificateCount(in: data) > 0 else {
          Console.printError("erreur : aucun certificat dans \(path) (--ac attend des certificats PEM)")
          throw ExitStatus.usage
        }
        anchors.append(data)
      }
      let dossiers = fichiers.filter { chemin in
        var estDossier: ObjCBool = false
        return FileManager.default.fileExists(atPath: chemin, isDirectory: &estDossier) && estDossier.boolValue
      }
      if !dossiers.isEmpty {
        guard dossiers.count == fichiers.count else {
          Console.printError("erreur : vérifiez soit des PDF, soit des dossiers d'archive, pas les deux à la fois.")
          throw ExitStatus.usage
        }
        try checkFolders(anchors: anchors, signataires: try expectedSigners())
        return
      }
      if !signataire.isEmpty {
        Console.printError("erreur : --signataire ne s'applique qu'à un dossier d'archive (DOSSIER/AAAA).")
        throw ExitStatus.usage
      }
      var reports: [DocumentVerification] = []
      var unreadable = false
      for path in fichiers {
        do {
          let octets: [UInt8]
          do {
            octets = try ByteReading.readOrExplain(path)
          } catch {
            throw CLISigningError(error.reason)
          }
          reports.append(
            try PDFVerifier.verify(bytes: octets, trustAnchors: anchors, useSystemStore: ac.isEmpty, file: path))
        } catch let error as PDFError {
          unreadable = true
          Console.printError("erreur : \(path) : \(error.description)")
        } catch {
          unreadable = true
          Console.printError("erreur : \(path) : \(error)")
        }
      }
      switch format {
      case .json:
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        let data = try encoder.encode(reports)
        Console.printOutput(String(decoding: data, as: UTF8.self))
      case .texte:
        for report in reports { Console.printOutput(Self.text(report)) }
      }
      if unreadable { throw ExitStatus.usage }
      if !reports.allSatisfy(\.valid) { throw ExitStatus.problemes }
    }

    /// `--signataire` values as SHA-256 fingerprints: a certificate file's, or a fingerprint typed as is.
    func expectedSigners() throws -> [String] {
      var empreintes: [String] = []
      for valeur in signataire {
        var estDossier: ObjCBool = false
        if FileManager.default.fileExists(atPath: valeur, isDirectory: &estDossier), !estDossier.boolValue {
          guard let octets = ByteReading.readInput(valeur) else {
            Console.printError("erreur : certificat du signataire illisible : \(valeur)")
            throw ExitStatus.usage
          }
          let trouvees = PDFVerifier.certificateFingerprints(in: Data(octets))
          guard !trouvees.isEmpty else {
            Console.printError("erreur : aucun certificat dans \(valeur) (--signataire attend un certificat PEM ou DER, ou une empreinte SHA-256)")
            throw ExitStatus.usage
          }
          empreintes += trouvees
        } else if let empreinte = PDFVerifier.normalizedFingerprint(valeur) {
          empreintes.append(empreinte)
        } else {
          Console.printError("erreur : --signataire \(valeur) : ni un fichier de certificat, ni une empreinte SHA-256 (64 chiffres hexadécimaux)")
          throw ExitStatus.usage
        }
      }
      return empreintes
    }

    /// Sealed years: manifest, hashes, the manifest's signature, the PDFs' signatures, one signer.
    func checkFolders(anchors: [Data], signataires: [String]) throws {
      var rapports: [ArchiveVerification] = []
      var illisible = false
      for chemin in fichiers {
        let url = URL(fileURLWithPath: chemin)
        guard FileManager.default.isReadableFile(atPath: url.path),
          (try? FileManager.default.contentsOfDirectory(atPath: url.path)) != nil
        else {
          Console.printError("erreur : dossier illisible : \(chemin)")
          illisible = true
          continue
        }
        var rapport = ArchiveVerification.check(
          url, trustAnchors: anchors, useSystemStore: anchors.isEmpty, expectedSigners: signataires)
        rapport.folder = chemin
        rapports.append(rapport)
      }
      switch format {
      case .json:
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        Console.printOutput(String(decoding: try encoder.encode(rapports), as: UTF8.self))
      case .texte:
        for rapport in rapports { Console.printOutput(rapport.text) }
      }
      if illisible { throw ExitStatus.usage }
      if !rapports.allSatisfy(\.valid) { throw ExitStatus.problemes }
    }

    /// `dd/MM/yyyy HH:mm:ss UTC` from a fixed Gregorian calendar: a `DateFormatter` would load ICU's locale
    /// data for a format that has no words in it.
    static func date(_ date: Date?) -> String {
      guard let date else { return "inconnue" }
      var calendrier = Calendar(identifier: .gregorian)
      calendrier.timeZone = TimeZone(secondsFromGMT: 0) ?? calendrier.timeZone
      let p = calendrier.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
      func twoDigits(_ valeur: Int?) -> String {
        let valeur = valeur ?? 0
        return valeur < 10 ? "0\(valeur)" : "\(valeur)"
      }
      let annee = String(p.year ?? 1970)
      let an = String(repeating: "0", count: max(0, 4 - annee.count)) + annee
      return "\(twoDigits(p.day))/\(twoDigits(p.month))/\(an) \(twoDigits(p.hour)):\(twoDigits(p.minute)):\(twoDigits(p.second)) UTC"
    }

    static func text(_ report: DocumentVerification) -> String {
      var lines: [String] = []
      let count = report.signatures.count
      lines.append("\(report.file ?? "document") : \(count == 0 ? "aucune signature" : count == 1 ? "1 signature" : "\(count) signatures")")
      for (index, signature) in report.signatures.enumerated() {
        lines.append("")
        lines.append("  Signature \(index + 1)\(signature.fieldName.map { " (\($0))" } ?? "") — \(signature.level ?? signature.subFilter ?? "format inconnu") — \(signature.valid ? "VALIDE" : "NON VALIDE")")
        if let signer = signature.signer {
          lines.append("    Signataire   : \(signer.subject)")
          lines.append("    Émetteur     : \(signer.issuer)")
          lines.append("    N° de série  : \(signer.serialNumber)")
          lines.append("    Validité     : du \(date(signer.notBefore)) au \(date(signer.notAfter))")
        }
        if let name = signature.name { lines.append("    Nom          : \(name)") }
        if let reason = signature.reason { lines.append("    Motif        : \(reason)") }
        if let location = signature.location { lines.append("    Lieu         : \(location)") }
        lines.append("    Date déclarée (/M) : \(date(signature.claimedSigningTime))")
        if let timestamp = signature.timestamp {
          lines.append("    Horodatage   : \(date(timestamp.time)) — \(timestamp.valid ? "vérifié" : "NON vérifié")\(timestamp.authority.map { " (\($0))" } ?? "")")
        } else {
          lines.append("    Horodatage   : aucun")
        }
        lines.append("    Intégrité    : \(signature.intact ? "octets signés intacts" : "CONTENU MODIFIÉ")")
        lines.append("    Couverture   : \(signature.coversWholeFile ? "tout le document" : signature.coversRevision ? "sa révision (le fichier a été complété ensuite)" : "INCOMPLÈTE")")
        lines.append("    Confiance    : \(signature.trusted ? "chaîne reconnue (au \(date(signature.chainCheckedAt)))" : "NON reconnue")")
        for problem in signature.problems { lines.append("    ! \(problem)") }
        if let changes = signature.laterChanges {
          let verdict = signature.laterChangesOnlySignatures == true
            ? "signatures ou données de validation ajoutées ensuite, rien d'autre"
            : "MODIFIÉ APRÈS SIGNATURE (au-delà de l'ajout de signatures ou de données de validation)"
          lines.append("    Révisions suivantes : \(verdict) (\(changes.count) objets)")
          if signature.laterChangesOnlySignatures != true {
            for change in changes.prefix(30) { lines.append("      - \(change)") }
            if changes.count > 30 { lines.append("      - … (\(changes.count - 30) de plus)") }
          }
        }
      }
      if let appended = report.appendedAfterLastSignature {
        lines.append("")
        lines.append(appended.onlyValidationData
          ? "  \(appended.bytes) octets ajoutés après la dernière signature : données de validation (DSS), métadonnées :"
          : "  ! \(appended.bytes) octets ajoutés après la dernière signature, non signés :")
        for object in appended.objects.prefix(30) { lines.append("    - \(object)") }
        if appended.objects.count > 30 { lines.append("    - … (\(appended.objects.count - 30) de plus)") }
      }
      lines.append("")
      lines.append(report.valid ? "  Résultat : toutes les signatures sont valides et reconnues." : "  Résultat : NON VALIDE.")
      return lines.joined(separator: "\n")
    }
  }
}

import ArgumentParser
import Foundation
import RegistreArchive
import RegistreSignature
import RegistreSupport
import RegistreTeam
import RegistreWorkflows

extension RegistreCommand {
  /// `registre verifier FICHIER.pdf… [--ac FICHIER.pem…] [--format texte|json]`, or `registre verifier --journal DOSSIER`
  struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "verifier",
      abstract: Typography.french("Vérifie les signatures PAdES de fichiers PDF, ou une année scellée de l'archive."),
      discussion: Typography.french("""
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

        Avec --journal DOSSIER : le journal de l'équipe (DOSSIER/journal.jsonl, voir docs/journal.md), entrée \
        par entrée : une entrée modifiée, supprimée, déplacée, illisible ou tronquée est signalée avec sa ligne ; \
        puis chaque fichier du registre est comparé à la dernière entrée qui le concerne (une modification faite \
        hors de l'application est signalée). Le nombre d'entrées et l'empreinte de la dernière sont affichés : \
        la suppression des dernières entrées ne se voit qu'en comparant le journal à celui d'une année scellée : \
        chaque année de l'archive (--archive, par défaut DOSSIER/archive) qui contient un journal est comparée, \
        et le journal du dossier doit commencer par elle, octet pour octet. Code de sortie : 0 journal intact et aucun fichier modifié hors journal, 1 sinon, 2 dossier \
        illisible ou sans journal, ou archive illisible.
        """),
      aliases: ["vérifier"])

    enum Format: String, ExpressibleByArgument, CaseIterable {
      case texte, json
    }

    @Argument(help: ArgumentHelp(Typography.french("PDF à vérifier, ou dossier d'une année scellée."), valueName: "fichier.pdf|dossier"))
    var fichiers: [String] = []

    @Option(
      name: .customLong("journal"),
      help: ArgumentHelp(Typography.french("Vérifie le journal d'un dossier de registre (journal.jsonl)."), valueName: "dossier"))
    var journal: String?

    @Option(
      name: .customLong("archive"),
      help: ArgumentHelp(
        Typography.french("Avec --journal : archive annuelle dont chaque journal scellé doit être le début du journal (par défaut DOSSIER/archive)."),
        valueName: "dossier"))
    var archive: String?

    @Option(
      name: .customLong("ac"), parsing: .upToNextOption,
      help: ArgumentHelp(Typography.french("Certificats PEM des autorités de confiance (sinon : magasin du système)."), valueName: "fichier.pem"))
    var ac: [String] = []

    @Option(
      name: .customLong("signataire"),
      help: ArgumentHelp(
        "Pour un dossier d'archive : signataire attendu, certificat (PEM ou DER) ou empreinte SHA-256 ; répétable. "
          + "Sans cette option, le manifeste doit être signé par le signataire des PDF.",
        valueName: "certificat|empreinte"))
    var signataire: [String] = []

    @Option(name: .customLong("format"), help: ArgumentHelp(Typography.french("Format du rapport : texte ou json.")))
    var format: Format = .texte

    func validate() throws {
      if journal != nil {
        if !fichiers.isEmpty || !ac.isEmpty || !signataire.isEmpty {
          throw ValidationError("--journal s'emploie seul : vérifiez le journal, puis les PDF ou l'archive à part.")
        }
        return
      }
      if archive != nil { throw ValidationError("--archive ne s'emploie qu'avec --journal DOSSIER.") }
      if fichiers.isEmpty { throw ValidationError("Indiquez au moins un fichier PDF, un dossier d'archive, ou --journal DOSSIER.") }
    }

    func run() throws {
      if let journal {
        return try verifyJournal(journal)
      }
      let outcomeCode: Int32 = try WorkflowExit.run { () throws(WorkflowError) -> Int32 in
        let anchors = try VerificationWorkflow.trustAnchors(ac)
        switch try VerificationWorkflow.target(of: fichiers) {
        case .archives:
          let outcome = VerificationWorkflow.verifyArchives(
            fichiers, trustAnchors: anchors, expectedSigners: try VerificationWorkflow.expectedSigners(signataire))
          return try show(outcome, text: \.text, valid: \.valid)
        case .documents:
          if !signataire.isEmpty {
            throw WorkflowError(.failed, "erreur : --signataire ne s'applique qu'à un dossier d'archive (DOSSIER/AAAA).")
          }
          return try show(VerificationWorkflow.verifyDocuments(fichiers, trustAnchors: anchors), text: \.text, valid: \.valid)
        }
      }
      switch outcomeCode {
      case 0: return
      case 1: throw ExitStatus.problemes
      default: throw ExitStatus.usage
      }
    }

    /// `--journal DOSSIER`: the report on standard output; 0 clean, 1 problems, 2 unreadable or no journal.
    private func verifyJournal(_ path: String) throws {
      let verification = try WorkflowExit.run { () throws(WorkflowError) in try VerificationWorkflow.verifyJournal(path, archive: archive) }
      switch format {
      case .json:
        do {
          Console.printOutput(try ReportJSON.string(verification))
        } catch {
          Console.printError("erreur : rapport JSON impossible (\(error))")
          throw ExitStatus.usage
        }
      case .texte:
        Console.printOutput(verification.text(path: path))
      }
      if !verification.isClean { throw ExitStatus.problemes }
    }

    /// Unreadable inputs on standard error, the reports on standard output; returns the exit code.
    private func show<Report>(
      _ outcome: VerificationWorkflow.Outcome<Report>, text: (Report) -> String, valid: (Report) -> Bool
    ) throws(WorkflowError) -> Int32 {
      outcome.unreadable.forEach(Console.printError)
      switch format {
      case .json:
        do {
          Console.printOutput(try ReportJSON.string(outcome.reports))
        } catch {
          throw WorkflowError(.failed, "erreur : rapport JSON impossible (\(error))")
        }
      case .texte:
        for report in outcome.reports { Console.printOutput(text(report)) }
      }
      return outcome.exitCode(valid: valid)
    }
  }
}

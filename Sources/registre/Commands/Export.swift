import ArgumentParser
import Foundation
import RegistreArchive
import RegistreDocuments
import RegistreFormats
import RegistreModel
import RegistreRules
import RegistreSignature

extension RegistreCommand {
  /// `registre exporter CHEMIN --annee 2026 --archive DOSSIER [--motif TEXTE] [signature | --demonstration]`
  struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "exporter",
      abstract: "Scelle le registre de l'année dans l'archive : PDF signés, XML, tableurs, modifications, bilan.",
      discussion: """
        Écrit DOSSIER/AAAA/ : registre-AAAA.pdf (PDF/A-3 signé, XML incorporé), registre-AAAA.xml, .csv, .ods, \
        les notices et le rapport d'audit signés, changements-AAAA.txt/.json (par rapport à l'année précédente \
        de l'archive), bilan-AAAA.txt/.json/.pdf, MANIFEST.sha256 et sa signature MANIFEST.sha256.p7s.
        Une année scellée n'est jamais remplacée : une correction devient une révision AAAA-r2/, qui exige --motif.
        L'export est construit dans un dossier caché de l'archive puis renommé d'un coup : un export interrompu \
        ne laisse aucune année partielle.
        La signature exige un certificat (--p12, ou --cle et --certificat). --demonstration signe avec un \
        certificat de démonstration créé en mémoire, sans valeur probante (son autorité est jointe : \
        ac-demonstration.pem).
        Code de sortie : 0 année scellée, 2 entrée invalide ou échec (rien n'est ajouté à l'archive).
        """)

    @Argument(help: ArgumentHelp("Dossier du registre (ou XML canonique).", valueName: "chemin"))
    var chemin: String

    @Option(name: [.customLong("annee"), .customLong("année")], help: "Année exportée (ex. 2026).")
    var annee: Int

    @Option(name: .customLong("archive"), help: ArgumentHelp("Dossier de l'archive annuelle.", valueName: "dossier"))
    var archive: String

    @Option(name: .customLong("motif"), help: "Raison d'une révision (obligatoire quand l'année est déjà scellée).")
    var motif: String?

    @Flag(name: [.customLong("demonstration"), .customLong("démonstration")], help: "Signer avec un certificat de démonstration (sans valeur probante).")
    var demonstration = false

    @Option(name: [.customLong("modeles"), .customLong("modèles")], help: ArgumentHelp("Dossier de modèles XSLT personnalisés.", valueName: "dossier"))
    var modeles: String?

    @OptionGroup var signature: CLISigningOptions

    func validate() throws {
      guard (1900...2999).contains(annee) else { throw ValidationError("--annee attend une année à quatre chiffres.") }
      if demonstration && signature.demandee {
        throw ValidationError("--demonstration et --p12/--cle s'excluent.")
      }
      if !demonstration && !signature.demandee {
        throw ValidationError(
          "L'archive est signée : indiquez --p12, ou --cle et --certificat (ou --demonstration pour un essai).")
      }
      if let motif, motif.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
        throw ValidationError("--motif ne peut pas être vide.")
      }
    }

    func run() throws {
      let charge = try CLILoader.load(chemin)
      let registre = charge.registre
      let archiveURL = URL(fileURLWithPath: archive)
      let cible = YearArchive.nextFolder(for: annee, in: archiveURL)
      if cible.revision > 1 && motif == nil {
        Console.printError(
          "erreur : l'année \(annee) est déjà scellée ; une correction devient la révision \(cible.name), "
            + "avec sa raison : --motif « … ». Rien n'a été écrit.")
        throw ExitStatus.usage
      }

      // Credentials first: a wrong password must stop the export before any work.
      let identifiants: SigningCredentials
      var autoriteDemo: String?
      do {
        if demonstration {
          let demo = try SigningCredentials.demonstration(organization: registre.etablissement.nom)
          identifiants = demo.credentials
          autoriteDemo = demo.authorityPEM
        } else {
          identifiants = try signature.credentials()
        }
      } catch let error as SignatureError {
        Console.printError("erreur : \(error.description) ; rien n'a été écrit.")
        throw ExitStatus.usage
      } catch let error as CLISigningError {
        Console.printError("erreur : \(error.description) ; rien n'a été écrit.")
        throw ExitStatus.usage
      }

      let date = DocumentDate.fromEnvironment()
      guard let jour = Day(iso: date.day) else {
        Console.printError("erreur : date du jour illisible (\(date.day)).")
        throw ExitStatus.usage
      }
      let rapport = Audit.run(registre, context: AuditContext(auditDate: jour))

      // The previous sealed year, for the change list and the review's comparison.
      let precedent = YearArchive.previous(before: annee, in: archiveURL)
      var registrePrecedent: RegistreModel.Register?
      var indicateursPrecedents: Indicators?
      if let precedent {
        do {
          registrePrecedent = try RegisterSource.load(precedent.url)
        } catch {
          Console.printError("attention : registre de \(precedent.name) illisible ; les modifications ne sont pas listées.")
        }
        indicateursPrecedents = Self.indicators(dans: precedent)
          ?? registrePrecedent.map { r in
            Indicators.of(r, auditDate: Day(annee: precedent.year, mois: 12, jour: 31) ?? jour)
          }
      }

      let xml: Data
      do { xml = try RegisterXML.xmlData(registre) } catch {
        Console.printError("erreur : XML canonique impossible (\(error)).")
        throw ExitStatus.usage
      }
      let bilan = YearReview(
        year: annee, school: registre.etablissement.nom, current: Indicators.of(registre, auditDate: jour),
        previousYear: precedent?.year, previous: indicateursPrecedents)

      do {
        let construction = try YearBuild(target: cible, in: archiveURL)
        defer { construction.abandon() }
        func add(_ nom: String, _ donnees: Data, _ mode: UInt32 = 0o640) throws {
          try construction.add(ArchiveFile(name: nom, data: donnees, permissions: mode))
        }
        try add("registre-\(annee).xml", xml)
        try add("registre-\(annee).csv", Spreadsheet.csv(registre))
        try add("registre-\(annee).ods", try Spreadsheet.ods(registre))
        var parametresRegistre: [String: String] = [:]
        if let registrePrecedent, let precedent {
          let changements = ChangeList.between(
            registrePrecedent, registre, from: precedent.name, to: String(annee))
          try add("changements-\(annee).txt", Data(changements.text.utf8))
          try add("changements-\(annee).json", try changements.json())
          // The register PDF carries the same list, after its summary.
          parametresRegistre = [
            "modifications": changements.text.split(separator: "\n", omittingEmptySubsequences: false)
              .dropFirst().joined(separator: "\n"),
            "modifications-titre": "Modifications depuis le registre \(precedent.name)",
          ]
        }
        try add("bilan-\(annee).txt", Data(bilan.text.utf8), 0o644)
        try add("bilan-\(annee).json", try bilan.json(), 0o644)
        if let motif {
          let texte = "Révision \(cible.name) du registre \(annee), exportée le \(date.day).\nMotif : \(motif)\n"
          try add("MOTIF.txt", Data(texte.utf8), 0o644)
        }
        if let autoriteDemo {
          try add("ac-demonstration.pem", Data(autoriteDemo.utf8), 0o644)
        }

        // The PDFs: rendered together (FOP), then each signed.
        let bibliotheque = try DocumentsCLI.templateLibrary(modeles)
        let pipeline = DocumentsCLI.pipeline(bibliotheque)
        let constats = AuditReportPDF.constats(rapport, registre: registre).xml()
        let parametres = parametresRegistre
        let travaux: [(String, DocumentKind, Data, UInt32)] = [
          ("registre-\(annee).pdf", .register, xml, 0o640),
          ("notice-familles-\(annee).pdf", .noticeFamilies, xml, 0o644),
          ("notice-eleves-\(annee).pdf", .noticePupils, xml, 0o644),
          ("rapport-audit-\(annee).pdf", .auditReport, constats, 0o640),
        ]
        let resultats = DocumentsCLI.awaitResult { () async -> [Result<Data, RenderFailure>] in
          await withTaskGroup(of: (Int, Result<Data, RenderFailure>).self) { groupe in
            for (index, travail) in travaux.enumerated() {
              groupe.addTask {
                do {
                  let extra = travail.1 == .register ? parametres : [:]
                  return (index, .success(try await pipeline.pdf(for: travail.1, input: travail.2, parameters: extra)))
                } catch let error as DocumentError {
                  return (index, .failure(RenderFailure(message: error.message)))
                } catch {
                  return (index, .failure(RenderFailure(message: "\(error)")))
                }
              }
            }
            groupe.addTask {
              do {
                return (travaux.count, .success(try await bilan.pdf(renderer: pipeline.renderer, date: date)))
              } catch let error as DocumentError {
                return (travaux.count, .failure(RenderFailure(message: error.message)))
              } catch let error as RenderError {
                return (travaux.count, .failure(RenderFailure(message: error.message)))
              } catch {
                return (travaux.count, .failure(RenderFailure(message: "\(error)")))
              }
            }
            var tous = [Result<Data, RenderFailure>](repeating: .failure(RenderFailure(message: "non produit")), count: travaux.count + 1)
            for await (index, resultat) in groupe { tous[index] = resultat }
            return tous
          }
        }
        var options = signature.options
        if options.reason == nil { options.reason = "Registre des activités de traitement \(annee)" }
        let nomsPDF = travaux.map { ($0.0, $0.3) } + [("bilan-\(annee).pdf", UInt32(0o644))]
        for ((nom, mode), resultat) in zip(nomsPDF, resultats) {
          switch resultat {
          case .failure(let echec):
            Console.printError("erreur : \(nom) : \(echec.message) ; l'année n'a pas été scellée.")
            throw ExitStatus.usage
          case .success(let pdf):
            try add(nom, try PDFSigner.sign(pdf, credentials: identifiants, options: options), mode)
          }
        }
        let dossier = try construction.seal { manifeste in
          try DetachedSignature.sign(manifeste, credentials: identifiants,
            allowInvalidCertificate: signature.forcer)
        }
        Console.printOutput("Année scellée : \(dossier.path)")
        if let precedent {
          Console.printOutput("Modifications depuis \(precedent.name) : changements-\(annee).txt")
        }
        if demonstration {
          Console.printOutput(
            "Signé avec un certificat de DÉMONSTRATION (sans valeur probante). Vérification : "
              + "registre verifier \(dossier.path) --ac \(dossier.appendingPathComponent("ac-demonstration.pem").path)")
        }
      } catch let error as ArchiveError {
        Console.printError("erreur : \(error.description) ; l'année n'a pas été scellée.")
        throw ExitStatus.usage
      } catch let error as SignatureError {
        Console.printError("erreur : \(error.description) ; l'année n'a pas été scellée.")
        throw ExitStatus.usage
      }
    }

    /// Last year's indicators as its own review recorded them.
    static func indicators(dans annee: SealedYear) -> Indicators? {
      let url = annee.url.appendingPathComponent("bilan-\(annee.year).json")
      guard let data = try? Data(contentsOf: url) else { return nil }
      let decoder = JSONDecoder()
      decoder.keyDecodingStrategy = .convertFromSnakeCase
      return (try? decoder.decode(YearReview.self, from: data))?.current
    }
  }
}

/// A document that could not be rendered, with its French reason.
struct RenderFailure: Error {
  let message: String
}

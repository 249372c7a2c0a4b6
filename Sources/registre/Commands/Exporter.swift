import ArgumentParser
import Foundation
import RegistreArchive
import RegistreDocuments
import RegistreFormats
import RegistreModel
import RegistreRules
import RegistreSignature

extension Registre {
  /// `registre exporter CHEMIN --annee 2026 --archive DOSSIER [--motif TEXTE] [signature | --demonstration]`
  struct Exporter: ParsableCommand {
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

    @OptionGroup var signature: OptionsSignature

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
      let charge = try ChargeurCLI.charger(chemin)
      let registre = charge.registre
      let archiveURL = URL(fileURLWithPath: archive)
      let cible = YearArchive.nextFolder(for: annee, in: archiveURL)
      if cible.revision > 1 && motif == nil {
        Console.erreur(
          "erreur : l'année \(annee) est déjà scellée ; une correction devient la révision \(cible.name), "
            + "avec sa raison : --motif « … ». Rien n'a été écrit.")
        throw CodeSortie.usage
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
          identifiants = try signature.identifiants()
        }
      } catch let error as SignatureError {
        Console.erreur("erreur : \(error.description) ; rien n'a été écrit.")
        throw CodeSortie.usage
      } catch let error as ErreurSignature {
        Console.erreur("erreur : \(error.description) ; rien n'a été écrit.")
        throw CodeSortie.usage
      }

      let date = DocumentDate.fromEnvironment()
      guard let jour = Jour(iso: date.day) else {
        Console.erreur("erreur : date du jour illisible (\(date.day)).")
        throw CodeSortie.usage
      }
      let rapport = Audit.run(registre, context: AuditContext(auditDate: jour))

      // The previous sealed year, for the change list and the review's comparison.
      let precedent = YearArchive.previous(before: annee, in: archiveURL)
      var registrePrecedent: RegistreModel.Registre?
      var indicateursPrecedents: Indicators?
      if let precedent {
        do {
          registrePrecedent = try SourceRegistre.load(precedent.url)
        } catch {
          Console.erreur("attention : registre de \(precedent.name) illisible ; les modifications ne sont pas listées.")
        }
        indicateursPrecedents = Self.indicateurs(dans: precedent)
          ?? registrePrecedent.map { r in
            Indicators.of(r, auditDate: Jour(annee: precedent.year, mois: 12, jour: 31) ?? jour)
          }
      }

      let xml: Data
      do { xml = try XMLRegistre.donnees(registre) } catch {
        Console.erreur("erreur : XML canonique impossible (\(error)).")
        throw CodeSortie.usage
      }
      let bilan = Bilan(
        year: annee, school: registre.etablissement.nom, current: Indicators.of(registre, auditDate: jour),
        previousYear: precedent?.year, previous: indicateursPrecedents)

      do {
        let construction = try YearBuild(target: cible, in: archiveURL)
        defer { construction.abandon() }
        func ajouter(_ nom: String, _ donnees: Data, _ mode: UInt32 = 0o640) throws {
          try construction.add(ArchiveFile(name: nom, data: donnees, permissions: mode))
        }
        try ajouter("registre-\(annee).xml", xml)
        try ajouter("registre-\(annee).csv", Tableur.csv(registre))
        try ajouter("registre-\(annee).ods", try Tableur.ods(registre))
        var parametresRegistre: [String: String] = [:]
        if let registrePrecedent, let precedent {
          let changements = ChangeList.between(
            registrePrecedent, registre, from: precedent.name, to: String(annee))
          try ajouter("changements-\(annee).txt", Data(changements.text.utf8))
          try ajouter("changements-\(annee).json", try changements.json())
          // The register PDF carries the same list, after its summary.
          parametresRegistre = [
            "modifications": changements.text.split(separator: "\n", omittingEmptySubsequences: false)
              .dropFirst().joined(separator: "\n"),
            "modifications-titre": "Modifications depuis le registre \(precedent.name)",
          ]
        }
        try ajouter("bilan-\(annee).txt", Data(bilan.text.utf8), 0o644)
        try ajouter("bilan-\(annee).json", try bilan.json(), 0o644)
        if let motif {
          let texte = "Révision \(cible.name) du registre \(annee), exportée le \(date.day).\nMotif : \(motif)\n"
          try ajouter("MOTIF.txt", Data(texte.utf8), 0o644)
        }
        if let autoriteDemo {
          try ajouter("ac-demonstration.pem", Data(autoriteDemo.utf8), 0o644)
        }

        // The PDFs: rendered together (FOP), then each signed.
        let bibliotheque = try DocumentsCLI.modeles(modeles)
        let pipeline = DocumentsCLI.pipeline(bibliotheque)
        let constats = RapportAuditPDF.constats(rapport, registre: registre).xml()
        let parametres = parametresRegistre
        let travaux: [(String, DocumentKind, Data, UInt32)] = [
          ("registre-\(annee).pdf", .register, xml, 0o640),
          ("notice-familles-\(annee).pdf", .noticeFamilies, xml, 0o644),
          ("notice-eleves-\(annee).pdf", .noticePupils, xml, 0o644),
          ("rapport-audit-\(annee).pdf", .auditReport, constats, 0o640),
        ]
        let resultats = DocumentsCLI.attendre { () async -> [Result<Data, EchecRendu>] in
          await withTaskGroup(of: (Int, Result<Data, EchecRendu>).self) { groupe in
            for (index, travail) in travaux.enumerated() {
              groupe.addTask {
                do {
                  let extra = travail.1 == .register ? parametres : [:]
                  return (index, .success(try await pipeline.pdf(for: travail.1, input: travail.2, parameters: extra)))
                } catch let error as DocumentError {
                  return (index, .failure(EchecRendu(message: error.message)))
                } catch {
                  return (index, .failure(EchecRendu(message: "\(error)")))
                }
              }
            }
            groupe.addTask {
              do {
                return (travaux.count, .success(try await bilan.pdf(renderer: pipeline.renderer, date: date)))
              } catch let error as DocumentError {
                return (travaux.count, .failure(EchecRendu(message: error.message)))
              } catch let error as RenderError {
                return (travaux.count, .failure(EchecRendu(message: error.message)))
              } catch {
                return (travaux.count, .failure(EchecRendu(message: "\(error)")))
              }
            }
            var tous = [Result<Data, EchecRendu>](repeating: .failure(EchecRendu(message: "non produit")), count: travaux.count + 1)
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
            Console.erreur("erreur : \(nom) : \(echec.message) ; l'année n'a pas été scellée.")
            throw CodeSortie.usage
          case .success(let pdf):
            try ajouter(nom, try PDFSigner.sign(pdf, credentials: identifiants, options: options), mode)
          }
        }
        let dossier = try construction.seal { manifeste in
          try DetachedSignature.sign(manifeste, credentials: identifiants,
            allowInvalidCertificate: signature.forcer)
        }
        Console.sortie("Année scellée : \(dossier.path)")
        if let precedent {
          Console.sortie("Modifications depuis \(precedent.name) : changements-\(annee).txt")
        }
        if demonstration {
          Console.sortie(
            "Signé avec un certificat de DÉMONSTRATION (sans valeur probante). Vérification : "
              + "registre verifier \(dossier.path) --ac \(dossier.appendingPathComponent("ac-demonstration.pem").path)")
        }
      } catch let error as ArchiveError {
        Console.erreur("erreur : \(error.description) ; l'année n'a pas été scellée.")
        throw CodeSortie.usage
      } catch let error as SignatureError {
        Console.erreur("erreur : \(error.description) ; l'année n'a pas été scellée.")
        throw CodeSortie.usage
      }
    }

    /// Last year's indicators as its own review recorded them.
    static func indicateurs(dans annee: SealedYear) -> Indicators? {
      let url = annee.url.appendingPathComponent("bilan-\(annee.year).json")
      guard let data = try? Data(contentsOf: url) else { return nil }
      let decoder = JSONDecoder()
      decoder.keyDecodingStrategy = .convertFromSnakeCase
      return (try? decoder.decode(Bilan.self, from: data))?.current
    }
  }
}

/// A document that could not be rendered, with its French reason.
struct EchecRendu: Error {
  let message: String
}

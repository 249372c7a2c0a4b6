import ArgumentParser
import Foundation
import RegistreDocuments
import RegistreFormats
import RegistreSignature

/// Shared by `document`, `notices` (and the audit report): the templates to
/// use, the pipeline, and running async work from a synchronous command.
enum DocumentsCLI {
  /// The built-in templates, or the school's folder given with `--modeles`.
  static func templateLibrary(_ dossier: String?) throws -> TemplateLibrary {
    if let dossier {
      do {
        return try TemplateLibrary.custom(URL(fileURLWithPath: dossier))
      } catch {
        Console.printError("\(error.message) (option --modeles)")
        throw ExitStatus.usage
      }
    }
    guard let integres = TemplateLibrary.builtIn else {
      Console.printError("Modèles intégrés introuvables : installation incomplète de registre.")
      throw ExitStatus.usage
    }
    return integres
  }

  /// The pipeline; with `signature`, every PDF is signed before it is written.
  /// `delai` bounds each FOP run (default: the renderer's 180 s).
  static func pipeline(
    _ modeles: TemplateLibrary, signature: Signature? = nil, delai: Duration? = nil
  ) -> DocumentPipeline {
    let rendu = delai.map { modeles.fopRenderer(timeout: $0) } ?? modeles.fopRenderer()
    var pipeline = DocumentPipeline(
      templates: modeles, transformer: LibXSLTTransformer(), renderer: rendu,
      date: .fromEnvironment(), toolVersion: RegistreCommand.configuration.version)
    if let signature {
      pipeline.finish = { pdf in try PDFSigner.sign(pdf, credentials: signature.identifiants, options: signature.options) }
    }
    return pipeline
  }

  /// Credentials loaded once (the password is asked once) and the signature's options.
  struct Signature: Sendable {
    let identifiants: SigningCredentials
    let options: SignatureOptions

    /// `nil` when no credentials were given on the command line.
    static func from(_ options: CLISigningOptions) throws -> Signature? {
      guard options.demandee else { return nil }
      do {
        return Signature(identifiants: try options.credentials(), options: options.options)
      } catch {
        Console.printError("Signature impossible : \(error)")
        throw ExitStatus.usage
      }
    }
  }

  /// The register's canonical XML, the artefact the templates read and the
  /// register PDF embeds.
  static func xmlCanonique(_ charge: LoadedRegister) throws -> Data {
    do {
      return try RegisterXML.xmlData(charge.registre)
    } catch {
      Console.printError("Impossible de produire le XML canonique du registre : \(error).")
      throw ExitStatus.usage
    }
  }

  /// Produces the jobs and reports each file; exit code 2 if any failed
  /// (failed documents leave no file behind).
  static func produce(_ travaux: [DocumentJob], entree: Data, pipeline: DocumentPipeline) throws {
    try produce(travaux.map { ($0, entree) }, pipeline: pipeline)
  }

  /// Jobs with their own inputs, in one parallel batch.
  static func produce(
    _ elements: [(job: DocumentJob, input: Data)], pipeline: DocumentPipeline, annoncer: Bool = true
  ) throws {
    let travaux = elements.map(\.job)
    let production = awaitResult { await pipeline.produceMeasured(elements) }
    let resultats = production.results
    if ProcessInfo.processInfo.environment["REGISTRE_MESURES"] == "1" {
      // For the benchmarks: how much of the time is XSLT, how much is FOP.
      Console.printError(
        "Mesures : XSLT \(seconds(production.transformDuration)) s, "
          + "rendu FOP et écriture \(seconds(production.renderDuration)) s, "
          + "\(travaux.count) document(s), au plus \(ProcessInfo.processInfo.activeProcessorCount) FOP à la fois.")
    }
    var echecs = 0
    for (travail, resultat) in zip(travaux, resultats) {
      switch resultat {
      case .success(let url):
        if annoncer { Console.printOutput("Écrit : \(url.path)") }
      case .failure(let erreur):
        echecs += 1
        Console.printError("\(travail.output.lastPathComponent) : \(erreur.message)")
      }
    }
    if echecs > 0 { throw ExitStatus.usage }
  }

  static func seconds(_ duree: Duration) -> String {
    let valeur = Double(duree.components.seconds) + Double(duree.components.attoseconds) / 1e18
    return String(format: "%.2f", valeur).replacingOccurrences(of: ".", with: ",")
  }

  /// Runs async work to completion from a synchronous `run()` (the main
  /// thread waits; the work runs on the global executor).
  static func awaitResult<Resultat: Sendable>(
    _ travail: @escaping @Sendable () async -> Resultat
  ) -> Resultat {
    let boite = ResultBox<Resultat>()
    let signal = DispatchSemaphore(value: 0)
    Task.detached {
      boite.valeur = await travail()
      signal.signal()
    }
    signal.wait()
    guard let valeur = boite.valeur else { fatalError("travail asynchrone sans résultat") }
    return valeur
  }

  /// Written once by the task, read after the semaphore: no concurrent access.
  private final class ResultBox<Value>: @unchecked Sendable {
    var valeur: Value?
  }
}

import ArgumentParser
import Foundation
import RegistreDocuments
import RegistreWorkflows

/// What every command does with an entry point's answer: print it, pick the exit code.
enum WorkflowExit {
  /// Prints the error's lines on standard error and returns its exit code (1 or 2).
  static func exitCode(_ error: WorkflowError, modeles: String? = nil) -> ExitCode {
    var lines = error.lines
    if error.reason == .templates, modeles != nil, let first = lines.first {
      lines[0] = first + " (option --modeles)"
    }
    lines.forEach(Console.printError)
    return error.isUsage ? ExitStatus.usage : ExitStatus.problemes
  }

  /// Runs an entry point; its error is printed and becomes the exit code.
  static func run<Resultat>(
    modeles: String? = nil, _ travail: () throws(WorkflowError) -> Resultat
  ) throws -> Resultat {
    do {
      return try travail()
    } catch {
      throw exitCode(error, modeles: modeles)
    }
  }

  /// The same for an async entry point.
  static func run<Resultat>(
    modeles: String? = nil, _ travail: () async throws(WorkflowError) -> Resultat
  ) async throws -> Resultat {
    do {
      return try await travail()
    } catch {
      throw exitCode(error, modeles: modeles)
    }
  }
}

/// Shared by `document`, `notices`, `audit --format pdf` and `demo`.
enum DocumentsCLI {
  /// The settings of the documents: templates folder, signature.
  static func settings(modeles: String?, signature: SigningIdentity?, replace: Bool) -> DocumentSettings {
    DocumentSettings(
      templatesFolder: modeles.map { URL(fileURLWithPath: $0) }, signing: signature,
      toolVersion: RegistreVersion.current, replaceExisting: replace, progress: TerminalProgress.report)
  }

  /// Reports each file written and each failure; exit code 2 if any document failed
  /// (failed documents leave no file behind), 1 if incomplete fiches were left out.
  static func report(_ resultat: DocumentOutcome, annoncer: Bool = true) throws {
    if ProcessInfo.processInfo.environment["REGISTRE_MESURES"] == "1" {
      // For the benchmarks: how much of the time is XSLT, how much is FOP.
      let nombre = resultat.written.count + resultat.failures.count
      Console.printError(
        "Mesures : XSLT \(seconds(resultat.transformDuration)) s, "
          + "rendu FOP et écriture \(seconds(resultat.renderDuration)) s, "
          + "\(nombre) document(s), au plus \(ProcessInfo.processInfo.activeProcessorCount) FOP à la fois.")
    }
    if annoncer {
      for url in resultat.written { Console.printOutput("Écrit : \(url.path)") }
    }
    resultat.failureLines.forEach(Console.printError)
    if !resultat.failures.isEmpty { throw ExitStatus.usage }
    if !resultat.omittedTreatments.isEmpty {
      Console.printError(
        "Fiche(s) incomplète(s), non reprise(s) dans le document (qui les nomme) : "
          + "\(resultat.omittedTreatments.joined(separator: ", ")). Les compléter (voir « registre valider ») puis relancer.")
      throw ExitStatus.problemes
    }
  }

  static func seconds(_ duree: Duration) -> String {
    let valeur = Double(duree.components.seconds) + Double(duree.components.attoseconds) / 1e18
    return String(format: "%.2f", valeur).replacingOccurrences(of: ".", with: ",")
  }
}

extension CLISigningOptions {
  /// The identity for `document` and `notices`: `nil` without credentials; exit code 2 when they
  /// cannot be loaded.
  func documentIdentity() throws -> SigningIdentity? {
    do {
      return try identity()
    } catch {
      Console.printError("Signature impossible : \(error)")
      throw ExitStatus.usage
    }
  }
}

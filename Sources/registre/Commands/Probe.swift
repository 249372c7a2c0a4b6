import ArgumentParser
import Foundation
import RegistreProbe
import RegistreSupport

/// `registre sonder URL…`: the TLS probe on its own, judged against ANSSI's TLS guide.
struct ProbeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sonder",
    abstract: Typography.french("Sonde la configuration TLS d'adresses https:// et la juge selon le guide TLS de l'ANSSI."),
    discussion: Typography.french("""
      Pour chaque adresse, une négociation réelle par version (TLS 1.3, 1.2, 1.1, 1.0), la suite \
      négociée, le certificat (confiance, expiration, nom d'hôte, clé) et l'en-tête HSTS. Les \
      adresses http:// sont signalées comme flux non chiffré, sans sonde.
      Code de sortie : 0 si tout est conforme ou acceptable, 1 sinon, 2 pour une adresse invalide.
      """))

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case texte
    case json
  }

  @Argument(help: ArgumentHelp(Typography.french("Adresses à sonder (https://hote[:port][/chemin])."), valueName: "URL"))
  var adresses: [String]

  @Option(
    name: .customLong("ac"),
    help: ArgumentHelp(Typography.french("Fichier PEM d'autorités de confiance (répétable) ; par défaut, le magasin du système."),
      valueName: "FICHIER.pem"))
  var autorites: [String] = []

  @Option(
    name: [.customLong("delai"), .customLong("délai")],
    help: ArgumentHelp(Typography.french("Délai maximal de chaque étape réseau, en secondes."), valueName: "SECONDES"))
  var delai: Double = 5

  @Option(help: ArgumentHelp(Typography.french("Format de sortie : texte ou json.")))
  var format: Format = .texte

  func run() throws {
    guard delai.isFinite, delai > 0, delai <= 120 else {
      Console.printError("erreur : --delai doit être un nombre de secondes entre 0 et 120")
      throw ExitStatus.usage
    }
    var urls: [URL] = []
    for adresse in adresses {
      guard let url = URL(string: adresse) else {
        Console.printError("erreur : adresse invalide « \(adresse) » (attendu : https://hote[:port])")
        throw ExitStatus.usage
      }
      do {
        try TLSProbe.validate(endpoint: url)
      } catch {
        Console.printError("erreur : \(error.message)")
        throw ExitStatus.usage
      }
      urls.append(url)
    }
    let anchors: TrustAnchors =
      autorites.isEmpty ? .system : .pemFiles(autorites.map { URL(fileURLWithPath: $0) })
    do {
      try TLSProbe.validate(trustAnchors: anchors)
    } catch {
      Console.printError("erreur : \(error.message)")
      throw ExitStatus.usage
    }
    let timeout = Duration.milliseconds(Int64((delai * 1000).rounded()))

    var reports: [TLSProbeReport] = []
    // A bounded pool (TLSProbeBounds.standard) and a bound on the whole run.
    for result in TLSProbe.probe(
      endpoints: urls, timeout: timeout, trustAnchors: anchors, now: Date(), bounds: .standard)
    {
      do {
        reports.append(try result.get())
      } catch {
        Console.printError("erreur : \(error.message)")
        throw ExitStatus.usage
      }
    }

    switch format {
    case .texte:
      Console.printOutput(reports.map(TLSReportText.render).joined(separator: "\n\n"))
    case .json:
      Console.printOutput(try ReportJSON.string(reports))
    }
    let allFine = reports.allSatisfy { $0.verdict.level == .conforme || $0.verdict.level == .acceptable }
    if !allFine { throw ExitStatus.problemes }
  }
}

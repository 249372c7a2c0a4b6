import ArgumentParser
import Foundation
import RegistreBatch
import RegistreGenerator
import RegistreModel
import RegistreRules
import RegistreWorkflows

/// `registre generer-registres DOSSIER`: fictional registers for tests and benchmarks.
struct GenerateRegistersCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "generer-registres",
    abstract: Typography.french("Génère des registres fictifs à partir du catalogue (essais, mesures de performance)."),
    discussion: Typography.french("""
      Écrit un registre par établissement (fichier XML canonique ou dossier YAML) dans DOSSIER, \\
      qui doit être neuf ou vide. Même graine, mêmes paramètres : mêmes octets sur toute machine. \\
      Les UAI sont fictifs (départements 098 et 099, qui n'existent pas) mais bien formés. \\
      Voir docs/lot-et-mesures.md.
      """),
    shouldDisplay: false)

  @Argument(help: ArgumentHelp(Typography.french("Dossier à créer (ou vide) où écrire les registres.")))
  var dossier: String

  @Option(name: .customLong("etablissements"), help: ArgumentHelp(Typography.french("Nombre d'établissements (1 à 19 999).")))
  var etablissements: Int = 1

  @Option(name: .customLong("traitements"), help: ArgumentHelp(Typography.french("Traitements par établissement (1 à 500).")))
  var traitements: Int = 50

  @Option(name: .customLong("graine"), help: ArgumentHelp(Typography.french("Graine du générateur pseudo-aléatoire.")))
  var graine: UInt64 = 2026

  @Option(
    name: .customLong("defauts"),
    help: ArgumentHelp(Typography.french("Part des traitements et sous-traitants qui reçoivent un défaut (0 à 1).")))
  var defauts: Double = 0.1

  @Option(name: .customLong("illisibles"), help: ArgumentHelp(Typography.french("Nombre de registres écrits illisibles.")))
  var illisibles: Int = 0

  @Option(name: .customLong("format"), help: ArgumentHelp(Typography.french("xml (un fichier par établissement) ou dossier (YAML).")))
  var format: GeneratorFormat = .xml

  enum GeneratorFormat: String, ExpressibleByArgument, CaseIterable {
    case xml, dossier
  }

  func run() throws {
    let parametres = GenerationParameters(
      etablissements: etablissements, traitements: traitements, graine: graine, partDefauts: defauts,
      illisibles: illisibles, format: format == .xml ? .xml : .dossier)
    do throws(GenerationError) {
      let generateur = try RegisterGenerator(parametres)
      let resume = try generateur.write(dans: URL(fileURLWithPath: dossier), progress: TerminalProgress.report)
      Console.printOutput(
        "\(resume.etablissements) registre(s) écrit(s) dans \(dossier) (\(resume.traitements) traitements"
          + (resume.illisibles.isEmpty ? ")." : ", dont \(resume.illisibles.count) registre(s) illisible(s) : "
            + resume.illisibles.joined(separator: ", ") + ")."))
    } catch {
      Console.printError("Erreur : \(error.message).")
      throw ExitStatus.usage
    }
  }
}

/// `registre mesurer-audit`: in-process audit throughput on generated registers (for `make bench`).
/// Prints one JSON object: every run's treatments per second on one thread, by wall-clock time and by the
/// thread's CPU time (`cpu_*`), with medians and spreads.
struct MeasureAuditCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "mesurer-audit",
    abstract: Typography.french("Mesure le débit de l'audit en mémoire (traitements par seconde, un cœur)."),
    shouldDisplay: false)

  @Option(name: .customLong("etablissements"), help: ArgumentHelp(Typography.french("Registres générés en mémoire.")))
  var etablissements: Int = 200

  @Option(name: .customLong("traitements"), help: ArgumentHelp(Typography.french("Traitements par registre.")))
  var traitements: Int = 50

  @Option(name: .customLong("repetitions"), help: ArgumentHelp(Typography.french("Nombre de mesures (médiane et dispersion).")))
  var repetitions: Int = 7

  /// CPU time of the calling thread, in seconds.
  static func threadCPUTime() -> Double {
    var instant = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &instant)
    return Double(instant.tv_sec) + Double(instant.tv_nsec) / 1e9
  }

  func run() throws {
    guard etablissements > 0, repetitions > 0 else {
      Console.printError("Erreur : --etablissements et --repetitions doivent être positifs.")
      throw ExitStatus.usage
    }
    let registres: [RegistreModel.Register]
    do throws(GenerationError) {
      let generateur = try RegisterGenerator(
        GenerationParameters(etablissements: etablissements, traitements: traitements))
      registres = (0..<etablissements).map(generateur.register)
    } catch {
      Console.printError("Erreur : \(error.message).")
      throw ExitStatus.usage
    }
    guard let jour = Day(annee: 2026, mois: 1, jour: 15) else { throw ExitStatus.usage }
    let contexte = AuditContext(auditDate: jour)
    let nombre = registres.reduce(0) { $0 + $1.traitements.count }
    // Wall-clock time is what a user waits; the thread's CPU time is what "per core" means
    // on a shared machine, where the thread may wait for a core between two slices.
    var debits: [Double] = []
    var debitsCPU: [Double] = []
    var constats = 0
    for _ in 0..<repetitions {
      var vus = 0
      let debutMur = DispatchTime.now().uptimeNanoseconds
      let debutCPU = Self.threadCPUTime()
      for registre in registres { vus += RegistreRules.Audit.run(registre, context: contexte).findings.count }
      let cpu = Self.threadCPUTime() - debutCPU
      let mur = Double(DispatchTime.now().uptimeNanoseconds - debutMur) / 1e9
      constats = vus
      debits.append(Double(nombre) / max(mur, 1e-9))
      debitsCPU.append(Double(nombre) / max(cpu, 1e-9))
    }
    let tries = debits.sorted()
    let triesCPU = debitsCPU.sorted()
    let objet: [String: Any] = [
      "registers": registres.count, "treatments": nombre, "findings": constats, "runs": debits,
      "median": tries[tries.count / 2], "min": tries[0], "max": tries[tries.count - 1],
      "cpu_runs": debitsCPU, "cpu_median": triesCPU[triesCPU.count / 2], "cpu_min": triesCPU[0],
      "cpu_max": triesCPU[triesCPU.count - 1],
    ]
    let donnees = try JSONSerialization.data(withJSONObject: objet, options: [.sortedKeys])
    FileHandle.standardOutput.write(donnees + Data("\n".utf8))
  }
}

/// `registre mesurer-rendu CHEMIN`: the register rendered several times in one process (for `make bench`):
/// prints one JSON object with the renderer used (`service` or `fop`, from `REGISTRE_RENDU`) and the seconds
/// of each rendering.
struct MeasureRenderingCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "mesurer-rendu",
    abstract: Typography.french("Mesure le rendu PDF du registre, plusieurs fois dans un même processus."),
    shouldDisplay: false)

  @Argument(help: ArgumentHelp(Typography.french("Dossier du registre ou fichier XML.")))
  var chemin: String

  @Option(name: .customLong("repetitions"), help: ArgumentHelp(Typography.french("Nombre de rendus.")))
  var repetitions: Int = 4

  func run() async throws {
    guard repetitions > 0 else {
      Console.printError("Erreur : --repetitions doit être positif.")
      throw ExitStatus.usage
    }
    let mesure = try await WorkflowExit.run { () async throws(WorkflowError) in
      try await DocumentWorkflow.measureRendering(registerAt: chemin, repetitions: repetitions)
    }
    let secondes = mesure.durations.map { Double($0.components.seconds) + Double($0.components.attoseconds) / 1e18 }
    let objet: [String: Any] = ["mode": mesure.mode.rawValue, "seconds": secondes]
    let donnees = try JSONSerialization.data(withJSONObject: objet, options: [.sortedKeys])
    FileHandle.standardOutput.write(donnees + Data("\n".utf8))
  }
}

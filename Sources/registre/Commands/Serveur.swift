import ArgumentParser
import Foundation
import RegistreCatalogue
import RegistreServer

/// `registre serveur DOSSIER`: the register folder as a local web application.
struct Serveur: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "serveur",
    abstract: "Sert le registre d'un dossier comme application web locale (tableau de bord, fiches, formulaires, documents).",
    discussion: """
      Le dossier reste la référence : chaque enregistrement réécrit le fichier YAML concerné, de façon atomique. \
      Le serveur n'écoute que sur 127.0.0.1 sauf --adresse. Il n'a pas encore de comptes : toute personne qui \
      atteint l'adresse peut modifier le registre. Ctrl-C l'arrête. Avec --demo, il sert une copie du registre \
      de démonstration (un lycée fictif) et signe les documents avec un certificat de démonstration.
      """)

  @Argument(help: "Dossier du registre (créé au besoin : la page « Ajouter depuis le catalogue » crée alors le registre).")
  var dossier: String?

  @Option(name: .customLong("port"), help: "Port TCP d'écoute.")
  var port: Int = 8080

  @Option(name: .customLong("adresse"), help: "Adresse IP d'écoute (par défaut la boucle locale seulement).")
  var adresse: String = "127.0.0.1"

  @Flag(name: [.customLong("demo"), .customLong("démo")], help: "Servir une copie du registre de démonstration.")
  var demo = false

  func validate() throws {
    if demo && dossier != nil { throw ValidationError("--demo sert une copie du registre de démonstration : ne pas indiquer de dossier.") }
    if !demo && dossier == nil { throw ValidationError("Indiquer le dossier du registre, ou --demo.") }
    if !(0...65535).contains(port) { throw ValidationError("Port « \(port) » invalide (attendu : 0 à 65535).") }
  }

  func run() throws {
    let folder: URL
    if demo {
      folder = FileManager.default.temporaryDirectory.appendingPathComponent("registre-demo-\(UUID().uuidString)")
      do {
        try FileManager.default.copyItem(at: Catalogue.dossierDemo(), to: folder)
      } catch {
        Console.erreur("Erreur : copie du registre de démonstration impossible (\(error)).")
        throw CodeSortie.usage
      }
      Console.sortie("Copie du registre de démonstration : \(folder.path)")
    } else {
      folder = URL(fileURLWithPath: dossier ?? ".").standardizedFileURL
      var isFolder: ObjCBool = false
      if FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder) {
        guard isFolder.boolValue else {
          Console.erreur("Erreur : « \(folder.path) » n'est pas un dossier.")
          throw CodeSortie.usage
        }
      } else {
        do {
          try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
          Console.erreur("Erreur : création du dossier « \(folder.path) » impossible.")
          throw CodeSortie.usage
        }
      }
    }
    let options = ServerOptions(folder: folder, host: adresse, port: port, demo: demo)
    let done = DispatchSemaphore(value: 0)
    let outcome = Outcome()
    Task {
      do {
        try await RegistreWebServer.run(options) { address in
          Console.sortie("Registre est servi à l'adresse \(address)")
          Console.sortie("Attention : sans comptes, toute personne qui atteint cette adresse peut modifier le registre.")
          Console.sortie("Ctrl-C pour arrêter.")
        }
      } catch {
        outcome.set("\(error)")
      }
      done.signal()
    }
    done.wait()
    if let failure = outcome.get() {
      Console.erreur("Erreur : le serveur n'a pas pu démarrer ou s'est arrêté (\(failure)).")
      throw CodeSortie.usage
    }
    Console.sortie("Serveur arrêté.")
  }
}

/// The server task's failure, read by the blocked main thread.
private final class Outcome: @unchecked Sendable {
  private let lock = NSLock()
  private var message: String?
  func set(_ m: String) { lock.lock(); message = m; lock.unlock() }
  func get() -> String? { lock.lock(); defer { lock.unlock() }; return message }
}

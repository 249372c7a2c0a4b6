import ArgumentParser
import Foundation
import RegistreCatalogue
import RegistreServer
import RegistreWorkflows

/// `registre serveur DOSSIER`: the register folder as a local web application.
struct ServeCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "serveur",
    abstract: Typography.french("Sert le registre d'un dossier comme application web locale (tableau de bord, fiches, formulaires, documents)."),
    discussion: Typography.french("""
      Le dossier reste la référence : chaque enregistrement réécrit le fichier YAML concerné, de façon atomique. \
      Le serveur n'écoute que sur 127.0.0.1 sauf --adresse. Chacun se connecte avec son compte \
      (registre comptes ajouter DOSSIER crée le premier) ; chaque action est vérifiée selon son rôle et \
      écrite au journal du dossier. Ctrl-C l'arrête. Avec --demo, il sert une copie du registre de \
      démonstration (un lycée fictif), où l'on se connecte en choisissant un rôle, sans mot de passe, et \
      signe les documents avec un certificat de démonstration.
      """))

  @Argument(help: ArgumentHelp(Typography.french("Dossier du registre, qui a au moins un compte (registre comptes ajouter) ; s'il n'a pas encore de registre, la page « Ajouter depuis le catalogue » le crée.")))
  var dossier: String?

  @Option(name: .customLong("port"), help: ArgumentHelp(Typography.french("Port TCP d'écoute.")))
  var port: Int = 8080

  @Option(name: .customLong("adresse"), help: ArgumentHelp(Typography.french("Adresse IP d'écoute (par défaut la boucle locale seulement).")))
  var adresse: String = "127.0.0.1"

  @Flag(name: [.customLong("demo"), .customLong("démo")], help: ArgumentHelp(Typography.french("Servir une copie du registre de démonstration.")))
  var demo = false

  @Flag(name: .customLong("lot"), help: ArgumentHelp(Typography.french("Servir un dossier de registres (un sous-dossier par établissement) : la vue de l'académie pour le DPD ; les comptes sont ceux du comptes.yaml du lot.")))
  var lot = false

  @OptionGroup(title: "Signature des documents de la page « Documents » (facultative ; le mot de passe est demandé au démarrage, jamais enregistré)")
  var signature: CLISigningOptions

  func validate() throws {
    if demo && dossier != nil { throw ValidationError("--demo sert une copie du registre de démonstration : ne pas indiquer de dossier.") }
    if !demo && dossier == nil { throw ValidationError("Indiquer le dossier du registre, ou --demo.") }
    if demo && lot { throw ValidationError("--lot sert un dossier de registres : pas avec --demo.") }
    if !(0...65535).contains(port) { throw ValidationError("Port « \(port) » invalide (attendu : 0 à 65535).") }
    if demo && signature.demandee {
      throw ValidationError("--demo signe avec un certificat de démonstration : ne pas donner de certificat.")
    }
  }

  func run() async throws {
    let folder: URL
    if demo {
      folder = FileManager.default.temporaryDirectory.appendingPathComponent("registre-demo-\(UUID().uuidString)")
      do {
        try FileManager.default.copyItem(at: Catalogue.demoFolder(), to: folder)
      } catch {
        Console.printError("Erreur : copie du registre de démonstration impossible (\(error)).")
        throw ExitStatus.usage
      }
      Console.printOutput("Copie du registre de démonstration : \(folder.path) (supprimée à l'arrêt du serveur)")
    } else {
      folder = URL(fileURLWithPath: dossier ?? ".").standardizedFileURL
      var isFolder: ObjCBool = false
      if FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder) {
        guard isFolder.boolValue else {
          Console.printError("Erreur : « \(folder.path) » n'est pas un dossier.")
          throw ExitStatus.usage
        }
      } else {
        Console.printError(
          "Erreur : le dossier « \(folder.path) » n'existe pas. Créez le premier compte, qui crée le dossier : "
            + "registre comptes ajouter \(folder.path) --identifiant IDENTIFIANT --role chef")
        throw ExitStatus.usage
      }
    }
    // The demo copy is the server's own scratch: gone when it stops, however it stops short of SIGKILL.
    defer {
      if demo {
        try? FileManager.default.removeItem(at: folder)
        Console.printOutput("Copie de démonstration supprimée.")
      }
    }
    // The signing identity is loaded once, before serving: the password is asked now, never stored.
    let identity: SigningIdentity?
    do {
      identity = try signature.identity(demonstration: demo, organisation: "Registre (démonstration)")
    } catch {
      Console.printError("Signature impossible : \(error)")
      throw ExitStatus.usage
    }
    var options = ServerOptions(folder: folder, host: adresse, port: port, demo: demo, signing: identity)
    options.lot = lot
    do {
      try await RegistreWebServer.run(options) { address in
        Console.printOutput("Registre est servi à l'adresse \(address)")
        if adresse != "127.0.0.1" && adresse != "::1" && adresse != "localhost" {
          Console.printOutput(
            "Attention : le cookie de session n'est envoyé que sur HTTPS ; hors de la boucle locale, servez Registre derrière un mandataire TLS.")
        }
        Console.printOutput("Ctrl-C pour arrêter.")
      }
    } catch let error as ServerSetupError {
      Console.printError("Erreur : \(error.message)")
      throw ExitStatus.usage
    } catch {
      Console.printError("Erreur : le serveur n'a pas pu démarrer ou s'est arrêté (\(error)).")
      throw ExitStatus.usage
    }
    Console.printOutput("Serveur arrêté.")
  }
}

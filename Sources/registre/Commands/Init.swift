import ArgumentParser
import Foundation
import RegistreCatalogue
import RegistreTeam

/// `registre init DOSSIER --nom … --uai …`: a new register folder from the catalogue.
struct Init: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "init",
    abstract: Typography.french("Crée le registre d'un établissement à partir d'entrées du catalogue."),
    discussion: Typography.french("""
      Écrit etablissement.yaml, une fiche par entrée dans traitements/ et les sous-traitants types dans
      sous-traitants/. Chaque valeur que l'établissement doit fournir commence par « À COMPLÉTER » ;
      « registre valider » les signale toutes avec leur fichier et leur ligne.
      Ne remplace jamais un fichier existant : si l'un des fichiers à écrire existe déjà, rien n'est écrit.
      Sans --avec, l'ensemble commun du catalogue est utilisé.
      """)
  )

  @Argument(help: ArgumentHelp(Typography.french("Dossier du nouveau registre (créé s'il n'existe pas).")))
  var dossier: String

  @Option(name: .customLong("nom"), help: ArgumentHelp(Typography.french("Nom de l'établissement.")))
  var nom: String

  @Option(name: .customLong("uai"), help: ArgumentHelp(Typography.french("Code UAI de l'établissement (sept chiffres et une lettre).")))
  var uai: String

  @Option(
    name: .customLong("avec"),
    help: ArgumentHelp(Typography.french("Identifiants des entrées, séparés par des virgules (par défaut : l'ensemble commun).")))
  var avec: String?

  func run() throws {
    let ids =
      avec.map { liste in
        liste.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
      } ?? Catalogue.ensembleCommun
    let url = URL(fileURLWithPath: dossier)
    let ecrits: [String]
    let create = { () throws(CreationError) -> [String] in
      try Catalogue.createRegister(dans: url, nom: nom, uai: uai, entrees: ids)
    }
    do {
      // In a team folder (comptes.yaml already there), the new files are journaled.
      ecrits = TeamFolder.isTeamFolder(url)
        ? try Journal(folder: url).performJournaled(by: .commandLine()) { try create() } : try create()
    } catch let error as CreationError {
      Console.printError("\(dossier) : \(error.message)")
      if case .fichierExistant = error {
        Console.printError("Aucun fichier n'a été écrit. Choisissez un autre dossier ou retirez les fichiers existants.")
      }
      throw ExitStatus.usage
    } catch {
      Console.printError("\(dossier) : erreur : journal de l'équipe : \(error)")
      throw ExitStatus.usage
    }
    let traitements = ecrits.filter { $0.hasPrefix("traitements/") }.count
    let sousTraitants = ecrits.filter { $0.hasPrefix("sous-traitants/") }.count
    Console.printOutput(
      "Registre créé dans \(dossier) : \(traitements) traitement(s), \(sousTraitants) sous-traitant(s) type.")
    Console.printOutput(
      "Complétez chaque valeur « \(Catalogue.marqueACompleter) … », puis lancez : registre valider \(dossier)")
  }
}

import ArgumentParser
import Foundation
import RegistreCatalogue

/// `registre catalogue`: the bundled catalogue of typical EPLE treatments.
struct CatalogueCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "catalogue",
    abstract: Typography.french("Liste les traitements types du catalogue (identifiant, nom, responsable, dépistage AIPD)."),
    discussion: Typography.french("""
      Chaque entrée est une fiche de registre préremplie avec ses sources ; « registre init » les copie
      dans un nouveau registre. Le dépistage AIPD affiché est indicatif (liste CNIL 2018-327, liste 2019-118,
      règle des deux critères WP248) ; l'audit fait foi.
      """),
    subcommands: [ListCommand.self, ShowCommand.self],
    defaultSubcommand: ListCommand.self
  )

  struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "lister", abstract: Typography.french("Affiche le tableau des entrées du catalogue."))

    func run() throws {
      let entrees = try readCatalogue()
      let lignes = entrees.map { entree in
        [entree.id, entree.nom, controllerLabel(entree), entree.depistage.libelle]
      }
      Console.printOutput(table(entete: ["ID", "NOM", "RESPONSABLE", "AIPD"], lignes: lignes))
      let communs = Set(Catalogue.ensembleCommun)
      Console.printOutput(
        "\n\(entrees.count) entrées ; ensemble commun de « registre init » : \(communs.count) entrées.")
    }
  }

  struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "afficher", abstract: Typography.french("Affiche la fiche YAML d'une entrée du catalogue."))

    @Argument(help: ArgumentHelp(Typography.french("Identifiant de l'entrée (voir « registre catalogue »).")))
    var id: String

    func run() throws {
      guard let entree = try readCatalogue().first(where: { $0.id == id }) else {
        Console.printError("entrée « \(id) » absente du catalogue (voir « registre catalogue »).")
        throw ExitStatus.usage
      }
      Console.printOutput(entree.texte.hasSuffix("\n") ? String(entree.texte.dropLast()) : entree.texte)
    }
  }
}

/// Reads the bundled catalogue, turning a packaging fault into a French message and exit 2.
func readCatalogue() throws -> [CatalogueEntry] {
  do {
    return try Catalogue.allEntries()
  } catch {
    Console.printError("catalogue illisible : \(error.description)")
    throw ExitStatus.usage
  }
}

private func controllerLabel(_ entree: CatalogueEntry) -> String {
  switch entree.typeResponsable {
  case .etablissement: return "établissement"
  case .ministere: return "ministère"
  case .collectivite: return "collectivité"
  case .conjoint: return "conjoint"
  }
}

/// Left-aligned columns; the last column is not padded.
private func table(entete: [String], lignes: [[String]]) -> String {
  let toutes = [entete] + lignes
  let largeurs = entete.indices.map { colonne in toutes.map { $0[colonne].count }.max() ?? 0 }
  return toutes.map { ligne in
    ligne.enumerated().map { colonne, texte in
      colonne == ligne.count - 1 ? texte : texte + String(repeating: " ", count: largeurs[colonne] - texte.count)
    }.joined(separator: "  ")
  }.joined(separator: "\n")
}

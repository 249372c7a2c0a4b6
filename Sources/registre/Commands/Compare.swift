import ArgumentParser
import Foundation
import RegistreArchive
import RegistreModel

extension RegistreCommand {
  /// `registre comparer A B [--format texte|json]`
  struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "comparer",
      abstract: Typography.french("Liste les modifications entre deux registres."),
      discussion: Typography.french("""
        A et B sont chacun un dossier de registre, un fichier XML canonique, un registre PDF exporté \
        (lu par son XML incorporé) ou une année scellée de l'archive (DOSSIER/2026).
        Code de sortie : 0 aucune modification, 1 modifications trouvées, 2 entrée illisible.
        """))

    enum Format: String, ExpressibleByArgument, CaseIterable {
      case texte, json
    }

    @Argument(help: ArgumentHelp(Typography.french("Registre de référence (le plus ancien)."), valueName: "A"))
    var ancien: String

    @Argument(help: ArgumentHelp(Typography.french("Registre comparé (le plus récent)."), valueName: "B"))
    var nouveau: String

    @Option(name: .customLong("format"), help: ArgumentHelp(Typography.french("Format de la liste : texte ou json.")))
    var format: Format = .texte

    func run() throws {
      let a = try Self.load(ancien)
      let b = try Self.load(nouveau)
      let liste = ChangeList.between(a, b, from: ancien, to: nouveau)
      switch format {
      case .texte: Console.printOutput(String(liste.text.dropLast()))
      case .json: Console.printOutput(String(decoding: try liste.json(), as: UTF8.self))
      }
      if !liste.isEmpty { throw ExitStatus.problemes }
    }

    static func load(_ chemin: String) throws -> RegistreModel.Register {
      do {
        return try RegisterSource.load(URL(fileURLWithPath: chemin))
      } catch {
        for ligne in error.lines { Console.printError(ligne) }
        Console.printError("erreur : registre illisible : \(chemin)")
        throw ExitStatus.usage
      }
    }
  }
}

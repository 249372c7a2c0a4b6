import ArgumentParser
import Foundation
import RegistreDocuments
import RegistreWorkflows

@main
struct RegistreCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "registre",
    abstract: Typography.french("Registre des activités de traitement d'un EPLE : valider, auditer, documenter, signer."),
    discussion: Typography.french("""
      Codes de sortie, pour toutes les commandes : 0 tout va bien ; 1 la vérification a trouvé des problèmes ;
      2 usage incorrect ou entrée illisible (rien n'a été écrit).
      """),
    version: RegistreVersion.current,
    subcommands: [
      ValidateCommand.self,
      ImportCommand.self,
      ConvertCommand.self,
      AuditCommand.self,
      ProbeCommand.self,
      EvaluateCommand.self,
      DPIACommand.self,
      ActionsCommand.self,
      RequestsCommand.self,
      CatalogueCommand.self,
      Init.self,
      Document.self,
      Notices.self,
      TemplatesCommand.self,
      Demo.self,
      SignCommand.self,
      VerifyCommand.self,
      JournalCommand.self,
      ExportCommand.self,
      CompareCommand.self,
      DeveloperCommand.self,
      GenerateRegistersCommand.self,
      MeasureAuditCommand.self,
      MeasureRenderingCommand.self,
      ServeCommand.self,
      AccountsCommand.self,
      ReviewStatusCommand.self,
      RecommendationsCommand.self,
    ],
    helpNames: [.short, .long, .customLong("aide")]
  )

  /// Runs the tool with French framework messages and the documented exit
  /// codes (ArgumentParser's own usage errors exit with 64; ours with 2).
  static func main() async {
    do {
      var commande = try parseAsRoot(FrenchMessages.arguments(Array(CommandLine.arguments.dropFirst())))
      if var asynchrone = commande as? any AsyncParsableCommand {
        try await asynchrone.run()
      } else {
        try commande.run()
      }
      // The warm renderer's JVM ends with the command (it would at exit anyway, PR_SET_PDEATHSIG;
      // here it is also reaped and its scratch folder removed).
      WarmFOPRenderer.shutDown()
    } catch {
      WarmFOPRenderer.shutDown()
      let code = exitCode(for: error)
      if let sortie = error as? ExitCode {
        Foundation.exit(sortie.rawValue)
      }
      // A completion script (asked by `--generate-completion-script`, or by the script itself with
      // `---completion`) is shell code: only the parser's two help texts are translated there.
      let arguments = CommandLine.arguments.dropFirst()
      let script = arguments.contains("--generate-completion-script") || arguments.first == "---completion"
      let message =
        script ? FrenchMessages.translateScript(fullMessage(for: error)) : FrenchMessages.translate(fullMessage(for: error))
      if code == .success {
        if !message.isEmpty { Console.printOutput(message) }
        Foundation.exit(0)
      }
      if !message.isEmpty { Console.printError(message) }
      Foundation.exit(ExitStatus.usage.rawValue)
    }
  }
}

/// French wording for the few messages ArgumentParser writes itself.
enum FrenchMessages {
  static let remplacements: [(String, String)] = [
    ("USAGE:", "UTILISATION :"),
    ("ARGUMENTS:", "ARGUMENTS :"),
    ("OPTIONS:", "OPTIONS :"),
    ("SUBCOMMANDS:", "SOUS-COMMANDES :"),
    ("OVERVIEW:", "PRÉSENTATION :"),
    ("Show help information.", "Affiche l'aide."),
    ("Show the version.", "Affiche la version."),
    ("Error: ", "Erreur : "),
    ("Missing expected argument", "Argument manquant"),
    ("Unknown option", "Option inconnue"),
    ("Unexpected argument", "Argument inattendu"),
    ("Missing value for option", "Valeur manquante pour l'option"),
    ("Missing value for", "Valeur manquante pour"),
    ("The value", "La valeur"),
    ("is invalid for", "n'est pas valide pour"),
    ("Please provide one of", "Valeurs possibles :"),
    ("See 'registre help", "Voir 'registre aide"),
    ("'registre help", "'registre aide"),
    (" --help'", " --aide'"),
    ("-h, --help, --aide      ", "-h, --aide              "),
    ("(default) ", "(défaut)  "),
    ("' or '", "' ou '"),
    ("' for more details.", "' pour plus de détails."),
    ("' for detailed help.", "' pour l'aide détaillée."),
    ("Help:", "Aide :"),
    ("<subcommand>", "<sous-commande>"),
    ("Usage:", "Utilisation :"),
    ("  See '", "  Voir '"),
    ("' for more information.", "' pour plus d'informations."),
    ("(default:", "(par défaut :"),
    ("; default:", " ; par défaut :"),
    ("default:", "par défaut :"),
    ("(values:", "(valeurs :"),
  ]

  /// The parser's words, then its straight quotes as « » (an apostrophe between letters, as in
  /// « l'aide », is an elision and stays).
  static func translate(_ texte: String) -> String {
    let words = remplacements.reduce(texte) { $0.replacingOccurrences(of: $1.0, with: $1.1) }
    // Option groups' headers (« SIGNATURE (FACULTATIVE): ») get the space French puts before « : ».
    let headers = words.replacingOccurrences(
      of: #"(?m)^(\S[^\n]*?[^\s\x{A0}]):$"#, with: "$1\u{A0}:", options: .regularExpression)
    return headers.replacingOccurrences(
      of: #"(?<!\p{L})'([^'\n]+?)'(?!\p{L})"#, with: "«\u{A0}$1\u{A0}»", options: .regularExpression)
  }

  /// The parser's own help texts of `--aide` and `--version`, the only words translated in a
  /// completion script or the man page (a quote there is shell or troff syntax, not typography;
  /// hence the typographic apostrophe, which the generators' quoting of help texts never sees).
  static func translateScript(_ texte: String) -> String {
    texte.replacingOccurrences(of: "Show help information.", with: "Affiche l\u{2019}aide.")
      .replacingOccurrences(of: "Show the version.", with: "Affiche la version.")
  }

  /// `registre aide [COMMANDE…]` is the parser's `help` subcommand under its French name.
  static func arguments(_ arguments: [String]) -> [String] {
    guard arguments.first == "aide" else { return arguments }
    return ["help"] + arguments.dropFirst()
  }
}

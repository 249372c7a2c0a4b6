import ArgumentParser
import Foundation
import RegistreWorkflows

/// `registre developpeur manuel`: the French man page, written from the command definitions
/// themselves (the parser's description of every command, option and help text), so the page
/// and `registre --aide` never disagree. `scripts/paquet.sh` puts it in the Debian package.
struct ManualCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "manuel",
    abstract: Typography.french("Écrit la page de manuel registre(1), en français, sur la sortie standard (format man)."))

  @Option(name: .customLong("date"), help: ArgumentHelp(Typography.french("Date imprimée en pied de page, AAAA-MM-JJ.")))
  var date: String = ""

  func run() throws {
    let description = try ManualPage.commandDescription()
    FileHandle.standardOutput.write(Data(ManualPage.render(description, version: RegistreVersion.current, date: date).utf8))
  }
}

/// `registre developpeur completions SHELL`: the completion script the argument parser writes from
/// the command definitions, with its two built-in help texts in French.
struct CompletionsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "completions",
    abstract: Typography.french("Écrit le script de complétion de l'interpréteur demandé (bash, zsh ou fish) sur la sortie standard."))

  @Argument(help: ArgumentHelp(Typography.french("bash, zsh ou fish.")))
  var interpreteur: String

  func run() throws {
    guard let shell = CompletionShell(rawValue: interpreteur), CompletionShell.allCases.contains(shell) else {
      Console.printError("erreur : interpréteur inconnu « \(interpreteur) » ; attendu : bash, zsh ou fish.")
      throw ExitStatus.usage
    }
    let script = FrenchMessages.translateScript(RegistreCommand.completionScript(for: shell))
    FileHandle.standardOutput.write(Data(script.utf8))
  }
}

/// The man page of `registre`, in troff (`man 7 groff_man`), from the parser's JSON description
/// of the commands (`--experimental-dump-help`, the same tree `--aide` prints from).
enum ManualPage {
  /// What the man page reads of the parser's description (its « ToolInfo » version 0).
  struct Command: Decodable {
    var commandName: String
    var aliases: [String]?
    var abstract: String?
    var discussion: String?
    var shouldDisplay: Bool?
    var subcommands: [Command]?
    var arguments: [Argument]?
  }

  struct Argument: Decodable {
    struct Name: Decodable {
      var kind: String
      var name: String
    }
    var kind: String
    var shouldDisplay: Bool?
    var names: [Name]?
    var valueName: String?
    var abstract: String?
    var discussion: String?
    var defaultValue: String?
    var isOptional: Bool?
    var isRepeating: Bool?
    var allValues: [String]?
    var sectionTitle: String?
  }

  struct Root: Decodable {
    var command: Command
  }

  static func commandDescription() throws -> Command {
    let json = RegistreCommand._dumpHelp()
    do {
      return try JSONDecoder().decode(Root.self, from: Data(json.utf8)).command
    } catch {
      Console.printError("erreur : description des commandes illisible (\(error)).")
      throw ExitStatus.usage
    }
  }

  static func render(_ root: Command, version: String, date: String) -> String {
    var page: [String] = []
    page.append(#".\" Écrit par « registre developpeur manuel » à partir des définitions des commandes ; ne pas modifier."#)
    page.append(".TH REGISTRE 1 \(quoted(date)) \(quoted("registre " + version)) \(quoted("Manuel de l'utilisateur"))")
    page.append(".nh")
    page.append(".SH NOM")
    page.append("registre \\- " + escaped(root.abstract ?? ""))
    page.append(".SH SYNOPSIS")
    page.append(".B registre")
    page.append(".I COMMANDE")
    page.append("[\\fIOPTIONS\\fR] [\\fIARGUMENTS\\fR]")
    page.append(".br")
    page.append(".B registre aide")
    page.append("[\\fICOMMANDE\\fR]")
    page.append(".br")
    page.append(".B registre")
    page.append("[\\fB\\-\\-aide\\fR] [\\fB\\-\\-version\\fR]")
    page.append(".SH DESCRIPTION")
    page += paragraphs(root.abstract)
    page += paragraphs(root.discussion)
    page.append(".PP")
    page.append("Chaque commande affiche son aide avec " + bold("registre COMMANDE \\-\\-aide") + " ou "
      + bold("registre aide COMMANDE") + ".")
    page.append(".SH COMMANDES")
    for command in visibleSubcommands(of: root) {
      page += section(command, path: ["registre"])
    }
    page.append(".SH FICHIERS")
    page.append(".TP")
    page.append(bold("/usr/lib/registre/"))
    page.append("Le programme et ses ressources\\~: catalogue et registre de démonstration, modèles XSLT des documents "
      + "et configuration d'Apache FOP (" + bold("registre modeles exporter DOSSIER") + " en fait une copie à adapter).")
    page.append(".TP")
    page.append(bold("/usr/share/registre/schemas/"))
    page.append("Schémas du format\\~: XSD du XML canonique et schéma JSON des fichiers YAML (pour un éditeur).")
    page.append(".SH ENVIRONNEMENT")
    page.append(".TP")
    page.append(bold("REGISTRE_MOT_DE_PASSE"))
    page.append("Mot de passe de la clé de signature, à défaut de \\fB\\-\\-mot\\-de\\-passe\\-fichier\\fR.")
    page.append(".TP")
    page.append(bold("https_proxy") + ", " + bold("http_proxy") + ", " + bold("no_proxy"))
    page.append("Proxy du réseau de l'établissement pour l'horodatage et " + bold("registre sonder") + ".")
    page.append(".SH \"CODES DE SORTIE\"")
    page.append(".TP")
    page.append(bold("0"))
    page.append("Tout va bien.")
    page.append(".TP")
    page.append(bold("1"))
    page.append("La vérification a trouvé des problèmes.")
    page.append(".TP")
    page.append(bold("2"))
    page.append("Usage incorrect ou entrée illisible (rien n'a été écrit).")
    page.append(".SH \"VOIR AUSSI\"")
    page.append(".BR fop (1)")
    return page.joined(separator: "\n") + "\n"
  }

  static func visibleSubcommands(of command: Command) -> [Command] {
    (command.subcommands ?? []).filter { $0.shouldDisplay != false && $0.commandName != "help" }
  }

  /// One command: a subsection with its synopsis, texts and options, then its own subcommands.
  static func section(_ command: Command, path: [String]) -> [String] {
    let names = path + [command.commandName]
    var lines = [".SS " + quoted(names.joined(separator: " "))]
    // `--aide` and `--version` are the same everywhere: said once, in the synopsis.
    let arguments = (command.arguments ?? []).filter { argument in
      argument.shouldDisplay != false && !(argument.names ?? []).contains { $0.name == "version" || $0.name == "aide" }
    }
    let positionals = arguments.filter { $0.kind == "positional" }
    var synopsis = bold(names.joined(separator: " "))
    if !visibleSubcommands(of: command).isEmpty { synopsis += " \\fISOUS\\-COMMANDE\\fR" }
    if arguments.contains(where: { $0.kind != "positional" }) { synopsis += " [\\fIOPTIONS\\fR]" }
    for positional in positionals {
      let value = "\\fI" + escaped(positional.valueName ?? "valeur") + "\\fR" + (positional.isRepeating == true ? "\\&..." : "")
      synopsis += positional.isOptional == true ? " [\(value)]" : " \(value)"
    }
    lines.append(synopsis)
    if let aliases = command.aliases, !aliases.isEmpty {
      lines.append(".br")
      lines.append((aliases.count == 1 ? "Autre nom\\~: " : "Autres noms\\~: ")
        + aliases.map { bold(escaped((path + [$0]).joined(separator: " "))) }.joined(separator: ", ") + ".")
    }
    lines += paragraphs(command.abstract)
    lines += paragraphs(command.discussion)
    var currentSection: String?
    for argument in arguments {
      if argument.sectionTitle != currentSection {
        // A titled group of options, or the end of one (the options after it are not in it).
        lines.append(".PP")
        lines.append("\\fI" + escaped(argument.sectionTitle ?? "Autres options") + "\\fR")
      }
      currentSection = argument.sectionTitle
      lines.append(".TP")
      lines.append(term(argument))
      var help = FrenchMessages.translateScript(argument.abstract ?? "")
      if let values = argument.allValues, !values.isEmpty, !values.allSatisfy({ help.contains($0) }) {
        help += " Valeurs\u{A0}: " + values.joined(separator: ", ") + "."
      }
      if let defaultValue = argument.defaultValue, !defaultValue.isEmpty, argument.kind != "flag" {
        help += " Par défaut\u{A0}: " + defaultValue + "."
      }
      if argument.isRepeating == true && argument.kind != "positional" { help += " Répétable." }
      lines.append(escaped(help))
    }
    for subcommand in visibleSubcommands(of: command) {
      lines += section(subcommand, path: names)
    }
    return lines
  }

  /// The option's names (`--aide` rather than the parser's `--help`) and its value.
  static func term(_ argument: Argument) -> String {
    let value = "\\fI" + escaped(argument.valueName ?? "valeur") + "\\fR"
    if argument.kind == "positional" { return value }
    var names = argument.names ?? []
    if names.contains(where: { $0.name == "aide" }) { names.removeAll { $0.name == "help" } }
    let written = names.map { name in
      "\\fB" + (name.kind == "short" ? "\\-" : "\\-\\-") + escaped(name.name) + "\\fR"
    }.joined(separator: ", ")
    return argument.kind == "option" ? written + " " + value : written
  }

  /// Paragraphs of a help text: a blank line starts a new one; other line breaks are the source's
  /// wrapping and are filled again by man.
  static func paragraphs(_ text: String?) -> [String] {
    guard let text = text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return [] }
    var lines: [String] = []
    for paragraph in text.components(separatedBy: "\n\n") {
      lines.append(".PP")
      for line in paragraph.split(separator: "\n") {
        lines.append(escaped(String(line).trimmingCharacters(in: .whitespaces)))
      }
    }
    return lines
  }

  static func bold(_ text: String) -> String { "\\fB" + text + "\\fR" }

  /// Text made safe for troff: backslashes and hyphens escaped, no-break spaces as `\~`,
  /// a control character at the start of a line neutralised, `code` in bold.
  static func escaped(_ text: String) -> String {
    var result = text.replacingOccurrences(of: "\\", with: "\\e")
      .replacingOccurrences(of: "-", with: "\\-")
      .replacingOccurrences(of: "\u{A0}", with: "\\~")
      .replacingOccurrences(of: "\u{202F}", with: "\\~")
    result = result.replacingOccurrences(of: #"`([^`]+)`"#, with: #"\\fB$1\\fR"#, options: .regularExpression)
    if result.hasPrefix(".") || result.hasPrefix("'") { result = "\\&" + result }
    return result
  }

  static func quoted(_ text: String) -> String {
    "\"" + escaped(text).replacingOccurrences(of: "\"", with: "\\(dq") + "\""
  }
}

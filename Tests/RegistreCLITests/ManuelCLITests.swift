import Foundation
import Testing
import RegistreTestSupport

/// The man page and the shell completions of the Debian package (issue 23), written by the binary from its own
/// command definitions (`registre developpeur manuel`, `registre developpeur completions SHELL`).
@Suite struct ManuelCLI {
  @Test func theManPageDescribesEveryVisibleCommandInFrench() throws {
    let page = try CLITool.run(["developpeur", "manuel", "--date", "2026-12-02"])
    #expect(page.code == 0, "\(page.erreurs)")
    #expect(page.sortie.hasPrefix(#".\" "#))
    let version = try CLITool.run(["--version"]).sortie.trimmingCharacters(in: .whitespacesAndNewlines)
    #expect(page.sortie.contains(#".TH REGISTRE 1 "2026\-12\-02" "registre "# + version + "\""), "\(page.sortie.prefix(300))")
    for section in [".SH NOM", ".SH SYNOPSIS", ".SH DESCRIPTION", ".SH COMMANDES", ".SH \"CODES DE SORTIE\""] {
      #expect(page.sortie.contains(section + "\n"), "\(section)")
    }
    // Every command `registre --aide` lists has its subsection, with its options; the hidden ones have none.
    let commandes = ValidateCLI.subcommands(of: try CLITool.run(["--aide"]).sortie).filter {
      $0.first?.isLowercase == true && $0 != "aide" && $0 != "help"
    }
    #expect(commandes.count > 12)
    for commande in commandes {
      #expect(page.sortie.contains(".SS \"registre \(commande.replacingOccurrences(of: "-", with: "\\-"))\""), "\(commande)")
    }
    #expect(page.sortie.contains(".SS \"registre catalogue afficher\""))
    #expect(page.sortie.contains("Autre nom\\~: \\fBregistre évaluer\\fR."))
    #expect(page.sortie.contains(#"\fB\-\-remplacer\fR"#))
    for cachee in ["developpeur", "generer\\-registres", "mesurer\\-audit"] {
      #expect(!page.sortie.contains(".SS \"registre \(cachee)"), "\(cachee)")
    }
    // No word of the parser's English, and --aide, never --help.
    for english in ["Show help", "Show the version", "USAGE", "OPTIONS:", "(default", "\\-\\-help"] {
      #expect(!page.sortie.contains(english), "« \(english) » dans la page de manuel")
    }
    // Every line is troff: no text line starts with a control character it did not mean.
    for line in page.sortie.split(separator: "\n") where line.hasPrefix("'") {
      Issue.record("ligne de texte prise pour une requête : \(line)")
    }
  }

  /// man (from man-db, which lintian needs) formats the page without a warning.
  @Test func manFormatsThePageWithoutWarnings() throws {
    let man = try Checkers.require("man", package: "man-db")
    let dossier = try TemporaryFolder.make()
    defer { try? FileManager.default.removeItem(at: dossier) }
    let fichier = dossier.appendingPathComponent("registre.1")
    try Data(try CLITool.run(["developpeur", "manuel"]).sortie.utf8).write(to: fichier)
    let rendu = try ProcessRunner.run(
      [man, "--warnings", "-E", "UTF-8", "-l", fichier.path], environment: ["MANPAGER": "cat", "MANWIDTH": "80", "LC_ALL": "C.UTF-8"],
      mergeErrors: false)
    #expect(rendu.status == 0)
    #expect(rendu.errors.isEmpty, "\(rendu.errors)")
    #expect(rendu.output.contains("CODES DE SORTIE"))
    #expect(rendu.output.contains("registre demo"))
  }

  /// The completion scripts are shell code: the help's translation of straight quotes into « » must never reach
  /// them (it broke both `--generate-completion-script` scripts before issue 23). bash checks its script's syntax.
  @Test func completionScriptsAreValidShell() throws {
    for arguments in [["developpeur", "completions", "bash"], ["--generate-completion-script", "bash"]] {
      let script = try CLITool.run(arguments)
      #expect(script.code == 0)
      #expect(script.sortie.contains("complete -o filenames -F _registre registre") || script.sortie.contains("-F _registre"), "\(arguments)")
      #expect(script.sortie.contains("valider") && script.sortie.contains("--remplacer"))
      let dossier = try TemporaryFolder.make()
      defer { try? FileManager.default.removeItem(at: dossier) }
      let fichier = dossier.appendingPathComponent("registre.bash")
      try Data(script.sortie.utf8).write(to: fichier)
      let bash = try ProcessRunner.run(["bash", "-n", fichier.path])
      #expect(bash.status == 0 && bash.output.isEmpty, "\(arguments) : \(bash.output)")
    }
    let zsh = try CLITool.run(["developpeur", "completions", "zsh"])
    #expect(zsh.code == 0 && zsh.sortie.hasPrefix("#compdef registre"))
    #expect(zsh.sortie.contains("Affiche l\u{2019}aide.") && !zsh.sortie.contains("Show help"))
    let fish = try CLITool.run(["developpeur", "completions", "fish"])
    #expect(fish.code == 0 && fish.sortie.contains("complete -c 'registre'"))
    let inconnu = try CLITool.run(["developpeur", "completions", "powershell"])
    #expect(inconnu.code == 2)
    #expect(inconnu.erreurs.contains("interpréteur inconnu « powershell »"))
  }

  @Test func zshAcceptsItsCompletionScript() throws {
    let zsh = try Checkers.require("zsh", package: "zsh")
    for arguments in [["developpeur", "completions", "zsh"], ["--generate-completion-script", "zsh"]] {
      let dossier = try TemporaryFolder.make()
      defer { try? FileManager.default.removeItem(at: dossier) }
      let fichier = dossier.appendingPathComponent("_registre")
      try Data(try CLITool.run(arguments).sortie.utf8).write(to: fichier)
      let verification = try ProcessRunner.run([zsh, "-n", fichier.path])
      #expect(verification.status == 0 && verification.output.isEmpty, "\(arguments) : \(verification.output)")
    }
  }
}

import Foundation
import Testing
import RegistreTestSupport

@Suite struct ValidateCLI {
  @Test func aValidRegisterExitsWithZero() throws {
    let r = try CLITool.run(["valider", CLITool.registreValide.path])
    #expect(r.code == 0)
    #expect(r.sortie.contains("Registre valide"))
  }

  @Test func anInvalidRegisterExitsWithOneAndSaysWhere() throws {
    let dossier = try TemporaryFolder.make()
    defer { try? FileManager.default.removeItem(at: dossier) }
    let copie = dossier.appendingPathComponent("r")
    try FileManager.default.copyItem(at: CLITool.registreValide, to: copie)
    let fiche = copie.appendingPathComponent("traitements/vie-scolaire.yaml")
    let texte = try String(contentsOf: fiche, encoding: .utf8).replacingOccurrences(of: "statut: valide", with: "statut: validée")
    try texte.write(to: fiche, atomically: true, encoding: .utf8)
    let r = try CLITool.run(["valider", copie.path])
    #expect(r.code == 1)
    #expect(r.erreurs.contains("traitements/vie-scolaire.yaml:3:9: erreur: champ « statut » : valeur « validée » inconnue"))
  }

  /// A valid fiche whose notice would say « non précisé » is listed, exit 0; completed, it is not.
  @Test func fichesIncompleteForTheNoticesAreListed() throws {
    let r = try CLITool.run(["valider", CLITool.registreValide.path])
    #expect(r.code == 0)
    #expect(r.sortie.contains("Notices : 1 fiche(s) incomplète(s) pour les notices"))
    #expect(r.sortie.contains("traitements/vie-scolaire.yaml:1: avertissement: Fiche incomplète pour les notices"))
    #expect(r.sortie.contains("l'origine de « nom, prénom, date de naissance »"))
    #expect(r.sortie.contains("[notice-incomplete]"))

    let dossier = try TemporaryFolder.make()
    defer { try? FileManager.default.removeItem(at: dossier) }
    let copie = dossier.appendingPathComponent("r")
    try FileManager.default.copyItem(at: CLITool.registreValide, to: copie)
    let fiche = copie.appendingPathComponent("traitements/vie-scolaire.yaml")
    let texte = try String(contentsOf: fiche, encoding: .utf8)
      .replacingOccurrences(of: "destinataires:\n", with: "collecte_aupres_des_personnes: true\ndestinataires:\n")
      .replacingOccurrences(of: "    conservation:\n", with: "    fourniture_obligatoire: true\n    conservation:\n")
    try texte.write(to: fiche, atomically: true, encoding: .utf8)
    let complete = try CLITool.run(["valider", copie.path])
    #expect(complete.code == 0)
    #expect(complete.sortie.contains("Registre valide"))
    #expect(!complete.sortie.contains("Notices :"), "\(complete.sortie)")
    let audit = try CLITool.run(["audit", copie.path, "--date", "2026-11-29", "--regle", "notice-incomplete"])
    #expect(!audit.sortie.contains("[notice-incomplete]"))
    let before = try CLITool.run(["audit", CLITool.registreValide.path, "--date", "2026-11-29", "--regle", "notice-incomplete"])
    #expect(before.sortie.contains("avertissement [notice-incomplete]"))
  }

  @Test func aMissingPathExitsWithTwo() throws {
    let r = try CLITool.run(["valider", "/chemin/qui/n-existe/pas"])
    #expect(r.code == 2)
    #expect(r.erreurs.contains("chemin introuvable"))
  }

  @Test func anUnknownOptionExitsWithTwoInFrench() throws {
    let r = try CLITool.run(["valider", "--inconnue", "x"])
    #expect(r.code == 2)
    #expect(r.erreurs.contains("Option inconnue"))
  }

  @Test func theHelpIsInFrench() throws {
    let r = try CLITool.run(["--aide"])
    #expect(r.code == 0)
    #expect(r.sortie.contains("SOUS-COMMANDES"))
    #expect(r.sortie.contains("valider"))
  }

  /// The subcommands a help text lists (first name of each line under « SOUS-COMMANDES : »).
  static func subcommands(of help: String) -> [String] {
    guard let start = help.range(of: "SOUS-COMMANDES :") else { return [] }
    return help[start.upperBound...].split(separator: "\n").compactMap { line in
      guard line.hasPrefix("  "), let first = line.dropFirst(2).first, first.isLetter else { return nil }
      return line.dropFirst(2).split(whereSeparator: { $0 == " " || $0 == "," }).first.map(String.init)
    }
  }

  /// Issue 23: no word of the argument parser's English in any help or usage error, straight quotes
  /// become « », and `registre aide COMMANDE` is `registre COMMANDE --aide`.
  @Test func everyHelpAndParserErrorIsFrench() throws {
    var pending: [[String]] = [[]]
    var seen: [[String]] = []
    while let path = pending.popLast() {
      seen.append(path)
      let help = try CLITool.run(path + ["--aide"])
      #expect(help.code == 0, "\(path)")
      for english in ["USAGE", "OVERVIEW", "SUBCOMMANDS", "default", "--help", "help ", "See '", "Show ", " or '"] {
        #expect(!help.sortie.contains(english), "« \(english) » dans l'aide de registre \(path.joined(separator: " "))")
      }
      #expect(help.sortie.range(of: #"(?<!\p{L})'[^'\n]+'(?!\p{L})"#, options: .regularExpression) == nil, "\(path)")
      // Wrapped lines never part « » from their words, nor leave « : ; ? ! » at the start of a line.
      for line in help.sortie.split(separator: "\n") {
        let text = line.trimmingCharacters(in: .whitespaces)
        #expect(!text.hasSuffix("«") && !["»", ":", ";", "?", "!"].contains(where: { text.hasPrefix($0) }),
          "registre \(path.joined(separator: " ")) : « \(line) »")
        // A line ending in « : » has its space, headers of option groups included (« statut: brouillon »
        // inside a sentence is YAML, and stays).
        #expect(text.range(of: #"[\p{L})»]:$"#, options: .regularExpression) == nil,
          "registre \(path.joined(separator: " ")) : « \(line) »")
      }
      for name in Self.subcommands(of: help.sortie) where !seen.contains(path + [name]) && path.count < 2 {
        pending.append(path + [name])
      }
    }
    #expect(seen.count > 15)
    let aide = try CLITool.run(["aide", "document"])
    #expect(aide.code == 0)
    #expect(aide.sortie == (try CLITool.run(["document", "--aide"])).sortie)

    let errors = [
      ["valider"], ["audit", "x", "--format", "zzz"], ["audit", "--echec-si"], ["valider", "--inconnue"],
      ["valider", "a", "b"],
    ]
    for arguments in errors {
      let r = try CLITool.run(arguments)
      #expect(r.code == 2, "\(arguments)")
      for english in ["Error", "Missing", "Unknown", "Unexpected", "value", "Please", " or ", "--help", "See "] {
        #expect(!r.erreurs.contains(english), "« \(english) » dans : \(r.erreurs)")
      }
      #expect(r.erreurs.range(of: #"(?<!\p{L})'[^'\n]+'(?!\p{L})"#, options: .regularExpression) == nil, "\(r.erreurs)")
    }
  }

  /// Issue 23: the UAI's check letter is verified (a warning, exit 0); the right letter gives none.
  @Test func aUAIWithAWrongCheckLetterIsReported() throws {
    let dossier = try TemporaryFolder.make()
    defer { try? FileManager.default.removeItem(at: dossier) }
    let copie = dossier.appendingPathComponent("r")
    try FileManager.default.copyItem(at: CLITool.registreValide, to: copie)
    let bon = try CLITool.run(["valider", copie.path])
    #expect(bon.code == 0)
    #expect(!bon.sortie.contains("lettre clé"))
    let fichier = copie.appendingPathComponent("etablissement.yaml")
    let texte = try String(contentsOf: fichier, encoding: .utf8)
    #expect(texte.contains("uai: 0999998E"))
    try Data(texte.replacingOccurrences(of: "uai: 0999998E", with: "uai: 0999998Y").utf8).write(to: fichier)
    let faux = try CLITool.run(["valider", copie.path])
    #expect(faux.code == 0)
    #expect(faux.sortie.contains("la lettre clé de l'UAI « 0999998Y » ne correspond pas à ses chiffres (clé calculée : E"), "\(faux.sortie)")
    #expect(faux.sortie.contains("blog.juliendelmas.fr"))
  }

  /// Issue 23: an invalid register ends with what remains to complete, per file.
  @Test func whatRemainsToCompleteIsCountedPerFile() throws {
    let dossier = try TemporaryFolder.make()
    defer { try? FileManager.default.removeItem(at: dossier) }
    let copie = dossier.appendingPathComponent("r")
    try FileManager.default.copyItem(at: CLITool.registreValide, to: copie)
    #expect(!(try CLITool.run(["valider", copie.path])).erreurs.contains("Reste à compléter"))
    let fiche = copie.appendingPathComponent("sous-traitants/index-education.yaml")
    try "id: index-education\nnom: \"À COMPLÉTER : raison sociale\"\npays: \"À COMPLÉTER : pays\"\n".write(to: fiche, atomically: true, encoding: .utf8)
    let r = try CLITool.run(["valider", copie.path])
    #expect(r.code == 1)
    #expect(r.erreurs.contains("Reste à compléter : sous-traitants/index-education.yaml (2)."), "\(r.erreurs)")
  }

  /// Accented spellings are accepted as aliases of the ASCII names.
  @Test func accentedSpellingsAreAccepted() throws {
    #expect(try CLITool.run(["vérifier", "--aide"]).code == 0)
    #expect(try CLITool.run(["modèles", "--aide"]).code == 0)
    let signer = try CLITool.run(["signer", "--aide"])
    #expect(signer.sortie.contains("--clé"))
    #expect(signer.sortie.contains("--chaîne"))
  }

  @Test func convertToXMLAndBack() throws {
    let dossier = try TemporaryFolder.make()
    defer { try? FileManager.default.removeItem(at: dossier) }
    let xml = dossier.appendingPathComponent("registre.xml").path
    #expect(try CLITool.run(["convertir", CLITool.registreValide.path, "--sortie", xml]).code == 0)
    #expect(try CLITool.run(["valider", xml]).code == 0)
    // Never overwritten.
    let encore = try CLITool.run(["convertir", CLITool.registreValide.path, "--sortie", xml])
    #expect(encore.code == 2)
    #expect(encore.erreurs.contains("existe déjà"))
    let retour = dossier.appendingPathComponent("retour").path
    #expect(try CLITool.run(["convertir", xml, "--sortie", retour]).code == 0)
    #expect(try CLITool.run(["valider", retour]).code == 0)
  }
}

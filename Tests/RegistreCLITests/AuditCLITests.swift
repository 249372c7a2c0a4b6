import Foundation
import Testing
import RegistreTestSupport

/// `registre audit`, run as a user would.
@Suite struct AuditCLI {
  /// A copy of the valid register with a video treatment full of planted defects
  /// and a US processor; `acceptations` is written as `acceptations.yaml` when given.
  static func registerWithDefects(acceptations: String? = nil) throws -> (dossier: URL, registre: URL) {
    let dossier = try TemporaryFolder.make()
    let copie = dossier.appendingPathComponent("r")
    try FileManager.default.copyItem(at: CLITool.registreValide, to: copie)
    let video = """
      id: video
      nom: Vidéoprotection des accès
      statut: valide
      finalite_principale: Sécurité des accès
      responsable:
        type: etablissement
      base_legale:
        article_6: mission-interet-public
      personnes_concernees:
        - categorie: eleves-mineurs
      donnees:
        - categorie: image
          conservation:
            duree: 3 mois
      destinataires:
        - type: interne
          nom: Direction
      sous_traitants: [cloudco]
      mesures_securite:
        - famille: controle-acces
      flux:
        - de: Direction
          vers: Console
          canal: https
          versions_tls: ["1.0", "1.2"]
          mfa: true
      criteres_aipd: [surveillance-systematique]
      information:
        notice_existante: true
      """
    try video.write(
      to: copie.appendingPathComponent("traitements/video.yaml"), atomically: true, encoding: .utf8)
    let cloud =
      "id: cloudco\nnom: CloudCo Inc.\npays: US\nhebergement:\n  pays: US\ncontrat:\n  signe: true\n"
    try cloud.write(
      to: copie.appendingPathComponent("sous-traitants/cloudco.yaml"), atomically: true, encoding: .utf8)
    if let acceptations {
      try acceptations.write(
        to: copie.appendingPathComponent("acceptations.yaml"), atomically: true, encoding: .utf8)
    }
    return (dossier, copie)
  }

  @Test func registerWithoutErrorExitsWithZero() throws {
    let r = try CLITool.run(["audit", CLITool.registreValide.path, "--date", "2026-11-29"])
    #expect(r.code == 0)
    #expect(r.sortie.contains("Traitement « vie-scolaire »"))
    #expect(r.sortie.contains("Résumé : aucun constat bloquant ouvert"))
    #expect(!r.sortie.contains("\u{1B}["))
  }

  @Test func plantedDefectsFoundWithTheirIdentifier() throws {
    let (dossier, registre) = try Self.registerWithDefects()
    defer { try? FileManager.default.removeItem(at: dossier) }
    let r = try CLITool.run(["audit", registre.path, "--date", "2026-11-29"])
    #expect(r.code == 1)
    for id in [
      "aipd-requise-manquante", "transfert-hors-ue-sans-garantie", "doctrine-cloud-ministere",
      "conservation-excessive", "flux-tls-obsolete",
    ] {
      #expect(r.sortie.contains("[\(id)]"), "\(id)")
    }
    #expect(r.sortie.contains("à : traitements/video.yaml:14:14"))
  }

  /// The demo's planted defects (its LISEZMOI.md), as (rule, severity, treatment or other id).
  static let defautsDeLaDemo: [(String, String, String)] = [
    ("sous-traitant-sans-contrat", "error", "mathsfun"),
    ("aipd-requise-manquante", "error", "applications-hors-gar"),
    ("conservation-non-definie", "warning", "bourses"),
    ("flux-non-chiffre", "error", "infirmerie"),
    ("base-legale-interet-legitime-autorite", "error", "registre-visiteurs"),
    ("doctrine-cloud-ministere", "warning", "suite-bureautique-us"),
    ("flux-tls-obsolete", "error", "site-web-reseaux-sociaux"),
    ("biometrie-sans-alternative", "error", "demi-pension-biometrie"),
    ("aipd-requise-manquante", "error", "demi-pension-biometrie"),
    ("violation-non-documentee", "error", "2026-10-courriel-pai"),
    ("conservation-excessive", "error", "videoprotection"),
    ("acces-sans-mfa", "warning", "service-social"),
    ("responsable-incorrect", "warning", "livrets-scolaires"),
    ("action-en-retard", "warning", "signer-contrat-mathsfun"),
    ("demande-hors-delai", "error", "2026-10-acces-parent"),
  ]

  @Test func theDemoShowsItsPlantedDefects() throws {
    let demo = CLITool.depot.appendingPathComponent("Sources/RegistreCatalogue/Resources/demo")
    let r = try CLITool.run(["audit", demo.path, "--date", "2026-11-29", "--format", "json"])
    #expect(r.code == 1)
    let objet = try #require(try JSONSerialization.jsonObject(with: Data(r.sortie.utf8)) as? [String: Any])
    let constats = try #require(objet["findings"] as? [[String: Any]])
    func subject(_ c: [String: Any]) -> String? {
      (c["treatment"] as? String) ?? (c["processor"] as? String) ?? (c["breach"] as? String)
        ?? (c["action"] as? String) ?? (c["request"] as? String)
    }
    for (regle, gravite, id) in Self.defautsDeLaDemo {
      let trouve = constats.contains {
        $0["rule"] as? String == regle && $0["severity"] as? String == gravite && subject($0) == id
      }
      #expect(trouve, "\(regle) sur \(id)")
    }
    // Legality and doctrine are two findings: the DPF-certified suite is lawful.
    #expect(!constats.contains { $0["rule"] as? String == "transfert-hors-ue-sans-garantie" })
    // Every error of the demo is a planted one.
    let erreurs = constats.filter { $0["severity"] as? String == "error" }
    let plantees = Self.defautsDeLaDemo.filter { $0.1 == "error" }
    #expect(erreurs.count == plantees.count)
  }

  @Test func theDemoJSONFollowsTheSchema() throws {
    let demo = CLITool.depot.appendingPathComponent("Sources/RegistreCatalogue/Resources/demo")
    let r = try CLITool.run(["audit", demo.path, "--date", "2026-11-29", "--format", "json"])
    let dossier = try TemporaryFolder.make()
    defer { try? FileManager.default.removeItem(at: dossier) }
    let rapport = dossier.appendingPathComponent("audit.json")
    try Data(r.sortie.utf8).write(to: rapport)
    let schema = CLITool.depot.appendingPathComponent("Schemas/audit.schema.json")
    let script = """
      import json, sys, jsonschema
      schema = json.load(open(sys.argv[1]))
      jsonschema.Draft202012Validator.check_schema(schema)
      jsonschema.Draft202012Validator(schema).validate(json.load(open(sys.argv[2])))
      """
    let validation = try CLITool.tool(["python3", "-c", script, schema.path, rapport.path])
    #expect(validation.code == 0, "\(validation.sortie)")
  }

  @Test func failureThreshold() throws {
    let (dossier, registre) = try Self.registerWithDefects()
    defer { try? FileManager.default.removeItem(at: dossier) }
    let jamais = try CLITool.run(["audit", registre.path, "--date", "2026-11-29", "--echec-si", "jamais"])
    #expect(jamais.code == 0)
    let avertissements = try CLITool.run([
      "audit", registre.path, "--date", "2026-11-29", "--regle", "doctrine-cloud-ministere", "--echec-si",
      "avertissement",
    ])
    #expect(avertissements.code == 1)
    let erreurs = try CLITool.run([
      "audit", registre.path, "--date", "2026-11-29", "--regle", "doctrine-cloud-ministere",
    ])
    #expect(erreurs.code == 0)
    let sans = try CLITool.run([
      "audit", registre.path, "--date", "2026-11-29", "--sans-regle", "aipd-requise-manquante",
      "--sans-regle", "transfert-hors-ue-sans-garantie", "--sans-regle", "flux-tls-obsolete",
      "--sans-regle", "conservation-excessive",
    ])
    #expect(sans.code == 0)
    #expect(!sans.sortie.contains("[aipd-requise-manquante]"))
  }

  @Test func jsonWithLocations() throws {
    let (dossier, registre) = try Self.registerWithDefects()
    defer { try? FileManager.default.removeItem(at: dossier) }
    let r = try CLITool.run(["audit", registre.path, "--date", "2026-11-29", "--format", "json"])
    #expect(r.code == 1)
    let objet = try #require(try JSONSerialization.jsonObject(with: Data(r.sortie.utf8)) as? [String: Any])
    #expect((objet["register"] as? [String: Any])?["uai"] as? String == "0999998E")
    let constats = try #require(objet["findings"] as? [[String: Any]])
    let aipd = try #require(constats.first { $0["rule"] as? String == "aipd-requise-manquante" })
    #expect(aipd["treatment"] as? String == "video")
    #expect(aipd["severity"] as? String == "error")
    #expect((aipd["criteria"] as? [String])?.count == 2)
    let conservation = try #require(constats.first { $0["rule"] as? String == "conservation-excessive" })
    let lieu = try #require(conservation["location"] as? [String: Any])
    #expect(lieu["file"] as? String == "traitements/video.yaml")
    #expect(lieu["line"] as? Int == 14)
  }

  /// Issue 16, class 6: an incomplete fiche is audited, not refused; `valider` still refuses.
  @Test func incompleteRegisterIsAuditedOnWhatCanBeRead() throws {
    let (dossier, registre) = try Self.registerWithDefects()
    defer { try? FileManager.default.removeItem(at: dossier) }
    let incomplete = """
      id: sorties
      nom: Sorties scolaires
      statut: brouillon
      finalite_principale: "À COMPLÉTER : finalité"
      responsable:
        type: etablissement
      base_legale:
        article_6: mission-interet-public
      personnes_concernees:
        - categorie: eleves-mineurs
      donnees:
        - categorie: etat-civil
      destinataires:
        - type: interne
          nom: Direction
      """
    try incomplete.write(
      to: registre.appendingPathComponent("traitements/sorties.yaml"), atomically: true, encoding: .utf8)
    let r = try CLITool.run(["audit", registre.path, "--date", "2026-11-29", "--format", "json"])
    #expect(r.code == 1)
    let objet = try #require(try JSONSerialization.jsonObject(with: Data(r.sortie.utf8)) as? [String: Any])
    let constats = try #require(objet["findings"] as? [[String: Any]])
    let incomplet = constats.filter { $0["rule"] as? String == "registre-incomplet" && $0["treatment"] as? String == "sorties" }
    // Errors: the placeholder, and the purpose that is therefore missing (retention and security
    // measures, also absent, are the rule's warnings).
    #expect(incomplet.filter { $0["severity"] as? String == "error" }.count == 2)
    #expect(incomplet.contains { ($0["message"] as? String)?.contains("finalite_principale") == true })
    // Every other finding is still there.
    #expect(constats.contains { $0["rule"] as? String == "aipd-requise-manquante" && $0["treatment"] as? String == "video" })
    #expect(constats.contains { $0["rule"] as? String == "conservation-non-definie" && $0["treatment"] as? String == "sorties" })
    #expect(r.erreurs.contains("Registre incomplet : 1 fiche(s) incomplète(s)"))
    let valider = try CLITool.run(["valider", registre.path])
    #expect(valider.code == 1)
    #expect(valider.erreurs.contains("valeur à compléter"))
  }

  @Test func sarifLocatesTheYAMLLine() throws {
    let (dossier, registre) = try Self.registerWithDefects()
    defer { try? FileManager.default.removeItem(at: dossier) }
    let r = try CLITool.run(["audit", registre.path, "--date", "2026-11-29", "--format", "sarif"])
    let objet = try #require(try JSONSerialization.jsonObject(with: Data(r.sortie.utf8)) as? [String: Any])
    #expect(objet["version"] as? String == "2.1.0")
    let run = try #require((objet["runs"] as? [[String: Any]])?.first)
    let resultats = try #require(run["results"] as? [[String: Any]])
    let tls = try #require(resultats.first { $0["ruleId"] as? String == "flux-tls-obsolete" })
    let physique = try #require(
      ((tls["locations"] as? [[String: Any]])?.first)?["physicalLocation"] as? [String: Any])
    #expect((physique["artifactLocation"] as? [String: Any])?["uri"] as? String == "traitements/video.yaml")
    #expect((physique["region"] as? [String: Any])?["startLine"] as? Int == 25)
  }

  @Test func acceptanceShownUnmasked() throws {
    let acceptations = """
      # Constats acceptés par le chef d'établissement
      acceptations:
        - regle: flux-tls-obsolete
          traitement: video
          justification: "Console remplacée en janvier."
          par: 'M. Paul Durand, principal'
          date: 2026-11-20
      """
    let (dossier, registre) = try Self.registerWithDefects(acceptations: acceptations)
    defer { try? FileManager.default.removeItem(at: dossier) }
    let r = try CLITool.run([
      "audit", registre.path, "--date", "2026-11-29", "--regle", "flux-tls-obsolete",
    ])
    #expect(r.code == 0)
    #expect(r.sortie.contains("accepté (erreur) [flux-tls-obsolete]"))
    #expect(r.sortie.contains("par M. Paul Durand, principal : Console remplacée en janvier."))
  }

  @Test func invalidAcceptancesExitWithTwo() throws {
    let acceptations =
      "acceptations:\n  - regle: regle-inconnue\n    traitement: video\n    justification: x\n    par: y\n    date: 2026-11-20\n  - regle: flux-tls-obsolete\n    justification: |\n"
    let (dossier, registre) = try Self.registerWithDefects(acceptations: acceptations)
    defer { try? FileManager.default.removeItem(at: dossier) }
    let r = try CLITool.run(["audit", registre.path, "--date", "2026-11-29"])
    #expect(r.code == 2)
    #expect(
      r.erreurs.contains("acceptations.yaml:8:20: erreur: champ « acceptations[1].justification » : texte vide"))
    // Once the file reads, unknown rules are reported too.
    let (dossier2, registre2) = try Self.registerWithDefects(
      acceptations: "acceptations:\n  - regle: regle-inconnue\n    traitement: video\n    justification: x\n    par: y\n    date: 2026-11-20\n")
    defer { try? FileManager.default.removeItem(at: dossier2) }
    let r2 = try CLITool.run(["audit", registre2.path, "--date", "2026-11-29"])
    #expect(r2.code == 2)
    #expect(r2.erreurs.contains("règle « regle-inconnue » inconnue"))
  }

  @Test func incompleteOrBadlyDatedAcceptanceEntry() throws {
    let acceptations = """
      acceptations:
        - regle: flux-tls-obsolete
          traitement: video
          justification: Console remplacée.
          date: 2026-11-20
        - regle: flux-tls-obsolete
          traitement: video
          justification: Console remplacée.
          par: Direction
          date: 20/11/2026
      """
    let (dossier, registre) = try Self.registerWithDefects(acceptations: acceptations)
    defer { try? FileManager.default.removeItem(at: dossier) }
    let r = try CLITool.run(["audit", registre.path, "--date", "2026-11-29"])
    #expect(r.code == 2)
    #expect(r.erreurs.contains("acceptations.yaml:2:5: erreur: champ « acceptations[0].par » : champ obligatoire manquant"))
    #expect(r.erreurs.contains("acceptations.yaml:10:11: erreur: champ « acceptations[1].date » : « 20/11/2026 » n'est pas une date valide"))
  }

  @Test func invalidRegisterOrOptionsExitWithTwo() throws {
    let (dossier, registre) = try Self.registerWithDefects()
    defer { try? FileManager.default.removeItem(at: dossier) }
    let fiche = registre.appendingPathComponent("traitements/video.yaml")
    let texte = try String(contentsOf: fiche, encoding: .utf8).replacingOccurrences(
      of: "statut: valide", with: "statut: validée")
    try texte.write(to: fiche, atomically: true, encoding: .utf8)
    let invalide = try CLITool.run(["audit", registre.path])
    #expect(invalide.code == 2)
    #expect(invalide.erreurs.contains("traitements/video.yaml:3:9: erreur"))
    let regle = try CLITool.run(["audit", CLITool.registreValide.path, "--regle", "inexistante"])
    #expect(regle.code == 2)
    #expect(regle.erreurs.contains("règle inconnue « inexistante »"))
    let date = try CLITool.run(["audit", CLITool.registreValide.path, "--date", "29/11/2026"])
    #expect(date.code == 2)
    let format = try CLITool.run(["audit", CLITool.registreValide.path, "--format", "pdf"])
    #expect(format.code == 2)
  }
}

import Foundation
import RegistreModel

/// The JSON Schema of the YAML files and `docs/format.md`, both derived from
/// the format descriptor.
public enum DocumentationFormat {
  /// JSON Schema (draft 2020-12) for one kind of YAML file of a register folder.
  public static func schemaJSON() -> String {
    var definitions: [String: Any] = [:]
    for type in Format.types {
      var proprietes: [String: Any] = [:]
      for champ in type.champs {
        var p = schema(champ.genre)
        p["description"] = champ.documentation
        proprietes[champ.cle] = p
      }
      definitions[type.nom] = [
        "type": "object", "description": type.documentation, "additionalProperties": false,
        "properties": proprietes, "required": type.champs.filter(\.obligatoire).map(\.cle),
      ]
    }
    let racine: [String: Any] = [
      "$schema": "https://json-schema.org/draft/2020-12/schema",
      "$id": "\(Format.espaceDeNoms):yaml",
      "title": "Fichiers YAML d'un registre Registre",
      "description": "etablissement.yaml → Etablissement ; traitements/*.yaml → Traitement ; sous-traitants/*.yaml → SousTraitant ; violations/*.yaml → Violation ; fiche d'outil (registre evaluer) → FicheOutil.",
      "anyOf": ["Etablissement", "Traitement", "SousTraitant", "Violation", "FicheOutil"].map { ["$ref": "#/$defs/\($0)"] },
      "$defs": definitions,
    ]
    let donnees = (try? JSONSerialization.data(withJSONObject: racine, options: [.prettyPrinted, .sortedKeys])) ?? Data()
    return (String(data: donnees, encoding: .utf8) ?? "{}") + "\n"
  }

  private static func schema(_ genre: FieldKind) -> [String: Any] {
    switch genre {
    case .texte: return ["type": "string", "minLength": 1]
    case .entier: return ["type": "integer", "minimum": 0]
    case .booleen:
      // YAML only: the canonical XML keeps true/false (RegisterXML writes them, the XSD checks them).
      return ["anyOf": [["type": "boolean"], ["type": "string", "enum": ["oui", "non", "Oui", "Non", "OUI", "NON"]]]]
    case .date: return ["type": "string", "pattern": "^\\d{4}-\\d{2}-\\d{2}$"]
    case .duree:
      return ["type": "string", "pattern": "^(P[0-9]{1,4}[DWMY]|[0-9]{1,4} (jour|jours|semaine|semaines|mois|an|ans|année|années|annee|annees))$"]
    case .pays: return ["type": "string", "enum": Country.codes.sorted()]
    case .uai: return ["type": "string", "pattern": "^[0-9]{7}[A-Z]$"]
    case .identifiant: return ["type": "string", "pattern": "^[a-z0-9][a-z0-9-]{0,63}$"]
    case .enumeration(_, let valeurs): return ["type": "string", "enum": valeurs.map(\.valeur)]
    case .liste(let element, _): return ["type": "array", "items": schema(element)]
    case .objet(let type): return ["$ref": "#/$defs/\(type.nom)"]
    }
  }

  /// `docs/format.md`: every field of every file, with an example.
  public static func markdown() -> String {
    var s = """
      # Format des fichiers d'un registre

      > Généré depuis `Sources/RegistreFormats/Format.swift` (`make schemas`) : ne pas modifier à la main.

      Un registre est un dossier :

      ```
      mon-registre/
        etablissement.yaml          # l'établissement (type Etablissement)
        traitements/<id>.yaml       # une fiche par traitement (type Traitement)
        sous-traitants/<id>.yaml    # un fichier par sous-traitant (type SousTraitant)
        violations/<id>.yaml        # le registre des violations (type Violation)
        acceptations.yaml           # facultatif : constats d'audit acceptés avec justification
      ```

      L'identifiant (`id`) de chaque fiche est aussi le nom de son fichier. Les listes vides peuvent être omises.
      La forme canonique est un document XML unique, valide contre `Schemas/registre.xsd`
      (espace de noms `\(Format.espaceDeNoms)`, attribut `version`), où chaque élément porte le nom du champ YAML.
      `Schemas/registre-yaml.schema.json` permet aux éditeurs de compléter et vérifier les champs pendant la saisie.

      Valeurs : dates `AAAA-MM-JJ` ; durées « 1 an », « 3 mois », « 30 jours », « 2 semaines » ou ISO 8601 (`P1Y`) ;
      pays en code ISO 3166-1 à deux lettres ; UAI = sept chiffres et une lettre. Une valeur qui commence par
      `\(Format.marqueurACompleter)` est un emplacement à remplir : `registre valider` la signale.


      """
    for type in Format.types {
      s += "## \(type.nom)\n\n\(type.documentation)\n\n| champ | type | obligatoire | description | exemple |\n|---|---|---|---|---|\n"
      for champ in type.champs {
        let exemple = champ.exemple.map { "`\($0)`" } ?? ""
        s += "| `\(champ.cle)` | \(readableName(champ.genre)) | \(champ.obligatoire ? "oui" : "non") | \(champ.documentation) | \(exemple) |\n"
      }
      s += "\n"
    }
    s += "## Valeurs des listes fermées\n\n"
    var vues = Set<String>()
    for type in Format.types {
      for champ in type.champs {
        var genre = champ.genre
        if case .liste(let element, _) = genre { genre = element }
        guard case .enumeration(let nom, let valeurs) = genre, vues.insert(nom).inserted else { continue }
        s += "### \(nom)\n\n| valeur | signification |\n|---|---|\n"
        for v in valeurs { s += "| `\(v.valeur)` | \(v.libelle) |\n" }
        s += "\n"
      }
    }
    return s
  }

  private static func readableName(_ genre: FieldKind) -> String {
    switch genre {
    case .texte: return "texte"
    case .entier: return "entier"
    case .booleen: return "booléen"
    case .date: return "date"
    case .duree: return "durée"
    case .pays: return "code pays"
    case .uai: return "UAI"
    case .identifiant: return "identifiant"
    case .enumeration(let nom, _): return "[\(nom)](#\(nom.lowercased()))"
    case .liste(let element, _): return "liste de \(readableName(element))"
    case .objet(let type): return "[\(type.nom)](#\(type.nom.lowercased()))"
    }
  }

  /// Generated files, relative to the repository root, with their content.
  public static func generatedFiles() -> [(chemin: String, contenu: String)] {
    [
      ("Schemas/registre.xsd", SchemaXSD.text()),
      ("Schemas/registre-yaml.schema.json", schemaJSON()),
      ("docs/format.md", markdown()),
      ("Sources/RegistreDocuments/Resources/Templates/libelles-codes.xsl", XSLTLabels.text()),
    ]
  }
}

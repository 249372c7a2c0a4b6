public import Foundation
public import RegistreFormats
public import RegistreModel

/// The empty, commented tool sheet that `registre evaluer --modele` prints.
/// Generated from the format descriptor, so it always lists the current fields.
public enum ToolSheetTemplate {
  /// The template for `type` (the tool sheet by default).
  public static func text(_ type: RecordType = Format.ficheOutil) -> String {
    var s = """
      # Fiche d'un outil numérique, à remplir puis à évaluer avec : registre evaluer FICHE.yaml
      # \(type.documentation)
      # Laisser vide (ou supprimer) ce qui n'est pas connu : chaque inconnue devient une condition de l'avis.

      """
    s += fields(type, indentation: "")
    return s
  }

  private static func fields(_ type: RecordType, indentation: String) -> String {
    var s = ""
    for champ in type.champs {
      s += "\n"
      var commentaire = champ.documentation
      if champ.obligatoire { commentaire += " (obligatoire)" }
      s += "\(indentation)# \(commentaire)\n"
      switch champ.genre {
      case .objet(let sousType):
        s += "\(indentation)# \(sousType.documentation)\n"
        s += "\(indentation)\(champ.cle):\n"
        let sousChamps = fields(sousType, indentation: indentation + "  ")
        if !sousType.champs.contains(where: \.obligatoire) {
          s += sousChamps
          continue
        }
        // A record with a required field cannot stay empty: its fields are
        // commented out, so an untouched template still reads as « unknown ».
        s += "\(indentation)  # (décommenter les lignes ci-dessous quand l'information est connue)\n"
        s += sousChamps
          .split(separator: "\n", omittingEmptySubsequences: false)
          .map { ligne in
            let l = String(ligne)
            guard !l.trimmingCharacters(in: .whitespaces).isEmpty, !l.trimmingCharacters(in: .whitespaces).hasPrefix("#") else { return l }
            return indentation + "  # " + l.dropFirst(indentation.count + 2)
          }
          .joined(separator: "\n")
      case .liste(let element, _):
        if let valeurs = allowedValues(element) { s += "\(indentation)# Valeurs : \(valeurs)\n" }
        if case .objet(let sousType) = element {
          let cles = sousType.champs.map { "\($0.cle)\($0.obligatoire ? " (obligatoire)" : "")" }.joined(separator: ", ")
          s += "\(indentation)# Chaque élément : \(cles)\n"
        }
        if let exemple = champ.exemple { s += "\(indentation)# Exemple : \(exemple)\n" }
        s += "\(indentation)\(champ.cle): []\n"
      default:
        if let valeurs = allowedValues(champ.genre) {
          s += "\(indentation)# Valeurs : \(valeurs)\n"
        } else {
          s += "\(indentation)# Attendu : \(champ.genre.attendu)\n"
        }
        if let exemple = champ.exemple { s += "\(indentation)# Exemple : \(exemple)\n" }
        s += "\(indentation)\(champ.cle):\n"
      }
    }
    return s
  }

  private static func allowedValues(_ genre: FieldKind) -> String? {
    guard case .enumeration(_, let valeurs) = genre else { return nil }
    return valeurs.map { "\($0.valeur) (\($0.libelle))" }.joined(separator: " | ")
  }
}

/// Reads a tool sheet from YAML, with the register's checks and diagnostics.
public enum ToolSheetReading {
  /// Largest sheet read (2 MB, like a register file); checked before reading.
  public static let maximumSize = 2_000_000

  /// Decodes a tool sheet, YAML or XML (`<fiche_outil>` in the register's
  /// namespace, valid against Schemas/registre.xsd); empty YAML values read as unknown.
  public static func read(_ donnees: Data, fichier: String) throws(LoadFailure) -> ToolSheet {
    if fichier.lowercased().hasSuffix(".xml") {
      return try XMLFileReading.read(donnees, fichier: fichier, type: Format.ficheOutil, en: ToolSheet.self)
    }
    return try YAMLFileReading.read(donnees, fichier: fichier, type: Format.ficheOutil, en: ToolSheet.self)
  }
}

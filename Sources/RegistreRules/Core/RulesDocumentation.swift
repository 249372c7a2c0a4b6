/// Renders `docs/rules.md` from the rules themselves, so the documentation
/// cannot drift from the code (a test compares it with the committed file).
public enum RulesDocumentation {
  /// The whole Markdown document, in French.
  public static func markdown(rules: [any Rule] = Rules.all) -> String {
    var out = """
      # Règles de l'audit

      <!-- Fichier généré à partir des règles (module RegistreRules) : ne pas le modifier à la main.
           Pour le régénérer : REGISTRE_REGENERER=1 swift test --filter RegistreRulesTests.DocumentationTests -->

      `registre audit CHEMIN` applique les \(rules.count) règles ci-dessous au registre. Chaque constat porte
      l'identifiant de la règle (stable : les scripts et le fichier `acceptations.yaml` s'y réfèrent), une
      gravité, le texte sur lequel il repose, un message et une action corrective. Ce n'est pas un avis
      juridique : les points marqués « à valider avec le DPD » sont des interprétations.

      ## Gravités

      - **erreur** : manquement à une obligation du RGPD ou d'un texte cité ;
      - **avertissement** : écart à une recommandation officielle ou risque à traiter ;
      - **note** : amélioration recommandée.

      Une règle peut émettre plusieurs gravités selon le cas ; la liste de chaque règle les indique.

      ## Score de conformité

      Chaque règle qui s'applique à un élément du registre (traitement, sous-traitant, violation, fiche de
      l'établissement) pèse le poids de sa gravité la plus haute : erreur 3, avertissement 2, note 1. Une règle
      qui a des constats ouverts sur cet élément perd le poids du plus grave d'entre eux ; un constat accepté
      ne fait rien perdre.

      - score d'un traitement = (somme des poids − somme des pertes) / somme des poids, sur les règles qui
        s'appliquent aux traitements ;
      - score de l'établissement = même calcul en additionnant poids et pertes de la fiche de l'établissement,
        de tous les traitements, sous-traitants et violations.

      Le score s'affiche en pourcentage arrondi.

      ## Acceptations

      Le fichier `acceptations.yaml` du registre accepte un constat d'une règle sur un élément, avec une
      justification écrite :

      ```yaml
      acceptations:
        - regle: conservation-excessive
          traitement: journaux-reseau
          justification: "Contrôle interne : risque de détournement démontré (CNIL 2021-122, cas 3)."
          par: "Mme X, cheffe d'établissement"
          date: 2026-09-01
      ```

      `traitement` peut être remplacé par `sous_traitant` ou `violation`. Le rapport affiche le constat comme
      accepté au lieu de le masquer.

      ## Liste des règles

      | Identifiant | Gravité | Titre |
      |---|---|---|

      """
    for rule in rules {
      out += "| [`\(rule.id)`](#\(rule.id)) | \(rule.severities.map(\.libelle).joined(separator: ", ")) | \(rule.title) |\n"
    }
    for rule in rules {
      out += """

        ## \(rule.id)

        **\(rule.title)**

        - Gravité : \(rule.severities.map(\.libelle).joined(separator: ", "))
        - Porte sur : \(Scope.allCases.filter { rule.scopes.contains($0) }.map(\.libelle).joined(separator: ", "))
        - Référence : \(rule.reference)

        \(rule.summary)

        **Action corrective.** \(rule.remediation)

        """
    }
    return out
  }
}

extension Scope {
  var libelle: String {
    switch self {
    case .etablissement: return "fiche de l'établissement"
    case .traitement: return "traitements"
    case .sousTraitant: return "sous-traitants"
    case .violation: return "violations"
    }
  }
}

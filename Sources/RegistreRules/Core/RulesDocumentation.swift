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

      ## Utilisation

      ```
      registre audit CHEMIN [--format texte|json|sarif] [--echec-si erreur|avertissement|note|jamais]
                            [--regle ID]… [--sans-regle ID]… [--date AAAA-MM-JJ]
      ```

      - `--format texte` (par défaut) : constats regroupés par traitement, avec le fichier et la ligne YAML, le
        score de chaque traitement et une ligne de résumé ; couleurs seulement sur un terminal (pas si
        `NO_COLOR` est défini) ;
      - `--format json` : un objet décrit par `Schemas/audit.schema.json` (clés en anglais : `rule`, `severity`,
        `treatment`, `message`, `reference`, `remediation`, `criteria`, `location`, `accepted`) ;
      - `--format sarif` : SARIF 2.1.0, chaque constat situé dans le fichier YAML et à la ligne du champ en
        cause ; un constat accepté y porte une suppression `external` ;
      - `--echec-si` (par défaut `erreur`) : code de sortie 1 dès qu'un constat ouvert atteint cette gravité ;
        `jamais` : toujours 0 ;
      - `--regle` / `--sans-regle` : ne lancer que certaines règles, ou en écarter ;
      - `--date` : date de l'audit (par défaut, aujourd'hui), utilisée pour les délais (AIPD de plus de trois
        ans…).

      Codes de sortie : 0 aucun constat ouvert au seuil ; 1 au moins un ; 2 registre invalide (avec les
      diagnostics de `registre valider`), fichier d'acceptations invalide ou usage incorrect.

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

      Le score s'affiche en pourcentage arrondi à l'unité inférieure : 100 % signifie qu'aucun constat n'est
      ouvert. Un score ne cache pas les erreurs : le résumé donne d'abord le nombre de constats bloquants
      ouverts (gravité erreur), et tant qu'il en reste un, le score est plafonné à 50 % et ne dépasse pas la
      part des éléments (fiche de l'établissement, traitements, sous-traitants, violations) sans erreur
      ouverte. Un score élevé signifie donc qu'aucune erreur n'est ouverte.

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
      accepté au lieu de le masquer. Le dépassement d'un plafond légal (images de vidéosurveillance conservées
      plus d'un mois) ne peut pas être accepté : le constat reste ouvert.

      ## Registre incomplet

      `registre audit` audite un registre même incomplet (mention obligatoire manquante, valeur
      « À COMPLÉTER ») : chaque fiche incomplète donne un constat `registre-incomplet` (erreur, code de
      sortie 1), la fiche étant auditée sur ce qui peut être lu quand c'est possible, et tous les autres
      constats restent présents. `registre document` et `registre notices` laissent de côté les
      traitements incomplets, les nomment sur la sortie d'erreur et sortent avec le code 1. `registre valider`
      continue de refuser un registre incomplet.

      ## Liste des règles

      | Identifiant | Gravité | Titre |
      |---|---|---|

      """
    for rule in rules {
      out +=
        "| [`\(rule.id)`](#\(rule.id)) | \(rule.severities.map(\.libelle).joined(separator: ", ")) | \(rule.title) |\n"
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
    case .action: return "plan d'action"
    case .demande: return "demandes d'exercice des droits"
    }
  }
}

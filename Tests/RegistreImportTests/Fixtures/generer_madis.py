#!/usr/bin/env python3
"""Writes madis-traitements.csv: a MADIS 2.4.1 treatments export written from the facts of
TreatmentGenerator.php (svs-step/madis, tag v2.4.1): BOM, `;`, PHP fputcsv quoting (fields with a space,
`;`, `"`, `\\`, CR, LF or tab are quoted), the persons columns shifted, short rows."""

PERSONS = ["Particuliers", "Internautes", "Salariés", "Élus", "Professionnels", "Partenaires", "Usagers", "Autres"]
SEC = "Mesures de sécurité et confidentialité"
HEADERS = [
    "Nom", "Structure - Nom", "Structure - SIREN", "Structure - Code INSEE", "En tant que",
    "Coordonnées du responsable de traitement", "Finalités", "Gestionnaire", "État", "Base légale",
    "Justification de la base légale", "Observations", "Registre public", "Est exempté d'AIPD", "Préconisations",
    "Catégorie de données", "Catégorie des données - Autres catégories", "Destination - Catégorie de destinataires",
    "Destination - Sous-traitants", "Historique - Créé par", "Historique - Date de création",
    "Historique - Date de modification",
]
for p in PERSONS:
    HEADERS += [f"Détails - Personnes concernées - {p}", f"Détails - Personnes concernées - {p} - Commentaire"]
HEADERS += [
    "Détails - Nombre de personnes concernées", "Détails - Logiciels et supports", "Détails - Traitement papier",
    "Détails - Délai de conservation - Durée", "Détails - Délai de conservation - Nom",
    "Détails - Délai de conservation - Sort final", "Détails - Origine des données", "Détails - Moyens de la collecte",
]
for m in ["Contrôle d'accès", "Traçabilité", "Sauvegarde", "Mise à jour", "Autres"]:
    HEADERS += [f"{SEC} - {m}", f"{SEC} - {m} - Commentaire"]
HEADERS += [
    f"{SEC} - À tout moment il est possible de ressortir les personnes habilitées",
    f"{SEC} - La personne ou la procédure qui permet d’ouvrir des comptes est clairement identifiée",
    f"{SEC} - Les spécificités de sensibilisation liées à ce traitement sont délivrées",
]
for t in ["Surveillance systématique", "Collecte à large échelle", "Personnes vulnérables", "Croisement de données",
          "Évaluation ou notation", "Décisions automatisées avec effet", "Exclusion automatique d'un service", "Usage innovant"]:
    HEADERS.append(f"Traitement spécifique - {t}")
HEADERS += ["Nb Preuves", "Conformité du traitement", "Conformité du traitement - Date création",
            "Conformité du traitement - Date modification"]
assert len(HEADERS) == 71, len(HEADERS)
QUESTIONS = ["Finalités : déterminées, explicites et légitime", "Fondement : licéité du traitement, interdiction du détournement de finalité",
             "Minimisation des données : adéquates, pertinentes et limitées"]
HEADERS += [f"Conformité du traitement - Question : {q}" for q in QUESTIONS]


def field(v):
    v = str(v)
    if any(c in v for c in ';"\\\r\n\t '):
        return '"' + v.replace('"', '""') + '"'
    return v


def row(values):
    return ";".join(field(v) for v in values) + "\n"


# Row 1: every block filled. Persons by position (the shift): Particuliers, Internautes, Usagers, Salariés,
# Élus, Professionnels, Partenaires, Autres — under the headers Particuliers, Internautes, Salariés, Élus…
r1 = ["Vie scolaire", "Collège Jean-Moulin", "200012345", "69123", "Responsable de traitement",
      "M. Paul Durand, principal, 1 rue des Écoles, 69003 Lyon",
      " - Suivi des absences\n- Carnet de correspondance", "CPE", "Actif",
      "L'exécution d'une mission d'intérêt public", "Code de l'éducation, art. R.421-10", "", "Oui", "Non",
      "Vérifier les droits d'accès", "Nom, Prénom - Coordonnées postales - Opinion politique ou religieuse - Santé",
      "Notes et appréciations", "Équipe pédagogique", "Index Éducation - Hébergeur de données scolaires et de services numériques pour les établissements d...",
      "Jeanne Martin", "13/02/2024 à 10:27", "01/09/2025 à 08:05",
      "Non", "", "Non", "", "Oui", "Élèves et familles", "Oui", "Enseignants", "Non", "", "Non", "", "Non", "", "Non", "",
      "600", "Pronote, ENT", "Inactif", "1: 1 an \r\n", "1: Dossier de vie scolaire\r\n", "1: Destruction\r\n",
      "Formulaire d'inscription", "Formulaire papier, Document interne",
      "Oui", "Comptes nominatifs", "Non", "", "Oui", "", "Oui", "Mises à jour automatiques", "Non", "",
      "Oui", "Non", "Oui",
      "Non", "Non", "Oui", "Non", "Oui", "Non", "Non", "Non",
      "2", "Conforme", "14/02/2024 à 09:00", "15/02/2024 à 11:30", "Conforme", "Conforme", "Non-conforme mineure"]
assert len(r1) == 74, len(r1)
# Row 2: the conformity module off (« Module non actif »): the row ends at column 69.
r2 = ["Cantine", "Collège Jean-Moulin", "200012345", "69123", "Responsabilité conjointe", "",
      "Gestion des repas", "", "Actif", "À déterminer", "", "Tarifs votés par la collectivité", "Non", "Non", "",
      "Nom, Prénom - Information bancaire", "", "", "", "Jeanne Martin", "03/03/2023 à 14:00", "03/03/2023 à 14:00",
      "Oui", "Familles", "Non", "", "Non", "", "Non", "", "Non", "", "Non", "", "Non", "", "Non", "",
      "", "", "Actif", "1: 5 ans \r\n2: 10 ans \r\n", "1: Inscriptions\r\n2: Factures\r\n", "1: Destruction\r\n2: Versement\r\n",
      "", "", "Non", "", "Non", "", "Non", "", "Non", "", "Non", "", "Non", "Non", "Non",
      "Non", "Non", "Non", "Non", "Non", "Non", "Non", "Non", "0", "Module non actif"]
assert len(r2) == 69, len(r2)
# Row 3: a row cut short after the legal basis (an export edited by hand).
r3 = ["Photo de classe", "Collège Jean-Moulin", "200012345", "69123", "Responsable de traitement", "",
      "Photographie annuelle des classes", "", "Actif", "Le consentement"]

with open("madis-traitements.csv", "w", encoding="utf-8", newline="") as f:
    f.write("\ufeff" + row(HEADERS) + row(r1) + row(r2) + row(r3))

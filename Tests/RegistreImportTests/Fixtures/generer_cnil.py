#!/usr/bin/env python3
"""Writes modele-cnil.ods: a register kept in the CNIL's simplified model (registre-traitement-simplifie.ods,
published by the CNIL on 25 July 2019), written from the model's structure: its five sheet names, the labels
of its fiche in column A with the values in merged B:H ranges, cell comments, the drop-down prompt, the list of
treatments with its header blocks. Three fiches: the model sheet filled in, a copy of it, and a sheet laid out
as the model's example sheet (other rows); the CNIL's own example is left as it is."""
import zipfile
from xml.sax.saxutils import escape

PROMPT = "Sélectionnez un élément dans cette liste déroulante ►"


def cell(value, span=1, comment=None):
    """A cell: text, ("date", iso) or None; span merges columns to the right."""
    attrs = ""
    inner = ""
    if span > 1:
        attrs += f' table:number-columns-spanned="{span}" table:number-rows-spanned="1"'
    if isinstance(value, tuple) and value[0] == "date":
        d = value[1]
        attrs += f' office:value-type="date" office:date-value="{d}"'
        inner = f"<text:p>{d[8:10]}/{d[5:7]}/{d[0:4]}</text:p>"
    elif value is not None and value != "":
        attrs += ' office:value-type="string"'
        paragraphs = str(value).split("\n")
        for p in paragraphs:
            # Runs of spaces as LibreOffice stores them: one space, then <text:s/>.
            p = escape(p).replace("  ", " <text:s/>")
            inner += f"<text:p>{p}</text:p>"
    if comment:
        inner = f'<office:annotation><dc:creator>CNIL</dc:creator><text:p>{escape(comment)}</text:p></office:annotation>' + inner
    out = f"<table:table-cell{attrs}>{inner}</table:table-cell>"
    if span > 1:
        out += '<table:covered-table-cell/>' * (span - 1)
    return out


def sheet(name, rows):
    """rows: list of lists of cell() strings; None rows are empty."""
    out = [f'<table:table table:name="{escape(name)}"><table:table-column table:number-columns-repeated="12"/>']
    empty = 0
    for row in rows:
        if not row:
            empty += 1
            continue
        if empty:
            out.append(f'<table:table-row table:number-rows-repeated="{empty}"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>')
            empty = 0
        out.append("<table:table-row>" + "".join(row) + '<table:table-cell table:number-columns-repeated="1010"/></table:table-row>')
    out.append('<table:table-row table:number-rows-repeated="1048000"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>')
    out.append("</table:table>")
    return "".join(out)


def label(text, comment=None):
    return cell(text, comment=comment)


def value_row(lab, value, comment=None):
    return [label(lab, comment), cell(value, 7)]


def actor(lab, values, comment=None):
    return [label(lab, comment)] + [cell(v) for v in (values + [""] * 7)[:7]]


def pair(lab, left, right):
    return [label(lab), cell(left, 3), cell(right, 4)]


def transfer(lab, dest, country, guarantee, doc):
    return [label(lab), cell(dest), cell(country), cell(guarantee, 2), cell(doc, 3)]


def model_fiche(f):
    """The model sheet's rows (3_-_Modèle_de_fiche_de_registre, rows 1–62)."""
    r = [None] * 62
    r[0] = [cell("Modèle de fiche de registre à compléter")]
    r[2] = [label("Description  du traitement  ", "Décrivez le traitement")]
    r[3] = value_row("Nom du traitement", f["nom"])
    r[4] = value_row("N° / RÉF", f["ref"])
    r[5] = value_row("Date de création du traitement", f["creation"])
    r[6] = value_row("Mise à jour du traitement", f["maj"])
    r[8] = [label("Acteurs"), cell("Nom"), cell("Adresse"), cell("Code Postal"), cell("Ville"), cell("Pays", comment="Pays"), cell("Téléphone"), cell("Adresse mél")]
    r[9] = actor("Responsable du traitement", f.get("responsable", []), "Le responsable")
    r[10] = actor("Délégué à la protection des données", f.get("dpo", []))
    r[11] = [label("Société du DPO (si celui-ci est externe)"), cell(f.get("societe_dpo", ""))]
    r[12] = actor("Représentant", f.get("representant", []), "Représentant")
    r[13] = actor("Responsable(s) conjoint(s)", f.get("conjoints", []), "Conjoints")
    r[15] = [label("Finalité(s) du traitement effectué", "Finalité")]
    r[16] = value_row("Finalité principale", f["finalite"])
    for i in range(5):
        subs = f.get("sous", [])
        r[17 + i] = value_row(f"Sous-finalité {i + 1}", subs[i] if i < len(subs) else "")
    r[23] = [label("Catégories de données personnelles concernées"), cell("Description", 3), cell("Durée de conservation", 4, comment="Durée")]
    labels = ["État civil, identité, données d'identification, images…",
              "Vie personnelle (habitudes de vie, situation familiale, etc.)",
              "Informations d'ordre économique et financier (revenus, situation financière, situation fiscale, etc.)",
              "Données de connexion (adress IP, logs, etc.)",
              "Données de localisation (déplacements, données GPS, GSM, etc.)",
              "Numéro de Sécurité Sociale (ou NIR)"]
    for i, lab in enumerate(labels):
        d = f.get("donnees", {}).get(i, ("", ""))
        r[24 + i] = pair(lab, *d)
    r[31] = [label("Données sensibles", "Sensibles"), cell("Description", 3), cell("Durée de conservation", 4)]
    sensitive = ["Données révélant l'origine raciale ou ethnique", "Données révélant les opinions politiques",
                 "Données révélant les convictions religieuses ou philosophiques\u00a0",
                 "Données révélant l'appartenance syndicale", "Données génétiques",
                 "Données biométriques aux fins d'identifier une personne physique de manière unique",
                 "Données concernant la santé", "Données concernant la vie sexuelle ou l'orientation sexuelle",
                 "Données relatives à des condamnations pénales ou  infractions"]
    for i, lab in enumerate(sensitive):
        d = f.get("sensibles", {}).get(i, ("", ""))
        r[32 + i] = pair(lab, *d)
    r[42] = [label("Catégories de personnes concernées", "Personnes"), cell("Description", 3), cell("Précisions", 4)]
    people = f.get("personnes", [])
    for i in range(2):
        p = people[i] if i < len(people) else (PROMPT if i == 0 else "", "")
        r[43 + i] = pair(f"Catégorie de personnes {i + 1}", *p)
    r[46] = [label("Destinataires", "Destinataires"), cell("Type de destinataire", 3), cell("Précisions", 4)]
    dest = f.get("destinataires", [])
    for i in range(4):
        r[47 + i] = pair(f"Destinataire {i + 1}", *(dest[i] if i < len(dest) else ("", "")))
    r[52] = [label("Mesures de sécurité", "Sécurité"), cell("Type de mesure de sécurité", 3), cell("Précisions", 4)]
    mes = f.get("mesures", [])
    for i in range(3):
        r[53 + i] = pair(f"Mesure de sécurité {i + 1}", *(mes[i] if i < len(mes) else ("", "")))
    r[57] = [label("Transferts hors UE", "Transferts"), cell("Destinataire"), cell("Pays"), cell("Type de Garanties", 2), cell("Liens vers la documentation", 3)]
    tr = f.get("transferts", [])
    for i in range(4):
        r[58 + i] = transfer(f"Organisme destinataire {i + 1}", *(tr[i] if i < len(tr) else ("", "", "", "")))
    return r


def example_layout_fiche(f):
    """Laid out as 4_-_Exemple_de_fiche: no Représentant / conjoint rows, 3 sub-purposes, only the data rows
    used, persons 25–26, recipients 28–31, security 33–36, transfers 38–39."""
    r = [None] * 40
    r[0] = [cell("Exemple de fiche de registre")]
    r[3] = value_row("Nom du traitement", f["nom"])
    r[4] = value_row("N° / RÉF", f["ref"])
    r[5] = value_row("Date de création du traitement", f["creation"])
    r[6] = value_row("Mise à jour du traitement", f["maj"])
    r[8] = [label("Acteurs"), cell("Nom"), cell("Adresse"), cell("Code Postal"), cell("Ville"), cell("Pays"), cell("Téléphone"), cell("Adresse mél")]
    r[9] = actor("Responsable du traitement", f.get("responsable", []))
    r[10] = actor("Délégué à la protection des données", f.get("dpo", []))
    r[11] = [label("Société du DPO (si celui-ci est externe)"), cell("N/A")]
    r[13] = value_row("Finalité principale", f["finalite"])
    for i in range(3):
        subs = f.get("sous", [])
        r[14 + i] = value_row(f"Sous-finalité {i + 1}", subs[i] if i < len(subs) else "")
    r[19] = [label("Catégories de données personnelles concernées"), cell("Description", 3), cell("Durée de conservation", 4)]
    for i, (lab, d, k) in enumerate(f["donnees_ex"]):
        r[20 + i] = pair(lab, d, k)
    r[24] = pair("Catégorie de personnes 1", *f["personnes"][0])
    r[25] = pair("Catégorie de personnes 2", *(f["personnes"][1] if len(f["personnes"]) > 1 else ("", "")))
    r[27] = pair("Destinataire 1", *f["destinataires"][0])
    r[32] = pair("Mesure de sécurité 1", *f["mesures"][0])
    r[33] = pair("Mesure de sécurité 2", *f["mesures"][1])
    r[37] = transfer("Organisme destinataire 1", *f["transferts"][0])
    return r


vie_scolaire = {
    "nom": "Vie scolaire", "ref": "vie-scolaire", "creation": ("date", "2024-09-02"), "maj": ("date", "2026-09-01"),
    "responsable": ["Mme Claire Martin, principale", "1 rue des Écoles", "69003", "Lyon", "France", "04 72 00 00 00", "ce.0691234a@ac-lyon.fr"],
    "dpo": ["DPD de l'académie de Lyon", "92 rue de Marseille", "69007", "Lyon", "France", "", "dpd@ac-lyon.fr"],
    "societe_dpo": "N/A",
    "finalite": "Suivi de la scolarité des élèves", "sous": ["Absences et retards", "Notes et bulletins"],
    "donnees": {0: ("Nom, prénom, classe", "1 an")},
    "sensibles": {6: ("Projet d'accueil individualisé", "jusqu'au départ de l'élève")},
    "personnes": [("Autres (préciser)", "Élèves"), ("Élèves majeurs", "")],
    "destinataires": [("Service interne qui traite les données", "Équipe pédagogique"), ("Autre (Préciser)", "Familles")],
    "mesures": [("Contrôle d'accès des utilisateurs", "Comptes nominatifs"), ("Sauvegarde des données", "")],
}
cantine = {
    "nom": "Cantine", "ref": "ref-002", "creation": ("date", "2023-03-03"), "maj": "",
    "conjoints": ["Métropole de Lyon"],
    "finalite": "Gestion de la restauration scolaire",
    "donnees": {0: ("Nom, prénom", "5 ans"), 2: ("Quotient familial", "3 mois")},
    "personnes": [("Salariés", "Agents de restauration")],
    "destinataires": [("Sous-traitants", "Prestataire de paiement")],
    "mesures": [("Mesures de traçabilité", "Journal des paiements")],
    "transferts": [("Fournisseur de paiement", "Etats-Unis", "Pays adéquat", "Contrat du 01/02/2023"),
                   ("Hébergeur", "Japon", "Privacy shield", "")],
}
ent = {
    "nom": "ENT", "ref": "3 - ENT", "creation": ("date", "2022-01-10"), "maj": "13/05/2025",
    "responsable": ["Mme Claire Martin, principale"],
    "finalite": "Espace numérique de travail", "sous": ["Messagerie", "Cahier de textes", "Casier"],
    "donnees_ex": [("État civil, identité, données d'identification, images…", "Nom, prénom, photo", "Durée de la scolarité"),
                   ("Données de connexion (adress IP, logs, etc.)", "Journaux de connexion", "1 an")],
    "personnes": [("Salariés", "Enseignants"), ("Clients", "")],
    "destinataires": [("Partenaires institutionnels ou commerciaux", "Région Auvergne-Rhône-Alpes")],
    "mesures": [("Chiffrement des données", "HTTPS"), ("Mesures de protection des logiciels", "Mises à jour")],
    "transferts": [("Support technique", "Andorre", "Clauses contractuelles types (CCT)", "Contrat en date du 23/01/2018")],
}
cnil_example = {
    "nom": "Gestion de la paie", "ref": "1 - Exemple", "creation": ("date", "2018-05-26"), "maj": "13/05/2019",
    "responsable": ["Entreprise Exemple"], "finalite": "Gestion de la paie",
    "donnees_ex": [("État civil, identité, données d'identification, images…", "Nom, prénom", "5 ans")],
    "personnes": [("Salariés", "")], "destinataires": [("Service interne qui traite les données", "Service paie")],
    "mesures": [("Contrôle d'accès des utilisateurs", ""), ("Sauvegarde des données", "")],
    "transferts": [("Banque d'Andorre", "Andorre", "Clauses contractuelles types (CCT)", "Contrat en date du 23/01/2018")],
}

lst = [None] * 14
lst[0] = [cell("Coordonnées du responsable de l’organisme\n(responsable de traitement ou son représentant si le responsable est situé en dehors de l’UE)"),
          cell("Nom :"), cell("Martin"), cell("Prénom :"), cell("Claire"), cell("Adresse :"), cell("1 rue des Écoles"), cell("Adresse mél :"), cell("ce.0691234a@ac-lyon.fr")]
lst[1] = [cell(""), cell("Code postal :"), cell("69003"), cell("Ville :"), cell("Lyon"), cell("Téléphone :"), cell("04 72 00 00 00")]
lst[4] = [cell("Coordonnées du délégué à la protection des données (DPO)"), cell("Nom :"), cell("Bernard"), cell("Prénom :"), cell("Luc"),
          cell("Société (si DPO externe) :"), cell(""), cell("Adresse :"), cell("92 rue de Marseille")]
lst[5] = [cell(""), cell("Code postal :"), cell("69007"), cell("Ville :"), cell("Lyon"), cell("Téléphone :"), cell(""), cell("Adresse mél :"), cell("dpd@ac-lyon.fr")]
lst[6] = [cell("Identification du traitement", 4), cell("Finalité du traitement", 3), cell("Données sensibles ?", 2)]
lst[7] = [cell("Nom du traitement"), cell("N° / RÉF"), cell("Date de création de la fiche"), cell("Dernière mise à jour de la fiche"), cell("", 3), cell("Oui/non", 2)]
lst[8] = [cell("(EXEMPLE) Gestion de la paie"), cell("1 - Exemple"), cell(("date", "2018-05-26")), cell(("date", "2019-05-13")), cell("Gestion de la paie, Calcul des rémunérations", 3), cell("Non", 2)]
lst[9] = [cell("Vie scolaire"), cell("vie-scolaire"), cell(("date", "2024-09-02")), cell(("date", "2026-09-01")), cell("Suivi de la scolarité des élèves", 3), cell("Oui", 2)]
lst[10] = [cell("Cantine"), cell("ref-002"), cell(("date", "2023-03-03")), cell(""), cell("Gestion de la restauration scolaire", 3), cell("Non", 2)]
lst[11] = [cell("ENT"), cell("3 - ENT"), cell(("date", "2022-01-10")), cell(""), cell("Espace numérique de travail", 3), cell("Non", 2)]
lst[12] = [cell("Registre des visiteurs"), cell("ref-004"), cell(("date", "2025-01-06")), cell(("date", "2025-06-30")), cell("Contrôle des entrées", 3), cell("Non", 2)]

lists = [[cell("Garanties"), cell(""), cell("Pays"), cell("Zone"), cell(""), cell("Catégories de personnes"), cell(""), cell("Destinataires"), cell(""), cell("Mesures de sécurité techniques")],
         [cell(PROMPT), cell(""), cell(PROMPT), cell(""), cell(""), cell(PROMPT), cell(""), cell(PROMPT), cell(""), cell(PROMPT)],
         [cell("Clauses contractuelles types (CCT)"), cell(""), cell("Andorre"), cell("adéquat"), cell(""), cell("Salariés"), cell(""), cell("Service interne qui traite les données"), cell(""), cell("Mesures de traçabilité")]]

content = ('<?xml version="1.0" encoding="UTF-8"?>'
           '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
           'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
           'xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.2"><office:body><office:spreadsheet>'
           + sheet("Tutoriel", [[cell("Dupliquez et complétez autant de fois que nécessaire ce modèle de fiche")]])
           + sheet("2_-_Liste_des_traitements", lst)
           + sheet("3_-_Modèle_de_fiche_de_registre", model_fiche(vie_scolaire))
           + sheet("4_-_Exemple_de_fiche", example_layout_fiche(cnil_example))
           + sheet("Fiche cantine", model_fiche(cantine))
           + sheet("Fiche ENT", example_layout_fiche(ent))
           + sheet("5_-_Listes", lists)
           + "</office:spreadsheet></office:body></office:document-content>")

manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
            '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
            '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>')

with zipfile.ZipFile("modele-cnil.ods", "w") as z:
    z.writestr(zipfile.ZipInfo("mimetype", (2019, 7, 25, 0, 0, 0)), "application/vnd.oasis.opendocument.spreadsheet", compress_type=zipfile.ZIP_STORED)
    z.writestr(zipfile.ZipInfo("content.xml", (2019, 7, 25, 0, 0, 0)), content, compress_type=zipfile.ZIP_DEFLATED)
    z.writestr(zipfile.ZipInfo("META-INF/manifest.xml", (2019, 7, 25, 0, 0, 0)), manifest, compress_type=zipfile.ZIP_DEFLATED)

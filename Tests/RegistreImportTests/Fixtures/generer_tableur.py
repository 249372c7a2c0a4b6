#!/usr/bin/env python3
"""Writes tableur.xlsx (Office Open XML: shared strings, an inline string, a date as a serial number) and
tableur.csv (comma-separated, as LibreOffice writes it), one treatment per row, for correspondance.yaml."""
import csv
import zipfile
from xml.sax.saxutils import escape

HEADERS = ["Traitement", "Objet", "Appli", "Créé le", "Base juridique", "Qui ?", "Données", "Durée", "Destinataires", "Prestataires", "Sécurité"]
ROWS = [
    ["Vie scolaire", "Suivi des absences", "Pronote", "45000", "Mission d'intérêt public (art. 6.1.e RGPD)",
     "Élèves\nParents", "Scolarité (classe, évaluations, absences, orientation…); Nom, Prénom", "1 an",
     "Équipe pédagogique", "Index Éducation", "Contrôle d'accès des utilisateurs"],
    ["Cantine", "Gestion des repas", "", "02/09/2024", "contrat", "Familles", "Information bancaire", "durée du contrat",
     "Trésor public", "", "Sauvegarde quotidienne"],
]


def col(i):
    return chr(65 + i)


shared = []


def sst(s):
    if s not in shared:
        shared.append(s)
    return shared.index(s)


rows_xml = []
for r, values in enumerate([HEADERS] + ROWS, start=1):
    cells = []
    for c, v in enumerate(values):
        ref = f"{col(c)}{r}"
        if v == "":
            continue
        if r > 1 and c == 3 and v.isdigit():
            cells.append(f'<c r="{ref}" s="1"><v>{v}</v></c>')
        elif r > 1 and c == 2:
            cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{escape(v)}</t></is></c>')
        else:
            cells.append(f'<c r="{ref}" t="s"><v>{sst(v)}</v></c>')
    rows_xml.append(f'<row r="{r}">' + "".join(cells) + "</row>")

sheet = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
         '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
         + "".join(rows_xml) + "</sheetData></worksheet>")
strings = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
           f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{len(shared)}" uniqueCount="{len(shared)}">'
           + "".join(f'<si><t xml:space="preserve">{escape(s)}</t></si>' for s in shared) + "</sst>")
workbook = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheets><sheet name="Registre" sheetId="1" r:id="rId1"/></sheets></workbook>')
rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
        '</Relationships>')
types = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
         '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
         '<Default Extension="xml" ContentType="application/xml"/>'
         '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
         '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
         '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
         '</Types>')
with zipfile.ZipFile("tableur.xlsx", "w", zipfile.ZIP_DEFLATED) as z:
    for name, text in [("[Content_Types].xml", types), ("xl/workbook.xml", workbook), ("xl/_rels/workbook.xml.rels", rels),
                       ("xl/sharedStrings.xml", strings), ("xl/worksheets/sheet1.xml", sheet)]:
        z.writestr(zipfile.ZipInfo(name, (2026, 1, 1, 0, 0, 0)), text, compress_type=zipfile.ZIP_DEFLATED)

with open("tableur.csv", "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, lineterminator="\r\n")
    w.writerow(HEADERS)
    for row in ROWS:
        w.writerow(["2023-03-15" if (c == 3 and v == "45000") else v for c, v in enumerate(row)])

#!/usr/bin/env bash
# Mesure le temps de production des documents du lycée de démonstration
# (registre, notices, rapport d'audit) et la part de FOP.
# Usage : scripts/mesurer-documents.sh [chemin/vers/registre]   (défaut : .build/debug/registre)
set -euo pipefail

registre="${1:-.build/debug/registre}"
demo="Sources/RegistreCatalogue/Resources/demo"
sortie="$(mktemp -d)"
trap 'rm -rf "$sortie"' EXIT
export REGISTRE_MESURES=1 SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-1795824000}"

mesurer() {
  local debut fin
  debut=$(date +%s%N)
  "$@" >/dev/null
  fin=$(date +%s%N)
  echo "  durée totale : $(( (fin - debut) / 1000000 )) ms"
}

echo "Registre (PDF/A-3b) :"
mesurer "$registre" document "$demo" --sortie "$sortie/registre.pdf"
echo "  $(pdfinfo "$sortie/registre.pdf" | grep Pages)"
echo "Notices familles et élèves (PDF/A-2b, en parallèle) :"
mesurer "$registre" notices "$demo" --sortie "$sortie/notices"
echo "Rapport d'audit (PDF/A-2b) :"
mesurer "$registre" audit "$demo" --format pdf --sortie "$sortie/audit.pdf" --echec-si jamais

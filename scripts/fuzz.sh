#!/usr/bin/env bash
# Builds one libFuzzer harness (Fuzz/<Cible>) with AddressSanitizer and runs it.
#
#   scripts/fuzz.sh CIBLE [SECONDES]     CIBLE : yaml | xml | pdf | fiche | modele | import ; SECONDES : 600 par défaut
#
# Le corpus de départ est assemblé depuis les fixtures du dépôt (Tests/…) et Fuzz/graines/ ;
# le corpus grandit dans .build/fuzz/corpus/CIBLE, les plantages vont dans .build/fuzz/trouvailles/CIBLE.
# Fuites : -detect_leaks=0, LeakSanitizer prend les métadonnées Swift initialisées une fois pour des fuites (voir docs/fuzzing.md).
# Variables : FUZZ_JOBS (processus parallèles, 1 par défaut), FUZZ_RSS_MB (2048 par défaut),
# FUZZ_MAX_LEN (taille maximale d'une entrée, 65536 par défaut).
set -euo pipefail
cd "$(dirname "$0")/.."

cible="${1:-}"
secondes="${2:-600}"
case "$cible" in
  yaml) produit=FuzzYAML ;;
  xml) produit=FuzzXML ;;
  pdf) produit=FuzzPDF ;;
  fiche) produit=FuzzToolSheet ;;
  modele) produit=FuzzModele ;;
  import) produit=FuzzImport ;;
  *) echo "usage : scripts/fuzz.sh yaml|xml|pdf|fiche|modele|import [SECONDES]" >&2; exit 2 ;;
esac

racine="$PWD"
travail="$racine/.build/fuzz"
corpus="$travail/corpus/$cible"
trouvailles="$travail/trouvailles/$cible"
mkdir -p "$corpus" "$trouvailles"

# A scratch path of its own: the instrumented build never mixes with the normal one.
# lld: gold's error reporting crashes on these binaries' debug information.
REGISTRE_FUZZ=1 swift build --scratch-path "$travail/build" \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -Xclang-linker -Xswiftc -fuse-ld=lld \
  --product "$produit" >&2
binaire="$travail/build/debug/$produit"

graine() { # graine FICHIER NOM [OCTET-DE-TÊTE]
  if [ -n "${3:-}" ]; then
    { printf "\\x$3"; cat "$1"; } > "$corpus/graine-$2"
  else
    cp "$1" "$corpus/graine-$2"
  fi
}

fixtures=Tests/RegistreFormatsTests/Fixtures
case "$cible" in
  yaml)
    graine "$fixtures/valide/etablissement.yaml" etablissement 00
    for f in "$fixtures"/valide/traitements/*.yaml; do graine "$f" "t-$(basename "$f")" 01; graine "$f" "m-$(basename "$f")" 81; done
    for f in "$fixtures"/valide/sous-traitants/*.yaml; do graine "$f" "s-$(basename "$f")" 02; done
    for f in "$fixtures"/valide/violations/*.yaml; do graine "$f" "v-$(basename "$f")" 03; done
    for f in "$fixtures"/malformes/*.yaml; do
      [ "$(stat -c %s "$f")" -lt 100000 ] && graine "$f" "x-$(basename "$f")" 01
    done
    for f in Fuzz/graines/yaml/*.yaml; do [ -e "$f" ] && graine "$f" "a-$(basename "$f")" 04; done
    ;;
  xml)
    for f in "$fixtures"/malformes/*.xml Fuzz/graines/xml/*.xml; do [ -e "$f" ] && graine "$f" "$(basename "$f")"; done
    ;;
  pdf)
    for f in Fuzz/graines/pdf/*.pdf; do graine "$f" "$(basename "$f")"; done
    ;;
  modele)
    for f in Templates/*.xsl; do graine "$f" "$(basename "$f")"; done
    ;;
  import)
    # First byte: 00 format guessed, 01 madis-csv, 02 tableur (the harness's mapping), 03 cnil-ods.
    importees=Tests/RegistreImportTests/Fixtures
    graine "$importees/madis-traitements.csv" madis 00
    graine "$importees/madis-traitements.csv" madis-force 01
    graine "$importees/modele-cnil.ods" cnil 00
    graine "$importees/modele-cnil.ods" cnil-force 03
    graine "$importees/tableur.xlsx" xlsx 02
    graine "$importees/tableur.csv" csv 02
    for f in Fuzz/graines/import/*; do [ -e "$f" ] && graine "$f" "g-$(basename "$f")" 00; done
    ;;
  fiche)
    for f in Exemples/fiches-outils/*.yaml; do graine "$f" "$(basename "$f")"; done
    for f in "$fixtures"/malformes/*.yaml; do
      [ "$(stat -c %s "$f")" -lt 100000 ] && graine "$f" "x-$(basename "$f")"
    done
    ;;
esac

# A dictionary helps the fuzzer build PDF tokens (xref, obj, stream…).
options=()
[ -f "Fuzz/$cible.dict" ] && options+=("-dict=$racine/Fuzz/$cible.dict")
# Several processes only on demand: -jobs sends each one's output to fuzz-N.log.
[ "${FUZZ_JOBS:-1}" -gt 1 ] && options+=("-jobs=$FUZZ_JOBS" "-workers=$FUZZ_JOBS")

# LeakSanitizer also runs at exit, where it reports the Swift runtime's one-time allocations.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}"

cd "$trouvailles"
exec "$binaire" "$corpus" \
  -max_total_time="$secondes" -timeout=2 -rss_limit_mb="${FUZZ_RSS_MB:-2048}" -max_len="${FUZZ_MAX_LEN:-65536}" \
  -print_final_stats=1 -detect_leaks=0 \
  -artifact_prefix="$trouvailles/" "${options[@]}"

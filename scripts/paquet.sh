#!/usr/bin/env bash
# Builds the Debian package registre_<version>_<arch>.deb (`make paquet`) from the release binary
# that `make paquet` has just built (.build/release/registre). Usage: scripts/paquet.sh [DOSSIER]
# (the package is written into DOSSIER, by default the repository's root). Prints its path last.
#
# Installed layout (docs/paquet.md):
#   /usr/lib/registre/registre                   the program (stripped)
#   /usr/lib/registre/Registre_<Module>.resources the SwiftPM resource bundles the program names
#   /usr/bin/registre -> ../lib/registre/registre
# A SwiftPM resource bundle is found next to the executable (Bundle.main, that is the folder of
# /proc/self/exe, symlinks resolved), so every bundle the binary names goes beside it: a new one
# (a jar of a rendering service, for instance) needs nothing here but a resource in Package.swift.
set -euo pipefail

depot=$(cd "$(dirname "$0")/.." && pwd)
release="$depot/.build/release"
binaire="$release/registre"
sortie=$(cd "${1:-$depot}" && pwd)
gabarits="$depot/paquet"

if [ ! -x "$binaire" ]; then
  echo "erreur : $binaire n'existe pas ; lancez « make paquet » (il construit d'abord le programme en mode release)." >&2
  exit 2
fi
for outil in dpkg-deb dpkg-shlibdeps gzip strip md5sum; do
  if ! command -v "$outil" >/dev/null; then
    echo "erreur : $outil manque (paquets Debian dpkg-dev, binutils, gzip : scripts/dependances.sh paquet)." >&2
    exit 2
  fi
done

# The version is the one the program prints (RegistreVersion.current), and the changelog must have it.
version=$("$binaire" --version)
arch=$(dpkg --print-architecture)
nom="registre_${version}_${arch}"
premiere=$(head -n 1 "$gabarits/changelog")
if [ "$premiere" != "registre ($version) unstable; urgency=medium" ]; then
  echo "erreur : paquet/changelog ne commence pas par la version $version du programme :" >&2
  echo "  $premiere" >&2
  echo "  Ajoutez en tête une entrée « registre ($version) unstable; urgency=medium »." >&2
  exit 2
fi
# Every Swift package the build fetched is named in the copyright file (it may be linked statically).
if [ -d "$depot/.build/checkouts" ]; then
  for dependance in "$depot"/.build/checkouts/*/; do
    dependance=$(basename "$dependance")
    # The whole name, between spaces or punctuation (swift-nio-ssl does not name swift-nio).
    if ! grep -q -E "(^|[ ,(])${dependance//./\\.}([ ,.)]|\$)" "$gabarits/copyright"; then
      echo "erreur : le paquet Swift $dependance n'est pas nommé dans paquet/copyright (licence à y inscrire)." >&2
      exit 2
    fi
  done
fi
# Date of the changelog's entry: the man page's footer and the files' times (reproducible package).
date_entree=$(sed -n 's/^ -- .*  //p' "$gabarits/changelog" | head -n 1)
export SOURCE_DATE_EPOCH
SOURCE_DATE_EPOCH=$(date -d "$date_entree" +%s)
jour=$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%d)

travail=$(mktemp -d)
trap 'rm -rf "$travail"' EXIT
racine="$travail/$nom"
lib="$racine/usr/lib/registre"
share="$racine/usr/share"
install -d "$lib" "$racine/usr/bin" "$share/man/man1" "$share/doc/registre" "$share/registre/schemas" \
  "$share/bash-completion/completions" "$share/zsh/vendor-completions" "$share/fish/vendor_completions.d" \
  "$racine/DEBIAN"

# The program, and each resource bundle whose name it holds (grep -a: the accessor's literal).
install -m 0755 "$binaire" "$lib/registre"
strip --remove-section=.comment --remove-section=.note --strip-unneeded "$lib/registre"
ln -s ../lib/registre/registre "$racine/usr/bin/registre"
for bundle in "$release"/*.resources; do
  nom_bundle=$(basename "$bundle")
  if grep -a -q -F "$nom_bundle" "$binaire"; then
    cp -R "$bundle" "$lib/$nom_bundle"
  fi
done
for attendu in $(grep -a -o -E '[A-Za-z0-9_-]+_[A-Za-z0-9]+\.resources' "$binaire" | sort -u); do
  if [ ! -d "$lib/$attendu" ]; then
    echo "erreur : le programme cherche $attendu, absent de $release." >&2
    exit 2
  fi
done

# Man page and completions, written by the program from its own command definitions.
"$binaire" developpeur manuel --date "$jour" | gzip -9n > "$share/man/man1/registre.1.gz"
# (bash-completion sources the file: the generator's « #!/bin/bash » line has no use there.)
"$binaire" developpeur completions bash | sed '1{/^#!/d}' > "$share/bash-completion/completions/registre"
"$binaire" developpeur completions zsh > "$share/zsh/vendor-completions/_registre"
"$binaire" developpeur completions fish > "$share/fish/vendor_completions.d/registre.fish"

# The format's schemas, for an editor (the program carries its own copy of the XSD).
install -m 0644 "$depot/Schemas/registre.xsd" "$depot/Schemas/registre-yaml.schema.json" "$share/registre/schemas/"

install -m 0644 "$gabarits/copyright" "$share/doc/registre/copyright"
# A native package (Registre packs itself; the version has no Debian revision): changelog.gz.
gzip -9n < "$gabarits/changelog" > "$share/doc/registre/changelog.gz"
if [ -f "$gabarits/lintian-overrides" ]; then
  install -d "$share/lintian/overrides"
  install -m 0644 "$gabarits/lintian-overrides" "$share/lintian/overrides/registre"
fi

# Permissions: folders 0755, files 0644, the program 0755; owner root (dpkg-deb --root-owner-group).
find "$racine/usr" -type d -exec chmod 0755 {} +
find "$racine/usr" -type f -exec chmod 0644 {} +
chmod 0755 "$lib/registre"

# Depends: the shared libraries the program links, with the versions their symbols need
# (dpkg-shlibdeps reads a debian/control, hence this small one), then what it runs or reads.
mkdir -p "$travail/debian"
printf 'Source: registre\n\nPackage: registre\nArchitecture: any\n' > "$travail/debian/control"
shlibs=$(cd "$travail" && dpkg-shlibdeps -O "$nom/usr/lib/registre/registre" 2>/dev/null | sed -n 's/^shlibs:Depends=//p')
if [ -z "$shlibs" ]; then
  echo "erreur : dpkg-shlibdeps n'a pas donné les bibliothèques du programme." >&2
  exit 2
fi
rm -r "$travail/debian"
taille=$(du -s -k "$racine/usr" | cut -f1)
sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$arch/" -e "s/@TAILLE@/$taille/" -e "s/@SHLIBS@/$shlibs/" \
  "$gabarits/control" > "$racine/DEBIAN/control"
(cd "$racine" && find usr -type f -print0 | LC_ALL=C sort -z | xargs -0 md5sum) > "$racine/DEBIAN/md5sums"
chmod 0644 "$racine/DEBIAN/control" "$racine/DEBIAN/md5sums"
find "$racine" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +

dpkg-deb --root-owner-group -Zxz --build "$racine" "$sortie/$nom.deb" >/dev/null
echo "$sortie/$nom.deb"

#!/usr/bin/env bash
# Installs (as root) or names (otherwise) the Debian and PyPI packages that a
# task needs. Usage: scripts/dependances.sh demo|test|bench|paquet
set -euo pipefail

profil="${1:-demo}"
# fop brings libfop-java and the default Java runtime (default-jre-headless), whose module
# image includes the compiler that runs the warm renderer's source (RenderService.java): no JDK needed.
# fonts-dejavu-extra holds the italic DejaVu Sans that fop.xconf names (fonts-dejavu-core has no oblique).
debian=(pkg-config libxml2-dev libxslt1-dev libssl-dev zlib1g-dev openssl fop fonts-dejavu-core fonts-dejavu-extra)
# The Debian package (make paquet, scripts/paquet.sh): dpkg-shlibdeps for its Depends, strip; its test
# (Tests/RegistreCLITests/PaquetDebianTests.swift) also runs lintian and unshare; ManuelCLITests checks the
# man page with man (man-db) and the zsh completion with zsh -n.
if [ "$profil" = "paquet" ] || [ "$profil" = "test" ]; then
  debian+=(dpkg-dev binutils lintian util-linux)
fi
if [ "$profil" = "test" ]; then
  debian+=(man-db zsh)
fi
pypi=()
if [ "$profil" = "test" ] || [ "$profil" = "bench" ]; then
  debian+=(poppler-utils qpdf libxml2-utils python3-pip)
  pypi+=(pyhanko pyhanko-cli pikepdf jsonschema)
fi
if [ "$profil" = "test" ]; then
  debian+=(unzip libreoffice-calc-nogui)
  # `script` (a pseudo-terminal) for the progress test of long commands (issue 22).
  debian+=(bsdutils)
  # Browser tests of `registre serveur` (Tests/Navigateur): headless Chromium, its driver,
  # Selenium and axe-core 4 (bundled by axe-core-python), run by pytest.
  debian+=(chromium chromium-driver)
  pypi+=(pytest selenium axe-core-python)
fi
if [ "$profil" = "bench" ]; then
  # /usr/bin/time -v gives the peak memory of each run (Benchmarks/banc.py).
  debian+=(time)
fi

manquants=()
for paquet in "${debian[@]}"; do
  dpkg-query -W -f='${Status}' "$paquet" 2>/dev/null | grep -q "install ok installed" \
    || manquants+=("$paquet")
done

if [ "${#manquants[@]}" -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "Installation des paquets Debian manquants : ${manquants[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${manquants[@]}" >/dev/null
  else
    echo "Paquets Debian manquants. Lancez :" >&2
    echo "  sudo apt-get install -y ${manquants[*]}" >&2
    exit 2
  fi
fi

if [ "${#pypi[@]}" -gt 0 ]; then
  pip_manquants=()
  for paquet in "${pypi[@]}"; do
    python3 -m pip show -q "$paquet" >/dev/null 2>&1 || pip_manquants+=("$paquet")
  done
  if [ "${#pip_manquants[@]}" -gt 0 ]; then
    if [ "$(id -u)" -eq 0 ]; then
      echo "Installation des paquets Python manquants : ${pip_manquants[*]}"
      python3 -m pip install -q --root-user-action=ignore "${pip_manquants[@]}"
    else
      echo "Paquets Python manquants. Lancez :" >&2
      echo "  python3 -m pip install --user ${pip_manquants[*]}" >&2
      exit 2
    fi
  fi
fi

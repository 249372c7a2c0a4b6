#!/usr/bin/env bash
# Times signing and verifying a 10 MB PDF with registre and with pyHanko, same key, same file.
# Usage: scripts/banc-signature.sh [REGISTRE_BINARY]   (default: .build/release/registre)
#        scripts/banc-signature.sh --preparer DOSSIER  (only writes cle.pem, cert.pem and 10mo.pdf
#        into DOSSIER, for Benchmarks/banc.py, which times the same commands several times)
# Needs openssl, python3 and pyhanko (scripts/dependances.sh test). Works in a temporary folder.
set -euo pipefail

if [ "${1:-}" = "--preparer" ]; then
  preparer="${2:?dossier attendu après --preparer}"
  mkdir -p "$preparer"
  cd "$preparer"
else
  preparer=""
fi

registre="${1:-.build/release/registre}"
if [ -z "$preparer" ]; then
[ -x "$registre" ] || { echo "binaire introuvable : $registre (make bench, ou swift build -c release --static-swift-stdlib --product registre)" >&2; exit 2; }
registre="$(cd "$(dirname "$registre")" && pwd)/$(basename "$registre")"
dossier="$(mktemp -d)"
trap 'rm -rf "$dossier"' EXIT
cd "$dossier"
fi

# Throw-away key and self-signed certificate (digital signature usage).
openssl req -x509 -newkey rsa:2048 -nodes -keyout cle.pem -out cert.pem -days 2 -subj "/CN=Banc d'essai" \
  -addext "keyUsage=critical,digitalSignature,nonRepudiation" 2>/dev/null

# A 10 MB PDF: one page whose content stream is 10 MB of random bytes.
python3 - <<'PY'
import os
objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
           b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>"]
data = os.urandom(10 * 1024 * 1024)
out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
offsets = []
for number, body in enumerate(objects, 1):
    offsets.append(len(out))
    out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
offsets.append(len(out))
out += b"4 0 obj\n<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream\nendobj\n"
xref = len(out)
out += b"xref\n0 5\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
out += b"trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref
open("10mo.pdf", "wb").write(out)
PY
[ -z "$preparer" ] || exit 0

chrono() {
  local debut fin
  debut=$(date +%s.%N)
  "$@" >/dev/null 2>&1
  fin=$(date +%s.%N)
  python3 -c "print(f'{$fin - $debut:.2f} s')"
}

echo "PDF de $(du -h 10mo.pdf | cut -f1), clé RSA 2048"
echo "signer   registre : $(chrono "$registre" signer 10mo.pdf --sortie r.pdf --cle cle.pem --certificat cert.pem)"
echo "signer   pyHanko  : $(chrono pyhanko sign addsig --use-pades --field Sig1 pemder --key cle.pem --cert cert.pem --no-pass 10mo.pdf p.pdf)"
echo "vérifier registre : $(chrono "$registre" verifier r.pdf --ac cert.pem)"
echo "vérifier pyHanko  : $(chrono pyhanko sign validate --trust cert.pem --trust-replace --no-revocation-check p.pdf)"

#!/usr/bin/env python3
"""Server time of each page of `registre serveur --demo` (issue 17: under 50 ms each).

Starts the release binary on a free loopback port, warms each page up, then asks each page
a bounded number of times and reads the server's own `Server-Timing: app;dur=…` header (time
spent in the application, without the loopback round trip). Prints one line per page and
exits 1 when a median reaches 50 ms. Usage: python3 Benchmarks/serveur.py [--registre BIN] [--fois N]
"""
import argparse, os, re, signal, socket, statistics, subprocess, sys, time, urllib.error, urllib.parse, urllib.request
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent
PAGES = [
    "/", "/traitements", "/traitements?constat=erreur", "/traitements/vie-scolaire",
    "/modifier/etablissement", "/modifier/traitements/vie-scolaire", "/modifier/sous-traitants/scolaris",
    "/nouveau/violations", "/catalogue", "/evaluer", "/documents", "/suivi", "/journal",
]
SEUIL_MS = 50.0


class SansRedirection(urllib.request.HTTPRedirectHandler):
    """A redirection is an error here: a page sent to /connexion would be measured instead of the page."""
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        raise urllib.error.HTTPError(req.full_url, code, f"redirection vers {newurl}", headers, fp)


def connexion(base):
    """Signs in on the demonstration server as the head of school; the session cookie."""
    page = urllib.request.urlopen(base + "/connexion", timeout=30).read().decode()
    jeton = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
    corps = urllib.parse.urlencode({"_csrf": jeton, "role": "chef", "suite": "/"}).encode()
    ouvreur = urllib.request.build_opener(SansRedirection)
    try:
        ouvreur.open(urllib.request.Request(base + "/connexion", data=corps), timeout=30)
    except urllib.error.HTTPError as e:
        if e.code == 303 and e.headers.get("Set-Cookie"):
            return e.headers["Set-Cookie"].split(";")[0]
        raise
    raise SystemExit("connexion de démonstration refusée")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--registre", default=str(RACINE / ".build/release/registre"))
    p.add_argument("--fois", type=int, default=30)
    a = p.parse_args()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    serveur = subprocess.Popen([a.registre, "serveur", "--demo", "--port", str(port)],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(base + "/static/registre.css", timeout=2).read()
                break
            except OSError:
                time.sleep(0.1)
        cookie = connexion(base)
        ouvreur = urllib.request.build_opener(SansRedirection)
        ouvreur.addheaders = [("Cookie", cookie)]
        lignes, trop_lents = [], []
        for page in PAGES:
            mesures = []
            for i in range(a.fois + 3):
                with ouvreur.open(base + page, timeout=30) as r:
                    r.read()
                    m = re.search(r"dur=([\d.]+)", r.headers.get("Server-Timing", ""))
                if m and i >= 3:  # the first three warm the caches up
                    mesures.append(float(m.group(1)))
            med = statistics.median(mesures)
            lignes.append(f"{page:45} médiane {med:7.2f} ms  (min {min(mesures):.2f}, max {max(mesures):.2f}, {len(mesures)} requêtes)")
            if med >= SEUIL_MS:
                trop_lents.append(page)
        # The first page after a change of one fiche: the register is read and audited again.
        copie = None
        premiere = serveur.stdout.readline()
        m = re.search(r"démonstration : (\S+)", premiere)
        if m:
            copie = Path(m.group(1))
        if copie and (copie / "traitements/cdi.yaml").exists():
            apres = []
            for i in range(a.fois):
                os.utime(copie / "traitements/cdi.yaml")
                with ouvreur.open(base + "/", timeout=30) as r:
                    r.read()
                    t = re.search(r"dur=([\d.]+)", r.headers.get("Server-Timing", ""))
                if t:
                    apres.append(float(t.group(1)))
            med = statistics.median(apres)
            lignes.append(f"{'/ après modification d’une fiche':45} médiane {med:7.2f} ms  (min {min(apres):.2f}, max {max(apres):.2f}, {len(apres)} requêtes ; relit et réaudite tout le registre)")
            if med >= SEUIL_MS:
                trop_lents.append("/ après modification")
        print("Temps serveur des pages de registre serveur --demo (en-tête Server-Timing)")
        print("\n".join(lignes))
        if trop_lents:
            print("Pages à 50 ms ou plus : " + ", ".join(trop_lents))
            return 1
        return 0
    finally:
        serveur.send_signal(signal.SIGINT)
        try:
            serveur.wait(timeout=10)
        except subprocess.TimeoutExpired:
            serveur.kill()


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Benchmark suite of registre (issue 8). Run by `make bench` after a release build.

Each figure is the median of several runs with its spread (min–max); peers (pyHanko) run
interleaved with registre in the same invocation, on the same input; peak memory comes from
/usr/bin/time -v. Results go to Benchmarks/resultats.json and the table between the markers of
BENCHMARKS.md. Usage: python3 Benchmarks/banc.py [--registre .build/release/registre] [--rapide]
"""
import argparse, json, os, platform, re, shutil, statistics, subprocess, sys, tempfile, time
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent
DEMO = RACINE / "Sources/RegistreCatalogue/Resources/demo"
DATE = "2026-01-15"
TEMPS_CPU = []  # user + system seconds of each run measured with /usr/bin/time, in order
DEBUT_TABLE, FIN_TABLE = "<!-- debut-mesures -->", "<!-- fin-mesures -->"


def charge():
    return os.getloadavg()[0]


def lancer(commande, env=None, memoire=False):
    """Runs one command; returns (seconds, peak RSS in MB or None, stdout, stderr)."""
    if memoire:
        commande = ["/usr/bin/time", "-v"] + commande
    debut = time.perf_counter()
    p = subprocess.run(commande, capture_output=True, text=True, env=env)
    duree = time.perf_counter() - debut
    pic = None
    if memoire:
        m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr)
        pic = int(m.group(1)) / 1024 if m else None
        u = re.search(r"User time \(seconds\): ([\d.]+)", p.stderr)
        y = re.search(r"System time \(seconds\): ([\d.]+)", p.stderr)
        if u and y:
            TEMPS_CPU.append(float(u.group(1)) + float(y.group(1)))
    if p.returncode not in (0, 1):
        raise RuntimeError(f"échec ({p.returncode}) : {' '.join(commande)}\n{p.stderr[-2000:]}")
    return duree, pic, p.stdout, p.stderr


def resume(valeurs):
    v = sorted(valeurs)
    return {"median": statistics.median(v), "min": v[0], "max": v[-1], "runs": len(v), "values": v}


def chrono(commandes, fois, memoire=False, env=None, avant=None):
    """Times a sequence of commands as one figure, `fois` times."""
    temps, pics = [], []
    for _ in range(fois):
        if avant:
            avant()
        total, pic = 0.0, 0.0
        for c in commandes:
            d, p, _, _ = lancer(c, env=env, memoire=memoire)
            total += d
            pic = max(pic, p or 0)
        temps.append(total)
        pics.append(pic)
    r = resume(temps)
    if memoire:
        r["peak_mb"] = max(pics)
    return r


def duel(a, b, fois, avant_a=None, avant_b=None):
    """Interleaves two commands (a, b, a, b…) so that machine noise hits both alike."""
    ta, tb = [], []
    for _ in range(fois):
        if avant_a:
            avant_a()
        ta.append(lancer(a)[0])
        if avant_b:
            avant_b()
        tb.append(lancer(b)[0])
    return resume(ta), resume(tb)


def existe(registre, sous_commande):
    p = subprocess.run([registre, sous_commande, "--help"], capture_output=True, text=True)
    # An unknown subcommand followed by --help prints the root help with code 0: check the usage line.
    return p.returncode == 0 and f"registre {sous_commande}" in p.stdout


def ms(s):
    return f"{s * 1000:.0f} ms" if s < 10 else f"{s:.1f} s"


def etalement(r):
    return f"{ms(r['min'])} – {ms(r['max'])} ({r['runs']} mesures)"


def main():
    arguments = argparse.ArgumentParser()
    arguments.add_argument("--registre", default=str(RACINE / ".build/release/registre"))
    arguments.add_argument("--rapide", action="store_true", help="moins de répétitions (essai du banc)")
    arguments.add_argument("--nation", type=int, default=8000,
                           help="établissements de la figure « nation » (moins de 8 000 : extrapolée à 8 000)")
    arguments.add_argument("--academie", type=int, default=700, help="établissements de la figure « académie »")
    arguments.add_argument("--seulement", default="demo,debit,academie,nation,signature,documents,export,chaud",
                           help="figures à mesurer, séparées par des virgules")
    options = arguments.parse_args()
    figures = set(options.seulement.split(","))
    registre = options.registre
    if not os.access(registre, os.X_OK):
        sys.exit(f"binaire introuvable : {registre} (make bench, ou swift build -c release --static-swift-stdlib --product registre)")
    n = 3 if options.rapide else 1
    debut_banc = time.perf_counter()
    travail = Path(tempfile.mkdtemp(prefix="registre-banc-"))
    lignes, brut = [], {}
    env_doc = dict(os.environ, REGISTRE_MESURES="1", SOURCE_DATE_EPOCH="1795824000")

    def ligne(figure, commande, entree, r, pair, cible, atteinte, note=""):
        c = f"charge {charge():.1f}".replace(".", ",")
        note = f"{note} ; {c}" if note else c
        lignes.append((figure, commande, entree, r, pair, cible, atteinte, note))
        print(f"[{time.perf_counter() - debut_banc:5.0f} s] {figure} : {r}  ({atteinte}) charge {charge():.1f}", flush=True)

    try:
        # 1. Demo: valider + audit, whole processes.
        if "demo" in figures:
            fois = 20 // n
            r = chrono([[registre, "valider", str(DEMO)],
                        [registre, "audit", str(DEMO), "--date", DATE, "--echec-si", "jamais"]], fois)
            brut["demo_valider_audit"] = r
            ligne("`valider` + `audit` de la démo, processus complets", "`registre valider DEMO && registre audit DEMO`",
                  "démo (23 traitements)", f"{ms(r['median'])}", "—", "< 100 ms",
                  "atteint" if r["median"] < 0.1 else "non atteint", etalement(r))

        # 2. In-process audit throughput, one core: the thread's CPU time is the "per core"
        #    figure (on a shared machine the thread also waits for a core); wall time is shown.
        if "debit" in figures:
            _, _, sortie, _ = lancer([registre, "mesurer-audit", "--etablissements", str(200 // n),
                                      "--repetitions", str(max(3, 9 // n))])
            debit = json.loads(sortie)
            brut["debit_audit"] = debit
            cpu = debit.get("cpu_median", debit["median"])
            def tps(x):
                return f"{x:,.0f}".replace(",", " ")
            ligne("Débit de l'audit en mémoire, un cœur (temps CPU du fil)", "`registre mesurer-audit`",
                  f"{debit['registers']} registres générés × 50 traitements", f"{tps(cpu)} traitements/s",
                  "—", "≥ 200 000 traitements/s/cœur", "atteint" if cpu >= 200000 else "non atteint",
                  f"{tps(debit.get('cpu_min', 0))} – {tps(debit.get('cpu_max', 0))} ({len(debit['runs'])} mesures) ; "
                  f"en temps écoulé : médiane {tps(debit['median'])} traitements/s")

        # 3. Académie and nation. School i does not depend on the size of the lot, so the nation
        #    is generated once and the académie is its first 700 schools (hard links, same bytes
        #    as generating 700).
        nation = travail / "nation"
        academie = travail / "academie"
        taille_nation = options.nation if "nation" in figures else options.academie
        if "academie" in figures or "nation" in figures:
            d, _, _, _ = lancer([registre, "generer-registres", str(nation), "--etablissements", str(taille_nation)])
            brut["generation_s"] = d
            brut["generation_etablissements"] = taille_nation
            ligne("Génération des registres", f"`registre generer-registres --etablissements {taille_nation}`",
                  f"{taille_nation} × 50 traitements (XML, {sum(f.stat().st_size for f in nation.iterdir()) / 1e6:.0f} Mo)",
                  ms(d), "—", "(mesurée)", "—", "1 mesure, 2 cœurs")
            academie.mkdir()
            for nom in sorted(os.listdir(nation))[:options.academie]:
                os.link(nation / nom, academie / nom)

        if "academie" in figures:
            lot = [registre, "audit", "--lot", str(academie), "--date", DATE, "--format", "json",
                   "--sortie", str(travail / "academie.json"), "--echec-si", "jamais", "--remplacer"]
            del TEMPS_CPU[:]
            r = chrono([lot], max(1, 3 // n), memoire=True)
            r["cpu_s"] = statistics.median(TEMPS_CPU) if TEMPS_CPU else None
            brut["academie"] = r
            ligne("Audit par lot, académie, processus complet, 2 cœurs", "`registre audit --lot`",
                  f"{options.academie} établissements × 50 traitements",
                  f"{ms(r['median'])}, pic {r['peak_mb']:.0f} Mo" + (f", CPU {ms(r['cpu_s'])}" if r["cpu_s"] else ""), "—",
                  "< 30 s et < 500 Mo", "atteint" if r["median"] < 30 and r["peak_mb"] < 500 else
                  ("mémoire atteinte, temps non atteint" if r["peak_mb"] < 500 else "non atteint"), etalement(r))
            brut["academie"]["etablissements"] = options.academie

            # The consolidated PDF for the académie's DPD.
            pdf = [registre, "audit", "--lot", str(academie), "--date", DATE, "--format", "pdf",
                   "--sortie", str(travail / "academie.pdf"), "--echec-si", "jamais", "--demonstration"]
            try:
                r = chrono([pdf], 1, memoire=True, env=env_doc,
                           avant=lambda: [p.unlink() for p in travail.glob("academie.pdf*")])
                pages = subprocess.run(["pdfinfo", str(travail / "academie.pdf")], capture_output=True, text=True).stdout
                m = re.search(r"Pages:\s+(\d+)", pages)
                brut["academie_pdf"] = dict(r, pages=int(m.group(1)) if m else None)
                ligne("Rapport PDF consolidé de l'académie, signé", "`registre audit --lot --format pdf`",
                      f"{options.academie} établissements" + (f" ({m.group(1)} pages)" if m else ""),
                      f"{ms(r['median'])}, pic {r['peak_mb']:.0f} Mo", "—", "(mesuré)", "mesuré", etalement(r))
            except RuntimeError as e:
                ligne("Rapport PDF consolidé de l'académie", "`registre audit --lot --format pdf`",
                      f"{options.academie} établissements", "échec", "—", "(mesuré)", "non mesuré",
                      str(e).splitlines()[0])

        # 4. Nation: the whole lot when --nation is 8 000 (the default); a smaller --nation is
        #    extrapolated linearly (the cost per school does not depend on the size of the lot).
        if "nation" in figures:
            taille = taille_nation
            lot = [registre, "audit", "--lot", str(nation), "--date", DATE, "--format", "csv",
                   "--sortie", str(travail / "nation.csv"), "--echec-si", "jamais", "--remplacer"]
            del TEMPS_CPU[:]
            r = chrono([lot], 1, memoire=True)
            r["cpu_s"] = TEMPS_CPU[0] if TEMPS_CPU else None
            brut["nation"] = dict(r, etablissements=taille)
            total_nation = r["median"] * 8000 / taille
            plat = "academie" in brut and r["peak_mb"] <= brut["academie"]["peak_mb"] * 1.2
            mesure = f"{ms(r['median'])}" if taille == 8000 else f"{ms(r['median'])} mesuré → {ms(total_nation)} extrapolé"
            ligne("Audit par lot, nation, processus complet, 2 cœurs", "`registre audit --lot`",
                  f"{taille} établissements × 50 traitements" + ("" if taille == 8000 else " (extrapolé à 8 000)"),
                  f"{mesure}, pic {r['peak_mb']:.0f} Mo" + (f", CPU {ms(r['cpu_s'])}" if r["cpu_s"] else ""), "—",
                  "< 5 min, mémoire plate (± 20 % de l'académie)",
                  ("temps atteint" if total_nation < 300 else "temps non atteint") + (", mémoire plate" if plat else ", mémoire non plate"),
                  "1 mesure")

        # 5. Signing and verifying a 10 MB PDF, against pyHanko, same key, same file.
        if "signature" in figures:
            if shutil.which("pyhanko"):
                sig = travail / "signature"
                subprocess.run([str(RACINE / "scripts/banc-signature.sh"), "--preparer", str(sig)], check=True)
                pdf, cle, cert = str(sig / "10mo.pdf"), str(sig / "cle.pem"), str(sig / "cert.pem")
                def menage(*noms):
                    return lambda: [Path(sig / x).unlink(missing_ok=True) for x in noms]
                fois = max(2, 5 // n)
                ra, rb = duel([registre, "signer", pdf, "--sortie", str(sig / "r.pdf"), "--cle", cle, "--certificat", cert],
                              ["pyhanko", "sign", "addsig", "--use-pades", "--field", "Sig1", "pemder", "--key", cle,
                               "--cert", cert, "--no-pass", pdf, str(sig / "p.pdf")], fois,
                              avant_a=menage("r.pdf"), avant_b=menage("p.pdf"))
                brut["signer"], brut["signer_pyhanko"] = ra, rb
                rapport = rb["median"] / ra["median"]
                ligne("Signature PAdES d'un PDF de 10 Mo, processus complet", "`registre signer`", "PDF 10 Mo, RSA 2048",
                      ms(ra["median"]), f"pyHanko {ms(rb['median'])} → × {rapport:.1f}", "≥ 10 × plus rapide",
                      "atteint" if rapport >= 10 else "non atteint", etalement(ra))
                ra, rb = duel([registre, "verifier", str(sig / "r.pdf"), "--ac", cert],
                              ["pyhanko", "sign", "validate", "--trust", cert, "--trust-replace", "--no-revocation-check",
                               str(sig / "p.pdf")], fois)
                brut["verifier"], brut["verifier_pyhanko"] = ra, rb
                rapport = rb["median"] / ra["median"]
                ligne("Vérification du même PDF", "`registre verifier`", "PDF 10 Mo signé",
                      ms(ra["median"]), f"`pyhanko sign validate` {ms(rb['median'])} → × {rapport:.1f}",
                      "≥ 10 × plus rapide", "atteint" if rapport >= 10 else "non atteint", etalement(ra))
            else:
                ligne("Signature / vérification d'un PDF de 10 Mo", "—", "—", "non mesuré", "pyHanko absent",
                      "≥ 10 ×", "non mesuré")

        # 6. Documents of the demo, with FOP's share (REGISTRE_MESURES=1 on the documents branch).
        if "documents" in figures:
            if existe(registre, "document"):
                docs = travail / "documents"
                docs.mkdir()
                travaux = [("registre", [registre, "document", str(DEMO), "--sortie", str(docs / "registre.pdf")]),
                           ("notices", [registre, "notices", str(DEMO), "--sortie", str(docs / "notices")]),
                           ("rapport d'audit", [registre, "audit", str(DEMO), "--format", "pdf", "--sortie",
                                                str(docs / "audit.pdf"), "--echec-si", "jamais", "--date", DATE])]
                for nom, commande in travaux:
                    temps, fop, xslt = [], [], []
                    echec = None
                    for _ in range(2):
                        shutil.rmtree(docs, ignore_errors=True)
                        docs.mkdir()
                        try:
                            d, _, _, err = lancer(commande, env=env_doc)
                        except RuntimeError as e:
                            echec = str(e).splitlines()[0]
                            break
                        temps.append(d)
                        m = re.search(r"XSLT ([\d,]+) s, rendu FOP et écriture ([\d,]+) s", err)
                        if m:
                            xslt.append(float(m.group(1).replace(",", ".")))
                            fop.append(float(m.group(2).replace(",", ".")))
                    if echec or not temps:
                        brut[f"document_{nom}"] = {"echec": echec}
                        ligne(f"Document de la démo : {nom}", f"`registre {commande[1]}`", "démo", "échec", "—",
                              "mesuré, part de FOP montrée", "non mesuré", echec or "")
                        continue
                    r = resume(temps)
                    part = f"FOP {statistics.median(fop) / r['median'] * 100:.0f} %, XSLT {statistics.median(xslt) * 1000:.0f} ms" if fop else "part de FOP non publiée"
                    brut[f"document_{nom}"] = dict(r, fop=fop, xslt=xslt)
                    ligne(f"Document de la démo : {nom}", f"`{' '.join(['registre'] + commande[1:2])}`", "démo",
                          f"{ms(r['median'])} ({part})", "—", "mesuré, part de FOP montrée", "mesuré", etalement(r))
            else:
                ligne("Documents de la démo", "`registre document`, `notices`, `audit --format pdf`", "démo",
                      "pas encore mesuré", "—", "mesuré", "non mesuré (commandes absentes de cette version)")

        # 7. Yearly export of the demo.
        if "export" in figures:
            if existe(registre, "exporter"):
                exp = travail / "export"
                commande = [registre, "exporter", str(DEMO), "--annee", "2026", "--archive", str(exp), "--demonstration"]
                try:
                    r = chrono([commande], max(2, 3 // n), env=env_doc, avant=lambda: shutil.rmtree(exp, ignore_errors=True))
                    brut["exporter"] = r
                    ligne("`registre exporter` de la démo, bout à bout", "`registre exporter`", "démo", ms(r["median"]),
                          "—", "mesuré", "mesuré", etalement(r))
                except RuntimeError as e:
                    ligne("`registre exporter` de la démo", "`registre exporter`", "démo", "non mesuré", "—", "mesuré",
                          "non mesuré", str(e).splitlines()[0])
            else:
                ligne("`registre exporter` de la démo, bout à bout", "`registre exporter`", "démo", "pas encore mesuré",
                      "—", "mesuré", "non mesuré (commande absente de cette version)")

        # 8. Warm FOP (one JVM for every document of a process, issue 22) against the cold
        #    `fop` per document (REGISTRE_RENDU=fop), side by side, interleaved, same input.
        if "chaud" in figures:
            froid_env = dict(env_doc, REGISTRE_RENDU="fop")
            chaud_env = dict(env_doc)
            chaud_env.pop("REGISTRE_RENDU", None)
            if existe(registre, "mesurer-rendu"):
                # The register, rendered 4 times in one process: the warm figure is the median of
                # the 2nd and later renderings; the cold one the median of fop runs.
                mesures = {}
                for nom, env in (("froid", froid_env), ("chaud", chaud_env)):
                    _, pic, sortie, _ = lancer([registre, "mesurer-rendu", str(DEMO), "--repetitions", "4"], env=env,
                                               memoire=True)
                    mesures[nom] = dict(json.loads(sortie), peak_mb=pic)
                froid = statistics.median(mesures["froid"]["seconds"])
                suivants = mesures["chaud"]["seconds"][1:]
                chaud = statistics.median(suivants)
                rapport = froid / chaud
                brut["rendu_registre"] = dict(mesures, rapport=rapport)
                ligne("Rendu du registre, 2e document et suivants d'un processus", "`registre mesurer-rendu`",
                      "registre de la démo (53 pages), 4 rendus", f"chaud {ms(chaud)}, pic {mesures['chaud']['peak_mb']:.0f} Mo",
                      f"`fop` froid {ms(froid)}, pic {mesures['froid']['peak_mb']:.0f} Mo → × {rapport:.1f}", "≥ 4 × plus rapide",
                      "atteint" if rapport >= 4 else "non atteint",
                      f"chaud : 1er rendu {ms(mesures['chaud']['seconds'][0])}, suivants "
                      + ", ".join(ms(x) for x in suivants) + " ; froid : " + ", ".join(ms(x) for x in mesures["froid"]["seconds"]))
            for nom, commande, cible in (
                    ("exporter", lambda d: [registre, "exporter", str(DEMO), "--annee", "2026", "--archive", str(d),
                                            "--demonstration"], 3),
                    ("notices --par-traitement", lambda d: [registre, "notices", str(DEMO), "--par-traitement",
                                                            "--sortie", str(d)], 5)):
                dossier = travail / ("chaud-" + nom.split()[0])
                temps = {"froid": [], "chaud": []}
                pics = {"froid": 0.0, "chaud": 0.0}
                documents = 0
                for _ in range(max(1, 2 // n)):
                    for mode, env in (("froid", froid_env), ("chaud", chaud_env)):
                        shutil.rmtree(dossier, ignore_errors=True)
                        d, pic, _, _ = lancer(commande(dossier), env=env, memoire=True)
                        temps[mode].append(d)
                        pics[mode] = max(pics[mode], pic or 0)
                        documents = len(list(dossier.rglob("*.pdf")))
                f, c = resume(temps["froid"]), resume(temps["chaud"])
                rapport = f["median"] / c["median"]
                brut[f"chaud_{nom.split()[0]}"] = {"froid": dict(f, peak_mb=pics["froid"]),
                                                  "chaud": dict(c, peak_mb=pics["chaud"]), "rapport": rapport,
                                                  "pdf": documents}
                ligne(f"`registre {nom}` de la démo, FOP chaud contre `fop` froid", f"`registre {nom}`",
                      f"démo ({documents} PDF)", f"chaud {ms(c['median'])}, pic {pics['chaud']:.0f} Mo",
                      f"`REGISTRE_RENDU=fop` {ms(f['median'])}, pic {pics['froid']:.0f} Mo → × {rapport:.1f}",
                      f"≥ {cible} × plus rapide", "atteint" if rapport >= cible else "non atteint",
                      f"chaud {etalement(c)} ; froid {etalement(f)}")
    finally:
        shutil.rmtree(travail, ignore_errors=True)

    total = time.perf_counter() - debut_banc
    machine = {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "cpu": platform.processor() or platform.machine(),
        "coeurs": os.cpu_count(), "charge_fin": charge(), "duree_banc_s": total,
        "commit": subprocess.run(["git", "-C", str(RACINE), "rev-parse", "--short", "HEAD"], capture_output=True,
                                 text=True).stdout.strip(),
    }
    try:
        modele = [l for l in open("/proc/cpuinfo") if l.startswith("model name")][0].split(":", 1)[1].strip()
        machine["cpu"] = modele
    except (OSError, IndexError):
        pass
    if options.seulement != arguments.get_default("seulement") or options.rapide:
        print("\n".join(f"| {l[0]} | {l[1]} | {l[2]} | {l[3]} | {l[7]} | {l[4]} | {l[5]} | {l[6]} |" for l in lignes))
        print(f"\nEssai partiel terminé en {ms(total)} ; BENCHMARKS.md n'est pas réécrit.")
        return
    (RACINE / "Benchmarks/resultats.json").write_text(json.dumps({"machine": machine, "mesures": brut}, indent=2,
                                                                 ensure_ascii=False) + "\n")
    table = [f"Mesuré le {machine['date']} sur {machine['coeurs']} cœurs ({machine['cpu']}), commit {machine['commit']}, "
             f"banc complet en {ms(total)} ; charge moyenne de la machine en fin de banc : {machine['charge_fin']:.1f}.", "",
             "| figure | commande | entrée | médiane | dispersion | pair et rapport | cible | atteinte |",
             "|---|---|---|---|---|---|---|---|"]
    for figure, commande, entree, r, pair, cible, atteinte, note in lignes:
        table.append(f"| {figure} | {commande} | {entree} | {r} | {note} | {pair} | {cible} | {atteinte} |")
    chemin = RACINE / "BENCHMARKS.md"
    texte = chemin.read_text() if chemin.exists() else f"# Mesures\n\n{DEBUT_TABLE}\n{FIN_TABLE}\n"
    if DEBUT_TABLE in texte and FIN_TABLE in texte:
        avant, reste = texte.split(DEBUT_TABLE, 1)
        _, apres = reste.split(FIN_TABLE, 1)
        texte = avant + DEBUT_TABLE + "\n" + "\n".join(table) + "\n" + FIN_TABLE + apres
    chemin.write_text(texte)
    print("\n".join(table))
    print(f"\nBanc terminé en {ms(total)} ; tableau écrit dans BENCHMARKS.md, données dans Benchmarks/resultats.json.")


if __name__ == "__main__":
    main()

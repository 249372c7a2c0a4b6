"""axe-core scan of the pages of issue 18: the sign-in page (accounts and demonstration), a fiche's review
section with a recommendation, the journal, and the académie's view of `registre serveur --lot`."""
import shutil
import subprocess
import tempfile
from pathlib import Path

from conftest import PASSWORD, ROOT, Server, add_account, registre_binary, sign_in
from test_server_accessibility import violations


def test_sign_in_pages(browser):
    problems = []
    demo = Server(["--demo"])
    try:
        browser.get(demo.url + "/connexion")
        problems += violations(browser, "/connexion (démonstration)")
    finally:
        demo.stop()
    base = Path(tempfile.mkdtemp(prefix="registre-a11y-equipe-"))
    try:
        folder = base / "registre"
        shutil.copytree(ROOT / "Sources/RegistreCatalogue/Resources/demo", folder)
        add_account(folder, "dpd", "dpd")
        add_account(folder, "cpe", "contributeur")
        subprocess.run([registre_binary(), "statut", str(folder / "traitements/ent.yaml"), "--vers", "a-relire",
                        "--compte", "cpe", "--mot-de-passe-stdin"], input=PASSWORD + "\n", text=True, check=True,
                       capture_output=True, timeout=120)
        subprocess.run([registre_binary(), "recommandations", "ajouter", str(folder / "traitements/ent.yaml"),
                        "--texte", "Préciser les destinataires.", "--compte", "dpd", "--mot-de-passe-stdin"],
                       input=PASSWORD + "\n", text=True, check=True, capture_output=True, timeout=120)
        server = Server([str(folder)], folder=folder)
        try:
            browser.get(server.url + "/connexion")
            problems += violations(browser, "/connexion (comptes)")
            sign_in(browser, server, identifier="dpd")
            for page in ("/", "/traitements/ent", "/journal"):
                browser.get(server.url + page)
                problems += violations(browser, page + " (dpd)")
        finally:
            server.stop()
    finally:
        shutil.rmtree(base, ignore_errors=True)
    assert not problems, "\n".join(problems)


def test_academie_view(browser):
    base = Path(tempfile.mkdtemp(prefix="registre-a11y-lot-"))
    problems = []
    try:
        lot = base / "lot"
        for school in ("lycee-a", "college-b"):
            shutil.copytree(ROOT / "Sources/RegistreCatalogue/Resources/demo", lot / school)
        add_account(lot, "dpd.academie", "dpd")
        add_account(lot / "lycee-a", "dpd.academie", "dpd")
        server = Server(["--lot", str(lot)], folder=lot)
        try:
            sign_in(browser, server, identifier="dpd.academie")
            assert "Vue de l'académie" in browser.page_source
            problems += violations(browser, "/ (lot)")
            browser.get(server.url + "/etablissements/lycee-a/traitements/ent")
            assert "retour à la vue de l'académie" in browser.page_source
            problems += violations(browser, "/etablissements/lycee-a/traitements/ent")
        finally:
            server.stop()
    finally:
        shutil.rmtree(base, ignore_errors=True)
    assert not problems, "\n".join(problems)

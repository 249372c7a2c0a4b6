"""Issue 18, end to end in a real browser: a contributeur submits a fiche, the DPD comments and marks it
contrôlé, the contributeur edits it and it drops back, the head validates and seals the year, and
`registre verifier` accepts the sealed year with its journal."""
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By

from conftest import PASSWORD, ROOT, Server, add_account, registre_binary, sign_in, sign_out
from helpers import fill, page_text, save, submit, wait_for_job

P12_PASSWORD = "mot de passe du certificat de test"


@pytest.fixture
def team_server():
    base = Path(tempfile.mkdtemp(prefix="registre-equipe-"))
    folder = base / "registre"
    shutil.copytree(ROOT / "Sources/RegistreCatalogue/Resources/demo", folder)
    for identifier, role in (("chef", "chef"), ("cpe", "contributeur"), ("dpd", "dpd"), ("ca", "lecteur")):
        add_account(folder, identifier, role)
    # The head's signing certificate (self-signed, its own authority for `registre verifier --ac`).
    key, cert, p12 = base / "cle.pem", base / "certificat.pem", base / "chef.p12"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
                    "-days", "30", "-subj", "/CN=Chef d'etablissement (test)/O=Lycee de test",
                    "-addext", "keyUsage=critical,digitalSignature,nonRepudiation"],
                   check=True, capture_output=True, timeout=60)
    subprocess.run(["openssl", "pkcs12", "-export", "-inkey", str(key), "-in", str(cert), "-out", str(p12),
                    "-passout", "pass:" + P12_PASSWORD], check=True, capture_output=True, timeout=60)
    serveur = Server([str(folder), "--p12", str(p12)], folder=folder, environment={"REGISTRE_MOT_DE_PASSE": P12_PASSWORD})
    serveur.authority = cert
    yield serveur
    serveur.stop()
    shutil.rmtree(base, ignore_errors=True)


def click(browser, label):
    submit(browser, label)


def test_submit_control_drop_back_validate_seal(team_server, browser):
    url = team_server.url
    # The contributeur submits the fiche.
    sign_in(browser, team_server, identifier="cpe")
    browser.get(url + "/traitements/ent")
    click(browser, "Soumettre à la relecture")
    assert "À relire" in page_text(browser)
    sign_out(browser)

    # The DPD sees it waiting, writes a recommendation and marks it contrôlé.
    sign_in(browser, team_server, identifier="dpd")
    assert "Fiche à relire" in page_text(browser)
    browser.get(url + "/traitements/ent")
    assert "Modifier la fiche" not in page_text(browser)  # the DPD reviews, does not edit
    fill(browser, "texte", "Préciser la durée de conservation des journaux de connexion.")
    click(browser, "Ajouter la recommandation")
    click(browser, "Marquer la fiche « contrôlée »")
    assert "Contrôlé par le DPD" in page_text(browser)
    sign_out(browser)

    # The contributeur answers and edits the fiche: it drops back to brouillon, and the page says so.
    sign_in(browser, team_server, identifier="cpe")
    assert "Recommandation n° 1 à traiter" in page_text(browser)
    browser.get(url + "/traitements/ent")
    fill(browser, "texte", "Durée précisée : un an.")
    click(browser, "Répondre")
    browser.get(url + "/modifier/traitements/ent")
    fill(browser, "finalite_principale", "Espace numérique de travail : services en ligne de l'établissement")
    save(browser)
    text = page_text(browser)
    assert "Retour en brouillon" in text and "Contrôlé par le DPD" in text, text
    click(browser, "Soumettre à la relecture")
    sign_out(browser)

    # The DPD closes the recommendation and controls again; the head validates.
    sign_in(browser, team_server, identifier="dpd")
    browser.get(url + "/traitements/ent")
    click(browser, "Clore la recommandation")
    click(browser, "Marquer la fiche « contrôlée »")
    sign_out(browser)
    sign_in(browser, team_server, identifier="chef")
    assert "Fiche contrôlée, à valider" in page_text(browser)
    browser.get(url + "/traitements/ent")
    click(browser, "Valider la fiche")
    assert "Validé par le chef d'établissement" in page_text(browser)

    # A reader sees the journal but cannot change anything.
    browser.get(url + "/journal")
    journal_text = page_text(browser)
    assert "Chaîne intacte" in journal_text
    assert "passage de traitements/ent.yaml" in journal_text

    # The head seals the year; the progress page, if any, ends on the result.
    browser.get(url + "/documents")
    fill(browser, "annee", "2026")
    click(browser, "Sceller l'année")
    wait_for_job(browser)  # the job's page reloads itself until the year is sealed
    assert "Année scellée" in page_text(browser), page_text(browser)
    browser.get(url + "/documents")  # a page that does not reload itself, before signing out
    assert "Années scellées" in page_text(browser)
    sign_out(browser)

    # A lecteur: the pages offer no writing form.
    sign_in(browser, team_server, identifier="ca")
    browser.get(url + "/traitements/ent")
    assert not browser.find_elements(By.CSS_SELECTOR, "form[action='/traitements/ent/statut']")

    folder = team_server.folder
    archive = next((folder / "archive").iterdir())
    sealed = subprocess.run([registre_binary(), "verifier", str(archive), "--ac", str(team_server.authority)],
                            capture_output=True, text=True, timeout=600)
    assert sealed.returncode == 0, sealed.stdout + sealed.stderr
    assert "journal" in (sealed.stdout + sealed.stderr).lower()
    journal = subprocess.run([registre_binary(), "verifier", "--journal", str(folder)],
                             capture_output=True, text=True, timeout=120)
    assert journal.returncode == 0, journal.stdout + journal.stderr

"""End-to-end scenarios of `registre serveur` in a real headless Chromium (issue 17)."""
from selenium.webdriver.common.by import By

from helpers import field, choose, save, fill, submit, page_text, wait_for_job


def test_college_created_from_catalogue_then_completed(empty_server, browser):
    """A référent creates a collège from the catalogue, then fills its values through the forms."""
    browser.get(empty_server.url + "/")
    assert "Aucun registre" in page_text(browser)
    browser.find_element(By.LINK_TEXT, "Créer le registre de l'établissement à partir du catalogue").click()
    fill(browser, "nom", "Collège Victor-Hugo")
    fill(browser, "uai", "0999999Z")
    for box in browser.find_elements(By.CSS_SELECTOR, 'input[name="entree"]'):
        if box.is_selected():
            box.click()
    browser.find_element(By.ID, "e-siecle").click()
    submit(browser, "Créer le registre")
    assert (empty_server.folder / "traitements/siecle.yaml").is_file()
    assert "Fiches à compléter" in page_text(browser)
    assert "À COMPLÉTER" in page_text(browser)

    # Every « À COMPLÉTER » value, file by file, through the generated forms.
    for _ in range(5):
        links = [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "td a[href^='/modifier'], td a[href*='/modifier/']")]
        if not links:
            break
        browser.get(links[0].split("#")[0])
        for element in browser.find_elements(By.CSS_SELECTOR, "input[type=text], textarea"):
            if (element.get_attribute("value") or "").startswith("À COMPLÉTER"):
                element.clear()
                element.send_keys("Renseigné par le référent numérique")
        save(browser)
        browser.get(empty_server.url + "/")
    assert "Tableau de bord" in browser.title, page_text(browser)
    assert "Collège Victor-Hugo" in page_text(browser)
    assert "À COMPLÉTER" not in (empty_server.folder / "etablissement.yaml").read_text(encoding="utf-8")


def test_finding_appears_then_disappears(demo_server, browser):
    """A fiche filled through the form: a finding appears beside its field, then disappears when fixed."""
    browser.get(demo_server.url + "/traitements/vie-scolaire")
    assert "base-legale-consentement-mission" not in browser.page_source
    browser.find_element(By.LINK_TEXT, "Modifier la fiche").click()
    choose(browser, "base_legale.article_6", "consentement")
    save(browser)
    assert "/traitements/vie-scolaire" in browser.current_url
    row = browser.find_element(By.ID, "f-base_legale")
    assert "base-legale-consentement-mission" in row.text
    assert "Référence :" in row.text and "Remède :" in row.text

    browser.find_element(By.LINK_TEXT, "Modifier la fiche").click()
    choose(browser, "base_legale.article_6", "mission-interet-public")
    save(browser)
    assert "base-legale-consentement-mission" not in browser.page_source


def test_invalid_form_diagnostic_at_field(demo_server, browser):
    browser.get(demo_server.url + "/modifier/traitements/vie-scolaire")
    fill(browser, "personnes_concernees[0].volume", "beaucoup")
    save(browser)
    assert "Rien n'a été enregistré" in page_text(browser)
    error = browser.find_element(By.ID, "champ-personnes_concernees-0--volume-erreur")
    assert "nombre entier positif" in error.text
    assert field(browser, "personnes_concernees[0].volume").get_attribute("aria-invalid") == "true"


def test_keyboard_only(demo_server, browser):
    """The skip link is the first stop of the keyboard and leads to the main content."""
    from selenium.webdriver.common.keys import Keys
    browser.get(demo_server.url + "/")
    browser.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
    active = browser.switch_to.active_element
    assert active.text == "Aller au contenu"
    active.send_keys(Keys.ENTER)
    assert browser.current_url.endswith("#contenu")


def test_evaluate_a_tool_then_add_it(demo_server, browser):
    """The tool sheet as a form: the opinion on screen, then « Ajouter au registre » writes the draft fiche."""
    browser.get(demo_server.url + "/evaluer")
    fill(browser, "nom", "Quiz Express")
    fill(browser, "editeur", "Quiz Express SAS")
    fill(browser, "finalite", "Exercices de mathématiques en classe")
    fill(browser, "hebergement.pays", "FR")
    choose(browser, "contrat_art28", "signe")
    choose(browser, "publicite", "false")
    submit(browser, "Évaluer")
    opinion = browser.find_element(By.ID, "t-avis").text
    assert "Quiz Express" in opinion and ("adoptable" in opinion), opinion
    assert "Référence :" in page_text(browser)
    submit(browser, "Ajouter au registre")
    assert "/traitements/" in browser.current_url, browser.current_url
    assert "Quiz Express" in page_text(browser)
    browser.get(demo_server.url + "/traitements?statut=brouillon")
    assert "Quiz Express" in page_text(browser)


def test_invalid_tool_sheet_diagnostic_at_field(demo_server, browser):
    browser.get(demo_server.url + "/evaluer")
    fill(browser, "nom", "Outil sans éditeur")
    fill(browser, "age_minimum_cgu", "treize")
    submit(browser, "Évaluer")
    assert "Fiche invalide" in page_text(browser)
    assert field(browser, "age_minimum_cgu").get_attribute("aria-invalid") == "true"
    assert field(browser, "editeur").get_attribute("aria-invalid") == "true"


def _download(browser, folder, name, deadline=120):
    import time
    browser.find_element(By.LINK_TEXT, name).click()
    path = folder / name
    deadline = time.monotonic() + deadline
    while time.monotonic() < deadline:
        if path.is_file() and not any(p.suffix == ".crdownload" for p in folder.iterdir()):
            return path
        time.sleep(0.3)
    raise AssertionError(f"{name} n'a pas été téléchargé")


def test_documents_notice_and_register_signed(demo_server, browser, downloads):
    """Produce the notices and the register, download them; each signature verifies with `registre verifier`."""
    import subprocess
    from conftest import registre_binary
    for document in ("notices", "registre"):
        browser.get(demo_server.url + "/documents")
        browser.find_element(By.ID, f"d-{document}").click()
        submit(browser, "Produire")
        # The POST answers with the job's page, which reloads itself until the documents are made.
        wait_for_job(browser)
        assert "Écrit :" in page_text(browser), page_text(browser)
    notice = _download(browser, downloads, "notice-familles.pdf")
    register = _download(browser, downloads, "registre.pdf")
    authority = _download(browser, downloads, "ac-demonstration.pem")
    assert notice.read_bytes().startswith(b"%PDF")
    for pdf in (notice, register):
        check = subprocess.run(
            [registre_binary(), "verifier", str(pdf), "--ac", str(authority)],
            capture_output=True, text=True, timeout=120)
        assert check.returncode == 0, check.stdout + check.stderr


def test_demo_copy_is_removed_when_the_server_stops(demo_server, browser):
    """Ctrl-C (SIGINT) stops the server cleanly, and the demo copy it served is gone."""
    browser.get(demo_server.url + "/")
    assert "Lycée" in browser.page_source
    text = demo_server.stop()
    assert demo_server.process.returncode == 0, text
    assert "Serveur arrêté." in text
    assert "Copie de démonstration supprimée." in text
    assert demo_server.demo_copy_left is False, f"{demo_server.demo_copy} reste après l'arrêt"


def test_a_request_is_answered_and_leaves_the_overdue_list(demo_server, browser):
    """The overdue request of the demo is on the dashboard and the follow-up page; answering it
    through its form takes it off both, and the audit's error disappears."""
    from selenium.webdriver.common.by import By
    browser.get(demo_server.url + "/")
    assert "hors délai depuis le 2026-11-12" in browser.page_source
    browser.get(demo_server.url + "/suivi")
    assert "signer-contrat-mathsfun" in browser.page_source
    browser.find_element(By.LINK_TEXT, "2026-10-acces-parent").click()
    from selenium.webdriver.support.ui import Select
    browser.find_element(By.ID, "champ-reponse-date").send_keys("2026-11-28")
    Select(browser.find_element(By.ID, "champ-reponse-decision")).select_by_value("satisfaite")
    from helpers import save
    save(browser)
    browser.get(demo_server.url + "/suivi")
    assert "réponse le 2026-11-28" in browser.page_source
    browser.get(demo_server.url + "/")
    assert "hors délai depuis le 2026-11-12" not in browser.page_source

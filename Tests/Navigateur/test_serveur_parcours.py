"""End-to-end scenarios of `registre serveur` in a real headless Chromium (issue 17)."""
from selenium.webdriver.common.by import By

from outils import champ, choisir, enregistrer, remplir, soumettre, texte


def test_college_cree_depuis_le_catalogue_puis_complete(serveur_vide, navigateur):
    """A référent creates a collège from the catalogue, then fills its values through the forms."""
    navigateur.get(serveur_vide.url + "/")
    assert "Aucun registre" in texte(navigateur)
    navigateur.find_element(By.LINK_TEXT, "Créer le registre de l'établissement à partir du catalogue").click()
    remplir(navigateur, "nom", "Collège Victor-Hugo")
    remplir(navigateur, "uai", "0999999Z")
    for case in navigateur.find_elements(By.CSS_SELECTOR, 'input[name="entree"]'):
        if case.is_selected():
            case.click()
    navigateur.find_element(By.ID, "e-siecle").click()
    soumettre(navigateur, "Créer le registre")
    assert (serveur_vide.dossier / "traitements/siecle.yaml").is_file()
    assert "Fiches à compléter" in texte(navigateur)
    assert "À COMPLÉTER" in texte(navigateur)

    # Every « À COMPLÉTER » value, file by file, through the generated forms.
    for _ in range(5):
        liens = [a.get_attribute("href") for a in navigateur.find_elements(By.CSS_SELECTOR, "td a[href^='/modifier'], td a[href*='/modifier/']")]
        if not liens:
            break
        navigateur.get(liens[0].split("#")[0])
        for element in navigateur.find_elements(By.CSS_SELECTOR, "input[type=text], textarea"):
            if (element.get_attribute("value") or "").startswith("À COMPLÉTER"):
                element.clear()
                element.send_keys("Renseigné par le référent numérique")
        enregistrer(navigateur)
        navigateur.get(serveur_vide.url + "/")
    assert "Tableau de bord" in navigateur.title, texte(navigateur)
    assert "Collège Victor-Hugo" in texte(navigateur)
    assert "À COMPLÉTER" not in (serveur_vide.dossier / "etablissement.yaml").read_text(encoding="utf-8")


def test_constat_apparait_puis_disparait(serveur_demo, navigateur):
    """A fiche filled through the form: a finding appears beside its field, then disappears when fixed."""
    navigateur.get(serveur_demo.url + "/traitements/vie-scolaire")
    assert "base-legale-consentement-mission" not in navigateur.page_source
    navigateur.find_element(By.LINK_TEXT, "Modifier la fiche").click()
    choisir(navigateur, "base_legale.article_6", "consentement")
    enregistrer(navigateur)
    assert "/traitements/vie-scolaire" in navigateur.current_url
    ligne = navigateur.find_element(By.ID, "f-base_legale")
    assert "base-legale-consentement-mission" in ligne.text
    assert "Référence :" in ligne.text and "Remède :" in ligne.text

    navigateur.find_element(By.LINK_TEXT, "Modifier la fiche").click()
    choisir(navigateur, "base_legale.article_6", "mission-interet-public")
    enregistrer(navigateur)
    assert "base-legale-consentement-mission" not in navigateur.page_source


def test_formulaire_invalide_diagnostic_au_champ(serveur_demo, navigateur):
    navigateur.get(serveur_demo.url + "/modifier/traitements/vie-scolaire")
    remplir(navigateur, "personnes_concernees[0].volume", "beaucoup")
    enregistrer(navigateur)
    assert "Rien n'a été enregistré" in texte(navigateur)
    erreur = navigateur.find_element(By.ID, "champ-personnes_concernees-0--volume-erreur")
    assert "nombre entier positif" in erreur.text
    assert champ(navigateur, "personnes_concernees[0].volume").get_attribute("aria-invalid") == "true"


def test_clavier_seul(serveur_demo, navigateur):
    """The skip link is the first stop of the keyboard and leads to the main content."""
    from selenium.webdriver.common.keys import Keys
    navigateur.get(serveur_demo.url + "/")
    navigateur.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
    actif = navigateur.switch_to.active_element
    assert actif.text == "Aller au contenu"
    actif.send_keys(Keys.ENTER)
    assert navigateur.current_url.endswith("#contenu")


def test_evaluer_un_outil_puis_l_ajouter(serveur_demo, navigateur):
    """The tool sheet as a form: the opinion on screen, then « Ajouter au registre » writes the draft fiche."""
    navigateur.get(serveur_demo.url + "/evaluer")
    remplir(navigateur, "nom", "Quiz Express")
    remplir(navigateur, "editeur", "Quiz Express SAS")
    remplir(navigateur, "finalite", "Exercices de mathématiques en classe")
    remplir(navigateur, "hebergement.pays", "FR")
    choisir(navigateur, "contrat_art28", "signe")
    choisir(navigateur, "publicite", "false")
    soumettre(navigateur, "Évaluer")
    avis = navigateur.find_element(By.ID, "t-avis").text
    assert "Quiz Express" in avis and ("adoptable" in avis), avis
    assert "Référence :" in texte(navigateur)
    soumettre(navigateur, "Ajouter au registre")
    assert "/traitements/" in navigateur.current_url, navigateur.current_url
    assert "Quiz Express" in texte(navigateur)
    navigateur.get(serveur_demo.url + "/traitements?statut=brouillon")
    assert "Quiz Express" in texte(navigateur)


def test_evaluer_fiche_invalide_diagnostic_au_champ(serveur_demo, navigateur):
    navigateur.get(serveur_demo.url + "/evaluer")
    remplir(navigateur, "nom", "Outil sans éditeur")
    remplir(navigateur, "age_minimum_cgu", "treize")
    soumettre(navigateur, "Évaluer")
    assert "Fiche invalide" in texte(navigateur)
    assert champ(navigateur, "age_minimum_cgu").get_attribute("aria-invalid") == "true"
    assert champ(navigateur, "editeur").get_attribute("aria-invalid") == "true"


def _telecharge(navigateur, dossier, nom, limite=120):
    import time
    navigateur.find_element(By.LINK_TEXT, nom).click()
    fichier = dossier / nom
    fin = time.monotonic() + limite
    while time.monotonic() < fin:
        if fichier.is_file() and not any(p.suffix == ".crdownload" for p in dossier.iterdir()):
            return fichier
        time.sleep(0.3)
    raise AssertionError(f"{nom} n'a pas été téléchargé")


def test_documents_notice_et_registre_signes(serveur_demo, navigateur, telechargements):
    """Produce the notices and the register, download them; each signature verifies with `registre verifier`."""
    import subprocess
    from conftest import binaire_registre
    for document in ("notices", "registre"):
        navigateur.get(serveur_demo.url + "/documents")
        navigateur.find_element(By.ID, f"d-{document}").click()
        soumettre(navigateur, "Produire")
        assert "Écrit :" in texte(navigateur), texte(navigateur)
    notice = _telecharge(navigateur, telechargements, "notice-familles.pdf")
    registre = _telecharge(navigateur, telechargements, "registre.pdf")
    autorite = _telecharge(navigateur, telechargements, "ac-demonstration.pem")
    assert notice.read_bytes().startswith(b"%PDF")
    for pdf in (notice, registre):
        verification = subprocess.run(
            [binaire_registre(), "verifier", str(pdf), "--ac", str(autorite)],
            capture_output=True, text=True, timeout=120)
        assert verification.returncode == 0, verification.stdout + verification.stderr

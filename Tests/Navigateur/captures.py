"""Screenshots of the main pages of `registre serveur --demo` for docs/serveur.md (not a test).

Usage: python3 Tests/Navigateur/captures.py [DOSSIER]  (default docs/images); needs the built binary,
chromium and chromium-driver (scripts/dependances.sh test).
"""
import sys
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

sys.path.insert(0, str(Path(__file__).resolve().parent))
from conftest import RACINE, Serveur  # noqa: E402
from outils import remplir, soumettre  # noqa: E402

PAGES = [
    ("tableau-de-bord", "/"), ("traitements", "/traitements"),
    ("traitement", "/traitements/demi-pension-biometrie"), ("edition", "/modifier/traitements/vie-scolaire"),
    ("catalogue", "/catalogue"), ("documents", "/documents"),
]


def main():
    sortie = Path(sys.argv[1]) if len(sys.argv) > 1 else RACINE / "docs/images"
    sortie.mkdir(parents=True, exist_ok=True)
    options = webdriver.ChromeOptions()
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1200,900", "--lang=fr-FR"):
        options.add_argument(argument)
    navigateur = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    navigateur.implicitly_wait(10)
    serveur = Serveur(["--demo"])
    try:
        for nom, page in PAGES:
            navigateur.get(serveur.url + page)
            navigateur.save_screenshot(str(sortie / f"serveur-{nom}.png"))
        navigateur.get(serveur.url + "/evaluer")
        remplir(navigateur, "nom", "Quiz Express")
        remplir(navigateur, "editeur", "Quiz Express SAS")
        remplir(navigateur, "finalite", "Exercices de mathématiques en classe")
        soumettre(navigateur, "Évaluer")
        navigateur.find_element(By.ID, "t-avis").location_once_scrolled_into_view
        navigateur.save_screenshot(str(sortie / "serveur-evaluer.png"))
    finally:
        navigateur.quit()
        serveur.arreter()


if __name__ == "__main__":
    main()

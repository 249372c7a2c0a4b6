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
from conftest import ROOT, Server  # noqa: E402
from helpers import fill, submit  # noqa: E402

PAGES = [
    ("tableau-de-bord", "/"), ("traitements", "/traitements"),
    ("traitement", "/traitements/demi-pension-biometrie"), ("edition", "/modifier/traitements/vie-scolaire"),
    ("catalogue", "/catalogue"), ("documents", "/documents"),
]


def main():
    output = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs/images"
    output.mkdir(parents=True, exist_ok=True)
    options = webdriver.ChromeOptions()
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1200,900", "--lang=fr-FR"):
        options.add_argument(argument)
    browser = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    browser.implicitly_wait(10)
    serveur = Server(["--demo"])
    try:
        for name, page in PAGES:
            browser.get(serveur.url + page)
            browser.save_screenshot(str(output / f"serveur-{name}.png"))
        browser.get(serveur.url + "/evaluer")
        fill(browser, "nom", "Quiz Express")
        fill(browser, "editeur", "Quiz Express SAS")
        fill(browser, "finalite", "Exercices de mathématiques en classe")
        submit(browser, "Évaluer")
        browser.find_element(By.ID, "t-avis").location_once_scrolled_into_view
        browser.save_screenshot(str(output / "serveur-evaluer.png"))
    finally:
        browser.quit()
        serveur.stop()


if __name__ == "__main__":
    main()

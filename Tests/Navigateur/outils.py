"""Small helpers of the browser tests: fill a field by its form name, submit, read the page."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import Select, WebDriverWait


def champ(navigateur, nom):
    return navigateur.find_element(By.CSS_SELECTOR, f'[name="{nom}"]')


def remplir(navigateur, nom, valeur):
    element = champ(navigateur, nom)
    element.clear()
    element.send_keys(valeur)


def choisir(navigateur, nom, valeur):
    Select(champ(navigateur, nom)).select_by_value(valeur)


def soumettre(navigateur, libelle):
    """Clicks the button labelled `libelle` and waits for the next page (a document may take a minute)."""
    ancienne = navigateur.find_element(By.TAG_NAME, "html")
    navigateur.find_element(By.XPATH, f"//button[normalize-space()='{libelle}']").click()
    WebDriverWait(navigateur, 600).until(expected_conditions.staleness_of(ancienne))


def enregistrer(navigateur):
    """Submits the page's main form with its « Enregistrer » button."""
    soumettre(navigateur, "Enregistrer")


def texte(navigateur):
    return navigateur.find_element(By.TAG_NAME, "body").text

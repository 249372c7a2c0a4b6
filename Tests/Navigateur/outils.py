"""Small helpers of the browser tests: fill a field by its form name, submit, read the page."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select


def champ(navigateur, nom):
    return navigateur.find_element(By.CSS_SELECTOR, f'[name="{nom}"]')


def remplir(navigateur, nom, valeur):
    element = champ(navigateur, nom)
    element.clear()
    element.send_keys(valeur)


def choisir(navigateur, nom, valeur):
    Select(champ(navigateur, nom)).select_by_value(valeur)


def enregistrer(navigateur):
    """Submits the page's main form with its « Enregistrer » button, from the keyboard."""
    bouton = navigateur.find_element(By.XPATH, "//button[normalize-space()='Enregistrer']")
    bouton.click()


def texte(navigateur):
    return navigateur.find_element(By.TAG_NAME, "body").text

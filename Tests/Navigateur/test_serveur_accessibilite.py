"""axe-core scan of every page of `registre serveur` on the demo: no violation at all (RGAA / WCAG 2.1 AA rules
and axe's best practices), every page with lang="fr"."""
from axe_core_python.selenium import Axe

PAGES = [
    "/", "/traitements", "/traitements?constat=erreur", "/traitements/vie-scolaire",
    "/traitements/demi-pension-biometrie", "/modifier/etablissement", "/modifier/traitements/vie-scolaire",
    "/modifier/sous-traitants/scolaris", "/modifier/violations/2026-03-cle-usb", "/nouveau/violations",
    "/nouveau/traitements", "/catalogue", "/evaluer", "/documents", "/page-inexistante",
]


def examiner(navigateur, page):
    """The violations axe-core finds on the current page, one line each."""
    resultats = Axe().run(navigateur)
    assert resultats.get("passes"), f"axe n'a rien vérifié sur {page}"
    lignes = []
    for violation in resultats["violations"]:
        cibles = [n["target"] for n in violation["nodes"]][:3]
        lignes.append(f"{page} : {violation['id']} ({violation.get('impact')}) {violation['help']} {cibles}")
    return lignes


def test_aucune_violation(serveur_demo, navigateur):
    problemes = []
    for page in PAGES:
        navigateur.get(serveur_demo.url + page)
        assert navigateur.find_element("tag name", "html").get_attribute("lang") == "fr", page
        problemes += examiner(navigateur, page)
    assert not problemes, "\n".join(problemes)


def test_aucune_violation_apres_evaluation_et_erreur(serveur_demo, navigateur):
    """The pages as they look with a result or with diagnostics at the fields."""
    from selenium.webdriver.common.by import By
    from outils import remplir, soumettre
    navigateur.get(serveur_demo.url + "/evaluer")
    remplir(navigateur, "nom", "Quiz Express")
    remplir(navigateur, "editeur", "Quiz Express SAS")
    remplir(navigateur, "finalite", "Exercices")
    soumettre(navigateur, "Évaluer")
    problemes = examiner(navigateur, "/evaluer (avis)")
    navigateur.get(serveur_demo.url + "/modifier/traitements/vie-scolaire")
    remplir(navigateur, "personnes_concernees[0].volume", "beaucoup")
    soumettre(navigateur, "Enregistrer")
    problemes += examiner(navigateur, "/modifier (diagnostics)")
    assert not problemes, "\n".join(problemes)

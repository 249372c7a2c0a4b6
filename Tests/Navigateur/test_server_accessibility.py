"""axe-core scan of every page of `registre serveur` on the demo: no violation at all (RGAA / WCAG 2.1 AA rules
and axe's best practices), every page with lang="fr"."""
from axe_core_python.selenium import Axe

PAGES = [
    "/", "/traitements", "/traitements?constat=erreur", "/traitements/vie-scolaire",
    "/traitements/demi-pension-biometrie", "/modifier/etablissement", "/modifier/traitements/vie-scolaire",
    "/modifier/sous-traitants/scolaris", "/modifier/violations/2026-03-cle-usb", "/nouveau/violations",
    "/nouveau/traitements", "/catalogue", "/evaluer", "/documents", "/suivi",
    "/modifier/actions/signer-contrat-mathsfun", "/nouveau/actions", "/modifier/demandes/2026-10-acces-parent",
    "/nouveau/demandes", "/journal", "/page-inexistante",
]


def violations(browser, page):
    """The violations axe-core finds on the current page, one line each."""
    results = Axe().run(browser)
    assert results.get("passes"), f"axe n'a rien vérifié sur {page}"
    lines = []
    for violation in results["violations"]:
        targets = [n["target"] for n in violation["nodes"]][:3]
        lines.append(f"{page} : {violation['id']} ({violation.get('impact')}) {violation['help']} {targets}")
    return lines


def test_no_violation(demo_server, browser):
    problems = []
    for page in PAGES:
        browser.get(demo_server.url + page)
        assert browser.find_element("tag name", "html").get_attribute("lang") == "fr", page
        problems += violations(browser, page)
    assert not problems, "\n".join(problems)


def test_no_violation_after_opinion_and_error(demo_server, browser):
    """The pages as they look with a result or with diagnostics at the fields."""
    from selenium.webdriver.common.by import By
    from helpers import fill, submit
    browser.get(demo_server.url + "/evaluer")
    fill(browser, "nom", "Quiz Express")
    fill(browser, "editeur", "Quiz Express SAS")
    fill(browser, "finalite", "Exercices")
    submit(browser, "Évaluer")
    problems = violations(browser, "/evaluer (avis)")
    browser.get(demo_server.url + "/modifier/traitements/vie-scolaire")
    fill(browser, "personnes_concernees[0].volume", "beaucoup")
    submit(browser, "Enregistrer")
    problems += violations(browser, "/modifier (diagnostics)")
    assert not problems, "\n".join(problems)

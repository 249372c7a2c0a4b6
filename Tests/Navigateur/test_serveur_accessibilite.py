"""axe-core scan of every page of `registre serveur` on the demo: no serious or critical violation."""
import pytest
from axe_selenium_python import Axe

PAGES = [
    "/", "/traitements", "/traitements?constat=erreur", "/traitements/vie-scolaire",
    "/traitements/demi-pension-biometrie", "/modifier/etablissement", "/modifier/traitements/vie-scolaire",
    "/modifier/sous-traitants/scolaris", "/modifier/violations/2026-03-cle-usb", "/nouveau/violations",
    "/nouveau/traitements", "/catalogue", "/evaluer", "/documents", "/page-inexistante",
]


def test_aucune_violation_grave(serveur_demo, navigateur):
    problemes = []
    for page in PAGES:
        navigateur.get(serveur_demo.url + page)
        assert navigateur.find_element("tag name", "html").get_attribute("lang") == "fr", page
        axe = Axe(navigateur)
        axe.inject()
        resultats = axe.run()
        assert resultats.get("passes"), f"axe n'a rien vérifié sur {page}"
        for violation in resultats["violations"]:
            if violation.get("impact") in ("serious", "critical"):
                cibles = [n["target"] for n in violation["nodes"]][:3]
                problemes.append(f"{page} : {violation['id']} ({violation['impact']}) {violation['help']} {cibles}")
    assert not problemes, "\n".join(problemes)

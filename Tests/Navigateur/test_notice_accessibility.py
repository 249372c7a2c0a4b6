"""axe-core scan of the families' notice as a web page (`registre notices --html`, issue 15), opened from
the file the command writes: no violation at all, lang="fr", one h1."""
import subprocess
import tempfile
from pathlib import Path

from axe_core_python.selenium import Axe

from conftest import ROOT, registre_binary


def test_the_html_notice_has_no_accessibility_violation(browser):
    with tempfile.TemporaryDirectory(prefix="registre-notice-") as folder:
        demo = ROOT / "Sources/RegistreCatalogue/Resources/demo"
        run = subprocess.run(
            [registre_binary(), "notices", str(demo), "--sortie", folder, "--html"],
            capture_output=True, text=True, timeout=300)
        assert run.returncode == 0, run.stderr
        page = Path(folder) / "notice-familles.html"
        assert page.is_file(), run.stdout
        browser.get(page.as_uri())
        assert browser.find_element("tag name", "html").get_attribute("lang") == "fr"
        assert len(browser.find_elements("tag name", "h1")) == 1
        results = Axe().run(browser)
        assert results.get("passes"), "axe n'a rien vérifié sur la notice"
        problems = [
            f"{v['id']} ({v.get('impact')}) {v['help']} {[n['target'] for n in v['nodes']][:3]}"
            for v in results["violations"]
        ]
        assert not problems, "\n".join(problems)

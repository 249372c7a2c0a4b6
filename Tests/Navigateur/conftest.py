"""Shared fixtures of the browser tests: the built `registre serveur` on a free loopback port,
over a temporary register folder, and a headless Chromium driven by Selenium.

The server is started once per fixture use and stopped (SIGINT, as Ctrl-C) at the end.
A missing browser, driver or binary makes the tests fail with the reason: they never pass silently.
"""
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent


def registre_binary():
    for candidate in (os.environ.get("REGISTRE"), ROOT / ".build/debug/registre", ROOT / ".build/release/registre"):
        if candidate and Path(candidate).is_file():
            return str(candidate)
    pytest.fail("binaire registre introuvable : lancer « swift build » d'abord (ou REGISTRE=chemin)")


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A running `registre serveur`: its base address and the register folder it serves."""

    def __init__(self, arguments, folder=None, environment=None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [registre_binary(), "serveur", *arguments, "--port", str(self.port)],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            env={**os.environ, **(environment or {})})
        self.output = []
        self.folder = folder
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail("le serveur s'est arrêté au démarrage :\n" + (self.process.stdout.read() or ""))
            try:
                urllib.request.urlopen(self.url + "/static/registre.css", timeout=2).read()
                break
            except OSError:
                time.sleep(0.2)
        else:
            self.stop()
            pytest.fail("le serveur ne répond pas après 60 s")

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        page_text = self.process.stdout.read() if self.process.stdout else ""
        self.output.append(page_text)
        if self.folder is None:
            m = re.search(r"Copie du registre de démonstration : (\S+)", page_text)
            if m:
                self.demo_copy = Path(m.group(1))
                self.demo_copy_left = self.demo_copy.exists()
                shutil.rmtree(m.group(1), ignore_errors=True)
        return page_text


PASSWORD = "mot de passe des tests du navigateur"


def add_account(folder, identifier, role):
    """`registre comptes ajouter`, as a head of school would run it (password on standard input)."""
    result = subprocess.run(
        [registre_binary(), "comptes", "ajouter", str(folder), "--identifiant", identifier, "--role", role,
         "--nom", f"Compte {identifier}", "--mot-de-passe-stdin"],
        input=PASSWORD + "\n", capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def sign_in(browser, server, identifier=None, role=None):
    """Signs in through /connexion: with an account, or by choosing a role on the demonstration server."""
    from selenium.webdriver.common.by import By
    from helpers import fill, submit
    browser.get(server.url + "/connexion")
    if role is not None:
        browser.find_element(By.ID, f"role-{role}").click()
    else:
        fill(browser, "identifiant", identifier)
        fill(browser, "mot_de_passe", PASSWORD)
    submit(browser, "Se connecter")
    assert "Connecté" in browser.find_element(By.TAG_NAME, "body").text, browser.page_source[:2000]


def sign_out(browser):
    from helpers import submit
    submit(browser, "Se déconnecter")


@pytest.fixture
def demo_server(browser):
    """The demonstration server, the browser signed in as the head of school (who may do everything)."""
    serveur = Server(["--demo"])
    sign_in(browser, serveur, role="chef")
    yield serveur
    serveur.stop()


@pytest.fixture
def empty_server(browser):
    """An empty folder with one account, the head of school's, created at the command line; signed in."""
    folder = Path(tempfile.mkdtemp(prefix="registre-navigateur-"))
    add_account(folder, "chef", "chef")
    serveur = Server([str(folder)], folder=folder)
    sign_in(browser, serveur, identifier="chef")
    yield serveur
    serveur.stop()
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def downloads():
    folder = Path(tempfile.mkdtemp(prefix="registre-telechargements-"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def browser(downloads):
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        pytest.fail("selenium absent : scripts/dependances.sh test l'installe")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_path = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    if not chromium or not Path(driver_path).exists():
        pytest.fail("chromium ou chromium-driver absent : scripts/dependances.sh test les installe")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--window-size=1280,1024", "--lang=fr-FR"):
        options.add_argument(argument)
    options.add_experimental_option("prefs", {
        "download.default_directory": str(downloads),
        "download.prompt_for_download": False,
        "plugins.always_open_pdf_externally": True,
    })
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    driver.set_page_load_timeout(600)
    # An element of the next page is waited for (a click on a link returns before the page is there).
    driver.implicitly_wait(10)
    yield driver
    driver.quit()

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

RACINE = Path(__file__).resolve().parent.parent.parent


def binaire_registre():
    for candidat in (os.environ.get("REGISTRE"), RACINE / ".build/debug/registre", RACINE / ".build/release/registre"):
        if candidat and Path(candidat).is_file():
            return str(candidat)
    pytest.fail("binaire registre introuvable : lancer « swift build » d'abord (ou REGISTRE=chemin)")


def port_libre():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Serveur:
    """A running `registre serveur`: its base address and the register folder it serves."""

    def __init__(self, arguments, dossier=None):
        self.port = port_libre()
        self.url = f"http://127.0.0.1:{self.port}"
        self.processus = subprocess.Popen(
            [binaire_registre(), "serveur", *arguments, "--port", str(self.port)],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.sortie = []
        self.dossier = dossier
        limite = time.monotonic() + 60
        while time.monotonic() < limite:
            if self.processus.poll() is not None:
                pytest.fail("le serveur s'est arrêté au démarrage :\n" + (self.processus.stdout.read() or ""))
            try:
                urllib.request.urlopen(self.url + "/static/registre.css", timeout=2).read()
                break
            except OSError:
                time.sleep(0.2)
        else:
            self.arreter()
            pytest.fail("le serveur ne répond pas après 60 s")

    def arreter(self):
        if self.processus.poll() is None:
            self.processus.send_signal(signal.SIGINT)
            try:
                self.processus.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.processus.kill()
                self.processus.wait()
        texte = self.processus.stdout.read() if self.processus.stdout else ""
        self.sortie.append(texte)
        if self.dossier is None:
            m = re.search(r"Copie du registre de démonstration : (\S+)", texte)
            if m:
                shutil.rmtree(m.group(1), ignore_errors=True)
        return texte


@pytest.fixture
def serveur_demo():
    serveur = Serveur(["--demo"])
    yield serveur
    serveur.arreter()


@pytest.fixture
def serveur_vide():
    dossier = Path(tempfile.mkdtemp(prefix="registre-navigateur-"))
    serveur = Serveur([str(dossier)], dossier=dossier)
    yield serveur
    serveur.arreter()
    shutil.rmtree(dossier, ignore_errors=True)


@pytest.fixture
def telechargements():
    dossier = Path(tempfile.mkdtemp(prefix="registre-telechargements-"))
    yield dossier
    shutil.rmtree(dossier, ignore_errors=True)


@pytest.fixture
def navigateur(telechargements):
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        pytest.fail("selenium absent : scripts/dependances.sh test l'installe")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    pilote = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    if not chromium or not Path(pilote).exists():
        pytest.fail("chromium ou chromium-driver absent : scripts/dependances.sh test les installe")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--window-size=1280,1024", "--lang=fr-FR"):
        options.add_argument(argument)
    options.add_experimental_option("prefs", {
        "download.default_directory": str(telechargements),
        "download.prompt_for_download": False,
        "plugins.always_open_pdf_externally": True,
    })
    pilote_chrome = webdriver.Chrome(service=Service(pilote), options=options)
    pilote_chrome.set_page_load_timeout(600)
    # An element of the next page is waited for (a click on a link returns before the page is there).
    pilote_chrome.implicitly_wait(10)
    yield pilote_chrome
    pilote_chrome.quit()

"""Shared fixtures: small, named for what they give."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
FIXTURES = Path(__file__).parent / "fixtures"


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true",
                     help="write the wiki generated from tests/golden/sources into tests/golden/content "
                          "instead of comparing them (then review the diff and commit it)")


def corpora_dir() -> Path:
    return Path(os.environ.get("BRIEFING_CORPORA", ROOT.parent / "shared" / "corpora"))


@pytest.fixture(scope="session")
def nlp():
    """The configured spaCy model, loaded once."""
    from generator.extract import nlp as nlp_module

    return nlp_module.load(nlp_module.choose_model(None))


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the repository's settings and seeds, with an empty content folder."""
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", tmp_path / "overrides")
    shutil.copytree(SEEDS, tmp_path / "seeds")
    (tmp_path / "content").mkdir()
    return tmp_path


@pytest.fixture
def settings_for():
    """Settings for a project folder, with the extraction cache inside it."""
    from generator.config import load_settings

    def make(root: Path, **overrides):
        settings = load_settings(root / "mkdocs.yml")
        settings.jobs = 1
        for key, value in overrides.items():
            setattr(settings, key, value)
        return settings
    return make


def generate_story(root: Path, text: str):
    """A project in `root` whose one source is `text` (a `.txt`, so it may open with
    `date YYYY-MM-DD`), generated with one process: the run's report."""
    return generate_sources(root, {"story.txt": text})


def story_events(root: Path, text: str) -> list[dict]:
    """The events `briefing export` gives for a project whose one source is `text`."""
    from generator.resolve.export import graph_to_dict

    return graph_to_dict(generate_story(root, text).graph)["events"]


def event_titled(events: list[dict], *words: str) -> dict:
    """The one exported event whose title has all these (lower-case) words."""
    found = [e for e in events if all(w in e["title"].lower() for w in words)]
    assert len(found) == 1, [e["title"] for e in events]
    return found[0]


def generate_sources(root: Path, sources: dict[str, str]):
    """A project in `root` with these sources (file name -> text), generated with one
    process: the run's report."""
    from generator.config import load_settings
    from generator.generate import generate

    (root / "mkdocs.yml").write_text("site_name: t\nplugins:\n  - briefing:\n      sources: seeds\n")
    (root / "seeds").mkdir()
    for name, text in sources.items():
        (root / "seeds" / name).write_text(text)
    settings = load_settings(root / "mkdocs.yml")
    settings.jobs = 1
    return generate(settings)


@pytest.fixture(scope="session")
def seeds_site(tmp_path_factory, serve_site):
    """The seeds generated and built once: (project folder, report). Built for the address it is
    served at (`serve_site` of its site folder), as instant navigation and previews need."""
    from generator.config import load_settings

    root = tmp_path_factory.mktemp("seeds-site")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", root / "overrides")
    shutil.copytree(SEEDS, root / "seeds")
    settings = load_settings(root / "mkdocs.yml")
    settings.jobs = 1
    _, report = generate_and_build(root, settings, serve_site)
    return root, report


def generate_and_build(root, settings, serve):
    """Generate the wiki of the project in `root`, then build its site with `mkdocs build
    --strict` for the address `serve` gives its site folder: (that address, the report)."""
    import subprocess
    import sys

    from generator.generate import generate

    report = generate(settings)
    url = serve(root / "site")
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=root,
                           capture_output=True, text=True,
                           env={**os.environ, "BRIEFING_SKIP_GENERATE": "1", "SITE_URL": url})
    assert build.returncode == 0, build.stderr
    return url, report


# --- browser tests -------------------------------------------------------------------

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 # Without these, Chromium's own background connections are refused by a closed network.
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() not in ("", "0", "false")


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium driven by Playwright. Skips when it is missing, except in CI, where
    `.ci/run` installs it and a missing browser is a failure."""
    executable = os.environ.get("BRIEFING_CHROMIUM", "/usr/bin/chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    if sync_playwright is None or not Path(executable).exists():
        reason = ("Chromium or Playwright is missing: `make chromium` installs Debian's Chromium "
                  "for the browser tests")
        if _in_ci():
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass        # a browser that moves on drops connections mid-response: not a site error


@pytest.fixture(scope="session")
def serve_site():
    """Serve a site folder on 127.0.0.1 (an ephemeral port) for the session; gives its URL, the
    same each time for one folder, which need not be built yet."""
    servers = []
    urls: dict[Path, str] = {}

    def serve(site: Path) -> str:
        if site in urls:
            return urls[site]
        server = _QuietServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        urls[site] = f"http://127.0.0.1:{server.server_address[1]}/"
        return urls[site]
    yield serve
    for server in servers:
        server.shutdown()
        server.server_close()


@dataclass
class Tab:
    """A browser page that records what a reader should never meet: console errors, uncaught
    exceptions and dialogs. Requests leaving 127.0.0.1 get an empty answer: the tests stay on
    this machine, and a site's web fonts are not the site's own errors."""
    page: object
    errors: list = field(default_factory=list)
    dialogs: list = field(default_factory=list)
    outside: set = field(default_factory=set)


@pytest.fixture
def tab(chromium):
    context = chromium.new_context()
    context.set_default_timeout(15_000)
    opened = Tab(context.new_page())

    def outside(route):
        opened.outside.add(route.request.url)
        route.fulfill(status=200, body="")

    def dialog(dialog):
        opened.dialogs.append(f"{dialog.type}: {dialog.message} on {opened.page.url}")
        dialog.dismiss()

    # Only requests leaving the machine are intercepted: local ones go straight through.
    context.route(lambda url: not url.startswith("http://127.0.0.1:"), outside)
    opened.page.on("console", lambda m: m.type == "error" and opened.errors.append(
        f"{m.text} on {opened.page.url}"))
    opened.page.on("pageerror", lambda e: opened.errors.append(f"{e} on {opened.page.url}"))
    opened.page.on("dialog", dialog)
    yield opened
    context.close()

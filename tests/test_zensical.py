"""The site built with Zensical, MkDocs' successor, from the generated content/. Zensical reads
mkdocs.yml but runs no MkDocs plugin, the `briefing` one included: what the plugin did for
safety is done by the generator, and these builds check it. They run when a `zensical` command
is found (`BRIEFING_ZENSICAL`, else on PATH; it is not among the pinned dependencies)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from test_browser import HOSTILE

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[1]


class _Markup(HTMLParser):
    """What in a page could run: script elements that call alert, event-handler attributes,
    javascript: addresses, frames."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self._in_script = tag == "script"
        if tag in ("iframe", "object", "embed"):
            self.found.append(tag)
        for name, value in attrs:
            if name.startswith("on") or (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"{tag} {name}={value}")

    def handle_data(self, data):
        if self._in_script and "alert(" in data:
            self.found.append(f"script {data[:60]}")

    def handle_endtag(self, tag):
        self._in_script = False


def injected(html: str) -> list[str]:
    parser = _Markup()
    parser.feed(html)
    parser.close()
    return parser.found


def _zensical() -> str:
    found = os.environ.get("BRIEFING_ZENSICAL") or shutil.which("zensical")
    if not found:
        pytest.skip("zensical is not installed (`pip install zensical` in a virtual environment of "
                    "its own, then set BRIEFING_ZENSICAL to its `zensical` command)")
    return found


@pytest.fixture(scope="module")
def hostile_zensical_site(tmp_path_factory):
    from generator.config import load_settings
    from generator.generate import generate

    zensical = _zensical()
    root = tmp_path_factory.mktemp("zensical") / "project"
    (root / "seeds").mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", root / "overrides")
    for name, text in HOSTILE.items():
        (root / "seeds" / name).write_text(text)
    settings = load_settings(root / "mkdocs.yml")
    settings.jobs = 1
    generate(settings)
    built = subprocess.run([zensical, "build"], cwd=root, capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stderr + built.stdout
    return root


def test_zensical_builds_the_hostile_sources_with_no_injected_markup(hostile_zensical_site):
    pages = sorted((hostile_zensical_site / "site").rglob("*.html"))
    assert any("/sources/" in p.as_posix() for p in pages)
    for page in pages:
        assert injected(page.read_text(encoding="utf-8")) == [], page.relative_to(hostile_zensical_site)
    # The payloads are there, as text.
    shown = "".join(p.read_text(encoding="utf-8") for p in pages if "/sources/" in p.as_posix())
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in shown


def _published(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


def test_zensical_leaves_hidden_pages_out(hostile_zensical_site):
    """A page a human hid is left out by Zensical as by MkDocs with the plugin: no page, no link
    to it, no search entry, no sitemap entry; the page itself stays in content/ with the decision,
    and mkdocs.yml keeps every line the human wrote."""
    from generator.config import load_settings
    from generator.generate import generate

    root = hostile_zensical_site
    config = root / "mkdocs.yml"
    settings_before = config.read_text()
    page = root / "content" / "actors" / "karim-rahimi.md"
    assert (root / "site" / "actors" / "karim-rahimi" / "index.html").exists()
    page.write_text(page.read_text().replace("---\n", "---\nhide: true\n", 1))
    settings = load_settings(config)
    settings.jobs = 1
    generate(settings)
    assert "hide: true" in page.read_text()
    added = [line for line in config.read_text().splitlines() if line not in settings_before.splitlines()]
    assert [line.strip() for line in added] == ["# briefing:begin hidden", "/actors/karim-rahimi.md",
                                                "# briefing:end hidden"]
    # Built again over the last build, as a user would: the page it published goes.
    subprocess.run([_zensical(), "build"], cwd=root, capture_output=True, text=True, timeout=600, check=True)
    site = root / "site"
    assert not (site / "actors" / "karim-rahimi").exists()
    for html in site.rglob("*.html"):
        assert "actors/karim-rahimi/" not in html.read_text(encoding="utf-8"), html.relative_to(site)
    assert "actors/karim-rahimi/" not in (site / "sitemap.xml").read_text()
    search = json.loads((site / "search.json").read_text())
    assert not any(item["location"].startswith("actors/karim-rahimi/") for item in search["items"])
    # MkDocs with the plugin publishes the same pages.
    env = {**os.environ, "BRIEFING_SKIP_GENERATE": "1", "NO_MKDOCS_2_WARNING": "1"}
    mkdocs = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", "site-mkdocs"],
                            cwd=root, capture_output=True, text=True, env=env, timeout=600)
    assert mkdocs.returncode == 0, mkdocs.stderr
    assert _published(site) == _published(root / "site-mkdocs")

    # Shown again: the page is published again, and the list in mkdocs.yml is empty.
    page.write_text(page.read_text().replace("hide: true\n", "", 1))
    generate(settings)
    assert [line for line in config.read_text().splitlines() if line not in settings_before.splitlines()] \
        == [line for line in added if "briefing:" in line]
    subprocess.run([_zensical(), "build"], cwd=root, capture_output=True, text=True, timeout=600, check=True)
    assert (site / "actors" / "karim-rahimi" / "index.html").exists()

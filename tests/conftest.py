"""Shared fixtures: small, named for what they give."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
FIXTURES = Path(__file__).parent / "fixtures"


def corpora_dir() -> Path:
    return Path(os.environ.get("BRIEFING_CORPORA", ROOT.parent / "shared" / "corpora"))


@pytest.fixture(scope="session")
def nlp():
    """The configured spaCy model, loaded once."""
    from generator import nlp as nlp_module

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


@pytest.fixture(scope="session")
def seeds_site(tmp_path_factory):
    """The seeds generated and built once: (project folder, report)."""
    import subprocess
    import sys

    from generator.config import load_settings
    from generator.generate import generate

    root = tmp_path_factory.mktemp("seeds-site")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", root / "overrides")
    shutil.copytree(SEEDS, root / "seeds")
    settings = load_settings(root / "mkdocs.yml")
    settings.jobs = 1
    report = generate(settings)
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], cwd=root,
                           capture_output=True, text=True,
                           env={**os.environ, "BRIEFING_SKIP_GENERATE": "1"})
    assert build.returncode == 0, build.stderr
    return root, report

"""Rendering only what changed: whatever a rebuild skips, the pages are those a run without
the last run's record writes."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from generator.incremental import MemoRenderer
from generator.record import Record

pytestmark = pytest.mark.slow


def _tree(folder) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.name.startswith(".")}


def test_incremental_renderer_writes_what_the_plain_renderer_writes(seeds_site):
    from generator.render import Renderer

    _, report = seeds_site
    plain = {p.path: p.text for p in Renderer(report.graph).pages()}
    watched = {p.path: p.text for p in MemoRenderer(report.graph, Record(), set()).pages()}
    assert watched == plain


def test_incremental_rebuild_after_a_new_source_equals_a_rebuild_from_nothing(project, settings_for):
    from generator.generate import generate

    seeds = sorted((project / "seeds").iterdir())
    held = seeds[-1].read_bytes()
    seeds[-1].unlink()
    settings = settings_for(project)
    generate(settings)
    page = project / "content" / "index.md"
    page.write_text(page.read_text() + "\nA note of my own.\n")       # a human's page: read each time
    seeds[-1].write_bytes(held)
    report = generate(settings)
    assert report.written and report.extracted == 1
    rebuilt = _tree(project / "content")
    shutil.rmtree(project / ".briefing-cache" / "state")
    again = generate(settings)
    assert again.written == [] and again.deleted == []
    assert _tree(project / "content") == rebuilt


def test_incremental_rebuild_after_a_source_is_removed_equals_a_rebuild_from_nothing(project, settings_for):
    from generator.generate import generate

    settings = settings_for(project)
    generate(settings)
    sorted((project / "seeds").iterdir())[0].unlink()
    report = generate(settings)
    assert report.deleted
    rebuilt = _tree(project / "content")
    shutil.rmtree(project / ".briefing-cache" / "state")
    assert generate(settings).written == []
    assert _tree(project / "content") == rebuilt


def test_resolving_and_rendering_do_not_import_spacy():
    """Importing spaCy costs most of a second: a rebuild that parses nothing must not pay it."""
    code = ("import sys, generator.generate, generator.resolve, generator.render, generator.assemble, "
            "generator.whatsnew; print(sorted(m for m in sys.modules if m.split('.')[0] == 'spacy'))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"

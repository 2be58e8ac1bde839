"""The record of the last run: whatever it lets a rebuild skip, the pages are those a run
without it writes; a damaged or missing record only means more work."""

from __future__ import annotations

import shutil

import pytest

from generator.incremental import MemoRenderer, Record, Store

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


def test_incremental_damaged_record_is_ignored(project, settings_for):
    from generator.generate import generate

    settings = settings_for(project)
    generate(settings)
    built = _tree(project / "content")
    for record in (project / ".briefing-cache" / "state").rglob("*.json"):
        record.write_bytes(record.read_bytes()[:-30] + b"}")
    report = generate(settings, need_graph=False)
    assert report.graph is not None and report.written == []      # redone, and the same
    assert _tree(project / "content") == built


def test_incremental_unchanged_rebuild_stops_at_once_and_reports_as_before(project, settings_for):
    from generator.generate import generate

    (project / "seeds" / "empty.txt").write_text("")          # a problem to report each time
    settings = settings_for(project)
    first = generate(settings)
    again = generate(settings, need_graph=False)
    assert again.graph is None                                  # nothing was redone
    assert again.problems == first.problems and again.sources == first.sources
    (project / "content" / "notes.md").write_text("# Notes\n")  # a change in content/: work again
    assert generate(settings, need_graph=False).graph is not None


def test_incremental_one_damaged_shard_of_the_record_is_not_trusted(project, settings_for):
    from generator.generate import generate

    settings = settings_for(project)
    generate(settings)
    store = Store(settings.cache_dir, settings.content)
    code = store.summary().code
    assert store.load(code).pages
    shards = sorted((project / ".briefing-cache" / "state").rglob("*.pages/*.json"))
    shards[0].write_bytes(shards[1].read_bytes())       # sound on its own, but not the shard named
    assert store.load(code).pages == {}


def test_incremental_record_lives_in_the_cache_folder_per_content_folder(project, settings_for, tmp_path):
    from generator.generate import generate

    settings = settings_for(project)
    generate(settings)
    assert Store(settings.cache_dir, settings.content).load("").pages == {}    # another code: nothing
    other = settings_for(project, content=tmp_path / "elsewhere")
    assert generate(other, need_graph=False).written                 # its own record, none yet

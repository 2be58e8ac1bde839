"""The record of the last run: a run that changes nothing stops at once; a damaged, stale or
missing record only means more work."""

from __future__ import annotations

import pytest

from generator.incremental.record import Store, listing

pytestmark = pytest.mark.slow


def _tree(folder) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.name.startswith(".")}


def test_record_damaged_is_ignored(project, settings_for):
    from generator.generate import generate

    settings = settings_for(project)
    generate(settings)
    built = _tree(project / "content")
    for record in (project / ".briefing-cache" / "state").rglob("*.json"):
        record.write_bytes(record.read_bytes()[:-30] + b"}")
    report = generate(settings, need_graph=False)
    assert report.graph is not None and report.written == []      # redone, and the same
    assert _tree(project / "content") == built


def test_record_unchanged_rebuild_stops_at_once_and_reports_as_before(project, settings_for):
    from generator.generate import generate

    (project / "seeds" / "empty.txt").write_text("")          # a problem to report each time
    settings = settings_for(project)
    first = generate(settings)
    again = generate(settings, need_graph=False)
    assert again.graph is None                                  # nothing was redone
    assert again.problems == first.problems and again.sources == first.sources
    (project / "content" / "notes.md").write_text("# Notes\n")  # a change in content/: work again
    assert generate(settings, need_graph=False).graph is not None


def test_record_shard_not_the_one_named_is_not_trusted(project, settings_for):
    from generator.generate import generate

    settings = settings_for(project)
    generate(settings)
    store = Store(settings.cache_dir, settings.content)
    code = store.summary().code
    assert store.load(code).pages
    shards = sorted((project / ".briefing-cache" / "state").rglob("*.pages/*.json"))
    # Two shards with different rows (many shards of a small wiki are alike: empty).
    first = next(s for s in shards if s.read_bytes() != shards[0].read_bytes())
    shards[0].write_bytes(first.read_bytes())       # sound on its own, but not the shard named
    assert store.load(code).pages == {}


def test_record_dependencies_of_another_run_are_not_trusted(project, settings_for):
    """The dependencies are a file of their own, written beside the pages: the head names the
    one it goes with, and an older one, sound as it is, is not taken for it."""
    from generator.generate import generate

    settings = settings_for(project)
    seeds = sorted((project / "seeds").iterdir())
    held = seeds[0].read_bytes()
    seeds[0].unlink()
    generate(settings)
    store = Store(settings.cache_dir, settings.content)
    older = store.deps_path.read_bytes()
    seeds[0].write_bytes(held)
    generate(settings)
    code = store.summary().code
    assert store.load(code).pages and store.deps_path.read_bytes() != older
    store.deps_path.write_bytes(older)
    assert store.load(code).pages == {}


def test_record_lives_in_the_cache_folder_per_content_folder(project, settings_for, tmp_path):
    from generator.generate import generate

    settings = settings_for(project)
    generate(settings)
    assert Store(settings.cache_dir, settings.content).load("").pages == {}    # another code: nothing
    other = settings_for(project, content=tmp_path / "elsewhere")
    assert generate(other, need_graph=False).written                 # its own record, none yet


def test_the_listing_a_run_leaves_is_the_one_it_read_with_what_it_wrote_looked_at_again(tmp_path):
    from generator.write.wiki import relisted

    (tmp_path / "actors").mkdir()
    for name in ("actors/a.md", "actors/b.md", "index.md"):
        (tmp_path / name).write_text("as read")
    files = listing(tmp_path)
    (tmp_path / "actors/a.md").write_text("rewritten by the run")
    (tmp_path / "actors/a.md.generated").write_text("its new version, beside a hand edit")
    (tmp_path / "actors/b.md").unlink()                             # removed by the run
    (tmp_path / "notes.md").write_text("added by someone else meanwhile")
    after = relisted(tmp_path, files, {"actors/a.md", "actors/a.md.generated", "actors/b.md"})
    # What someone else added is not taken as seen: the next run finds it new, and looks.
    assert after == {path: info for path, info in listing(tmp_path).items() if path != "notes.md"}


def test_a_source_once_read_is_not_read_again_even_when_the_run_that_read_it_stopped(
        project, settings_for, monkeypatch):
    """The sources as read are kept for the next run as soon as they are read: a run stopped
    later (killed, or failing) still spares the next one reading them, and a run that read
    nothing new leaves the memo as it was."""
    from generator import generate as generation
    from generator.read import sources

    settings = settings_for(project)
    generation.generate(settings)
    memo = next((project / ".briefing-cache" / "state").glob("*.sources.json"))
    kept = memo.read_bytes(), memo.stat().st_mtime_ns
    (project / "content" / "notes.md").write_text("# Notes\n")    # work again, with no source changed
    generation.generate(settings)
    assert (memo.read_bytes(), memo.stat().st_mtime_ns) == kept

    (project / "seeds" / "late.txt").write_text("date 2024-05-02 Acme Corp signed a supply deal with Initech.\n")

    def stopped(*args, **kwargs):
        raise RuntimeError("stopped")

    monkeypatch.setattr("generator.resolve.curated.resolve", stopped)
    with pytest.raises(RuntimeError, match="stopped"):
        generation.generate(settings)
    assert b"late.txt" in memo.read_bytes()
    monkeypatch.undo()

    decoded = []
    real = sources.decode
    monkeypatch.setattr(sources, "decode", lambda data: decoded.append(data) or real(data))
    report = generation.generate(settings)
    assert decoded == [] and report.graph is not None      # every source from the memo, late.txt too
    assert any(s.path == "late.txt" for s in report.graph.sources)

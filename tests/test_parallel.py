"""Extraction in several processes gives what one process gives, byte for byte."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator.incremental.cache import _rows
from generator.read.sources import TxtReader

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow


def _paragraph_sources(seeds):
    """Every paragraph of the seed documents as a source of its own: many small documents."""
    sources = []
    for path in sorted(seeds.glob("*.txt")):
        for n, paragraph in enumerate(path.read_text(encoding="utf-8").split("\n\n")):
            if len(paragraph.split()) >= 8 and not paragraph.startswith("date "):
                source, _ = TxtReader().read(paragraph, f"{path.stem}-{n}.txt")
                sources.append(source.__class__(**{**source.__dict__, "id": f"{path.stem}-{n}"}))
    return sources


def _bytes(facts) -> list[str]:
    return [json.dumps(_rows(f), ensure_ascii=False) for f in facts]


def test_parallel_extraction_in_two_processes_equals_one(project):
    from generator.extract import nlp
    from generator.extract.workers import extract_many

    sources = _paragraph_sources(project / "seeds")
    assert len(sources) >= 8
    model = nlp.choose_model(None)
    one = [f for chunk in extract_many(sources, model, processes=1) for f in chunk]
    two = [f for chunk in extract_many(sources, model, processes=2) for f in chunk]
    assert [f.source_id for f in two] == [s.id for s in sources]
    assert _bytes(two) == _bytes(one)


def test_parallel_generate_with_two_jobs_writes_what_one_job_writes(project, settings_for, tmp_path, monkeypatch):
    from generator.extract import fanout
    from generator.generate import generate
    from generator.extract.workers import BATCH

    monkeypatch.setattr(fanout, "LEAST", 1)     # pages rendered and written by forked processes too

    shutil.rmtree(project / "seeds")
    (project / "seeds").mkdir()
    sources = _paragraph_sources(ROOT / "seeds")
    for source in sources:                    # more than a batch: both processes get work
        (project / "seeds" / source.path).write_text(source.text)
    assert len(sources) > BATCH
    other = tmp_path / "other"
    shutil.copytree(project, other)
    generate(settings_for(project, jobs=1))
    generate(settings_for(other, jobs=2))
    assert _tree(project / "content") == _tree(other / "content")

    # A rebuild after a new source and hand edits: a note added, a generated region changed.
    for folder in (project, other):
        (folder / "seeds" / "late.txt").write_text(sources[0].text.replace("Taliban", "The Taliban movement"))
        actor = next(iter(sorted((folder / "content" / "actors").glob("[!i]*.md"))))
        actor.write_text(actor.read_text() + "\nA note by hand.\n")
        event = next(iter(sorted((folder / "content" / "events").glob("[!i]*.md"))))
        text = event.read_text()
        event.write_text(text.replace("<!-- briefing:begin quotes -->\n",
                                      "<!-- briefing:begin quotes -->\nEdited inside.\n", 1))
    one, two = generate(settings_for(project, jobs=1)), generate(settings_for(other, jobs=2))
    assert (one.written, one.conflicts, [str(p) for p in one.problems]) == \
        (two.written, two.conflicts, [str(p) for p in two.problems])
    assert one.written and one.conflicts and "A note by hand." in actor.read_text()
    assert _tree(project / "content") == _tree(other / "content")


def _tree(folder) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.name.startswith(".")}


@pytest.mark.parametrize("count, processes", [(0, 2), (5, 1), (100, 2), (2225, 2), (2225, 8), (40, 4)])
def test_chunks_are_whole_batches_in_order_with_a_short_tail(count, processes):
    """Tasks cover every source once, in order, each a whole number of batches (but the
    last of the body), so the batches parsed do not depend on the process count; the last
    tasks are small, so no process waits long on another at the end."""
    from generator.extract.workers import BATCH, CHUNK, TAIL, TAIL_BATCH, _chunks

    sources = list(range(count))
    chunks = _chunks(sources, processes)
    assert [s for chunk in chunks for s in chunk] == sources
    body = max(0, count - TAIL)
    assert all(chunk[0] % BATCH == 0 for chunk in chunks if chunk[0] < body)
    assert all(len(chunk) <= CHUNK for chunk in chunks)
    assert all(len(chunk) <= BATCH for chunk in chunks if chunk[0] >= body - processes * CHUNK)
    assert [len(chunk) for chunk in chunks if chunk[0] >= body] == \
        [min(TAIL_BATCH, count - at) for at in range(body, count, TAIL_BATCH)]
    if body > processes * CHUNK:
        assert len(chunks[0]) == CHUNK
    # The batches (runs of BATCH from the start of the body, then of TAIL_BATCH) are the same
    # whatever the process count.
    assert _batches(chunks) == _batches(_chunks(sources, 1))


def _batches(chunks) -> list[list]:
    from generator.extract.workers import BATCH

    return [chunk[i:i + BATCH] for chunk in chunks for i in range(0, len(chunk), BATCH)]

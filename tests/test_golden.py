"""The whole wiki generated from a small fixed corpus (tests/golden/sources: actors, dated
events, an agreement, a planned and a negated event), compared byte for byte with
tests/golden/content. A change meant to alter pages shows here first; once the difference is
what you meant, write the new pages with

    .venv/bin/python -m pytest tests/test_golden.py --update-golden

and commit tests/golden/content with the change.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

GOLDEN = Path(__file__).parent / "golden"
UPDATE = "pytest tests/test_golden.py --update-golden"
RUN_ONLY = {".briefing.lock"}       # the lock a run holds on content/, not something it writes for readers


def generate_golden(root: Path, **settings):
    """The golden project's sources and settings copied into `root` and generated with one
    process (the local executor unless `settings` say otherwise): its report and content/."""
    from generator.config import load_settings
    from generator.generate import generate

    shutil.copy(GOLDEN / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(GOLDEN / "sources", root / "sources")
    config = load_settings(root / "mkdocs.yml")
    config.jobs = 1
    for key, value in settings.items():
        setattr(config, key, value)
    return generate(config), root / "content"


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` but the run's lock: relative path -> bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name not in RUN_ONLY}


def first_difference(expected: dict[str, bytes], built: dict[str, bytes]) -> str | None:
    """What differs first, in path order, as one line naming the file; None when all is equal."""
    for path in sorted(expected.keys() | built.keys()):
        if path not in built:
            return f"{path}: expected, not generated"
        if path not in expected:
            return f"{path}: generated, not expected"
        if expected[path] != built[path]:
            old, new = expected[path].splitlines(), built[path].splitlines()
            line = next((i for i, (a, b) in enumerate(zip(old, new)) if a != b), min(len(old), len(new)))
            shown = lambda lines: lines[line].decode(errors="replace")[:120] if line < len(lines) else "(end of file)"
            return f"{path}, line {line + 1}: expected {shown(old)!r}, generated {shown(new)!r}"
    return None


@pytest.mark.slow
def test_the_golden_corpus_generates_the_golden_pages(tmp_path, request):
    report, content = generate_golden(tmp_path)
    assert report.problems == []
    built = tree(content)
    if request.config.getoption("--update-golden"):
        shutil.rmtree(GOLDEN / "content", ignore_errors=True)
        for path, data in built.items():
            (GOLDEN / "content" / path).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / "content" / path).write_bytes(data)
        pytest.skip(f"tests/golden/content rewritten ({len(built)} files): review the diff and commit it")
    difference = first_difference(tree(GOLDEN / "content"), built)
    assert difference is None, (f"generated content/ differs from tests/golden/content, first at {difference}; "
                                f"if the change is meant, run `{UPDATE}` and commit tests/golden/content")


def test_the_golden_pages_show_what_the_corpus_is_for():
    """An update cannot quietly lose what the corpus is there to exercise."""
    pages = tree(GOLDEN / "content")
    events = {p: data.decode() for p, data in pages.items() if p.startswith("events/") and p != "events/index.md"}
    assert len([p for p in pages if p.startswith("actors/")]) >= 5
    assert [p for p in pages if p.startswith("agreements/") and p != "agreements/index.md"]
    assert any(p.startswith("events/2024-") for p in events), "no dated event"
    assert any("**Status** planned" in text for text in events.values()), "no planned event"
    assert any("**Status** did not happen" in text for text in events.values()), "no negated event"


def test_a_difference_is_named_by_its_first_file_and_line():
    expected = {"a.md": b"same\n", "b.md": b"one\ntwo\n", "c.md": b"x"}
    assert first_difference(expected, dict(expected)) is None
    assert first_difference(expected, {**expected, "b.md": b"one\n2\n"}) == \
        "b.md, line 2: expected 'two', generated '2'"
    assert first_difference(expected, {"a.md": b"same\n", "c.md": b"x"}) == "b.md: expected, not generated"
    assert first_difference(expected, {**expected, "aa.md": b""}) == "aa.md: generated, not expected"

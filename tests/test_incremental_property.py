"""Whatever sequence of changes a wiki goes through (sources added, removed or rewritten,
pages edited by hand), a rebuild that reuses the last run's record writes the same bytes as a
build from nothing on the same folder.

Hypothesis draws the sequences; each step is checked against a full build of a copy of the
project, made without the record. What's new is left out of the comparison: it says what
changed since the last run, which a build from nothing cannot know.
"""

from __future__ import annotations

import dataclasses
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

pytestmark = pytest.mark.slow

# Stories that share actors, places and an agreement, so that one change reaches the pages of
# the others: an actor's timeline, an agreement's history, a place's events.
STORIES = {
    "harbour.md": """---
title: Mayor meets investor
date: 2021-03-10
---
Maria Lopez, the mayor of Springfield, met the investor Tom Reed in Springfield on 1 March 2021.

Reed praised the harbour plan. Lopez visited Shelbyville on 9 March 2021, where she met the council.
""",
    "deal.md": """---
title: Harbour deal signed
date: 2021-03-06
---
Tom Reed and Maria Lopez signed a harbour agreement on 5 March 2021.

Lopez said the agreement would bring jobs to Springfield.
""",
    "trust.md": """---
title: Trust sues
date: 2021-04-06
---
The Harbor Trust sued Tom Reed on 5 April 2021.

Reed denied the claims and met Maria Lopez in Shelbyville on 6 April 2021.
""",
    "council.md": """---
title: Council votes
date: 2021-05-02
---
The Shelbyville council approved the harbour agreement on 1 May 2021.

Council leader Anna Berg welcomed the vote and thanked Maria Lopez.
""",
    "minister.md": """---
title: Minister visits
date: 2021-06-12
---
The transport minister, Paul Okafor, visited Springfield on 10 June 2021.

Okafor met Tom Reed and the Harbor Trust to discuss the harbour agreement.
""",
}
NAMES = sorted(STORIES)

# A change is (what, which story or page, how).
changes = st.one_of(
    st.tuples(st.just("add"), st.sampled_from(NAMES), st.just(0)),
    st.tuples(st.just("remove"), st.sampled_from(NAMES), st.just(0)),
    st.tuples(st.just("rewrite"), st.sampled_from(NAMES), st.integers(0, 2)),
    st.tuples(st.just("hand"), st.integers(0, 50), st.integers(0, 2)),
)


def _apply(project: Path, change: tuple) -> None:
    what, which, how = change
    seeds = project / "seeds"
    if what == "add":
        (seeds / which).write_text(STORIES[which])
    elif what == "remove":
        (seeds / which).unlink(missing_ok=True)
    elif what == "rewrite" and (seeds / which).exists():
        text = (seeds / which).read_text()
        text = [text.replace("2021", "2020", 1),        # another date: the page moves in time
                text + "\nTom Reed later resigned from the Harbor Trust.\n",
                text.replace("Maria Lopez", "Mayor Maria Lopez", 1)][how]
        (seeds / which).write_text(text)
    elif what == "hand":
        pages = sorted(p for p in (project / "content").rglob("*.md")
                       if p.parent.name in ("actors", "events", "agreements"))
        if pages:
            _hand_edit(pages[which % len(pages)], how)


def _hand_edit(page: Path, how: int) -> None:
    """What a reader does to a page: a note of their own, a summary, or hiding it."""
    text = page.read_text()
    if how == 0:
        page.write_text(text + "\nA note of my own.\n")
    elif text.startswith("---\n"):
        key = "summary: Checked by the desk." if how == 1 else "hide: true"
        page.write_text("---\n" + key + "\n" + text[4:])


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.name.startswith(".") and not p.name.startswith("whats-new")
            and ".briefing" not in p.relative_to(folder).parts}


def _full_build(project: Path, settings_):
    """The pages a run without the record writes, in a copy of the project."""
    from generator.generate import generate

    copy = project.parent / "full"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(project, copy)
    shutil.rmtree(copy / ".briefing-cache" / "state", ignore_errors=True)
    generate(dataclasses.replace(settings_, root=copy, sources=copy / "seeds", content=copy / "content",
                                 cache_dir=copy / ".briefing-cache"))
    return _tree(copy / "content")


@settings(max_examples=12, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(start=st.sets(st.sampled_from(NAMES), min_size=1), steps=st.lists(changes, min_size=1, max_size=4))
def test_a_rebuild_writes_what_a_build_from_nothing_writes(start, steps):
    _rebuild_equals_full_build(start, steps)


@settings(max_examples=6, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(start=st.sets(st.sampled_from(NAMES), min_size=1), steps=st.lists(changes, min_size=1, max_size=4))
def test_a_rebuild_of_a_wiki_cut_into_pages_writes_what_a_build_from_nothing_writes(start, steps):
    """The same with lists so short that the timeline, the indexes and the entity pages' long
    lists are all cut into pages (parts come and go as sources do), and with the sources' text
    out of search (which sentences search takes changes as quotes do)."""
    from generator.render import entity_pages, listings

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(listings, "PAGE_ROWS", 2)
        patch.setattr(listings, "KEPT_ROWS", 2)
        patch.setattr(entity_pages, "MAX_QUOTES", 2)
        patch.setitem(entity_pages.MORE_ROWS, "quotes", 2)
        patch.setitem(entity_pages.MORE_ROWS, "timeline", 2)
        patch.setitem(entity_pages.MORE_ROWS, "sources", 2)
        _rebuild_equals_full_build(start, steps, search_sources=False)


def _rebuild_equals_full_build(start, steps, **overrides):
    from generator.config import load_settings
    from generator.generate import generate

    root = Path(__file__).resolve().parents[1]
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "wiki"
        (project / "seeds").mkdir(parents=True)
        (project / "content").mkdir()
        shutil.copy(root / "mkdocs.yml", project / "mkdocs.yml")
        for name in sorted(start):
            (project / "seeds" / name).write_text(STORIES[name])
        settings_ = load_settings(project / "mkdocs.yml")
        settings_.jobs = 1
        for key, value in overrides.items():
            setattr(settings_, key, value)
        generate(settings_)
        for step, change in enumerate(steps):
            _apply(project, change)
            generate(settings_)
            built = _tree(project / "content")
            full = _full_build(project, settings_)
            differ = sorted(p for p in built.keys() | full.keys() if built.get(p) != full.get(p))
            assert not differ, f"after {steps[:step + 1]}: the rebuild and a full build differ in {differ}"


def test_incremental_false_renders_every_page_again(project, settings_for, monkeypatch):
    """The switch in mkdocs.yml: with `incremental: false` nothing of the last run is reused."""
    from generator.generate import generate
    from generator.render.memo import MemoRenderer

    rendered: list[str] = []
    render = MemoRenderer.render

    def counted(self, template, path, page_id, **context):
        page = render(self, template, path, page_id, **context)
        rendered.append(path) if page.text is not None else None
        return page

    monkeypatch.setattr(MemoRenderer, "render", counted)
    generate(settings_for(project))
    first = len(rendered)
    rendered.clear()
    generate(settings_for(project))
    assert len(rendered) < first / 2            # reuse, as usual
    rendered.clear()
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("- briefing:\n", "- briefing:\n      incremental: false\n", 1))
    assert "incremental: false" in config.read_text()
    before = _tree(project / "content")
    report = generate(settings_for(project))
    assert len(rendered) >= first and report.written == []
    assert _tree(project / "content") == before

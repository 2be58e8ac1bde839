"""Long lists cut into pages: the timeline, the section indexes and an entity page's long lists
hold at most so many entries a page, every entry is on one of them, and every link between
them lands. A small wiki is not cut at all."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.render import entity_pages, listings
from generator.render.listings import by_letter, by_period, kept

LINK = re.compile(r"\]\(([^)#\s]+\.md)(#[^)]*)?\)")


def test_by_period_cuts_a_large_year_by_month_and_a_large_month_in_numbered_parts():
    dates = ["2020-01-05"] * 3 + ["2020-02-01", "2020", "2021-06-01", None, None]
    parts = by_period(dates, lambda d: d, rows=2)
    assert [(p.slug, p.label, len(p.items)) for p in parts] == [
        ("2020", "2020", 1),                        # the year's own date, before its months
        ("2020-01", "January 2020 (1 of 2)", 2), ("2020-01-2", "January 2020 (2 of 2)", 1),
        ("2020-02", "February 2020", 1), ("2021", "2021", 1), ("undated", "Undated", 2)]
    assert sorted(d or "" for p in parts for d in p.items) == sorted(d or "" for d in dates)


def test_by_period_keeps_a_short_list_whole_by_year():
    assert [p.slug for p in by_period(["2020-01-01", "2021-03-01"], lambda d: d, rows=5)] == ["2020", "2021"]


def test_by_letter_orders_by_name_and_puts_other_initials_last():
    parts = by_letter(["beta", "Alpha", "4x", "apple", "Émile"], lambda n: n, rows=10)
    assert [(p.slug, p.items) for p in parts] == [("a", ("Alpha", "apple")), ("b", ("beta",)),
                                                  ("other", ("4x", "Émile"))]


def test_kept_takes_the_most_recent_and_the_most_cited_in_the_lists_order():
    items = [("2020-01", 9), ("2020-02", 1), ("2020-03", 1), ("2020-04", 5), ("2020-05", 1), ("2020-06", 1)]
    shown = kept(items, lambda i: i[0], lambda i: i[1], keep=4)
    assert shown == [("2020-01", 9), ("2020-04", 5), ("2020-05", 1), ("2020-06", 1)]
    assert kept(items[:3], lambda i: i[0], lambda i: i[1], keep=4) == items[:3]


@pytest.fixture
def small_pages(monkeypatch):
    """Lists so short that the seeds fill several pages of each."""
    monkeypatch.setattr(listings, "PAGE_ROWS", 4)
    monkeypatch.setattr(listings, "KEPT_ROWS", 4)
    monkeypatch.setattr(entity_pages, "MAX_QUOTES", 3)
    for name in entity_pages.MORE_ROWS:
        monkeypatch.setitem(entity_pages.MORE_ROWS, name, 3)


def _links(content: Path, path: str) -> list[str]:
    text = (content / path).read_text()
    return [str((Path(path).parent / m[1])) for m in LINK.finditer(text)]


def _resolved(content: Path, path: str) -> list[str]:
    import posixpath
    return [posixpath.normpath(link) for link in _links(content, path)]


@pytest.mark.slow
def test_a_large_wiki_is_cut_into_pages_that_hold_every_entry_and_link_each_other(
        project, settings_for, small_pages):
    from generator.resolve.export import graph_to_dict
    from generator.generate import generate

    graph = graph_to_dict(generate(settings_for(project)).graph)
    content = project / "content"
    events = {e["id"] for e in graph["events"] if e["page"]}
    # The timeline and the events index: each event on exactly one part, each part 4 at most.
    for overview, folder in (("timeline.md", "timeline"), ("events/index.md", "events/by-date")):
        parts = sorted(p for p in _resolved(content, overview) if p.startswith(folder + "/"))
        assert parts and all((content / p).is_file() for p in parts)
        assert set(parts) == {p.relative_to(content).as_posix() for p in (content / folder).glob("*.md")}
        listed = []
        for part in parts:
            found = [p for p in _resolved(content, part)
                     if p.startswith("events/") and p.count("/") == 1 and p != "events/index.md"]
            assert len(set(found)) <= 4, part
            listed += list(dict.fromkeys(found))
            # The hand-edit contract: front matter with the page's stamp, a generated region.
            text = (content / part).read_text()
            assert re.search(r"^briefing: part/", text, re.M) and "<!-- briefing:begin list -->" in text
            assert "exclude: true" in text.split("---")[1]      # listings stay out of search
        assert sorted(listed) == sorted(f"events/{e}.md" for e in events)
    # The actors index: every actor with a page on one part by name.
    parts = [p for p in _resolved(content, "actors/index.md") if p.startswith("actors/by-name/")]
    names = [p for part in parts for p in _resolved(content, part) if p.count("/") == 1 and p != "actors/index.md"]
    assert sorted(set(names)) == sorted(a["page"] for a in graph["actors"] if a["page"])
    # An actor with more events than its page keeps: the most recent ones on it, all on subpages.
    busiest = max(graph["actors"], key=lambda a: sum(a["id"] in e["actors"] for e in graph["events"]))
    own = sorted(e["id"] for e in graph["events"] if busiest["id"] in e["actors"] and e["page"])
    assert len(own) > 4
    page = busiest["page"]
    timeline = (content / page).read_text().split("## Timeline")[1].split("\n## ")[0]
    assert sum(line.startswith("| ") and "(../events/" in line for line in timeline.splitlines()) == 4
    newest = max((e for e in graph["events"] if busiest["id"] in e["actors"]), key=lambda e: e["date"] or "")
    assert newest["id"] in timeline
    first = f"{page[:-3]}/timeline.md"
    assert first in _resolved(content, page)
    subpages = sorted(p.relative_to(content).as_posix() for p in (content / page[:-3]).glob("timeline*.md"))
    assert len(subpages) > 1
    seen = set()
    for sub in subpages:
        links = _resolved(content, sub)
        assert page in links                            # back to the actor's page
        assert all((content / p).is_file() for p in links)
        seen |= {p for p in links if p.startswith("events/")}
    assert sorted(seen) == [f"events/{e}.md" for e in own]


@pytest.mark.slow
def test_the_seeds_are_not_cut(project, settings_for):
    from generator.generate import generate

    generate(settings_for(project))
    content = project / "content"
    for folder in ("timeline", "events/by-date", "actors/by-name", "sources/by-date", "agreements/by-name"):
        assert not (content / folder).exists(), folder
    assert not list(content.glob("actors/*/*.md"))
    assert "## March 2020" in (content / "timeline.md").read_text()


def _search_index(project: Path, settings, **overrides) -> list[dict]:
    """Material's search index of the project as built with these settings."""
    import json
    import os
    import subprocess
    import sys

    from generator.generate import generate

    for key, value in overrides.items():
        setattr(settings, key, value)
    generate(settings)
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project,
                           capture_output=True, text=True, env={**os.environ, "BRIEFING_SKIP_GENERATE": "1"})
    assert build.returncode == 0, build.stderr
    return json.loads((project / "site" / "search" / "search_index.json").read_text())["docs"]


def _words(text: str) -> str:
    """Text as search holds it: no tags, a link's text for the link, no escapes."""
    text = re.sub(r"\[((?:\\.|[^\]\\])*)\]\([^)]*\)", r"\1", re.sub(r"<[^>]+>", "", text))
    return " ".join(re.sub(r"\\(.)", r"\1", text).split())


@pytest.mark.slow
def test_search_takes_each_sentence_quoted_as_evidence_once_and_leaves_listings_out(project, settings_for):
    from generator.generate import generate

    settings = settings_for(project)
    graph = generate(settings).graph
    docs = _search_index(project, settings)
    pages = {d["location"].split("#")[0] for d in docs}
    assert not pages & {"timeline/", "events/", "actors/", "agreements/", "sources/", "graph/", "whats-new/"}
    text = " ".join(_words(d["text"]) for d in docs)      # a source's title may be its first sentence
    quoted = {" ".join(q.text.split()) for e in graph.events for q in e.quotes}
    quoted |= {" ".join(r.quote.text.split()) for a in graph.actors for r in a.roles}
    assert quoted
    for sentence in quoted:
        assert text.count(sentence[:60]) == 1, sentence     # on its source's page, and only there
    for actor in graph.actors:                              # names and aliases, each on its page
        if actor.page == "":
            continue        # no page of its own (named once): found in its source's text
        page = f"actors/{actor.id}/"
        found = " ".join(_words(d["title"] + " " + d["text"]) for d in docs if d["location"].startswith(page))
        assert actor.name in found and all(alias in found for alias in actor.aliases), actor.name


@pytest.mark.slow
def test_search_leaves_out_a_source_s_unquoted_text_when_told(project, settings_for):
    settings = settings_for(project)
    full = " ".join(_words(d["text"]) for d in _search_index(project, settings))
    light = " ".join(_words(d["text"]) for d in _search_index(project, settings, search_sources=False))
    assert len(light) < len(full)
    checked = 0
    for page in (project / "content" / "sources").glob("0*.md"):
        for attrs, body in re.findall(r'<span class="bw-s" id="s\d+"([^>]*)>(.*?)</span>', page.read_text()):
            probe = _words(body)[:50]
            assert probe in full
            if len(probe) == 50:
                assert (probe in light) == (attrs == ""), probe
                checked += 1
    assert checked

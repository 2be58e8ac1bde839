"""The What's new page, on small hand-made graphs: what a reader sees after a change."""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import replace

import markdown
import pytest

from generator.model import Actor, Event, Graph, Participant, Quote, Source
from generator.read.markers import touched
from generator.render.renderer import Renderer
from generator.render.whatsnew import STATE, WhatsNew, changes
from generator.write.merge import merge_page


def source(sid: str, title: str, date: str | None = None) -> Source:
    return Source(id=sid, path=f"{sid}.md", title=title, date=date, text=title, sha256=sid * 4)


def actor(aid: str, name: str, kind: str = "person", mentions: int = 1, sources=("a",)) -> Actor:
    return Actor(id=aid, name=name, type=kind, mentions=mentions, sources=tuple(sources),
                 quotes=(Quote(sources[0], 1, name),))


def event(eid: str, title: str, date: str | None, actors=()) -> Event:
    return Event(id=eid, title=title, date=date, precision="day" if date else None, date_text=None,
                 participants=tuple(Participant(a, "agent") for a in actors), place=None,
                 quotes=(Quote("a", 1, title),))


BEFORE = Graph(sources=(source("a", "First report", "2020-03-01"),),
               actors=(actor("ann-lee", "Ann Lee"), actor("old-party", "Old Party", "group")),
               events=(event("e1", "Ann Lee flies to Doha", "2020-03-01", ["ann-lee"]),), agreements=())
AFTER = Graph(sources=(source("a", "First report", "2020-03-01"), source("b", "Second report", "2020-04-02")),
              actors=(actor("ann-lee", "Ann Lee", mentions=2, sources=("a", "b")),
                      actor("bo-chen", "Bo Chen", sources=("b",))),
              events=(event("e1", "Ann Lee flies to Doha", "2020-03-01", ["ann-lee"]),
                      event("e2", "Bo Chen meets Ann Lee", "2020-04-02", ["bo-chen", "ann-lee"]),
                      event("e3", "Bo Chen speaks", None, ["bo-chen"])), agreements=())


def build(content, graph) -> str:
    """One build's What's new page: read the kept exports, render, record this graph."""
    news = WhatsNew(content, graph)
    page = news.page(Renderer(graph))
    news.save()
    return page.text


def test_whatsnew_lists_what_a_change_brought_with_links(tmp_path):
    build(tmp_path, BEFORE)
    text = build(tmp_path, AFTER)
    assert "**1 new source, 1 new actor, 2 new events; 1 page changed, 1 gone**" in text
    assert "- [Second report](sources/b.md) (2020-04-02)" in text
    assert "- [Bo Chen](actors/bo-chen.md) (person)" in text
    # Events in time order, undated last.
    assert text.index("**2020-04-02** [Bo Chen meets Ann Lee](events/e2.md)") < text.index(
        "**undated** [Bo Chen speaks](events/e3.md)")
    changed = text.split("*Changed actors*")[1].split("*Gone")[0]
    assert "[Ann Lee](actors/ann-lee.md)" in changed and "Doha" not in changed
    gone = text.split("*Gone: actors*")[1]
    # Its page is gone; its source is still there, so it is not a loss of sources.
    assert "Old Party: the sources no longer support it" in gone and "](actors/old-party.md)" not in gone


def test_whatsnew_stays_as_it_is_when_nothing_changed(tmp_path):
    build(tmp_path, BEFORE)
    first = build(tmp_path, AFTER)
    kept = {p.name: p.read_bytes() for p in (tmp_path / STATE).iterdir()}
    assert build(tmp_path, AFTER) == first
    assert build(tmp_path, AFTER) == first
    assert {p.name: p.read_bytes() for p in (tmp_path / STATE).iterdir()} == kept


def test_whatsnew_first_build_gives_counts_not_every_item(tmp_path):
    text = build(tmp_path, AFTER)
    assert "first build" in text and "2 sources" in text and "[actors](actors/index.md)" in text
    assert "bo-chen" not in text
    assert build(tmp_path, AFTER) == text


def test_whatsnew_broken_record_starts_afresh_and_then_holds(tmp_path):
    build(tmp_path, BEFORE)
    build(tmp_path, AFTER)
    (tmp_path / STATE / "graph.json").write_text("{ not json")
    text = build(tmp_path, AFTER)
    assert "first build" in text
    assert build(tmp_path, AFTER) == text


def test_whatsnew_regions_carry_valid_checksums(tmp_path):
    """A page the generator wrote must not look edited by hand on the next build."""
    for graph in (BEFORE, AFTER, BEFORE, BEFORE):
        assert not touched(build(tmp_path, graph))


def test_whatsnew_keeps_a_note_a_human_added(tmp_path):
    build(tmp_path, BEFORE)
    old = build(tmp_path, BEFORE).rstrip("\n") + "\n\nEditor's note: checked by hand.\n"
    new = build(tmp_path, AFTER)
    merged = merge_page(old, new)
    assert merged.conflicts == ()
    assert "Editor's note: checked by hand." in merged.text and "[Bo Chen](actors/bo-chen.md)" in merged.text


def test_whatsnew_names_from_sources_stay_text(tmp_path):
    hostile = Graph(sources=BEFORE.sources, actors=(actor("x", "<script>alert(1)</script>"),), events=(),
                    agreements=())
    build(tmp_path, BEFORE)
    arrived = markdown.markdown(build(tmp_path, hostile))
    went = markdown.markdown(build(tmp_path, AFTER))
    assert "<script" not in arrived and "&lt;script&gt;" in arrived
    assert "<script" not in went and "&lt;script&gt;" in went


def test_changes_counts_nothing_when_graphs_are_equal():
    from generator.resolve.export import graph_to_dict

    found = changes(graph_to_dict(AFTER), graph_to_dict(AFTER))
    assert found.summary() == "nothing new" and not found.first_build


def test_whatsnew_a_run_stopped_between_its_two_files_still_knows_the_last_graph(tmp_path):
    build(tmp_path, BEFORE)
    expected = build(tmp_path, AFTER)
    shutil.rmtree(tmp_path / STATE)
    build(tmp_path, BEFORE)
    # Stopped after graph.json became previous.json, before the new graph.json was written.
    os.replace(tmp_path / STATE / "graph.json", tmp_path / STATE / "previous.json")
    assert build(tmp_path, AFTER) == expected


@pytest.mark.parametrize("kept", [
    '{"schema": "briefing-graph/1", "actors": 5}',
    '{"schema": "briefing-graph/1", "actors": [5]}',
    '{"schema": "briefing-graph/1", "actors": [{"name": "Ann Lee"}]}',
    '{"schema": "briefing-graph/1", "events": [{"id": "e1", "title": "x", "date": 2020}, '
    '{"id": "e2", "title": "y", "date": "2020"}]}',
    '{"schema": "briefing-graph/1", "sources": {"id": "a"}}',
])
def test_whatsnew_record_of_the_wrong_shape_starts_afresh(tmp_path, kept):
    """A graph.json edited into valid JSON of another shape is as good as none: no crash."""
    (tmp_path / STATE).mkdir()
    (tmp_path / STATE / "graph.json").write_text(kept)
    text = build(tmp_path, AFTER)
    assert "first build" in text
    assert build(tmp_path, AFTER) == text


# --- the history and its feed ------------------------------------------------------------

ATOM = os.path.join(os.path.dirname(__file__), "schemas", "atom.rng")
THIRD = Graph(sources=AFTER.sources[1:] + (source("c", "Third report", "2020-05-09"),),
              actors=(actor("ann-lee", "Ann Lee", mentions=3, sources=("b", "c")),
                      actor("bo-chen", "Bo Chen", sources=("b",)), actor("cy-diaz", "Cy Diaz", sources=("c",))),
              events=AFTER.events[1:], agreements=())


def history(tmp_path, *graphs, **hand) -> tuple[str, str]:
    """Builds of these graphs in turn: the last What's new page and its feed."""
    text = feed_text = ""
    for graph in graphs:
        news = WhatsNew(tmp_path)
        news.merged, news.by_hand = hand.get("merged", {}), hand.get("by_hand", set())
        news.see(graph)
        text = news.page(Renderer(graph)).text
        feed_text = news.feed_text()
        news.save()
    return text, feed_text


def headings(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("## Build")]


def test_whatsnew_keeps_one_entry_per_build_newest_first(tmp_path):
    text, _ = history(tmp_path, BEFORE, AFTER, THIRD)
    assert headings(text) == ["## Build 3 · sources up to 2020-05-09 {: #build-3 }",
                              "## Build 2 · sources up to 2020-04-02 {: #build-2 }",
                              "## Build 1 · sources up to 2020-03-01 {: #build-1 }"]
    third, second, first = text.split("## Build")[1:]
    assert "[Cy Diaz](actors/cy-diaz.md)" in third and "[Third report](sources/c.md)" in third
    assert "[Bo Chen](actors/bo-chen.md)" in second and "Cy Diaz" not in second
    assert "first build" in first
    # Gone with its only source: a loss of sources, told apart.
    assert "First report: removed from the sources folder" in third
    # A build that changes nothing adds no entry, and changes no byte.
    again, _ = history(tmp_path, THIRD)
    assert again == text


def test_whatsnew_tells_a_merge_by_hand_from_a_loss_of_sources(tmp_path):
    merged = replace(THIRD, actors=(replace(THIRD.actors[0], aliases=("Bo Chen",)),) + THIRD.actors[2:])
    text, _ = history(tmp_path, THIRD, merged, by_hand={"bo chen"})
    assert "Bo Chen: merged by hand into [Ann Lee](actors/ann-lee.md)" in text
    lost = replace(merged, sources=merged.sources[:1], actors=merged.actors[:1],
                   events=())
    text, _ = history(tmp_path, lost)
    assert "Cy Diaz: its sources are gone" in text


def test_whatsnew_keeps_the_last_hundred_builds(tmp_path):
    graphs = [replace(BEFORE, sources=(source("a", f"Report {n}", "2020-03-01"),)) for n in range(103)]
    text, feed_text = history(tmp_path, *graphs)
    assert len(headings(text)) == 100 and headings(text)[0].startswith("## Build 103 ")
    assert headings(text)[-1].startswith("## Build 4 ")
    assert feed_text.count("<entry>") == 100


def test_whatsnew_dates_builds_by_their_sources_never_the_clock(tmp_path, monkeypatch):
    undated = replace(BEFORE, sources=(source("a", "First report"),))
    _, feed_text = history(tmp_path / "one", undated, replace(undated, actors=BEFORE.actors[:1]))
    assert "<updated>1970-01-01T00:00:02Z</updated>" in feed_text
    # Same state, same graphs: same bytes, whatever the time.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "2000000000")
    _, again = history(tmp_path / "two", undated, replace(undated, actors=BEFORE.actors[:1]))
    assert again == feed_text


def test_whatsnew_feed_is_valid_atom_with_the_pages_entries(tmp_path):
    from lxml import etree

    text, feed_text = history(tmp_path, BEFORE, AFTER, THIRD)
    schema = etree.RelaxNG(etree.parse(ATOM))
    document = etree.fromstring(feed_text.encode())
    assert schema.validate(document), schema.error_log
    atom = {"a": "http://www.w3.org/2005/Atom"}
    ids = [e.text for e in document.findall("a:entry/a:id", atom)]
    assert [i.rpartition("#")[2] for i in ids] == ["build-3", "build-2", "build-1"]
    assert document.findtext("a:updated", namespaces=atom) == "2020-05-09T00:00:00Z"
    assert "[Atom feed](whats-new.xml)" in text
    # Names from the sources are escaped in the feed as on the page.
    hostile = replace(THIRD, sources=THIRD.sources + (source("d", "<script>x</script> & co", "2020-06-01"),))
    _, feed_text = history(tmp_path, hostile)
    assert schema.validate(etree.fromstring(feed_text.encode())), schema.error_log


@pytest.mark.slow
def test_whatsnew_three_builds_through_generate_keep_three_entries_and_a_valid_feed(tmp_path):
    import subprocess
    import sys

    from lxml import etree

    from tests.test_corrections import STORY, build, make_project, set_keys

    root = make_project(tmp_path, story=STORY)
    build(root)
    (root / "seeds" / "talks.txt").write_text("date 2021-06-01 Peru and Bolivia held talks in Lima on Friday.\n")
    build(root)
    # A human merges an actor by hand: told as such, not as facts the sources dropped.
    set_keys(root / "content/actors/peru.md", "same_as: [Bolivia]")
    build(root)
    text = (root / "content/whats-new.md").read_text()
    assert [h.split(" {")[0] for h in headings(text)] == [
        "## Build 3 · sources up to 2021-06-01", "## Build 2 · sources up to 2021-06-01",
        "## Build 1 · sources up to 2021-04-20"]
    assert "Bolivia: merged by hand into [Peru](actors/peru.md)" in text
    assert "[Lima](actors/lima.md)" in text.split("## Build 2")[1]
    feed_text = (root / "content/whats-new.xml").read_bytes()
    schema = etree.RelaxNG(etree.parse(ATOM))
    assert schema.validate(etree.fromstring(feed_text)), schema.error_log
    assert feed_text.count(b"<entry>") == 3
    build(root)
    assert (root / "content/whats-new.xml").read_bytes() == feed_text
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace("site_name: t\n", "site_name: t\ndocs_dir: content\n"))
    site = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=root,
                          capture_output=True, text=True,
                          env={**os.environ, "BRIEFING_SKIP_GENERATE": "1", "NO_MKDOCS_2_WARNING": "1"})
    assert site.returncode == 0, site.stderr
    assert (root / "site/whats-new.xml").read_bytes() == feed_text


@pytest.mark.parametrize("damaged", [
    {"build": 3, "first": True},
    {"build": 3, "summary": "x", "status": [1]},
    {"build": 3, "summary": "x", "more_new": {"actors": "many"}},
    {"build": True, "summary": "x"},
])
def test_a_damaged_history_entry_is_dropped_not_a_crash(damaged):
    from generator.render.whatsnew import _entries

    good = {"build": 2, "summary": "1 new source", "new": {}, "status": []}
    assert _entries(json.dumps({"entries": [damaged, good]})) == [good]


def test_an_event_that_loses_its_page_is_not_said_hidden_by_hand():
    from generator.render.whatsnew import entry

    event = {"id": "e1", "title": "Talks", "date": None, "page": "events/e1.md", "quotes": [{"source": "a"}]}
    previous = {"sources": [{"id": "a"}, {"id": "b"}], "events": [event]}
    now = {"sources": [{"id": "a"}], "events": [{**event, "page": None}]}
    told = entry(previous, now, 2)["removed"]["events"][0]["why"]
    assert told != "hidden by hand" and "quoted" in told
    assert entry(previous, now, 2, hidden={"event/e1"})["removed"]["events"][0]["why"] == "hidden by hand"


@pytest.mark.slow
def test_an_event_page_hidden_by_hand_is_said_hidden_in_whats_new(tmp_path):
    from generator.config import load_settings
    from generator.generate import generate
    from tests.conftest import generate_story

    generate_story(tmp_path, "date 2021-04-20 The Chilean Senate ratified the trade agreement with Vietnam "
                             "on Monday.\nPresident Gabriel Boric praised the vote in Valparaiso on Tuesday.\n")
    page = next((tmp_path / "content" / "events").glob("*boric*.md"))
    page.write_text(page.read_text().replace("---\n", "---\nhide: true\n", 1))
    settings = load_settings(tmp_path / "mkdocs.yml")
    settings.jobs = 1
    generate(settings)
    news = (tmp_path / "content" / "whats-new.md").read_text()
    assert "hidden by hand" in news and "no page of its own" not in news

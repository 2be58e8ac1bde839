"""The What's new page, on small hand-made graphs: what a reader sees after a change."""

from __future__ import annotations

import os
import shutil

import markdown
import pytest

from generator.merge import merge_page, touched
from generator.model import Actor, Event, Graph, Participant, Quote, Source
from generator.render import Renderer
from generator.whatsnew import STATE, WhatsNew, changes


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
    changed = text.split("## Changed pages")[1].split("## Gone")[0]
    assert "[Ann Lee](actors/ann-lee.md)" in changed and "Doha" not in changed
    gone = text.split("## Gone")[1]
    assert "Old Party (actor)" in gone and "](actors/old-party.md)" not in gone   # its page is gone


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
    from generator.export import graph_to_dict

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

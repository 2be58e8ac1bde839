"""Stable URLs: a page that moves leaves a redirect at its old address, to where it went."""

from __future__ import annotations

import json

import pytest

from generator.render.redirects import moves, redirect_file, redirect_page, resolve


def export(**kinds) -> dict:
    return {"schema": "briefing-graph/2", "sources": [], "actors": [], "events": [], "agreements": [], **kinds}


def actor(aid, name, page=None, aliases=()):
    return {"id": aid, "name": name, "aliases": list(aliases),
            "page": f"actors/{aid}.md" if page is None else page or None}


def event(eid, title, quotes=(("a", "Pompeo flew to Kabul."),)):
    return {"id": eid, "title": title, "page": f"events/{eid}.md",
            "quotes": [{"source": s, "text": t} for s, t in quotes]}


@pytest.mark.parametrize("before, after, merged, expected", [
    # Renamed by a human: followed by its stamp, its page is elsewhere.
    ([actor("taliban", "Taliban")], [actor("taliban", "Taliban", "actors/the-taliban.md")], {},
     {"actors/taliban.md": "actors/the-taliban.md"}),
    # Merged into another by a human's `aliases` or `same_as`: now one of its names.
    ([actor("doha", "Doha"), actor("qatar", "Qatar")], [actor("qatar", "Qatar", aliases=["Doha"])], {},
     {"actors/doha.md": "actors/qatar.md"}),
    # A new slug for the same name (another release of the generator).
    ([actor("u-s", "U.S.")], [actor("u-s-2", "U.S.")], {}, {"actors/u-s.md": "actors/u-s-2.md"}),
    # Hidden by a human: no page, no redirect.
    ([actor("trump", "Trump")], [actor("trump", "Trump", page="")], {}, {}),
    # Gone from the sources: nowhere to lead.
    ([actor("trump", "Trump")], [], {}, {}),
])
def test_redirects_moves_of_actors(before, after, merged, expected):
    assert moves(export(actors=before), export(actors=after), merged) == expected


def test_redirects_moves_of_events_merged_by_hand_or_retitled_by_the_sources():
    before = [event("e-visit", "Pompeo visits Kabul"), event("e-meet", "Pompeo meets Ghani",
                                                            [("b", "Pompeo met Ghani.")])]
    after = [event("e-visit", "Pompeo visits Kabul", [("a", "Pompeo flew to Kabul."), ("b", "Pompeo met Ghani.")])]
    assert moves(export(events=before), export(events=after), {"event/e-meet": "event/e-visit"}) == \
        {"events/e-meet.md": "events/e-visit.md"}
    # A new source retitles the event: a new slug, the same quotes.
    retitled = [event("e-trip", "Pompeo travels to Kabul")]
    assert moves(export(events=before[:1]), export(events=retitled), {}) == \
        {"events/e-visit.md": "events/e-trip.md"}


def test_redirects_follow_chains_and_give_way_to_pages():
    kept = {"actors/a.md": "actors/b.md", "actors/b.md": "actors/c.md", "actors/x.md": "actors/gone.md",
            "actors/loop1.md": "actors/loop2.md", "actors/loop2.md": "actors/loop1.md"}
    assert resolve(kept, {"actors/c.md"}) == {"actors/a.md": "actors/c.md", "actors/b.md": "actors/c.md"}
    # A page at the old address again: it is the page, not a redirect.
    assert resolve(kept, {"actors/c.md", "actors/a.md"}) == {"actors/b.md": "actors/c.md"}


def test_redirects_page_leads_to_the_new_address_relative_and_escaped():
    assert redirect_file("events/old.md", True) == "events/old/index.html"
    assert redirect_file("events/old.md", False) == "events/old.html"
    text = redirect_page("events/old.md", "actors/new.md", "<b>New</b> & co", True)
    assert 'url=../../actors/new/"' in text and json.dumps("../../actors/new/") in text
    assert "<b>New" not in text and "&lt;b&gt;New" in text
    flat = redirect_page("events/old.md", "events/new.md", "New", False)
    assert 'url=new.html"' in flat


@pytest.mark.slow
def test_redirects_after_a_merge_by_hand_and_back(tmp_path):
    from tests.test_corrections import EVENT_PAGE, SENATE, STORY, build, make_project, set_keys

    root = make_project(tmp_path, story=STORY)
    build(root)
    boric = "events/2021-04-20-gabriel-boric-praises-vote-in-valparaiso"
    set_keys(root / "content" / EVENT_PAGE, f"same_as: [{boric.rpartition('/')[2]}.md]")
    build(root)
    redirect = root / "content" / boric / "index.html"
    assert not (root / "content" / f"{boric}.md").exists()
    assert f"url=../{SENATE}/" in redirect.read_text()
    # The same build again: nothing moves.
    before = redirect.read_bytes()
    build(root)
    assert redirect.read_bytes() == before
    # Split again: the page is back at its address, the redirect goes.
    page = root / "content" / EVENT_PAGE
    page.write_text(page.read_text().replace(f"same_as: [{boric.rpartition('/')[2]}.md]\n", ""))
    build(root)
    assert (root / "content" / f"{boric}.md").exists() and not redirect.exists()


@pytest.mark.slow
def test_redirects_a_page_renamed_by_hand(tmp_path):
    from tests.test_corrections import STORY, build, make_project

    root = make_project(tmp_path, story=STORY)
    build(root)
    (root / "content/actors/chile.md").rename(root / "content/actors/republic-of-chile.md")
    graph = build(root)
    assert next(a for a in graph["actors"] if a["id"] == "chile")["page"] == "actors/republic-of-chile.md"
    assert "url=../republic-of-chile/" in (root / "content/actors/chile/index.html").read_text()


def test_a_recorded_move_that_leads_out_of_content_writes_no_file(tmp_path):
    from generator.render.redirects import write_redirects

    content = tmp_path / "wiki" / "content"
    (content / "actors").mkdir(parents=True)
    written = write_redirects(content, {"../../escaped.md": "actors/a.md", "actors/old.md": "actors/a.md"},
                              {"actors/a.md": "A"}, True)
    assert written == {"actors/old/index.html"}
    assert not any(tmp_path.rglob("escaped*"))

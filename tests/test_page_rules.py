"""Which actors and events get a page of their own: a reader finds the news among few pages,
and nothing a human wrote on a page is lost when its subject stops needing one. Documents
written for these tests, run through the real model."""

from __future__ import annotations

import json

import pytest

from generator.config import load_settings
from generator.generate import generate
from tests.conftest import generate_sources

STORY = ("date 2021-03-02 Harbour Logistics closed its depot in Leeds on March 1, cutting 300 jobs. "
         "Harbour Logistics blamed weak demand. \"It is a sad day,\" said Jane Roe, a driver at the "
         "depot. Sales fell in 2019, the company said.\n")


def graph_of(root) -> dict:
    return json.loads((root / "content" / ".briefing" / "graph.json").read_text(encoding="utf-8"))


def pages(root, folder: str) -> set[str]:
    return {p.stem for p in (root / "content" / folder).glob("*.md")} - {"index"}


@pytest.mark.slow
def test_a_name_said_once_in_passing_has_no_page_but_stays_in_the_export_and_the_text(tmp_path):
    generate_sources(tmp_path, {"a.txt": STORY})
    actors = {a["name"]: a for a in graph_of(tmp_path)["actors"]}
    assert actors["Jane Roe"]["page"] is None
    assert "jane-roe" not in pages(tmp_path, "actors")
    # the company, named twice and acting in a dated event, keeps its page
    assert actors["Harbour Logistics"]["page"] and "harbour-logistics" in pages(tmp_path, "actors")
    source = next((tmp_path / "content" / "sources").glob("*.md")).read_text(encoding="utf-8")
    assert "Jane Roe" in source and "actors/jane-roe" not in source


@pytest.mark.slow
def test_an_event_dated_only_to_a_year_has_no_page_and_one_dated_to_a_day_has(tmp_path):
    generate_sources(tmp_path, {"a.txt": STORY})
    events = graph_of(tmp_path)["events"]
    closed = [e for e in events if "close" in e["title"].lower()]
    fell = [e for e in events if "fall" in e["title"].lower() or "fell" in e["title"].lower()]
    assert closed and closed[0]["page"]
    assert fell and fell[0]["date"] == "2019" and fell[0]["page"] is None


@pytest.mark.slow
def test_a_page_a_human_wrote_on_is_kept_when_its_actor_needs_no_page_any_more(tmp_path):
    twice = STORY.replace("said Jane Roe, a driver at the depot.",
                          "said Jane Roe, a driver at the depot. Jane Roe has worked there for years.")
    generate_sources(tmp_path, {"a.txt": twice})
    page = tmp_path / "content" / "actors" / "jane-roe.md"
    assert page.exists()
    page.write_text(page.read_text(encoding="utf-8") + "\nInterviewed by our desk on March 2.\n", encoding="utf-8")
    (tmp_path / "seeds" / "a.txt").write_text(STORY, encoding="utf-8")
    settings = load_settings(tmp_path / "mkdocs.yml")
    settings.jobs = 1
    generate(settings)
    text = page.read_text(encoding="utf-8")
    assert "Interviewed by our desk on March 2." in text
    # still the actor's page, kept up to date: not an orphan the sources no longer mention
    assert "No longer in the sources" not in text and "sad day" in text
    # while an unedited page of an actor that needs none any more goes, and What's new says why
    news = (tmp_path / "content" / "whats-new.md").read_text(encoding="utf-8")
    assert "hidden by hand" not in news


@pytest.mark.slow
def test_an_undated_act_somewhere_has_a_page_when_it_is_the_story_s_news_and_not_deeper(tmp_path):
    story = ("Brenner Tools opens a plant in Leeds\n\nBrenner Tools opened a new plant in Leeds, the "
             "company said. The plant makes drills. Later, the firm's chairman Tom Okafor toured "
             "the plant. Okafor also visited a school in Bradford. Staff were trained in Halifax.\n")
    generate_sources(tmp_path, {"a.txt": story})
    events = graph_of(tmp_path)["events"]
    opened = [e for e in events if "open" in e["title"].lower() and e["place"] == "leeds"]
    visited = [e for e in events if "visit" in e["title"].lower() and e["place"] == "bradford"]
    trained = [e for e in events if "train" in e["title"].lower()]
    # the story's news: someone named acts somewhere, in its lead
    assert opened and opened[0]["page"] and opened[0]["date"] is None, [(e["title"], e["page"]) for e in events]
    # told deeper, undated, by one source: no page of its own ...
    assert visited and visited[0]["page"] is None
    assert not trained or trained[0]["page"] is None
    # ... its sentence stays quoted on the page of the one who acts in it
    okafor = (tmp_path / "content" / "actors" / "tom-okafor.md").read_text(encoding="utf-8")
    assert "visited a school in Bradford" in okafor

"""Events on documents written for these tests: one event however many sources report it,
the actor who acts rather than the words of a title, and reported speech as evidence."""

from __future__ import annotations

import pytest

from generator.generate import generate
from generator.resolve.export import graph_to_dict

pytestmark = pytest.mark.slow

FIRST = """date 2020-03-24 US Secretary of State Mike Pompeo visited Kabul on Monday. Afghan President Ashraf Ghani said that the Taliban had attacked a checkpoint in Kunduz.
"""
SECOND = """date 2020-03-25 Mike Pompeo visited Kabul and Doha on 23 March 2020, officials said. Ghani tweeted that talks would resume.
"""


@pytest.fixture
def graph(tmp_path, settings_for):
    (tmp_path / "mkdocs.yml").write_text("site_name: t\nplugins:\n  - briefing:\n      sources: seeds\n")
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "first.txt").write_text(FIRST)
    (tmp_path / "seeds" / "second.txt").write_text(SECOND)
    return graph_to_dict(generate(settings_for(tmp_path)).graph)


def test_two_sources_reporting_one_visit_make_one_event_with_both_quotes(graph):
    visits = [e for e in graph["events"] if "visit" in e["title"].lower()]
    assert len(visits) == 1
    [visit] = visits
    assert visit["date"] == "2020-03-23" and visit["date_precision"] == "day"
    assert {q["source"] for q in visit["quotes"]} == {"first", "second"}
    assert visit["title"] == "Mike Pompeo visits Kabul"


def test_a_country_in_a_title_is_not_a_participant(graph):
    [visit] = [e for e in graph["events"] if "visit" in e["title"].lower()]
    assert "united-states" not in visit["actors"]


def test_reported_speech_is_evidence_not_an_event(graph):
    titles = [e["title"] for e in graph["events"]]
    assert "Taliban attacks checkpoint in Kunduz" in titles
    assert not any(t.startswith(("Ashraf Ghani says", "Ghani says", "Ashraf Ghani tweets")) for t in titles)
    [attack] = [e for e in graph["events"] if e["title"].startswith("Taliban attacks")]
    assert "ashraf-ghani" in attack["actors"]          # who said so, as a witness

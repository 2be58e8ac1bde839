"""Dates reach their events through the sentence's structure, on a document written for
these tests: participles, fronted adverbials, clock times with a day, "today", nominal
events, and statements dated by their report."""

from __future__ import annotations

import pytest

from generator.resolve.export import graph_to_dict
from tests.conftest import generate_story

pytestmark = pytest.mark.slow

STORY = """date 2020-03-23 On March 3rd, Taliban fighters attacked a checkpoint in Kunduz.
The take-off of the Airbus A380, at 12:00 UTC Monday, was watched by thousands.
Today Mike Pompeo flew to Kabul.
Saturday's opening ceremony in Doha drew large crowds.
The February 29th deal between the United States and the Taliban was praised by NATO.
The power-sharing accord signed on March 1st by Ashraf Ghani and Abdullah Abdullah collapsed last week.
Pre-orders of the new phone began on Tuesday.
NATO announced that it would send observers.
"""


@pytest.fixture(scope="module")
def events(tmp_path_factory):
    return graph_to_dict(generate_story(tmp_path_factory.mktemp("dates"), STORY).graph)["events"]


def _one(events, *words):
    found = [e for e in events if all(e["title"].lower().startswith(w[1:]) if w[0] == "^"
                                      else w in e["title"].lower() for w in words)]
    assert len(found) == 1, [e["title"] for e in events]
    return found[0]


@pytest.mark.parametrize("words, date, text", [
    (("taliban", "attack"), "2020-03-03", "March 3rd"),          # fronted adverbial
    (("take-off",), "2020-03-23", "12:00 UTC Monday"),           # clock time with a day
    (("pompeo", "kabul"), "2020-03-23", "Today"),                # "today" in a dated story
    (("opening ceremony",), "2020-03-21", "Saturday"),           # nominal event, possessive date
    (("^deal between",), "2020-02-29", "February 29th"),         # nominal event, date before the noun
    (("ghani", "sign"), "2020-03-01", "March 1st"),              # participle modifying a noun
    (("orders", "begin"), "2020-03-17", "Tuesday"),              # named subject, no actor
])
def test_a_date_reaches_its_event(events, words, date, text):
    event = _one(events, *words)
    assert (event["date"], event["date_text"], event["date_basis"]) == (date, text, "text")


def test_a_date_describing_a_noun_does_not_date_the_verb(events):
    """NATO praised the deal some time; the deal is of February 29th."""
    praise = _one(events, "nato", "praise")
    assert praise["date"] != "2020-02-29"


def test_a_statement_without_a_time_takes_its_report_date_said_so(events):
    statement = [e for e in events if e["title"].startswith("NATO announces")]
    for event in statement:
        assert event["date"] is None or event["date_basis"] == "report"

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
Boeing has lost 20 percent of its value since January.
Since February, Airbus has hired 500 engineers.
Lufthansa posted its biggest loss since the September 11, 2001, attacks.
Airbus gained 2 percent, after a large loss on Monday.
Lufthansa cut 300 jobs before February.
Boeing shares remained above their November 20, 2019 low of 161.
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


@pytest.mark.parametrize("words", [("boeing", "lose"), ("airbus", "hire"), ("lufthansa", "post"),
                                   ("airbus", "gain"), ("lufthansa", "cut")])
def test_a_date_after_since_after_or_before_dates_nothing(events, words):
    """"Lost 20 percent since January" is no loss of January: the date is where the losing
    began. A gain after Monday's loss, or cuts before February, are of no day the text gives."""
    event = _one(events, *words)
    assert event["date_basis"] != "text" and event["date_text"] is None


def test_a_date_that_is_something_s_dates_that_thing_not_the_action(events):
    """"Remained above their November 20, 2019 low": the low is of that day, the staying not."""
    assert not [e["title"] for e in events if e["date"] == "2019-11-20"]


def test_a_statement_without_a_time_takes_its_report_date_said_so(events):
    statement = [e for e in events if e["title"].startswith("NATO announces")]
    for event in statement:
        assert event["date"] is None or event["date_basis"] == "report"


# A wire story: headline, date line, lead. The lead's present perfect is the day's news; the
# same tense deeper in the story, or a simple past in the lead, may be any day before.
WIRE = {
    "tanker.txt": """date 2008-03-27 Airbus parent EADS in tanker news
March 27, 2008
EADS has won a contract to supply aerial refueling tankers to the Royal Air Force.
Boeing has hired 300 engineers in Seattle.
""",
    "travel.txt": """date 2008-03-29 Tanker talks
Pompeo flew to Kabul, although US officials have cut back most international travel.
""",
    "hires.txt": """date 2008-03-28 Aircraft makers
Lockheed hired 200 engineers in Texas.
Lockheed has not won the contract.
""",
}


@pytest.fixture(scope="module")
def wire(tmp_path_factory):
    from tests.conftest import generate_sources

    return graph_to_dict(generate_sources(tmp_path_factory.mktemp("wire"), WIRE).graph)["events"]


def test_a_lead_told_in_the_present_perfect_is_the_news_of_its_story_date(wire):
    won = _one(wire, "eads", "win")
    assert (won["date"], won["date_basis"]) == ("2008-03-27", "report")


@pytest.mark.parametrize("words", [("boeing", "hire"), ("lockheed", "hire"), ("lockheed", "win"),
                                   ("cuts back", "travel")])
def test_no_story_date_for_what_is_past_deeper_in_the_story_or_not_done(wire, words):
    """Deeper than the lead, in a simple past, negated, or in a clause in the background of the
    lead's news: when it happened is not said."""
    assert _one(wire, *words)["date"] is None

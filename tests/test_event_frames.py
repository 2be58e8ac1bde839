"""An action told through another verb ("will continue to expand", "did not manage to sell",
"is going to close", "began to cut jobs in mid-2009") is one event, with the framing verb's
modality and time: never a second event that states the action as done."""

from __future__ import annotations

import pytest

from tests.conftest import event_titled, story_events

pytestmark = pytest.mark.slow

STORY = """date 2010-10-05 Siemens will continue to expand in Asia.
Bosch did not manage to sell the Berlin plant.
Nokia would like to buy Ericsson.
Philips is going to close its Dutch factory.
Ryanair went to Dublin to lease planes.
Airbus did not hesitate to sue Boeing.
Earlier this year, Samsung managed to outsell Apple.
Alcatel began to cut jobs in mid-2009.
If Volvo starts to sell trucks in India, Tata will respond.
Fiat never began building the plant in Turin.
Todd Tiahrt said: We should have an American tanker built by Lockheed.
Continental will buy the factory built by Daimler in 1990.
Best Buy did not appear to be having the same problems.
Tim Cook was recommended by Steve Jobs to take over as CEO.
Vodafone considered selling its German branch.
"""


@pytest.fixture(scope="module")
def events(tmp_path_factory):
    return story_events(tmp_path_factory.mktemp("frames"), STORY)


@pytest.mark.parametrize("words, modality", [
    (("siemens", "expand"), "planned"),         # will continue to
    (("bosch", "sell"), "negated"),             # did not manage to
    (("nokia", "buy"), "planned"),              # would like to
    (("philips", "close"), "planned"),          # is going to
    (("volvo", "sell"), "planned"),             # if ... starts to
    (("fiat", "build"), "negated"),             # never began
    (("samsung", "outsell"), "happened"),       # managed to
    (("alcatel", "cut"), "happened"),           # began to
    (("lockheed", "build"), "planned"),         # should have it built by
    (("daimler", "build"), "happened"),         # the factory built in 1990, whatever is to come
    (("best buy", "problems"), "negated"),      # did not appear to be having
    (("vodafone to sell",), "planned"),         # considered selling
    (("vodafone considers",), "happened"),      # but it did consider it
])
def test_one_event_with_the_framing_verbs_modality(events, words, modality):
    assert event_titled(events, *words)["modality"] == modality


def test_a_framing_verb_makes_no_event_of_its_own(events):
    titles = [e["title"].lower() for e in events]
    assert not [t for t in titles if "like" in t or "goes to close" in t], titles


def test_a_journey_and_a_hesitation_are_not_frames(events):
    """"went to Dublin to lease" went; "did not hesitate to sue" sued."""
    assert event_titled(events, "ryanair", "dublin")["modality"] == "happened"
    sued = [e for e in events if "sues boeing" in e["title"].lower()]
    assert [e["modality"] for e in sued] == ["happened"]


@pytest.mark.parametrize("words, date", [
    (("samsung", "outsell"), "2010"),           # "Earlier this year", on the framing verb
    (("alcatel", "cut"), "2009"),               # "in mid-2009", in the action's words
    (("daimler", "build"), "1990"),
])
def test_the_time_of_a_framed_action(events, words, date):
    assert event_titled(events, *words)["date"] == date


def test_who_is_told_to_act_acts(events):
    """"Cook was recommended by Jobs to take over": Cook is to take over, Jobs is not."""
    taking_over = [e for e in events if e["title"].lower().startswith("tim cook")]
    assert [(e["actors"], e["modality"]) for e in taking_over] == [(["tim-cook"], "planned")]

"""A story told in order stays at the day it last named: what it tells next in the simple past,
with no time of its own, happened that day; until the story names another time, turns to the
present, or has moved on a paragraph. Stories written for these tests."""

from __future__ import annotations

import pytest

from tests.conftest import event_titled, story_events

pytestmark = pytest.mark.slow

LEAD = "date 2009-03-06 US stocks dropped to twelve-year lows on Thursday. "


def test_the_next_step_told_in_the_past_takes_the_day_the_story_named(tmp_path):
    events = story_events(tmp_path, LEAD + "The Nasdaq Composite lost 54 points.\n")
    lost = event_titled(events, "nasdaq")
    assert (lost["date"], lost["date_text"], lost["date_basis"]) == ("2009-03-05", "Thursday", "story")
    # Its date is the story's, not words of its own: no page for it on that alone.
    assert lost["page"] is None


def test_an_earlier_past_is_not_that_day(tmp_path):
    events = story_events(tmp_path, LEAD + "The Nasdaq Composite had lost 54 points.\n")
    assert event_titled(events, "nasdaq")["date"] is None


def test_a_denial_or_a_plan_is_not_dated_by_the_story(tmp_path):
    events = story_events(tmp_path, LEAD + "The Nasdaq Composite did not lose ground. "
                                           "The Federal Reserve will cut its rate.\n")
    assert event_titled(events, "nasdaq")["date"] is None
    assert event_titled(events, "federal reserve")["date"] is None


def test_another_time_named_in_between_moves_the_story(tmp_path):
    events = story_events(tmp_path, LEAD + "Last year the index fell by a third. "
                                           "The Nasdaq Composite lost 54 points.\n")
    assert event_titled(events, "nasdaq")["date"] is None


def test_a_turn_to_the_present_in_between_leaves_the_day(tmp_path):
    events = story_events(tmp_path, LEAD + "The Federal Reserve has lowered its rate. "
                                           "The Nasdaq Composite lost 54 points.\n")
    assert event_titled(events, "nasdaq")["date"] is None


def test_a_paragraph_on_the_day_is_left(tmp_path):
    filler = "Goldman Sachs sold shares. Morgan Stanley bought bonds. Citigroup raised its forecasts. "
    events = story_events(tmp_path, LEAD + filler + "The Nasdaq Composite lost 54 points.\n")
    assert event_titled(events, "nasdaq")["date"] is None
    assert event_titled(events, "goldman")["date"] == "2009-03-05"


def test_a_statement_in_between_keeps_the_day(tmp_path):
    events = story_events(tmp_path, LEAD + "Analysts at Barclays said the market was weak. "
                                           "The Nasdaq Composite lost 54 points.\n")
    assert event_titled(events, "nasdaq")["date"] == "2009-03-05"


def test_a_day_named_in_the_background_is_not_the_story_s(tmp_path):
    """"which had lost 5% on Monday" goes back before the story's time: it does not set it."""
    events = story_events(tmp_path, "date 2009-03-06 Citigroup, which had lost 5% on Monday, recovered. "
                                    "The Nasdaq Composite lost 54 points.\n")
    assert event_titled(events, "nasdaq")["date"] is None


def test_the_page_says_which_words_and_sentence_the_day_comes_from(tmp_path):
    """Placed as well as dated, the event has a page, whose When line says where its day is
    read: the words, their sentence and the source's date."""
    from tests.conftest import generate_story

    report = generate_story(tmp_path, LEAD + "The Nasdaq Composite lost 54 points in New York.\n")
    [event] = [e for e in report.graph.events if "Nasdaq" in e.title]
    page = (tmp_path / "content" / f"events/{event.id}.md").read_text(encoding="utf-8")
    assert '**When** 2009-03-05 (day), from "Thursday" in sentence 1 of a source dated 2009-03-06, ' \
           "which goes on to tell this in the past with no time of its own" in page


def test_a_time_that_dates_nothing_does_not_move_the_story(tmp_path):
    events = story_events(tmp_path, LEAD + "Trading volume was the highest since October 2008. "
                                           "The Nasdaq Composite lost 54 points.\n")
    assert event_titled(events, "nasdaq")["date"] == "2009-03-05"

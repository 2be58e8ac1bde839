"""A date reaches its event with the year or day its verb's tense gives, in stories written for
these tests: a past month-day is last year's, "a week ago" is a day, and a story's dateline
says which day "the day" is."""

from __future__ import annotations

import pytest

from tests.conftest import event_titled, story_events

pytestmark = pytest.mark.slow


def test_a_past_signing_on_a_day_ahead_in_the_calendar_is_last_year(tmp_path):
    events = story_events(tmp_path, "date 2021-04-20 The accord signed on June 3rd by Chile and "
                                    "Vietnam cut tariffs. Chile and Vietnam will meet again on June 9th.\n")
    assert event_titled(events, "sign", "accord")["date"] == "2020-06-03"
    meet = event_titled(events, "meet")
    assert (meet["date"], meet["modality"]) == ("2021-06-09", "planned")


def test_a_week_ago_dates_the_event_it_governs(tmp_path):
    events = story_events(tmp_path, "date 2011-03-18 Shares in Tokyo fell another 1.4 % on Thursday "
                                    "after the earthquake hit the country a week ago.\n")
    quake = event_titled(events, "earthquake")
    assert (quake["date"], quake["date_text"]) == ("2011-03-11", "a week ago")
    assert event_titled(events, "shares")["date"] == "2011-03-17"


def test_the_dateline_says_which_day_the_day_is(tmp_path):
    """Filed on the 18th, the story's dateline says the 10th."""
    events = story_events(tmp_path, "date 2011-03-18 Banks lead a rally in Asian markets\n"
                                    "March 10 , 2011\n"
                                    "Banks led the gains at the start of the day, traders said.\n")
    gains = event_titled(events, "gains")
    assert (gains["date"], gains["date_text"]) == ("2011-03-10", "the start of the day")


def test_a_day_told_as_done_just_after_the_story_date_is_that_day(tmp_path):
    """An editorial for the next morning's paper, dated the evening before: said on the 25th,
    not on the 25th a year before; nor is it a plan, being told as done."""
    events = story_events(tmp_path, "date 1998-04-24 The New York Times criticized the court in an "
                                    "editorial on Saturday, April 25.\n")
    said = event_titled(events, "criticize")
    assert (said["date"], said["modality"]) == ("1998-04-25", "happened")
